#include "policy/planner.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "core/canonical_json.h"
#include "core/sha256.h"
#include "policy/internal/pack_program.h"

namespace tf::policy {
namespace {

// Writes a document into a buffer sized in advance for it: plain copies, no capacity checks or
// out-of-line appends per piece (a plan is a few hundred small pieces).
class DocWriter {
 public:
  // REQUIRES: `out` is long enough for everything written (the caller sizes it).
  explicit DocWriter(std::string& out, size_t from = 0) : out_(out), at_(out.data() + from) {}
  void Put(std::string_view s) {
    // Most pieces are short (ids, separators): copied by two overlapping fixed-size moves
    // rather than a call to memcpy.
    const size_t n = s.size();
    if (n >= 8 && n <= 16) {
      std::memcpy(at_, s.data(), 8);
      std::memcpy(at_ + n - 8, s.data() + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(at_, s.data(), 4);
      std::memcpy(at_ + n - 4, s.data() + n - 4, 4);
    } else if (n > 0 && n < 4) {
      at_[0] = s[0];
      at_[n / 2] = s[n / 2];
      at_[n - 1] = s[n - 1];
    } else {
      std::memcpy(at_, s.data(), n);
    }
    at_ += n;
  }
  void Put(char c) { *at_++ = c; }
  // An integer below 2^53 as RFC 8785 writes it: plain digits.
  void PutCount(uint64_t n) { at_ = std::to_chars(at_, at_ + kMaxDigits, n).ptr; }
  size_t size() const { return static_cast<size_t>(at_ - out_.data()); }

  static constexpr size_t kMaxDigits = 20;

 private:
  std::string& out_;
  char* at_;
};

Result<std::string> EntriesJson(const std::vector<PredicateEntry>& entries) {
  std::vector<Value> texts;
  for (const PredicateEntry& e : entries)
    texts.push_back(Value::String(e.text));
  return CanonicalJson(Value::Array(std::move(texts)));
}

}  // namespace

namespace internal {

Result<PlanFragments> MakePlanFragments(const Manifest& manifest, const std::string& pack_hash) {
  PlanFragments f;
  std::vector<uint32_t> by_id;
  for (uint32_t i = 0; i < manifest.rules.size(); ++i) {
    const RuleSpec& rule = manifest.rules[i];
    TF_ASSIGN_OR_RETURN(std::string id, CanonicalJson(Value::String(rule.id)));
    TF_ASSIGN_OR_RETURN(std::string reason, EntriesJson(rule.activation));
    f.reason_entry.push_back(id + ":" + reason);
    f.id_json.push_back(std::move(id));
    by_id.push_back(i);
  }
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t a, uint32_t b) { return manifest.rules[a].id < manifest.rules[b].id; });
  f.id_rank.resize(by_id.size());
  for (uint32_t rank = 0; rank < by_id.size(); ++rank)
    f.id_rank[by_id[rank]] = rank;
  std::vector<uint32_t> by_cost = by_id;
  std::stable_sort(by_cost.begin(), by_cost.end(), [&](uint32_t a, uint32_t b) {
    return manifest.rules[a].cost < manifest.rules[b].cost;
  });
  f.cost_rank.resize(by_cost.size());
  for (uint32_t rank = 0; rank < by_cost.size(); ++rank)
    f.cost_rank[by_cost[rank]] = rank;
  TF_ASSIGN_OR_RETURN(std::string hash, CanonicalJson(Value::String(pack_hash)));
  TF_ASSIGN_OR_RETURN(std::string id, CanonicalJson(Value::String(manifest.id)));
  f.pack_hash_field = "\"pack_hash\":" + hash;
  f.policy_id_field = "\"policy_id\":" + id;
  return f;
}

}  // namespace internal

namespace {

// Sort keys that carry their payload in the low half, so ordering is a sort of integers with
// no comparator indirection and no temporary buffer (a stable sort allocates one): rule id
// ranks, costs (at most kMaxRuleCost) and selection positions are all below 2^32.
constexpr int kKeyShift = 32;
constexpr uint64_t kLowMask = (uint64_t{1} << kKeyShift) - 1;
static_assert(kMaxRuleCost <= kLowMask && kMaxRules <= kLowMask);

// Upper bounds for sizing a plan document: the fixed text (keys, brackets, cost_sum), and per
// rule, besides its id three times and its reason entry: separators and a cost.
constexpr size_t kFixedSize = 128 + DocWriter::kMaxDigits;
constexpr size_t kPerRuleSize = 8 + DocWriter::kMaxDigits;
// ,"plan_hash":"<64 hex digits>"
constexpr size_t kPlanHashFieldSize = 14 + 64 + 1;

uint64_t SortKey(uint64_t high, uint64_t low) {
  return (high << kKeyShift) | low;
}
uint32_t KeyLow(uint64_t key) {
  return static_cast<uint32_t>(key & kLowMask);
}

// A selection of at least 1/kDenseSelection of the pack is put in order by placing each rule
// at its rank among the pack's rules (one pass over them, no comparisons to mispredict); a
// smaller one is sorted.
constexpr size_t kDenseSelection = 8;
constexpr uint32_t kNotSelected = UINT32_MAX;

// Appends SortKey(rank, item) for items [0, count) in the order of their ranks (each below
// `num_ranks`), by placing each item at its rank; false, appending nothing, if two items share
// a rank.
template <typename RankOf>
bool PlaceByRank(size_t num_ranks, size_t count, RankOf rank_of, std::vector<uint64_t>& out) {
  std::vector<uint32_t> at_rank(num_ranks, kNotSelected);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t& at = at_rank[rank_of(i)];
    if (at != kNotSelected) return false;
    at = i;
  }
  // Every rank is written at the end of the list so far, which moves past placed items only
  // (the one extra element takes the writes after the last).
  const size_t from = out.size();
  out.resize(from + count + 1);
  size_t end = from;
  for (uint32_t rank = 0; rank < num_ranks; ++rank) {
    out[end] = SortKey(rank, at_rank[rank]);
    end += at_rank[rank] != kNotSelected;
  }
  out.resize(end);
  return true;
}

// The selection's positions in rule id order (as sort keys: id rank, position). Fails like
// CheckSelection on a rule index out of range, a rule named twice or a cost above the maximum.
Status SortById(const CompiledPack& pack, const internal::PlanFragments& f,
                std::span<const SelectedRule> selection, std::vector<uint64_t>& by_id) {
  by_id.clear();
  for (const SelectedRule& s : selection) {
    if (s.rule >= pack.num_rules()) {
      return Internal("selection names rule index " + std::to_string(s.rule));
    }
    if (s.cost > kMaxRuleCost) return Status(ErrorCode::kOutOfRange, "cost above the maximum");
  }
  if (selection.size() * kDenseSelection >= pack.num_rules() &&
      PlaceByRank(
          f.id_rank.size(), selection.size(),
          [&](uint32_t i) { return f.id_rank[selection[i].rule]; }, by_id)) {
    return Status();
  }
  by_id.clear();
  for (uint32_t i = 0; i < selection.size(); ++i)
    by_id.push_back(SortKey(f.id_rank[selection[i].rule], i));
  std::sort(by_id.begin(), by_id.end());
  for (size_t i = 1; i < by_id.size(); ++i) {
    if ((by_id[i] >> kKeyShift) == (by_id[i - 1] >> kKeyShift)) {
      return Internal("selection names rule " + pack.rule(selection[KeyLow(by_id[i])].rule).id +
                      " twice");
    }
  }
  return Status();
}

}  // namespace

// Writes the plan document in RFC 8785 form directly: keys in the fixed order active_rules,
// cost, cost_sum, order, pack_hash, plan_hash, policy_id, reason (§3.2.3), rule ids in byte
// order, integers as plain digits (they stay below 2^53, §3.2.2.3). plan_hash is the SHA-256 of
// the document without it, then inserted in its place.
Result<Plan> Planner::Build(const CompiledPack& pack, std::span<const SelectedRule> selection) {
  const internal::PlanFragments& f = pack.program_->fragments;
  // keys[0, n): (id rank, selection position); keys[n, 2n): (cost or cost rank, position in id
  // order), so equal costs keep id order.
  std::vector<uint64_t> keys;
  keys.reserve(2 * selection.size() + 1);
  TF_RETURN_IF_ERROR(SortById(pack, f, selection, keys));
  const size_t n = keys.size();
  auto id_order = [&](size_t i) -> const SelectedRule& { return selection[KeyLow(keys[i])]; };
  // At the manifest's costs (the basic selector's), (cost, id) order is the pack's cost rank.
  bool manifest_costs = n * kDenseSelection >= pack.num_rules();
  for (size_t i = 0; manifest_costs && i < n; ++i)
    manifest_costs = id_order(i).cost == pack.rule_costs()[id_order(i).rule];
  if (!manifest_costs ||
      !PlaceByRank(
          f.cost_rank.size(), n, [&](uint32_t i) { return f.cost_rank[id_order(i).rule]; }, keys)) {
    keys.resize(n);
    for (uint32_t i = 0; i < n; ++i)
      keys.push_back(SortKey(id_order(i).cost, i));
    std::sort(keys.begin() + n, keys.end());
  }
  std::span<const uint64_t> by_cost(keys.data() + n, n);
  auto cost_order = [&](size_t i) -> const SelectedRule& { return id_order(KeyLow(by_cost[i])); };

  Plan plan;
  plan.order.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const SelectedRule& s = cost_order(i);
    plan.order.push_back({s.rule, s.cost});
    plan.cost_sum += s.cost;  // at most kMaxRules * kMaxRuleCost < 2^53
  }
  // Custom reasons (a selector's own entries) are rare: written to JSON before sizing, into a
  // list that exists only when there is one.
  std::vector<std::string> custom;
  auto custom_reason = [&](size_t i) -> std::string_view {
    return custom.empty() ? std::string_view() : std::string_view(custom[i]);
  };
  size_t bound = kFixedSize + f.pack_hash_field.size() + f.policy_id_field.size();
  for (size_t i = 0; i < n; ++i) {
    const SelectedRule& s = id_order(i);
    if (s.activated_by != nullptr && !s.activated_by->empty() &&
        s.activated_by != &pack.rule(s.rule).activation) {
      if (custom.empty()) custom.resize(n);
      TF_ASSIGN_OR_RETURN(custom[i], EntriesJson(*s.activated_by));
    }
    bound += 3 * f.id_json[s.rule].size() + f.reason_entry[s.rule].size() +
             custom_reason(i).size() + kPerRuleSize;
  }
  std::string& doc = plan.canonical_json;
  doc.resize(bound + kPlanHashFieldSize);
  DocWriter w(doc);
  w.Put("{\"active_rules\":[");
  for (size_t i = 0; i < n; ++i) {
    if (i) w.Put(',');
    w.Put(f.id_json[id_order(i).rule]);
  }
  w.Put("],\"cost\":{");
  for (size_t i = 0; i < n; ++i) {
    if (i) w.Put(',');
    w.Put(f.id_json[id_order(i).rule]);
    w.Put(':');
    w.PutCount(id_order(i).cost);
  }
  w.Put("},\"cost_sum\":");
  w.PutCount(plan.cost_sum);
  w.Put(",\"order\":[");
  for (size_t i = 0; i < n; ++i) {
    if (i) w.Put(',');
    w.Put(f.id_json[cost_order(i).rule]);
  }
  w.Put("],");
  w.Put(f.pack_hash_field);
  const size_t plan_hash_at = w.size();
  w.Put(',');
  w.Put(f.policy_id_field);
  w.Put(",\"reason\":{");
  for (size_t i = 0; i < n; ++i) {
    const SelectedRule& s = id_order(i);
    if (i) w.Put(',');
    if (s.activated_by == nullptr || s.activated_by->empty()) {
      w.Put(f.id_json[s.rule]);
      w.Put(":[]");
    } else if (custom_reason(i).empty()) {
      w.Put(f.reason_entry[s.rule]);
    } else {
      w.Put(f.id_json[s.rule]);
      w.Put(':');
      w.Put(custom_reason(i));
    }
  }
  w.Put("}}");
  const size_t size = w.size();
  plan.plan_hash = DigestHex(Sha256(std::string_view(doc.data(), size)));
  // The plan_hash field goes in its place in the room left at the end: the rest moves up.
  std::memmove(doc.data() + plan_hash_at + kPlanHashFieldSize, doc.data() + plan_hash_at,
               size - plan_hash_at);
  DocWriter field(doc, plan_hash_at);
  field.Put(",\"plan_hash\":\"");
  field.Put(plan.plan_hash);
  field.Put('"');
  doc.resize(size + kPlanHashFieldSize);
  plan.pack_hash = pack.hash();
  return plan;
}

}  // namespace tf::policy

// Minimisation views applied to rows: the five transforms, hash keys and the report.
#include "policy/minimization.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <unordered_map>

#include "core/encoding.h"
#include "core/json.h"
#include "core/utf8.h"

namespace tf::policy {
namespace {

constexpr size_t kMinHashKeyBytes = 16;

Value Str(std::string_view s) {
  return Value::String(s);
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return HexEncode(std::span<const uint8_t>(digest, length));
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-DD" optionally followed by an RFC 3339 time ("T…"): the year and month, else
// nothing.
bool ParseDatePrefix(std::string_view s, std::string_view& year, std::string_view& month) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return false;
  year = s.substr(0, 4);
  month = s.substr(5, 2);
  std::string_view day = s.substr(8, 2);
  if (!IsDigits(year) || !IsDigits(month) || !IsDigits(day)) return false;
  int m = (month[0] - '0') * 10 + (month[1] - '0');
  int d = (day[0] - '0') * 10 + (day[1] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::string NumberBucket(const std::vector<Number>& bounds, const Number& n) {
  if (n.Compare(bounds.front()) < 0) return "<" + bounds.front().ToString();
  for (size_t i = 1; i < bounds.size(); ++i) {
    if (n.Compare(bounds[i]) < 0) {
      return "[" + bounds[i - 1].ToString() + "," + bounds[i].ToString() + ")";
    }
  }
  return ">=" + bounds.back().ToString();
}

// Applies one field transform to every row. top_k needs two passes (count, then replace).
class FieldApplier {
 public:
  FieldApplier(const ViewSpec& view, const FieldTransform& t, const HashKeys& keys,
               const RowOrigin& origin)
      : view_(view), t_(t), origin_(origin), path_(SplitPath(t.field)) {
    if (t.kind == TransformKind::kHash) key_ = keys.find(t.key)->second;
  }

  Result<uint64_t> Run(std::vector<Value>& rows) {
    if (t_.kind == TransformKind::kTopK) {
      counting_ = true;
      for (size_t i = 0; i < rows.size(); ++i)
        TF_RETURN_IF_ERROR(Visit(rows[i], 0, i));
      ChooseTopK();
      counting_ = false;
    }
    for (size_t i = 0; i < rows.size(); ++i)
      TF_RETURN_IF_ERROR(Visit(rows[i], 0, i));
    return changed_;
  }

 private:
  Status Invalid(size_t row, std::string_view what) const {
    uint64_t line = row < origin_.lines.size() ? origin_.lines[row] : row + 1;
    return Status(ErrorCode::kTransformInvalid, origin_.source + ":" + std::to_string(line) +
                                                    ": field " + t_.field + ": " +
                                                    std::string(what) + " (view " + view_.id + ")");
  }

  Status NotAnObject(const Value& node, size_t depth, size_t row) const {
    std::string prefix = "the row";
    for (size_t i = 0; i < depth; ++i)
      prefix = (i ? prefix + "." : std::string()) + std::string(path_[i]);
    return Invalid(row, prefix + " is " + std::string(node.TypeName()) + ", not an object");
  }

  // The value at `path_` in `node` (nullptr when absent or under a null), for counting.
  Result<const Value*> Lookup(const Value& node, size_t depth, size_t row) const {
    if (!node.is_object()) return NotAnObject(node, depth, row);
    const Value* child = node.Find(path_[depth]);
    if (child == nullptr || child->is_null() || depth + 1 == path_.size()) return child;
    return Lookup(*child, depth + 1, row);
  }

  // Walks `path_` from `depth` inside `node`, then transforms the value found.
  Status Visit(Value& node, size_t depth, size_t row) {
    if (counting_) {
      TF_ASSIGN_OR_RETURN(const Value* v, Lookup(node, depth, row));
      return v == nullptr || v->is_null() ? Status() : Count(*v, row);
    }
    if (!node.is_object()) return NotAnObject(node, depth, row);
    Value key = Str(path_[depth]);
    if (depth + 1 < path_.size()) {
      Value* child = node.ObjectFindMutable(key);
      if (child == nullptr || child->is_null()) return Status();
      return Visit(*child, depth + 1, row);
    }
    if (t_.kind == TransformKind::kDrop) {
      if (node.Find(key) == nullptr) return Status();
      std::vector<ObjectEntry> kept;
      for (const ObjectEntry& e : node.object()) {
        if (e.first != key) kept.push_back(e);
      }
      node = Value::ObjectFromSorted(std::move(kept));
      ++changed_;
      return Status();
    }
    Value* v = node.ObjectFindMutable(key);
    if (v == nullptr || v->is_null()) return Status();
    return Transform(*v, row);
  }

  Status Count(const Value& v, size_t row) {
    if (v.is_collection()) {
      return Invalid(row,
                     "top_k needs a string, number or boolean, got " + std::string(v.TypeName()));
    }
    ++counts_[v];
    return Status();
  }

  // Keeps the k values seen most often; ties go to the smaller value, so the result does not
  // depend on row order.
  void ChooseTopK() {
    std::vector<std::pair<Value, uint64_t>> ranked(counts_.begin(), counts_.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (size_t i = 0; i < ranked.size() && i < t_.k; ++i)
      top_.push_back(ranked[i].first);
  }

  Status Transform(Value& v, size_t row) {
    switch (t_.kind) {
      case TransformKind::kMask: {
        if (!v.is_string()) {
          return Invalid(row, "mask needs a string, got " + std::string(v.TypeName()));
        }
        std::u32string cps = ToCodePoints(v.string());
        // A value no longer than what would be kept is masked whole: keeping it would reveal it.
        size_t masked = cps.size() <= t_.keep ? cps.size() : cps.size() - t_.keep;
        std::fill(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(masked), U'*');
        v = Value::String(FromCodePoints(cps));
        break;
      }
      case TransformKind::kHash: {
        std::string text;
        if (v.is_string()) {
          text = v.string();
        } else if (v.is_number()) {
          text = v.number().ToString();
        } else {
          return Invalid(row, "hash needs a string or number, got " + std::string(v.TypeName()));
        }
        v = Value::String(HmacSha256Hex(key_, text));
        break;
      }
      case TransformKind::kBucket: {
        if (t_.granularity != DateGranularity::kNone) {
          std::string_view year, month;
          if (!v.is_string() || !ParseDatePrefix(v.string(), year, month)) {
            return Invalid(
                row, "bucket by " +
                         std::string(t_.granularity == DateGranularity::kYear ? "year" : "month") +
                         " needs a date (YYYY-MM-DD…), got " +
                         (v.is_string() ? "\"" + v.string() + "\"" : std::string(v.TypeName())));
          }
          v = Value::String(t_.granularity == DateGranularity::kYear
                                ? std::string(year)
                                : std::string(year) + "-" + std::string(month));
        } else {
          if (!v.is_number()) {
            return Invalid(row, "bucket needs a number, got " + std::string(v.TypeName()));
          }
          v = Value::String(NumberBucket(t_.bounds, v.number()));
        }
        break;
      }
      case TransformKind::kTopK: {
        if (std::find(top_.begin(), top_.end(), v) != top_.end()) return Status();
        v = Value::String(t_.other);
        break;
      }
      case TransformKind::kDrop:
        break;  // handled in Visit
    }
    ++changed_;
    return Status();
  }

  const ViewSpec& view_;
  const FieldTransform& t_;
  const RowOrigin& origin_;
  std::vector<std::string_view> path_;
  std::string key_;
  bool counting_ = false;
  std::unordered_map<Value, uint64_t, ValueHash> counts_;
  std::vector<Value> top_;
  uint64_t changed_ = 0;
};

}  // namespace

std::string_view TransformName(TransformKind kind) {
  switch (kind) {
    case TransformKind::kMask:
      return "mask";
    case TransformKind::kHash:
      return "hash";
    case TransformKind::kBucket:
      return "bucket";
    case TransformKind::kTopK:
      return "top_k";
    case TransformKind::kDrop:
      return "drop";
  }
  return "drop";
}

Value ViewToValue(const ViewSpec& view) {
  std::vector<ObjectEntry> fields;
  for (const FieldTransform& t : view.fields) {
    std::vector<ObjectEntry> params = {{Str("transform"), Str(TransformName(t.kind))}};
    switch (t.kind) {
      case TransformKind::kMask:
        params.emplace_back(Str("keep"), Value::FromNumber(Number::FromUint64(t.keep)));
        break;
      case TransformKind::kHash:
        params.emplace_back(Str("key"), Str(t.key));
        break;
      case TransformKind::kBucket:
        if (t.granularity != DateGranularity::kNone) {
          params.emplace_back(Str("granularity"),
                              Str(t.granularity == DateGranularity::kYear ? "year" : "month"));
        } else {
          std::vector<Value> bounds;
          for (const Number& n : t.bounds)
            bounds.push_back(Value::FromNumber(n));
          params.emplace_back(Str("bounds"), Value::Array(std::move(bounds)));
        }
        break;
      case TransformKind::kTopK:
        params.emplace_back(Str("k"), Value::FromNumber(Number::FromUint64(t.k)));
        params.emplace_back(Str("other"), Str(t.other));
        break;
      case TransformKind::kDrop:
        break;
    }
    fields.emplace_back(Str(t.field), Value::Object(std::move(params)));
  }
  return Value::Object({{Str("description"), Str(view.description)},
                        {Str("fields"), Value::Object(std::move(fields))}});
}

Result<HashKeys> ParseHashKeys(std::string_view json_text, std::string_view file) {
  Result<Value> doc = ParseJson(json_text);
  if (!doc.ok()) {
    return Status(ErrorCode::kInvalidArgument,
                  std::string(file) + ": not JSON: " + std::string(doc.status().message()));
  }
  if (!doc->is_object()) {
    return Status(ErrorCode::kInvalidArgument,
                  std::string(file) + ": a key file is a JSON object {\"key id\": \"hex\"}");
  }
  HashKeys keys;
  for (const auto& [id, hex] : doc->object()) {
    std::string name = id.is_string() ? id.string() : ToJson(id);
    Result<std::string> bytes =
        hex.is_string() ? HexDecode(hex.string()) : Result<std::string>(InvalidArgument("not hex"));
    if (!bytes.ok() || bytes->size() < kMinHashKeyBytes) {
      return Status(ErrorCode::kInvalidArgument,
                    std::string(file) + ": key \"" + name +
                        "\" must be a hex string of at least 16 bytes (32 hex digits)");
    }
    keys.emplace(name, std::move(*bytes));
  }
  return keys;
}

Value ReportToValue(const MinimizationReport& report) {
  std::vector<Value> fields;
  for (const FieldReport& f : report.fields) {
    fields.push_back(Value::Object({{Str("count"), Value::FromNumber(Number::FromUint64(f.count))},
                                    {Str("field"), Str(f.field)},
                                    {Str("transform"), Str(TransformName(f.kind))}}));
  }
  return Value::Object({{Str("fields"), Value::Array(std::move(fields))},
                        {Str("rows"), Value::FromNumber(Number::FromUint64(report.rows))},
                        {Str("view"), Str(report.view)}});
}

Result<const ViewSpec*> FindView(const std::vector<ViewSpec>& views, std::string_view pack_id,
                                 std::string_view id) {
  std::string names;
  for (const ViewSpec& v : views) {
    if (v.id == id) return &v;
    names += (names.empty() ? "" : ", ") + v.id;
  }
  return Status(ErrorCode::kViewNotFound,
                "pack " + std::string(pack_id) + " has no view \"" + std::string(id) + "\" (" +
                    (names.empty() ? std::string("it declares no views") : "views: " + names) +
                    ")");
}

Result<MinimizationReport> ApplyView(const ViewSpec& view, const HashKeys& keys,
                                     std::vector<Value>& rows, const RowOrigin& origin) {
  for (const FieldTransform& t : view.fields) {
    if (t.kind == TransformKind::kHash && keys.find(t.key) == keys.end()) {
      return Status(ErrorCode::kHashKeyMissing,
                    "view " + view.id + ", field " + t.field + ": hash key \"" + t.key +
                        "\" is not configured (give a key file holding it)");
    }
  }
  MinimizationReport report;
  report.view = view.id;
  report.rows = rows.size();
  for (const FieldTransform& t : view.fields) {
    FieldApplier applier(view, t, keys, origin);
    TF_ASSIGN_OR_RETURN(uint64_t changed, applier.Run(rows));
    report.fields.push_back({t.field, t.kind, changed});
  }
  return report;
}

}  // namespace tf::policy

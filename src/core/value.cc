#include "core/value.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <functional>
#include <memory>

#include "core/internal/big_decimal.h"

namespace tf {
namespace {

// The first eight bytes, big-endian and zero-padded, order strings like memcmp does for most
// pairs without touching the heap buffer.
uint64_t PrefixOf(std::string_view s) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) {
    p = (p << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  }
  return p;
}

// A string Value's head: its first kHeadBytes bytes, big-endian and zero-padded. Heads order
// like memcmp up to their length; two strings of at most kHeadBytes with equal heads are ordered
// by size (the shorter is the other's prefix, padded with zero bytes).
constexpr size_t kHeadBytes = 4;

uint32_t HeadOf(std::string_view s) {
  uint32_t h = 0;
  for (size_t i = 0; i < kHeadBytes; ++i) {
    h = (h << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  }
  return h;
}

uint16_t SizeTag(size_t size) {
  return static_cast<uint16_t>(std::min<size_t>(size, UINT16_MAX));
}

struct StringNode : RefCounted {
  explicit StringNode(std::string s) : text(std::move(s)), prefix(PrefixOf(text)) {}
  std::string text;
  uint64_t prefix;
};

int CompareStringNodes(const StringNode* a, const StringNode* b) {
  if (a == b) return 0;
  if (a->prefix != b->prefix) return a->prefix < b->prefix ? -1 : 1;
  size_t na = a->text.size();
  size_t nb = b->text.size();
  size_t n = std::min(na, nb);
  if (n > 8) {
    int c = std::memcmp(a->text.data() + 8, b->text.data() + 8, n - 8);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return (na > nb) - (na < nb);
}
struct ArrayNode : RefCounted {
  explicit ArrayNode(std::vector<Value> v) : items(std::move(v)) {}
  std::vector<Value> items;
};
// The hash of a string key for a KeyIndex, from what a string Value holds: its head and size
// inline, and for a string longer than its head, the first eight and the last eight bytes.
// REQUIRES: `text` is the string when size > kHeadBytes (unread otherwise).
uint64_t KeyHash(uint32_t head, size_t size, std::string_view text) {
  uint64_t h = (uint64_t{head} << 32) | size;
  if (size > kHeadBytes) {
    uint64_t tail = 0;
    std::memcpy(&tail, text.data() + size - std::min<size_t>(size, 8), std::min<size_t>(size, 8));
    h = (PrefixOf(text) ^ size) + tail * 0xC2B2AE3D27D4EB4FULL;
  }
  return h * 0x9E3779B97F4A7C15ULL;
}

// An open-addressing table from a large object's string keys to their entries' positions, built
// with the object, so that a lookup costs one or two predictable probes instead of a binary
// search whose every step is a coin toss for the branch predictor. Only string keys are in it.
class KeyIndex {
 public:
  // Objects smaller than this are binary-searched: a few steps, no table to build.
  static constexpr size_t kMinEntries = 16;
  // The furthest a key may sit from its hash's slot; beyond it the table is not kept.
  static constexpr size_t kMaxProbe = 32;

  KeyIndex() = default;
  KeyIndex(const KeyIndex& other) : shift_(other.shift_), max_probe_(other.max_probe_) {
    if (other.slots_ != nullptr) {
      slots_ = std::make_unique<uint16_t[]>(other.capacity());
      std::memcpy(slots_.get(), other.slots_.get(), other.capacity() * sizeof(uint16_t));
    }
  }
  KeyIndex& operator=(const KeyIndex&) = delete;

  bool built() const { return slots_ != nullptr; }
  void Clear() { slots_.reset(); }

  // Builds the table when `entries` is large enough (and positions fit in 16 bits); `hash_of`
  // gives a string key's KeyHash.
  template <typename HashOf>
  void Build(std::span<const ObjectEntry> entries, HashOf hash_of) {
    if (entries.size() < kMinEntries || entries.size() >= UINT16_MAX) return;
    // At most half full: probes stay short.
    size_t bits = 1;
    while ((size_t{1} << bits) < 2 * entries.size())
      ++bits;
    shift_ = 64 - static_cast<int>(bits);
    slots_ = std::make_unique<uint16_t[]>(capacity());
    const size_t mask = capacity() - 1;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].first.is_string()) continue;
      size_t at = static_cast<size_t>(hash_of(entries[i].first) >> shift_);
      size_t probe = 0;
      while (slots_[at] != 0) {
        at = (at + 1) & mask;
        if (++probe > kMaxProbe) {
          // Keys chosen to collide (the hash is unkeyed and the keys often come from a request)
          // would make building quadratic: such an object is binary-searched instead.
          slots_.reset();
          return;
        }
      }
      slots_[at] = static_cast<uint16_t>(i + 1);
      max_probe_ = std::max(max_probe_, probe);
    }
  }

  // The value of the entry whose key `matches`, or nullptr. REQUIRES: built().
  template <typename Matches>
  const Value* Find(std::span<const ObjectEntry> entries, uint64_t hash, Matches matches) const {
    const size_t mask = capacity() - 1;
    size_t at = static_cast<size_t>(hash >> shift_);
    // No key sits further than max_probe_ from its slot, so a missing key's search stops there
    // even inside a long run of occupied slots.
    for (size_t probe = 0; probe <= max_probe_; ++probe, at = (at + 1) & mask) {
      const uint16_t slot = slots_[at];
      if (slot == 0) return nullptr;
      const ObjectEntry& e = entries[slot - 1];
      if (matches(e.first)) return &e.second;
    }
    return nullptr;
  }

 private:
  size_t capacity() const { return size_t{1} << (64 - shift_); }

  std::unique_ptr<uint16_t[]> slots_;  // entry position + 1; 0 is an empty slot
  int shift_ = 64;
  size_t max_probe_ = 0;
};

struct ObjectNode : RefCounted {
  explicit ObjectNode(std::vector<ObjectEntry> e) : entries(std::move(e)) {}
  ObjectNode(std::vector<ObjectEntry> e, const KeyIndex& i) : entries(std::move(e)), index(i) {}
  std::vector<ObjectEntry> entries;
  // Built with the object; cleared when an insert moves entries (the object is then unique
  // and being built, and falls back to binary search).
  KeyIndex index;
};
struct SetNode : RefCounted {
  explicit SetNode(std::vector<Value> v) : items(std::move(v)) {}
  std::vector<Value> items;
};

bool KeyLess(const ObjectEntry& a, const ObjectEntry& b) {
  return a.first.Compare(b.first) < 0;
}

size_t Mix(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

std::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return "boolean";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kString:
      return "string";
    case ValueKind::kArray:
      return "array";
    case ValueKind::kObject:
      return "object";
    case ValueKind::kSet:
      return "set";
  }
  return "unknown";
}

void Value::DeleteNode() noexcept {
  switch (kind_) {
    case ValueKind::kNull:
    case ValueKind::kBool:
      return;
    case ValueKind::kNumber:
      delete static_cast<internal::BigDecimal*>(node_);
      return;
    case ValueKind::kString:
      delete static_cast<StringNode*>(node_);
      return;
    case ValueKind::kArray:
      delete static_cast<ArrayNode*>(node_);
      return;
    case ValueKind::kObject:
      delete static_cast<ObjectNode*>(node_);
      return;
    case ValueKind::kSet:
      delete static_cast<SetNode*>(node_);
      return;
  }
}

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = ValueKind::kBool;
  v.int_ = 0;
  v.bool_ = b;
  return v;
}

Value Value::Int(int64_t n) {
  Value v;
  v.kind_ = ValueKind::kNumber;
  v.int_ = n;
  return v;
}

Value Value::FromNumber(const Number& n) {
  if (n.is_small()) return Int(n.small());
  Value v;
  v.kind_ = ValueKind::kNumber;
  v.big_number_ = true;
  n.big()->AddRef();
  v.node_ = const_cast<internal::BigDecimal*>(n.big());
  return v;
}

Value Value::String(std::string_view s) {
  return String(std::string(s));
}

Value Value::String(std::string&& s) {
  Value v;
  v.kind_ = ValueKind::kString;
  v.str_size_ = SizeTag(s.size());
  v.str_head_ = HeadOf(s);
  v.node_ = MakeRef<StringNode>(std::move(s)).Leak();
  return v;
}

Value Value::Array(std::vector<Value> items) {
  Value v;
  v.kind_ = ValueKind::kArray;
  v.node_ = MakeRef<ArrayNode>(std::move(items)).Leak();
  return v;
}

Value Value::Object(std::vector<ObjectEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(), KeyLess);
  // Keep the last of each run of equal keys.
  std::vector<ObjectEntry> unique;
  unique.reserve(entries.size());
  for (auto& e : entries) {
    if (!unique.empty() && unique.back().first == e.first) {
      unique.back().second = std::move(e.second);
    } else {
      unique.push_back(std::move(e));
    }
  }
  return ObjectFromSorted(std::move(unique));
}

Value Value::ObjectFromSorted(std::vector<ObjectEntry> entries) {
  assert(std::adjacent_find(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
           return a.first.Compare(b.first) >= 0;
         }) == entries.end());
  auto node = MakeRef<ObjectNode>(std::move(entries));
  node->index.Build(node->entries, [](const Value& key) {
    return KeyHash(
        key.str_head_, key.str_size_,
        key.str_size_ > kHeadBytes ? std::string_view(key.string()) : std::string_view());
  });
  Value v;
  v.kind_ = ValueKind::kObject;
  v.node_ = node.Leak();
  return v;
}

Value Value::Set(std::vector<Value> items) {
  std::sort(items.begin(), items.end(), [](const Value& a, const Value& b) { return a < b; });
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return SetFromSorted(std::move(items));
}

Value Value::SetFromSorted(std::vector<Value> items) {
  assert(std::adjacent_find(items.begin(), items.end(), [](const Value& a, const Value& b) {
           return a.Compare(b) >= 0;
         }) == items.end());
  Value v;
  v.kind_ = ValueKind::kSet;
  v.node_ = MakeRef<SetNode>(std::move(items)).Leak();
  return v;
}

Number Value::number() const {
  assert(kind_ == ValueKind::kNumber);
  if (!big_number_) return Number(int_);
  return Number(static_cast<const internal::BigDecimal*>(node_));
}

const std::string& Value::string() const {
  assert(kind_ == ValueKind::kString);
  return static_cast<const StringNode*>(node_)->text;
}

std::span<const Value> Value::array() const {
  assert(kind_ == ValueKind::kArray);
  return static_cast<const ArrayNode*>(node_)->items;
}

std::span<const ObjectEntry> Value::object() const {
  assert(kind_ == ValueKind::kObject);
  return static_cast<const ObjectNode*>(node_)->entries;
}

std::span<const Value> Value::set() const {
  assert(kind_ == ValueKind::kSet);
  return static_cast<const SetNode*>(node_)->items;
}

size_t Value::size() const {
  switch (kind_) {
    case ValueKind::kString:
      return string().size();
    case ValueKind::kArray:
      return array().size();
    case ValueKind::kObject:
      return object().size();
    case ValueKind::kSet:
      return set().size();
    default:
      return 0;
  }
}

int Value::CompareStrings(const Value& other) const {
  if (str_head_ != other.str_head_) return str_head_ < other.str_head_ ? -1 : 1;
  if (str_size_ <= kHeadBytes && other.str_size_ <= kHeadBytes) {
    return (str_size_ > other.str_size_) - (str_size_ < other.str_size_);
  }
  return CompareStringNodes(static_cast<const StringNode*>(node_),
                            static_cast<const StringNode*>(other.node_));
}

bool Value::EqualStrings(const Value& other) const {
  if (str_head_ != other.str_head_ || str_size_ != other.str_size_) return false;
  if (str_size_ <= kHeadBytes || node_ == other.node_) return true;
  const auto* a = static_cast<const StringNode*>(node_);
  const auto* b = static_cast<const StringNode*>(other.node_);
  if (a->prefix != b->prefix || a->text.size() != b->text.size()) return false;
  size_t n = a->text.size();
  return n <= 8 || std::memcmp(a->text.data() + 8, b->text.data() + 8, n - 8) == 0;
}

const Value* Value::Find(const Value& key) const {
  if (kind_ == ValueKind::kObject && key.kind_ == ValueKind::kString) {
    const auto* node = static_cast<const ObjectNode*>(node_);
    auto entries = std::span<const ObjectEntry>(node->entries);
    if (node->index.built()) {
      const uint64_t hash =
          KeyHash(key.str_head_, key.str_size_,
                  key.str_size_ > kHeadBytes ? std::string_view(key.string()) : std::string_view());
      return node->index.Find(entries, hash,
                              [&key](const Value& k) { return k.EqualStrings(key); });
    }
    // A small object, a string key: most steps are decided by the heads, in the entries
    // themselves, without loading a key's node. (A lower bound without branches was slower.)
    size_t lo = 0;
    size_t hi = entries.size();
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      const Value& e = entries[mid].first;
      int c = e.kind_ != ValueKind::kString ? (e.kind_ < ValueKind::kString ? -1 : 1)
                                            : e.CompareStrings(key);
      if (c == 0) return &entries[mid].second;
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return nullptr;
  }
  if (kind_ == ValueKind::kObject) {
    auto entries = object();
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const ObjectEntry& e, const Value& k) { return e.first < k; });
    if (it != entries.end() && it->first == key) return &it->second;
    return nullptr;
  }
  if (kind_ == ValueKind::kArray && key.is_small_int()) {
    int64_t i = key.small_int();
    auto items = array();
    if (i >= 0 && static_cast<uint64_t>(i) < items.size()) return &items[static_cast<size_t>(i)];
  }
  return nullptr;
}

const Value* Value::Find(std::string_view key) const {
  if (kind_ != ValueKind::kObject) return nullptr;
  const auto* node = static_cast<const ObjectNode*>(node_);
  auto entries = std::span<const ObjectEntry>(node->entries);
  const uint32_t head = HeadOf(key);
  if (node->index.built()) {
    return node->index.Find(entries, KeyHash(head, SizeTag(key.size()), key),
                            [head, size = SizeTag(key.size()), key](const Value& k) {
                              return k.str_head_ == head && k.str_size_ == size &&
                                     (size <= kHeadBytes || k.string() == key);
                            });
  }
  // String keys sort after null, booleans and numbers and before composites: search that run.
  auto lo = std::lower_bound(entries.begin(), entries.end(), key,
                             [head](const ObjectEntry& e, std::string_view k) {
                               if (e.first.kind_ != ValueKind::kString) {
                                 return e.first.kind_ < ValueKind::kString;
                               }
                               if (e.first.str_head_ != head) return e.first.str_head_ < head;
                               return e.first.string() < k;
                             });
  if (lo != entries.end() && lo->first.is_string() && lo->first.string() == key) return &lo->second;
  return nullptr;
}

const Value* Value::FindInSet(const Value& element) const {
  auto items = set();
  auto it = std::lower_bound(items.begin(), items.end(), element,
                             [](const Value& a, const Value& b) { return a < b; });
  if (it != items.end() && it->Equals(element)) return &*it;
  return nullptr;
}

bool Value::Equals(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case ValueKind::kNull:
      return true;
    case ValueKind::kBool:
      return bool_ == other.bool_;
    case ValueKind::kNumber:
      if (!big_number_ && !other.big_number_) return int_ == other.int_;
      return number().Compare(other.number()) == 0;
    case ValueKind::kString:
      return EqualStrings(other);
    case ValueKind::kArray:
    case ValueKind::kSet: {
      if (node_ == other.node_) return true;
      auto a = kind_ == ValueKind::kArray ? array() : set();
      auto b = kind_ == ValueKind::kArray ? other.array() : other.set();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].Equals(b[i])) return false;
      }
      return true;
    }
    case ValueKind::kObject: {
      if (node_ == other.node_) return true;
      auto a = object();
      auto b = other.object();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].first.Equals(b[i].first) || !a[i].second.Equals(b[i].second)) return false;
      }
      return true;
    }
  }
  return false;
}

bool Value::Contains(const Value& element) const {
  auto items = set();
  return std::binary_search(items.begin(), items.end(), element,
                            [](const Value& a, const Value& b) { return a < b; });
}

int Value::Compare(const Value& other) const {
  if (kind_ != other.kind_) return kind_ < other.kind_ ? -1 : 1;
  switch (kind_) {
    case ValueKind::kNull:
      return 0;
    case ValueKind::kBool:
      return static_cast<int>(bool_) - static_cast<int>(other.bool_);
    case ValueKind::kNumber:
      if (!big_number_ && !other.big_number_) return (int_ > other.int_) - (int_ < other.int_);
      return number().Compare(other.number());
    case ValueKind::kString:
      return CompareStrings(other);
    case ValueKind::kArray:
    case ValueKind::kSet: {
      if (node_ == other.node_) return 0;
      auto a = kind_ == ValueKind::kArray ? array() : set();
      auto b = kind_ == ValueKind::kArray ? other.array() : other.set();
      size_t n = std::min(a.size(), b.size());
      for (size_t i = 0; i < n; ++i) {
        if (int c = a[i].Compare(b[i]); c != 0) return c;
      }
      return (a.size() > b.size()) - (a.size() < b.size());
    }
    case ValueKind::kObject: {
      if (node_ == other.node_) return 0;
      auto a = object();
      auto b = other.object();
      size_t n = std::min(a.size(), b.size());
      for (size_t i = 0; i < n; ++i) {
        // Keys are nearly always strings: skip the dispatch.
        const Value& ka = a[i].first;
        const Value& kb = b[i].first;
        if (ka.kind_ == ValueKind::kString && kb.kind_ == ValueKind::kString) {
          if (int c = ka.CompareStrings(kb); c != 0) return c;
        } else if (int c = ka.Compare(kb); c != 0) {
          return c;
        }
        if (int c = a[i].second.Compare(b[i].second); c != 0) return c;
      }
      return (a.size() > b.size()) - (a.size() < b.size());
    }
  }
  return 0;
}

size_t Value::Hash() const {
  size_t h = static_cast<size_t>(kind_);
  switch (kind_) {
    case ValueKind::kNull:
      return h;
    case ValueKind::kBool:
      return Mix(h, bool_);
    case ValueKind::kNumber:
      return Mix(h, big_number_ ? number().Hash() : std::hash<int64_t>()(int_));
    case ValueKind::kString:
      return Mix(h, std::hash<std::string_view>()(string()));
    case ValueKind::kArray:
      for (const Value& v : array())
        h = Mix(h, v.Hash());
      return h;
    case ValueKind::kSet:
      for (const Value& v : set())
        h = Mix(h, v.Hash());
      return Mix(h, 1);
    case ValueKind::kObject:
      for (const auto& [k, v] : object())
        h = Mix(Mix(h, k.Hash()), v.Hash());
      return h;
  }
  return h;
}

void Value::MakeUnique() {
  if (node_->IsUnique()) return;
  RefCounted* copy = nullptr;
  switch (kind_) {
    case ValueKind::kArray:
      copy = MakeRef<ArrayNode>(static_cast<ArrayNode*>(node_)->items).Leak();
      break;
    case ValueKind::kSet:
      copy = MakeRef<SetNode>(static_cast<SetNode*>(node_)->items).Leak();
      break;
    case ValueKind::kObject:
      copy = MakeRef<ObjectNode>(static_cast<ObjectNode*>(node_)->entries,
                                 static_cast<ObjectNode*>(node_)->index)
                 .Leak();
      break;
    default:
      return;
  }
  Release();
  node_ = copy;
}

void Value::ArrayAppend(Value v) {
  assert(kind_ == ValueKind::kArray);
  MakeUnique();
  static_cast<ArrayNode*>(node_)->items.push_back(std::move(v));
}

bool Value::SetInsert(Value v) {
  assert(kind_ == ValueKind::kSet);
  std::vector<Value>& items = static_cast<SetNode*>(node_)->items;
  auto less = [](const Value& a, const Value& b) { return a < b; };
  if (items.empty() || items.back() < v) {
    MakeUnique();
    static_cast<SetNode*>(node_)->items.push_back(std::move(v));
    return true;
  }
  auto it = std::lower_bound(items.begin(), items.end(), v, less);
  if (it != items.end() && *it == v) return false;
  size_t pos = static_cast<size_t>(it - items.begin());
  MakeUnique();
  std::vector<Value>& owned = static_cast<SetNode*>(node_)->items;
  owned.insert(owned.begin() + static_cast<long>(pos), std::move(v));
  return true;
}

const Value* Value::ObjectInsertIfAbsent(Value key, Value value) {
  assert(kind_ == ValueKind::kObject);
  std::vector<ObjectEntry>* entries = &static_cast<ObjectNode*>(node_)->entries;
  size_t pos = entries->size();
  if (!entries->empty() && !(entries->back().first < key)) {
    auto it = std::lower_bound(entries->begin(), entries->end(), key,
                               [](const ObjectEntry& e, const Value& k) { return e.first < k; });
    if (it != entries->end() && it->first == key) return &it->second;
    pos = static_cast<size_t>(it - entries->begin());
  }
  MakeUnique();
  static_cast<ObjectNode*>(node_)->index.Clear();  // positions move
  entries = &static_cast<ObjectNode*>(node_)->entries;
  entries->insert(entries->begin() + static_cast<long>(pos), {std::move(key), std::move(value)});
  return nullptr;
}

Value* Value::ObjectFindMutable(const Value& key) {
  assert(kind_ == ValueKind::kObject);
  if (Find(key) == nullptr) return nullptr;
  MakeUnique();
  return const_cast<Value*>(Find(key));
}

}  // namespace tf

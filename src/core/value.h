// File: core/value.h
//
// `Value`: the one JSON-like value model of the product, extended with Rego's sets and non-string
// object keys. A Value is 16 bytes: null, booleans and int64 numbers are stored inline; strings,
// big numbers, arrays, objects and sets are immutable reference-counted nodes, so copying a Value
// is cheap and sharing it between threads is safe.
//
// Objects keep their entries sorted by key and sets keep their elements sorted and unique, in
// Rego's total order (`Compare`), so iteration order is deterministic and equal values have equal
// layouts. Lookups are binary searches, except by a string key in an object of 16 or more entries:
// such an object keeps a hash index of its string keys, built with it.
//
//   tf::Value user = tf::Value::Object({{tf::Value::String("name"), tf::Value::String("ada")}});
//   if (const tf::Value* name = user.Find("name")) Use(name->string());
#ifndef TF_CORE_VALUE_H_
#define TF_CORE_VALUE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/number.h"
#include "core/ref_counted.h"

namespace tf {

// Declaration order is Rego's sort order across kinds.
enum class ValueKind : uint8_t {
  kNull = 0,
  kBool = 1,
  kNumber = 2,
  kString = 3,
  kArray = 4,
  kObject = 5,
  kSet = 6,
};

// OPA's type names: "null", "boolean", "number", "string", "array", "object", "set".
std::string_view KindName(ValueKind kind);

class Value;
using ObjectEntry = std::pair<Value, Value>;

class Value {
 public:
  Value() noexcept
      : kind_(ValueKind::kNull), big_number_(false), str_size_(0), str_head_(0), int_(0) {}
  // Copying, moving and destroying are inline: most values a policy handles are null, booleans
  // and small integers, with no reference count to touch, and a call each showed in profiles.
  Value(const Value& other) noexcept : Value(other, kCopy) { Retain(); }
  Value(Value&& other) noexcept : Value(other, kCopy) { other.Clear(); }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      other.Retain();
      Release();
      CopyFields(other);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      Release();
      CopyFields(other);
      other.Clear();
    }
    return *this;
  }
  ~Value() { Release(); }

  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t n);
  static Value FromNumber(const Number& n);
  static Value String(std::string_view s);
  static Value String(std::string&& s);
  static Value String(const char* s) { return String(std::string_view(s)); }
  static Value Array(std::vector<Value> items);
  // Sorts by key; on duplicate keys the last entry wins (as JSON parsers do).
  static Value Object(std::vector<ObjectEntry> entries);
  // REQUIRES: entries sorted by key with no duplicates (checked in debug builds).
  static Value ObjectFromSorted(std::vector<ObjectEntry> entries);
  // Sorts and removes duplicates.
  static Value Set(std::vector<Value> items);
  // REQUIRES: items sorted and unique.
  static Value SetFromSorted(std::vector<Value> items);
  static Value EmptyArray() { return Array({}); }
  static Value EmptyObject() { return ObjectFromSorted({}); }
  static Value EmptySet() { return SetFromSorted({}); }

  ValueKind kind() const { return kind_; }
  std::string_view TypeName() const { return KindName(kind_); }
  bool is_null() const { return kind_ == ValueKind::kNull; }
  bool is_bool() const { return kind_ == ValueKind::kBool; }
  bool is_number() const { return kind_ == ValueKind::kNumber; }
  bool is_string() const { return kind_ == ValueKind::kString; }
  bool is_array() const { return kind_ == ValueKind::kArray; }
  bool is_object() const { return kind_ == ValueKind::kObject; }
  bool is_set() const { return kind_ == ValueKind::kSet; }
  // True for arrays, objects and sets.
  bool is_collection() const { return kind_ >= ValueKind::kArray; }

  // Accessors. REQUIRES: the matching kind.
  bool bool_value() const { return bool_; }
  Number number() const;
  // True for a number held inline as int64 (no allocation, no big-number arithmetic).
  bool is_small_int() const { return kind_ == ValueKind::kNumber && !big_number_; }
  int64_t small_int() const { return int_; }
  const std::string& string() const;
  std::span<const Value> array() const;
  std::span<const ObjectEntry> object() const;
  std::span<const Value> set() const;

  // Elements of an array/object/set, or bytes of a string; 0 otherwise.
  size_t size() const;

  // Object lookup by key, array lookup by integral index; nullptr when absent or not applicable.
  const Value* Find(const Value& key) const;
  const Value* Find(std::string_view key) const;
  // Set membership. REQUIRES: is_set().
  bool Contains(const Value& element) const;
  // The stored element equal to `element`, or nullptr. REQUIRES: is_set().
  const Value* FindInSet(const Value& element) const;

  // Rego's total order: kinds in ValueKind order, numbers by value, strings by bytes, arrays
  // and sets element-wise then by length, objects entry by entry (key then value) then by size.
  int Compare(const Value& other) const;
  // Equality in Rego's sense (Compare() == 0), faster: checks identity and sizes first.
  bool Equals(const Value& other) const;
  size_t Hash() const;

  // Copy-on-write updates, for builders. They mutate in place when this Value holds the only
  // reference to its node and copy the node first otherwise, so other holders never see a
  // change. Inserts keep objects and sets sorted (appending is O(1) when keys arrive in order).
  void ArrayAppend(Value v);  // REQUIRES: is_array()
  // Returns false (and changes nothing) if the element is already present. REQUIRES: is_set()
  bool SetInsert(Value v);
  // Inserts key -> value when the key is absent and returns nullptr; otherwise returns the
  // existing value and changes nothing. REQUIRES: is_object()
  const Value* ObjectInsertIfAbsent(Value key, Value value);
  // The value stored under `key`, mutable (this object is made unique first); nullptr if absent.
  // REQUIRES: is_object()
  Value* ObjectFindMutable(const Value& key);

 private:
  enum CopyTag { kCopy };
  Value(const Value& other, CopyTag) noexcept
      : kind_(other.kind_),
        big_number_(other.big_number_),
        str_size_(other.str_size_),
        str_head_(other.str_head_),
        int_(other.int_) {}
  void CopyFields(const Value& other) noexcept {
    kind_ = other.kind_;
    big_number_ = other.big_number_;
    str_size_ = other.str_size_;
    str_head_ = other.str_head_;
    int_ = other.int_;
  }
  void Clear() noexcept {
    kind_ = ValueKind::kNull;
    big_number_ = false;
    str_size_ = 0;
    str_head_ = 0;
    int_ = 0;
  }
  // True when node_ holds a reference: strings, collections and big numbers.
  bool HasNode() const noexcept { return kind_ >= ValueKind::kString || big_number_; }
  void Retain() const noexcept {
    if (HasNode()) node_->AddRef();
  }
  void Release() noexcept {
    if (HasNode() && node_->Release()) DeleteNode();
  }
  // Frees node_, whose last reference was just released.
  void DeleteNode() noexcept;
  void MakeUnique();
  // REQUIRES: both strings. Decided by the heads and sizes when they can, else by the nodes.
  int CompareStrings(const Value& other) const;
  bool EqualStrings(const Value& other) const;

  ValueKind kind_;
  bool big_number_;  // kNumber only: node_ holds an internal::BigDecimal.
  // kString only (zero otherwise): the size (saturated at UINT16_MAX) and the first four bytes
  // big-endian, zero-padded, held in the handle so that most comparisons of two strings (the steps
  // of an object lookup) decide without reaching either node.
  uint16_t str_size_;
  uint32_t str_head_;
  union {
    bool bool_;
    int64_t int_;
    RefCounted* node_;
  };
};

inline bool operator==(const Value& a, const Value& b) {
  return a.Equals(b);
}
inline bool operator!=(const Value& a, const Value& b) {
  return !a.Equals(b);
}
inline bool operator<(const Value& a, const Value& b) {
  return a.Compare(b) < 0;
}

struct ValueHash {
  size_t operator()(const Value& v) const { return v.Hash(); }
};

}  // namespace tf

#endif  // TF_CORE_VALUE_H_

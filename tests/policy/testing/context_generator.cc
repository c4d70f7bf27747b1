#include "policy/testing/context_generator.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tf::policy::testing {
namespace {

constexpr int kExamplePercent = 80;
constexpr int kOptionalPercent = 70;
constexpr int64_t kDefaultLow = -5;
constexpr int64_t kDefaultHigh = 20;
constexpr uint64_t kDefaultMaxItems = 3;
constexpr uint64_t kDefaultMaxLength = 6;

int64_t Bound(const std::optional<Value>& v, int64_t fallback) {
  if (!v) return fallback;
  std::optional<int64_t> n = v->number().Ceil().ToInt64();
  return n ? *n : fallback;
}

}  // namespace

Value ContextGenerator::Generate(uint32_t index) {
  const InputSchema::Node& n = schema_.nodes()[index];
  if (n.const_value) return *n.const_value;
  if (n.enum_values) return n.enum_values->array()[Below(n.enum_values->size())];
  if (n.examples && n.examples->size() > 0 && Chance(kExamplePercent)) {
    return n.examples->array()[Below(n.examples->size())];
  }
  std::vector<uint8_t> kinds;
  for (uint8_t bit = 0; bit < 8; ++bit) {
    if ((n.types & (1u << bit)) != 0) kinds.push_back(bit);
  }
  if (kinds.empty())
    kinds = {static_cast<uint8_t>(ValueKind::kBool), static_cast<uint8_t>(ValueKind::kString)};
  uint8_t kind = kinds[Below(kinds.size())];
  if ((1u << kind) == InputSchema::kIntegerBit) return GenerateNumber(n, true);
  switch (static_cast<ValueKind>(kind)) {
    case ValueKind::kNull:
      return Value::Null();
    case ValueKind::kBool:
      return Value::Bool(Chance(50));
    case ValueKind::kNumber:
      return GenerateNumber(n, false);
    case ValueKind::kString:
      return GenerateString(n);
    case ValueKind::kArray:
      return GenerateArray(n);
    case ValueKind::kObject:
      return GenerateObject(n);
    default:
      return Value::Null();
  }
}

Value ContextGenerator::GenerateString(const InputSchema::Node& n) {
  uint64_t min = n.min_length.value_or(0);
  uint64_t max = std::max(min, n.max_length.value_or(kDefaultMaxLength));
  uint64_t length = min + Below(max - min + 1);
  std::string s;
  for (uint64_t i = 0; i < length; ++i)
    s += static_cast<char>('a' + Below(3));
  return Value::String(std::move(s));
}

Value ContextGenerator::GenerateNumber(const InputSchema::Node& n, bool integer) {
  int64_t low = Bound(n.minimum, kDefaultLow);
  int64_t high = std::max(low, Bound(n.maximum, std::max(low, kDefaultHigh)));
  int64_t x = low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  if (integer || x == high || Chance(50)) return Value::Int(x);
  return Value::FromNumber(Number::Add(Number(x), Number::Parse("0.5").value()));
}

Value ContextGenerator::GenerateArray(const InputSchema::Node& n) {
  uint64_t min = n.min_items.value_or(0);
  uint64_t max = std::max(min, n.max_items.value_or(kDefaultMaxItems));
  max = std::min(max, min + kDefaultMaxItems);
  uint64_t length = min + Below(max - min + 1);
  std::vector<Value> items;
  for (uint64_t i = 0; i < length; ++i) {
    items.push_back(n.items == UINT32_MAX ? Value::Int(static_cast<int64_t>(Below(10)))
                                          : Generate(n.items));
  }
  return Value::Array(std::move(items));
}

Value ContextGenerator::GenerateObject(const InputSchema::Node& n) {
  std::vector<ObjectEntry> entries;
  for (const auto& [name, child] : n.properties) {
    bool required = std::find(n.required.begin(), n.required.end(), name) != n.required.end();
    if (!required && !Chance(kOptionalPercent)) continue;
    entries.emplace_back(Value::String(name), Generate(child));
  }
  return Value::Object(std::move(entries));
}

}  // namespace tf::policy::testing

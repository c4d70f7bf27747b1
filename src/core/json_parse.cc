// JSON parsing with simdjson On-Demand. Kept in its own file: simdjson.h is a very large header
// and only this translation unit pays for it.
#include <simdjson.h>

#include <functional>
#include <vector>

#include "core/json.h"

namespace tf {
namespace {

namespace od = simdjson::ondemand;

Status JsonError(simdjson::error_code code) {
  return Status(ErrorCode::kJsonParseError,
                std::string("invalid JSON: ") + simdjson::error_message(code));
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

Result<Value> NumberFromToken(std::string_view raw) {
  raw = TrimRight(raw);
  // JSON forbids leading zeros ("01"); Number::Parse is more lenient.
  size_t first = (!raw.empty() && raw[0] == '-') ? 1 : 0;
  if (raw.size() > first + 1 && raw[first] == '0' && raw[first + 1] >= '0' &&
      raw[first + 1] <= '9') {
    return Status(ErrorCode::kJsonParseError, "invalid JSON number: " + std::string(raw));
  }
  Result<Number> n = Number::Parse(raw);
  if (!n.ok()) {
    return Status(ErrorCode::kJsonParseError, "invalid JSON number: " + std::string(raw));
  }
  return Value::FromNumber(*n);
}

// Deeper documents are refused: the conversion recurses once per level.
constexpr int kMaxDepth = 512;

// Object keys repeat across a document ("id", "name" in every element). Sharing one string per
// distinct key saves memory and makes key comparisons pointer comparisons.
class KeyInterner {
 public:
  Value Intern(std::string_view key) {
    if (slots_.empty()) {
      slots_.resize(kInitialSlots);
    } else if ((interned_ + 1) * 4 > slots_.size() * 3) {
      Grow();
    }
    Value* slot = SlotFor(key);
    // Keys chosen to collide get a string each, as without interning, instead of long probes.
    if (slot == nullptr) return Value::String(key);
    if (slot->is_null()) {
      *slot = Value::String(key);
      ++interned_;
    }
    return *slot;
  }

 private:
  // One allocation for a request body's keys (a Value is 16 bytes); grown by doubling.
  static constexpr size_t kInitialSlots = 32;
  static constexpr size_t kMaxProbe = 32;

  // The slot holding `key`, or the empty slot it belongs in; null past the probe bound.
  Value* SlotFor(std::string_view key) {
    const size_t mask = slots_.size() - 1;
    size_t i = std::hash<std::string_view>{}(key)&mask;
    for (size_t probe = 0; probe < kMaxProbe; ++probe, i = (i + 1) & mask) {
      Value& slot = slots_[i];
      if (slot.is_null() || slot.string() == key) return &slot;
    }
    return nullptr;
  }

  void Grow() {
    std::vector<Value> old = std::move(slots_);
    slots_.assign(old.size() * 2, Value());
    interned_ = 0;
    for (Value& v : old) {
      if (v.is_null()) continue;
      if (Value* slot = SlotFor(v.string()); slot != nullptr) {
        *slot = std::move(v);
        ++interned_;
      }
    }
  }

  std::vector<Value> slots_;  // null where empty; size a power of two
  size_t interned_ = 0;
};

Result<Value> Convert(od::value v, int depth, KeyInterner& keys);

Result<Value> ConvertObject(od::object object, int depth, KeyInterner& keys) {
  std::vector<ObjectEntry> entries;
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return JsonError(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return JsonError(e);
    Value key_value = keys.Intern(key);
    TF_ASSIGN_OR_RETURN(Value item, Convert(field.value(), depth + 1, keys));
    entries.emplace_back(std::move(key_value), std::move(item));
  }
  return Value::Object(std::move(entries));
}

Result<Value> ConvertArray(od::array array, int depth, KeyInterner& keys) {
  std::vector<Value> items;
  for (auto element_result : array) {
    od::value element;
    if (auto e = std::move(element_result).get(element)) return JsonError(e);
    TF_ASSIGN_OR_RETURN(Value item, Convert(element, depth + 1, keys));
    items.push_back(std::move(item));
  }
  return Value::Array(std::move(items));
}

Result<Value> Convert(od::value v, int depth, KeyInterner& keys) {
  if (depth > kMaxDepth) {
    return Status(ErrorCode::kJsonParseError, "invalid JSON: nesting deeper than 512 levels");
  }
  od::json_type type;
  if (auto e = v.type().get(type)) return JsonError(e);
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (auto e = v.get_object().get(object)) return JsonError(e);
      return ConvertObject(object, depth, keys);
    }
    case od::json_type::array: {
      od::array array;
      if (auto e = v.get_array().get(array)) return JsonError(e);
      return ConvertArray(array, depth, keys);
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return JsonError(e);
      return Value::String(s);
    }
    case od::json_type::number:
      return NumberFromToken(v.raw_json_token());
    case od::json_type::boolean: {
      bool b;
      if (auto e = v.get_bool().get(b)) return JsonError(e);
      return Value::Bool(b);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto e = v.is_null().get(is_null)) return JsonError(e);
      if (!is_null) return JsonError(simdjson::INCORRECT_TYPE);
      return Value::Null();
    }
  }
  return JsonError(simdjson::INCORRECT_TYPE);
}

std::string_view TrimBoth(std::string_view s) {
  s = TrimRight(s);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  return s;
}

Result<Value> ConvertDocument(od::document& doc, std::string_view text) {
  od::json_type type;
  if (auto e = doc.type().get(type)) return JsonError(e);
  Result<Value> out = Value();
  switch (type) {
    case od::json_type::object:
    case od::json_type::array: {
      od::value root;
      if (auto e = doc.get_value().get(root)) return JsonError(e);
      KeyInterner keys;
      out = Convert(root, 1, keys);
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = doc.get_string().get(s)) return JsonError(e);
      out = Value::String(s);
      break;
    }
    case od::json_type::number: {
      std::string_view raw;
      if (auto e = doc.raw_json_token().get(raw)) return JsonError(e);
      // Reading the raw token does not advance the iterator, so check for trailing content
      // against the input itself.
      if (TrimBoth(raw) != TrimBoth(text)) {
        return Status(ErrorCode::kJsonParseError,
                      "invalid JSON: trailing content after the document");
      }
      return NumberFromToken(raw);
    }
    case od::json_type::boolean: {
      bool b;
      if (auto e = doc.get_bool().get(b)) return JsonError(e);
      out = Value::Bool(b);
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto e = doc.is_null().get(is_null)) return JsonError(e);
      if (!is_null) return JsonError(simdjson::INCORRECT_TYPE);
      break;
    }
  }
  if (!out.ok()) return out;
  // At the end of the document simdjson reports OUT_OF_BOUNDS for the current location.
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return Status(ErrorCode::kJsonParseError, "invalid JSON: trailing content after the document");
  }
  return out;
}

}  // namespace

struct JsonParser::Impl {
  od::parser parser;
};

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {}
JsonParser::~JsonParser() = default;

Result<Value> JsonParser::Parse(std::string_view text) {
  simdjson::padded_string padded(text);
  od::document doc;
  if (auto e = impl_->parser.iterate(padded).get(doc)) return JsonError(e);
  return ConvertDocument(doc, text);
}

Result<Value> ParseJson(std::string_view text) {
  JsonParser parser;
  return parser.Parse(text);
}

}  // namespace tf

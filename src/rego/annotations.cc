#include "rego/annotations.h"

#include "core/json.h"
#include "core/yaml.h"

namespace tf::rego {
namespace {

struct Block {
  Location start;
  uint32_t last_line;
  std::string yaml;
};

// "Jane Doe <jane@example.com>" → {"name": "Jane Doe", "email": "jane@example.com"}.
Value AuthorObject(const std::string& text) {
  std::string name = text;
  std::string email;
  size_t lt = text.find('<');
  size_t gt = text.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
    email = text.substr(lt + 1, gt - lt - 1);
    name = text.substr(0, lt);
  }
  while (!name.empty() && name.back() == ' ')
    name.pop_back();
  std::vector<ObjectEntry> e;
  if (!name.empty()) e.emplace_back(Value::String("name"), Value::String(name));
  if (!email.empty()) e.emplace_back(Value::String("email"), Value::String(email));
  return Value::Object(std::move(e));
}

Result<Value> Normalize(const Value& raw, const char* default_scope) {
  if (!raw.is_object()) return InvalidArgument("METADATA must be a YAML mapping");
  std::vector<ObjectEntry> out;
  bool has_scope = false;
  for (const auto& [k, v] : raw.object()) {
    const std::string& key = k.string();
    if (key == "scope") {
      if (!v.is_string() || (v.string() != "rule" && v.string() != "document" &&
                             v.string() != "package" && v.string() != "subpackages")) {
        return InvalidArgument("invalid annotation scope: " + ToJson(v));
      }
      has_scope = true;
      out.emplace_back(k, v);
    } else if (key == "authors" && v.is_array()) {
      std::vector<Value> authors;
      for (const Value& a : v.array())
        authors.push_back(a.is_string() ? AuthorObject(a.string()) : a);
      out.emplace_back(k, Value::Array(std::move(authors)));
    } else if (key == "related_resources" && v.is_array()) {
      std::vector<Value> refs;
      for (const Value& r : v.array()) {
        refs.push_back(r.is_string() ? Value::Object({{Value::String("ref"), r}}) : r);
      }
      out.emplace_back(k, Value::Array(std::move(refs)));
    } else {
      out.emplace_back(k, v);
    }
  }
  if (!has_scope) out.emplace_back(Value::String("scope"), Value::String(default_scope));
  return Value::Object(std::move(out));
}

std::vector<Block> FindBlocks(const std::vector<Comment>& comments) {
  std::vector<Block> blocks;
  for (size_t i = 0; i < comments.size(); ++i) {
    std::string_view t = comments[i].text;
    while (!t.empty() && t.front() == ' ')
      t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ')
      t.remove_suffix(1);
    if (t != "METADATA") continue;
    Block b{comments[i].loc, comments[i].loc.line, ""};
    size_t j = i + 1;
    for (; j < comments.size() && comments[j].loc.line == b.last_line + 1; ++j) {
      std::string_view line = comments[j].text;
      if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      b.yaml.append(line);
      b.yaml.push_back('\n');
      b.last_line = comments[j].loc.line;
    }
    blocks.push_back(std::move(b));
    i = j - 1;
  }
  return blocks;
}

}  // namespace

void AttachAnnotations(std::vector<Comment>& comments, Module& module,
                       std::vector<Diagnostic>& diagnostics) {
  for (const Block& b : FindBlocks(comments)) {
    auto fail = [&](std::string message) {
      diagnostics.push_back({ErrorCode::kRegoParseError, std::move(message), b.start});
    };
    Result<Value> raw = ParseYaml(b.yaml);
    if (!raw.ok()) {
      fail("invalid METADATA block: " + std::string(raw.status().message()));
      continue;
    }
    // The annotated statement is the first one after the block.
    Value* target = nullptr;
    const char* scope = "rule";
    uint32_t best = UINT32_MAX;
    if (module.package_loc.line > b.last_line) {
      best = module.package_loc.line;
      target = &module.package_annotations;
      scope = "package";
    }
    for (Rule& r : module.rules) {
      if (r.loc.line > b.last_line && r.loc.line < best) {
        best = r.loc.line;
        target = &r.annotations;
        scope = "rule";
      }
    }
    if (target == nullptr) {
      fail("METADATA block must be followed by a package or a rule");
      continue;
    }
    Result<Value> normalized = Normalize(*raw, scope);
    if (!normalized.ok()) {
      fail(std::string(normalized.status().message()));
      continue;
    }
    *target = std::move(*normalized);
  }
}

}  // namespace tf::rego

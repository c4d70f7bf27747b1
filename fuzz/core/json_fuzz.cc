// JSON parsing, writing and RFC 8785 canonicalisation on arbitrary bytes. Invariants: no crash,
// and a parsed document survives a write/parse round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/canonical_json.h"
#include "core/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  tf::Result<tf::Value> v = tf::ParseJson(text);
  if (!v.ok()) return 0;
  std::string written = tf::ToJson(*v);
  tf::Result<tf::Value> again = tf::ParseJson(written);
  if (!again.ok() || !(*again == *v)) std::abort();
  tf::Result<std::string> canonical = tf::CanonicalJson(*v);
  if (canonical.ok() && !tf::ParseJson(*canonical).ok()) std::abort();
  return 0;
}

// The Rego parser on arbitrary bytes: it must return a module or a diagnostic, never crash.
#include <cstdint>
#include <string>

#include "rego/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tf::rego::Source source{"fuzz.rego", std::string(reinterpret_cast<const char*>(data), size)};
  tf::Result<tf::rego::Module> m = tf::rego::ParseModule(source);
  (void)m;
  tf::Result<tf::rego::Body> q = tf::rego::ParseQuery(source);
  (void)q;
  return 0;
}

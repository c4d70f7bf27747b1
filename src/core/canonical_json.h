// File: core/canonical_json.h
//
// RFC 8785 JSON Canonicalization Scheme (JCS): the byte form we hash. Object members are sorted
// by the UTF-16 code units of their keys (§3.2.3), numbers are written as ECMAScript would print
// the IEEE 754 double (§3.2.2.3), strings use the minimal escapes (§3.2.2.2), no whitespace.
//
// Two deliberate limits, both errors rather than silent changes: objects with non-string keys
// have no JSON form, and numbers outside double range cannot be canonicalised. Numbers are
// rounded to the nearest double as the RFC requires, so 2^53 + 1 hashes like 2^53. Rego sets are
// written as arrays in sorted order.
#ifndef TF_CORE_CANONICAL_JSON_H_
#define TF_CORE_CANONICAL_JSON_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf {

Result<std::string> CanonicalJson(const Value& value);

// The same, appended to `out`, for callers that frame a value inside their own canonical
// bytes. On error `out` may hold a partial value.
Status AppendCanonicalJson(std::string& out, const Value& value);

// A string in canonical form (§3.2.2.2), quotes included. Invalid UTF-8 bytes become U+FFFD.
void AppendCanonicalString(std::string& out, std::string_view s);

// ECMAScript Number::toString of a finite double (RFC 8785 §3.2.2.3), e.g. 1e+21, 0.000001.
std::string FormatEcmaScriptNumber(double value);

}  // namespace tf

#endif  // TF_CORE_CANONICAL_JSON_H_

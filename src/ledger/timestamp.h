// File: ledger/timestamp.h
//
// RFC 3339 timestamps for entries and WORM records. Entries carry time as text, not as a JSON
// number, because RFC 8785 writes numbers as IEEE doubles and nanoseconds since 1970 need 61
// bits. The canonical form is UTC with exactly nine fractional digits, so the text sorts in time
// order: "2026-05-01T12:00:00.000000000Z".
#ifndef TF_LEDGER_TIMESTAMP_H_
#define TF_LEDGER_TIMESTAMP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::ledger {

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

// The canonical form of `unix_nanos`.
std::string FormatTimestamp(int64_t unix_nanos);
// Appends the canonical form to `out`: graph ingest writes one into every record's leaf bytes.
void AppendTimestamp(std::string& out, int64_t unix_nanos);

// Parses exactly the canonical form. kInvalidArgument otherwise.
Result<int64_t> ParseCanonicalTimestamp(std::string_view text);

// Parses any RFC 3339 date-time ("2027-01-01T00:00:00Z", "...T01:00:00.5+01:00"), for people
// typing dates. kInvalidArgument when malformed or outside the int64 nanosecond range.
Result<int64_t> ParseTimestamp(std::string_view text);

}  // namespace tf::ledger

#endif  // TF_LEDGER_TIMESTAMP_H_

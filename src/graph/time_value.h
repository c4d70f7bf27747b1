// File: graph/time_value.h
//
// Times and ages as people and data files write them. An observation time is either Unix
// seconds with an optional fraction ("1307526243.273450", exact to the nanosecond, never through
// a double) or an RFC 3339 date-time ("2011-06-08T09:44:03Z"). An age is a whole number with a
// unit: "90s", "15m", "12h", "30d", "2w", "1y" (365 days).
#ifndef TF_GRAPH_TIME_VALUE_H_
#define TF_GRAPH_TIME_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf::graph {

// Nanoseconds since the Unix epoch. kInvalidArgument when malformed or out of range.
Result<int64_t> ParseTimeText(std::string_view text);
// A JSON number (Unix seconds) or string (either form above).
Result<int64_t> ParseTimeValue(const Value& value);
// Nanoseconds. kInvalidArgument when malformed, negative or out of range.
Result<int64_t> ParseAge(std::string_view text);

}  // namespace tf::graph

#endif  // TF_GRAPH_TIME_VALUE_H_

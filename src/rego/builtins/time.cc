// time.* builtins, with the semantics of OPA's topdown/time.go (which exposes Go's time package).
// time.now_ns reads the evaluation context's clock, which the evaluator samples once per query.
#include <array>

#include "rego/builtins/families.h"
#include "rego/builtins/time_layout.h"
#include "rego/builtins/time_zone.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kRfc3339 = "2006-01-02T15:04:05Z07:00";
constexpr std::string_view kRfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// A time argument: nanoseconds, or [nanoseconds, zone name] / [nanoseconds, zone, layout].
struct ZonedArgument {
  Instant instant;
  TimeZone zone = TimeZone::Utc();
  std::string layout;
};

Status TimeOperandTypeError(const Value& got) {
  // OPA reports position 1 for every time operand.
  return OperandError(1, "must be either number (ns) or [number (ns), string (tz)] but got " +
                             std::string(got.TypeName()));
}

Result<ZonedArgument> ZonedOperand(const Value& v) {
  ZonedArgument out;
  const Value* ns = &v;
  if (v.is_array()) {
    if (v.size() == 0) return TimeOperandTypeError(v);
    ns = &v.array()[0];
    if (!ns->is_number()) return OperandTypeError(1, *ns, {"number"});
    if (v.size() > 1) {
      const Value& zone = v.array()[1];
      if (!zone.is_string()) return OperandTypeError(1, zone, {"string"});
      Result<TimeZone> tz = TimeZone::Load(zone.string());
      if (!tz.ok()) return BuiltinError(std::string(tz.status().message()));
      out.zone = std::move(*tz);
    }
    if (v.size() > 2) {
      const Value& layout = v.array()[2];
      if (!layout.is_string()) return OperandTypeError(1, layout, {"string"});
      out.layout = layout.string();
    }
  } else if (!v.is_number()) {
    return TimeOperandTypeError(v);
  }
  std::optional<int64_t> nanos = ns->number().ToInt64();
  if (!nanos) return BuiltinError("timestamp too big");
  out.instant = Instant::FromUnixNanos(*nanos);
  return out;
}

Result<Value> UnixNanosValue(const Instant& t) {
  std::optional<int64_t> ns = t.ToUnixNanos();
  if (!ns) return BuiltinError("time outside of valid range");
  return Value::Int(*ns);
}

Result<Value> ParseWithLayout(std::string_view layout, std::string_view text) {
  Result<Instant> t = ParseTime(layout, text);
  if (!t.ok()) return BuiltinError(std::string(t.status().message()));
  return UnixNanosValue(*t);
}

Result<Value> NowNs(BuiltinContext& ctx, std::span<const Value>) {
  return Value::Int(ctx.now_ns);
}

Result<Value> ParseNs(BuiltinContext&, std::span<const Value> a) {
  return ParseWithLayout(ResolveNamedLayout(a[0].string()), a[1].string());
}

Result<Value> ParseRfc3339Ns(BuiltinContext&, std::span<const Value> a) {
  return ParseWithLayout(kRfc3339, a[0].string());
}

Result<Value> ParseDurationNs(BuiltinContext&, std::span<const Value> a) {
  Result<int64_t> d = ParseDuration(a[0].string());
  if (!d.ok()) return BuiltinError(std::string(d.status().message()));
  return Value::Int(*d);
}

Result<Value> Format(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t, ZonedOperand(a[0]));
  std::string_view layout = t.layout.empty() ? kRfc3339Nano : ResolveNamedLayout(t.layout);
  return Value::String(FormatTime(t.instant, t.zone, layout));
}

Result<Value> Date(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t, ZonedOperand(a[0]));
  const CivilTime c = ToZonedTime(t.instant, t.zone).civil;
  return Value::Array({Value::Int(c.year), Value::Int(c.month), Value::Int(c.day)});
}

Result<Value> Clock(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t, ZonedOperand(a[0]));
  const CivilTime c = ToZonedTime(t.instant, t.zone).civil;
  return Value::Array({Value::Int(c.hour), Value::Int(c.minute), Value::Int(c.second)});
}

Result<Value> Weekday(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t, ZonedOperand(a[0]));
  return Value::String(kWeekdayNames[ToZonedTime(t.instant, t.zone).civil.weekday]);
}

Result<int64_t> IntegerOperand(const Value& v, int pos) {
  std::optional<int64_t> n = v.number().ToInt64();
  if (!n) return OperandError(pos, "must be integer number but got floating-point number");
  return *n;
}

Result<Value> AddDate(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t, ZonedOperand(a[0]));
  TF_ASSIGN_OR_RETURN(int64_t years, IntegerOperand(a[1], 2));
  TF_ASSIGN_OR_RETURN(int64_t months, IntegerOperand(a[2], 3));
  TF_ASSIGN_OR_RETURN(int64_t days, IntegerOperand(a[3], 4));
  const CivilTime c = ToZonedTime(t.instant, t.zone).civil;
  const Status out_of_range = BuiltinError("time outside of valid range");
  int64_t year = 0, month = 0, day = 0;
  if (__builtin_add_overflow(c.year, years, &year) ||
      __builtin_add_overflow(int64_t{c.month}, months, &month) ||
      __builtin_add_overflow(int64_t{c.day}, days, &day)) {
    return out_of_range;
  }
  // Go's Time.AddDate: the calendar fields are added and then normalised by time.Date.
  std::optional<Instant> r =
      FromZonedCivil(year, month, day, c.hour, c.minute, c.second, c.nanos, t.zone);
  if (!r) return out_of_range;
  return UnixNanosValue(*r);
}

// Calendar difference [years, months, days, hours, minutes, seconds] between two times, both
// seen in the first one's zone, normalised to non-negative fields.
Result<Value> Diff(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(ZonedArgument t1, ZonedOperand(a[0]));
  TF_ASSIGN_OR_RETURN(ZonedArgument t2, ZonedOperand(a[1]));
  Instant first = t1.instant;
  Instant second = t2.instant;
  if (first > second) std::swap(first, second);
  const CivilTime x = ToZonedTime(first, t1.zone).civil;
  const CivilTime y = ToZonedTime(second, t1.zone).civil;
  int64_t year = y.year - x.year;
  int64_t month = y.month - x.month;
  int64_t day = y.day - x.day;
  int64_t hour = y.hour - x.hour;
  int64_t minute = y.minute - x.minute;
  int64_t sec = y.second - x.second;
  if (sec < 0) sec += 60, --minute;
  if (minute < 0) minute += 60, --hour;
  if (hour < 0) hour += 24, --day;
  if (day < 0) day += DaysInMonth(x.month, x.year), --month;
  if (month < 0) month += 12, --year;
  return Value::Array({Value::Int(year), Value::Int(month), Value::Int(day), Value::Int(hour),
                       Value::Int(minute), Value::Int(sec)});
}

const KindSet kTimeArg = kNumber | kArray;

}  // namespace

std::vector<BuiltinDecl> TimeBuiltins() {
  return {
      {.name = "time.now_ns",
       .params = {},
       .result = kNumber,
       .fn = NowNs,
       .flags = BuiltinFlags::kNondeterministic},
      {.name = "time.parse_ns",
       .params = {{kString, "layout"}, {kString, "value"}},
       .result = kNumber,
       .fn = ParseNs},
      {.name = "time.parse_rfc3339_ns",
       .params = {{kString, "value"}},
       .result = kNumber,
       .fn = ParseRfc3339Ns},
      {.name = "time.parse_duration_ns",
       .params = {{kString, "duration"}},
       .result = kNumber,
       .fn = ParseDurationNs},
      {.name = "time.format", .params = {{kTimeArg, "x"}}, .result = kString, .fn = Format},
      {.name = "time.date", .params = {{kTimeArg, "x"}}, .result = kArray, .fn = Date},
      {.name = "time.clock", .params = {{kTimeArg, "x"}}, .result = kArray, .fn = Clock},
      {.name = "time.weekday", .params = {{kTimeArg, "x"}}, .result = kString, .fn = Weekday},
      {.name = "time.add_date",
       .params = {{kNumber, "ns"}, {kNumber, "years"}, {kNumber, "months"}, {kNumber, "days"}},
       .result = kNumber,
       .fn = AddDate},
      {.name = "time.diff",
       .params = {{kTimeArg, "ns1"}, {kTimeArg, "ns2"}},
       .result = kArray,
       .fn = Diff},
  };
}

}  // namespace tf::rego::builtins

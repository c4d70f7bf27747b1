#include "core/metrics.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/json.h"
#include "core/logger.h"

namespace tf {
namespace {

TEST(MetricsTest, RendersPrometheusTextFormat) {
  MetricsRegistry r;
  r.AddCounter("adapt_plans_total", "Plans built", {"selector"}).Add({"basic"});
  r.AddCounter("adapt_plans_total", "ignored", {"selector"}).Add({"basic"}, 2);
  Histogram& h = r.AddHistogram("latency_seconds", "Latency", {}, {0.001, 0.01});
  h.Observe(0.0005);
  h.Observe(0.5);
  std::string text = r.Render();
  EXPECT_NE(
      text.find("# TYPE adapt_plans_total counter\nadapt_plans_total{selector=\"basic\"} 3\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"0.001\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_seconds_count 2\n"), std::string::npos) << text;
}

TEST(MetricsTest, EscapesLabelValues) {
  MetricsRegistry r;
  r.AddCounter("c", "h", {"l"}).Add({"a\"b\\c\nd"});
  EXPECT_NE(r.Render().find("c{l=\"a\\\"b\\\\c\\nd\"} 1"), std::string::npos);
}

TEST(LoggerTest, WritesOneJsonLinePerEvent) {
  std::ostringstream out;
  FakeClock clock(1700000000123456789);
  JsonLinesLogger log(out, clock);
  log.Info("plan_built", Value::Object({{Value::String("pack"), Value::String("lksg.v1")}}));
  log.Log(LogLevel::kDebug, "hidden", Value());
  EXPECT_EQ(out.str(),
            "{\"event\":\"plan_built\",\"level\":\"info\",\"pack\":\"lksg.v1\",\"time\":"
            "\"2023-11-14T22:13:20.123456789Z\"}\n");
}

TEST(LoggerTest, WritesPreRenderedMembersAfterTimeLevelAndEvent) {
  std::ostringstream out;
  FakeClock clock(1700000000123456789);
  JsonLinesLogger log(out, clock);
  log.LogMembers(LogLevel::kInfo, "request", "\"route\":\"GET /healthz\",\"status\":200");
  log.LogMembers(LogLevel::kInfo, "empty", "");
  log.LogMembers(LogLevel::kDebug, "hidden", "\"a\":1");
  EXPECT_EQ(out.str(),
            "{\"time\":\"2023-11-14T22:13:20.123456789Z\",\"level\":\"info\",\"event\":"
            "\"request\",\"route\":\"GET /healthz\",\"status\":200}\n"
            "{\"time\":\"2023-11-14T22:13:20.123456789Z\",\"level\":\"info\",\"event\":"
            "\"empty\"}\n");
}

// A logger that only implements Log still receives pre-rendered members, as fields.
class RecordingLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view event, const Value& fields) override {
    events.emplace_back(std::string(event), fields);
  }
  std::vector<std::pair<std::string, Value>> events;
};

TEST(LoggerTest, TheDefaultLogMembersParsesTheMembersIntoFields) {
  RecordingLogger log;
  log.LogMembers(LogLevel::kInfo, "request", "\"status\":200,\"route\":\"x\"");
  log.LogMembers(LogLevel::kInfo, "broken", "\"status\":");
  ASSERT_EQ(log.events.size(), 2u);
  EXPECT_EQ(log.events[0].first, "request");
  EXPECT_EQ(ToJson(log.events[0].second), "{\"route\":\"x\",\"status\":200}");
  EXPECT_EQ(ToJson(log.events[1].second), "{\"unparsed_members\":\"\\\"status\\\":\"}");
}

}  // namespace
}  // namespace tf

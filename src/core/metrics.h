// File: core/metrics.h
//
// Counters, gauges and histograms with labels, rendered in the Prometheus text exposition
// format 0.0.4. One `MetricsRegistry` is created in main and passed to the modules that record
// metrics; metrics are registered once (usually at construction) and then updated lock-free.
//
//   tf::MetricsRegistry registry;
//   tf::Counter& plans = registry.AddCounter("adapt_plans_total", "Plans built", {"selector"});
//   plans.Add({"basic"});
//   std::string text = registry.Render();
#ifndef TF_CORE_METRICS_H_
#define TF_CORE_METRICS_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tf {

using LabelValues = std::vector<std::string>;

// A metric family: one time series per distinct combination of label values. Thread-safe.
class Metric {
 public:
  virtual ~Metric() = default;
  const std::string& name() const { return name_; }
  virtual void Render(std::string& out) const = 0;

 protected:
  Metric(std::string name, std::string help, std::vector<std::string> labels)
      : name_(std::move(name)), help_(std::move(help)), labels_(std::move(labels)) {}
  std::string Labels(const LabelValues& values, std::string_view extra = {}) const;
  void Header(std::string& out, std::string_view type) const;

  std::string name_;
  std::string help_;
  std::vector<std::string> labels_;
};

class Counter final : public Metric {
 public:
  Counter(std::string name, std::string help, std::vector<std::string> labels)
      : Metric(std::move(name), std::move(help), std::move(labels)) {}
  // REQUIRES: values.size() == number of label names.
  void Add(const LabelValues& values = {}, double delta = 1);
  double Value(const LabelValues& values = {}) const;
  void Render(std::string& out) const override;

 private:
  mutable std::mutex mu_;
  std::map<LabelValues, double> series_;
};

class Gauge final : public Metric {
 public:
  Gauge(std::string name, std::string help, std::vector<std::string> labels)
      : Metric(std::move(name), std::move(help), std::move(labels)) {}
  void Set(double value, const LabelValues& values = {});
  void Add(double delta, const LabelValues& values = {});
  double Value(const LabelValues& values = {}) const;
  void Render(std::string& out) const override;

 private:
  mutable std::mutex mu_;
  std::map<LabelValues, double> series_;
};

class Histogram final : public Metric {
 public:
  // `bounds`: upper bounds of the buckets, ascending; +Inf is implicit.
  Histogram(std::string name, std::string help, std::vector<std::string> labels,
            std::vector<double> bounds)
      : Metric(std::move(name), std::move(help), std::move(labels)), bounds_(std::move(bounds)) {}
  void Observe(double value, const LabelValues& values = {});
  uint64_t Count(const LabelValues& values = {}) const;
  void Render(std::string& out) const override;

  // Buckets from 5 µs to 10 s, for latencies in seconds.
  static std::vector<double> LatencyBuckets();

 private:
  struct Series {
    std::vector<uint64_t> buckets;
    uint64_t count = 0;
    double sum = 0;
  };
  std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::map<LabelValues, Series> series_;
};

class MetricsRegistry {
 public:
  // Registering a name twice returns the first metric (callers share it).
  Counter& AddCounter(const std::string& name, const std::string& help,
                      std::vector<std::string> labels = {});
  Gauge& AddGauge(const std::string& name, const std::string& help,
                  std::vector<std::string> labels = {});
  Histogram& AddHistogram(const std::string& name, const std::string& help,
                          std::vector<std::string> labels, std::vector<double> bounds);
  // Prometheus text format 0.0.4, metrics in name order.
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Metric>> metrics_;
};

}  // namespace tf

#endif  // TF_CORE_METRICS_H_

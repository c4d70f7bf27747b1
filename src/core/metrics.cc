#include "core/metrics.h"

#include <cmath>
#include <cstdio>

namespace tf {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string EscapeLabel(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatNumber(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

}  // namespace

std::string Metric::Labels(const LabelValues& values, std::string_view extra) const {
  if (labels_.empty() && extra.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (i > 0) out += ",";
    out += labels_[i] + "=\"" + EscapeLabel(i < values.size() ? values[i] : "") + "\"";
  }
  if (!extra.empty()) {
    if (!labels_.empty()) out += ",";
    out += extra;
  }
  return out + "}";
}

void Metric::Header(std::string& out, std::string_view type) const {
  out += "# HELP " + name_ + " " + help_ + "\n";
  out += "# TYPE " + name_ + " " + std::string(type) + "\n";
}

void Counter::Add(const LabelValues& values, double delta) {
  std::lock_guard<std::mutex> lock(mu_);
  series_[values] += delta;
}

double Counter::Value(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second;
}

void Counter::Render(std::string& out) const {
  Header(out, "counter");
  std::lock_guard<std::mutex> lock(mu_);
  if (series_.empty() && labels_.empty()) out += name_ + " 0\n";
  for (const auto& [labels, v] : series_)
    out += name_ + Labels(labels) + " " + FormatNumber(v) + "\n";
}

void Gauge::Set(double value, const LabelValues& values) {
  std::lock_guard<std::mutex> lock(mu_);
  series_[values] = value;
}

void Gauge::Add(double delta, const LabelValues& values) {
  std::lock_guard<std::mutex> lock(mu_);
  series_[values] += delta;
}

double Gauge::Value(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second;
}

void Gauge::Render(std::string& out) const {
  Header(out, "gauge");
  std::lock_guard<std::mutex> lock(mu_);
  if (series_.empty() && labels_.empty()) out += name_ + " 0\n";
  for (const auto& [labels, v] : series_)
    out += name_ + Labels(labels) + " " + FormatNumber(v) + "\n";
}

std::vector<double> Histogram::LatencyBuckets() {
  return {0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
          0.01,     0.025,   0.05,     0.1,     0.25,   0.5,     1,      2.5,   5,      10};
}

void Histogram::Observe(double value, const LabelValues& values) {
  std::lock_guard<std::mutex> lock(mu_);
  Series& s = series_[values];
  if (s.buckets.empty()) s.buckets.assign(bounds_.size(), 0);
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (value <= bounds_[i]) ++s.buckets[i];
  }
  ++s.count;
  s.sum += value;
}

uint64_t Histogram::Count(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second.count;
}

void Histogram::Render(std::string& out) const {
  Header(out, "histogram");
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [labels, s] : series_) {
    for (size_t i = 0; i < bounds_.size(); ++i) {
      out += name_ + "_bucket" + Labels(labels, "le=\"" + FormatNumber(bounds_[i]) + "\"") + " " +
             std::to_string(s.buckets[i]) + "\n";
    }
    out += name_ + "_bucket" + Labels(labels, "le=\"+Inf\"") + " " + std::to_string(s.count) + "\n";
    out += name_ + "_sum" + Labels(labels) + " " + FormatNumber(s.sum) + "\n";
    out += name_ + "_count" + Labels(labels) + " " + std::to_string(s.count) + "\n";
  }
}

Counter& MetricsRegistry::AddCounter(const std::string& name, const std::string& help,
                                     std::vector<std::string> labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = metrics_[name];
  if (!slot) slot = std::make_unique<Counter>(name, help, std::move(labels));
  return dynamic_cast<Counter&>(*slot);
}

Gauge& MetricsRegistry::AddGauge(const std::string& name, const std::string& help,
                                 std::vector<std::string> labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = metrics_[name];
  if (!slot) slot = std::make_unique<Gauge>(name, help, std::move(labels));
  return dynamic_cast<Gauge&>(*slot);
}

Histogram& MetricsRegistry::AddHistogram(const std::string& name, const std::string& help,
                                         std::vector<std::string> labels,
                                         std::vector<double> bounds) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = metrics_[name];
  if (!slot) slot = std::make_unique<Histogram>(name, help, std::move(labels), std::move(bounds));
  return dynamic_cast<Histogram&>(*slot);
}

std::string MetricsRegistry::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  for (const auto& [name, m] : metrics_)
    m->Render(out);
  return out;
}

}  // namespace tf

// File: core/clock.h
//
// Time is injected: code that needs "now" takes a `const Clock&` (or one in its Options), so
// tests run on a `FakeClock` with no sleeps.
#ifndef TF_CORE_CLOCK_H_
#define TF_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace tf {

class Clock {
 public:
  virtual ~Clock() = default;
  // Nanoseconds since the Unix epoch (wall time; may jump).
  virtual int64_t NowNanos() const = 0;
  // Monotonic nanoseconds for measuring durations; unrelated to the epoch.
  virtual int64_t MonotonicNanos() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowNanos() const override;
  int64_t MonotonicNanos() const override;
};

// A clock that moves only when told. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_nanos = 0) : now_(now_nanos) {}
  int64_t NowNanos() const override { return now_.load(); }
  int64_t MonotonicNanos() const override { return now_.load(); }
  void Set(int64_t now_nanos) { now_.store(now_nanos); }
  void Advance(int64_t delta_nanos) { now_.fetch_add(delta_nanos); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace tf

#endif  // TF_CORE_CLOCK_H_

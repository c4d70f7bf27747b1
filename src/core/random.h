// File: core/random.h
//
// Randomness is injected like time: code that needs random bytes takes a `RandomSource&`.
// Production uses the OS CSPRNG through OpenSSL; tests use `SeededRandom` for repeatable runs.
#ifndef TF_CORE_RANDOM_H_
#define TF_CORE_RANDOM_H_

#include <cstdint>
#include <mutex>
#include <span>

namespace tf {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fills `out` with random bytes. Thread-safe.
  virtual void Fill(std::span<uint8_t> out) = 0;
  uint64_t NextU64();
};

// Cryptographically secure (OpenSSL RAND_bytes). Aborts the process if the CSPRNG fails: no
// caller can recover from missing entropy and continuing would mint guessable keys.
class SystemRandom final : public RandomSource {
 public:
  void Fill(std::span<uint8_t> out) override;
};

// Deterministic (splitmix64), for tests and reproducible generators. Not for keys.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  void Fill(std::span<uint8_t> out) override;

 private:
  std::mutex mu_;
  uint64_t state_;
};

}  // namespace tf

#endif  // TF_CORE_RANDOM_H_

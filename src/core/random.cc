#include "core/random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tf {

uint64_t RandomSource::NextU64() {
  uint8_t bytes[8];
  Fill(bytes);
  uint64_t v;
  std::memcpy(&v, bytes, sizeof(v));
  return v;
}

void SystemRandom::Fill(std::span<uint8_t> out) {
  if (out.empty()) return;
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    std::fputs("fatal: the OpenSSL CSPRNG failed\n", stderr);
    std::abort();
  }
}

void SeededRandom::Fill(std::span<uint8_t> out) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < out.size(); ++i) {
    if (i % 8 == 0) {
      // splitmix64 step
      state_ += 0x9e3779b97f4a7c15ULL;
    }
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    out[i] = static_cast<uint8_t>(z >> ((i % 8) * 8));
  }
}

}  // namespace tf

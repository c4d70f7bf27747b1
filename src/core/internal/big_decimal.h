// File: core/internal/big_decimal.h
//
// The heap form of a `Number` that is not an inline int64: sign, magnitude and base-10 exponent.
// Immutable once built and shared by reference count. Only number.cc creates these.
#ifndef TF_CORE_INTERNAL_BIG_DECIMAL_H_
#define TF_CORE_INTERNAL_BIG_DECIMAL_H_

#include <openssl/bn.h>

#include <cstdint>
#include <memory>

#include "core/ref_counted.h"

namespace tf::internal {

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

// value = (negative ? -1 : 1) * magnitude * 10^exponent, with magnitude > 0 and not a multiple
// of ten (the canonical form number.cc maintains).
class BigDecimal : public RefCounted {
 public:
  BigDecimal(bool negative, BnPtr magnitude, int64_t exponent)
      : negative_(negative), magnitude_(std::move(magnitude)), exponent_(exponent) {}

  bool negative() const { return negative_; }
  const BIGNUM* magnitude() const { return magnitude_.get(); }
  int64_t exponent() const { return exponent_; }

 private:
  bool negative_;
  BnPtr magnitude_;
  int64_t exponent_;
};

}  // namespace tf::internal

#endif  // TF_CORE_INTERNAL_BIG_DECIMAL_H_

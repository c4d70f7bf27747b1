// File: graph/internal/codec.h
//
// The byte encodings of the graph store's keys and values: big-endian fixed-width integers (so
// keys sort numerically), LEB128 varints and zigzag for compact values, length-prefixed strings.
// Decoders take a cursor over the input and fail (return false) instead of reading past it.
#ifndef TF_GRAPH_INTERNAL_CODEC_H_
#define TF_GRAPH_INTERNAL_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tf::graph::internal {

inline void PutFixed64Be(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out.append(b, 8);
}

inline uint64_t DecodeFixed64Be(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

inline void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// A read cursor over encoded bytes.
class Reader {
 public:
  explicit Reader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool Varint(uint64_t& out) {
    if (p_ < end_ && (static_cast<uint8_t>(*p_) & 0x80) == 0) {  // one byte: most cache entries
      out = static_cast<uint8_t>(*p_++);
      return true;
    }
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const uint8_t byte = static_cast<uint8_t>(*p_++);
      v |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) {
        out = v;
        return true;
      }
    }
    return false;
  }
  bool SignedVarint(int64_t& out) {
    uint64_t v = 0;
    if (!Varint(v)) return false;
    out = UnZigZag(v);
    return true;
  }
  bool String(std::string_view& out) {
    uint64_t n = 0;
    if (!Varint(n) || n > static_cast<uint64_t>(end_ - p_)) return false;
    out = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  std::string_view Rest() {
    std::string_view r(p_, end_ - p_);
    p_ = end_;
    return r;
  }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

inline void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

}  // namespace tf::graph::internal

#endif  // TF_GRAPH_INTERNAL_CODEC_H_

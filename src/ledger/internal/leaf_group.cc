#include "ledger/internal/leaf_group.h"

namespace tf::ledger::internal {
namespace {

constexpr size_t kWordSize = 4;

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint32_t ReadU32(std::string_view bytes) {
  uint32_t v = 0;
  for (size_t i = 0; i < kWordSize; ++i)
    v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

Status Malformed(std::string why) {
  return Status(ErrorCode::kLedgerCorrupt, "stored leaf group is malformed: " + std::move(why));
}

}  // namespace

std::string EncodeLeafGroup(std::span<const std::string_view> leaves) {
  size_t data = 0;
  for (std::string_view leaf : leaves)
    data += leaf.size();
  std::string out;
  out.reserve(kWordSize * (1 + leaves.size()) + data);
  AppendU32(out, static_cast<uint32_t>(leaves.size()));
  uint32_t end = 0;
  for (std::string_view leaf : leaves) {
    end += static_cast<uint32_t>(leaf.size());
    AppendU32(out, end);
  }
  for (std::string_view leaf : leaves)
    out.append(leaf);
  return out;
}

Result<LeafGroupView> LeafGroupView::Parse(std::string_view bytes) {
  if (bytes.size() < kWordSize) return Malformed("no leaf count");
  const uint32_t count = ReadU32(bytes);
  if (count == 0 || count > kLeafGroupSpan) return Malformed("leaf count " + std::to_string(count));
  const size_t header = kWordSize * (1 + size_t{count});
  if (bytes.size() < header) return Malformed("offsets are cut short");
  LeafGroupView view;
  view.count_ = count;
  view.offsets_ = bytes.substr(kWordSize, kWordSize * count);
  view.data_ = bytes.substr(header);
  uint32_t previous = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t end = view.EndOffset(i);
    if (end < previous || end > view.data_.size()) return Malformed("offsets out of order");
    previous = end;
  }
  if (previous != view.data_.size()) return Malformed("bytes after the last leaf");
  return view;
}

uint32_t LeafGroupView::EndOffset(size_t i) const {
  return ReadU32(offsets_.substr(kWordSize * i));
}

std::string_view LeafGroupView::leaf(size_t i) const {
  const uint32_t begin = i == 0 ? 0 : EndOffset(i - 1);
  return data_.substr(begin, EndOffset(i) - begin);
}

}  // namespace tf::ledger::internal

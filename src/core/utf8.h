// File: core/utf8.h
//
// Minimal UTF-8 helpers shared by the JSON writers and Rego's string builtins (which count and
// index by code point, as OPA does).
#ifndef TF_CORE_UTF8_H_
#define TF_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tf {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[pos]. Returns the number of bytes it spans (>= 1 when pos is in
// range). Invalid or truncated sequences decode as U+FFFD spanning one byte.
size_t DecodeUtf8(std::string_view s, size_t pos, char32_t* code_point);
void AppendUtf8(std::string& out, char32_t code_point);
bool IsValidUtf8(std::string_view s);
// Number of code points (invalid bytes count one each).
size_t CountCodePoints(std::string_view s);
// Splits s into code points.
std::u32string ToCodePoints(std::string_view s);
std::string FromCodePoints(std::u32string_view cps);

}  // namespace tf

#endif  // TF_CORE_UTF8_H_

// RFC 3492 Punycode, the encoding of IDN labels ("xn--..."): punycode.cpp.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace ti::punycode {

// The length of the encoding of `label` (without "xn--").
std::size_t encoded_length(std::span<const char32_t> label);
// Decodes one label (without its "xn--") onto `output`; false if it is not valid Punycode.
bool decode(std::string_view input, std::u32string& output);

}  // namespace ti::punycode

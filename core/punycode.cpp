// RFC 3492 Punycode: the length of an encoding (the twitter-text host check) and the decoding
// of an "xn--" label (URLs shown and matched in Unicode).
#include "punycode.h"

#include <algorithm>
#include <cstdint>

namespace ti::punycode {

namespace {

constexpr std::uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700, kInitialBias = 72,
                        kInitialN = 0x80;

// The bias after each decoded or encoded code point (section 6.1).
std::uint64_t adapt(std::uint64_t delta, std::uint64_t points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    std::uint64_t k = 0;
    while (delta > ((kBase - kTmin) * kTmax) / 2) {
        delta /= kBase - kTmin;
        k += kBase;
    }
    return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

// The threshold of the digit at position k of a variable-length integer.
std::uint64_t threshold(std::uint64_t k, std::uint64_t bias) {
    return k <= bias ? kTmin : (k >= bias + kTmax ? kTmax : k - bias);
}

}  // namespace

std::size_t encoded_length(std::span<const char32_t> label) {
    const auto basic = static_cast<std::uint64_t>(std::count_if(label.begin(), label.end(), [](char32_t c) { return c < 0x80; }));
    std::size_t length = basic + (basic > 0 ? 1 : 0);
    std::uint64_t n = kInitialN, delta = 0, bias = kInitialBias, handled = basic;
    while (handled < label.size()) {
        std::uint64_t next = UINT64_MAX;
        for (char32_t c : label)
            if (c >= n) next = std::min<std::uint64_t>(next, c);
        delta += (next - n) * (handled + 1);
        n = next;
        for (char32_t c : label) {
            if (c < n) ++delta;
            if (c != n) continue;
            std::uint64_t q = delta;
            for (std::uint64_t k = kBase;; k += kBase) {
                const std::uint64_t t = threshold(k, bias);
                if (q < t) break;
                ++length;
                q = (q - t) / (kBase - t);
            }
            ++length;
            bias = adapt(delta, handled + 1, handled == basic);
            delta = 0;
            ++handled;
        }
        ++delta;
        ++n;
    }
    return length;
}

bool decode(std::string_view input, std::u32string& output) {
    std::uint32_t n = kInitialN, i = 0, bias = kInitialBias;
    std::size_t basic_end = input.rfind('-');
    if (basic_end == std::string_view::npos) basic_end = 0;
    for (std::size_t j = 0; j < basic_end; ++j) {
        if (static_cast<unsigned char>(input[j]) >= 0x80) return false;
        output.push_back(static_cast<char32_t>(input[j]));
    }
    std::size_t pos = basic_end > 0 ? basic_end + 1 : 0;
    while (pos < input.size()) {
        std::uint32_t old_i = i, w = 1;
        for (std::uint32_t k = kBase;; k += kBase) {
            if (pos >= input.size()) return false;
            char c = input[pos++];
            std::uint32_t digit;
            if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0' + 26);
            else if (c >= 'a' && c <= 'z') digit = static_cast<std::uint32_t>(c - 'a');
            else if (c >= 'A' && c <= 'Z') digit = static_cast<std::uint32_t>(c - 'A');
            else return false;
            if (digit > (UINT32_MAX - i) / w) return false;
            i += digit * w;
            std::uint32_t t = static_cast<std::uint32_t>(threshold(k, bias));
            if (digit < t) break;
            if (w > UINT32_MAX / (kBase - t)) return false;
            w *= kBase - t;
        }
        std::uint32_t points = static_cast<std::uint32_t>(output.size()) + 1;
        bias = static_cast<std::uint32_t>(adapt(i - old_i, points, old_i == 0));
        if (i / points > 0x10FFFF - n) return false;
        n += i / points;
        i %= points;
        if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return false;
        output.insert(output.begin() + i, static_cast<char32_t>(n));
        ++i;
    }
    return true;
}

}  // namespace ti::punycode

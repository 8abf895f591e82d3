// UTF-8 text handling shared by the readers, the index writer and the query side.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t count_code_points(std::string_view s);

// Byte offset of code point `cp` in `s` (s.size() when past the end).
std::size_t byte_offset_of_code_point(std::string_view s, std::size_t cp);

// The code points [start, end) of `s`.
std::string_view slice_code_points(std::string_view s, std::size_t start, std::size_t end);

// Unescapes the HTML entities Twitter's API escapes in text (&amp; &lt; &gt;, and &quot; &#39;
// for good measure). When `offset_map` is given it receives, for each code point offset of
// the escaped text (and one past its end), the offset in the unescaped text: entity indices
// count code points of the escaped text.
std::string unescape_html(std::string_view escaped, std::vector<std::uint32_t>* offset_map = nullptr);

// Case-folded, NFC-normalised form used for every boolean term (accounts, tags, domains), at
// index time and at query time alike. ASCII takes a fast path.
std::string fold_case(std::string_view s);

// Replaces invalid UTF-8 sequences by U+FFFD so nothing downstream meets broken text.
std::string make_valid_utf8(std::string_view s);

// Escapes text for HTML and XML alike (& < > " '); control characters, which XML 1.0 does not
// allow, are dropped (tab and newlines kept).
std::string escape_markup(std::string_view s);

// Removes HTML tags: a tweet's `source` is `<a href="...">Client</a>`.
std::string strip_tags(std::string_view s);

}  // namespace ti

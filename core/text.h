// UTF-8 text handling shared by the readers, the index writer and the query side.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t count_code_points(std::string_view s);

// Columns a terminal gives UTF-8 text: 2 for a wide (East Asian) character, 0 for a combining
// mark, 1 otherwise; an invalid byte counts 1. For padding text made terminal_safe.
std::size_t display_width(std::string_view s);

// `s` and the spaces that make it `width` columns wide (nothing added when it is wider).
std::string pad_to_width(std::string_view s, std::size_t width);

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

// The length of the UTF-8 sequence at s[i] and its code point in `cp`; 0 when the bytes there
// are not valid UTF-8 (a stray byte, an overlong form, a surrogate, past U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);

// Code points that must not reach a terminal or a reader's eye as they are: the C0 controls,
// DEL and the C1 controls (ESC[2J, OSC titles, U+009B CSI), and the bidi embeddings, overrides
// and isolates U+202A-U+202E and U+2066-U+2069, which make "photo<U+202E>gnp.exe" show as "photoexe.png".
bool is_unsafe_code_point(char32_t cp);

enum class LineBreaks { Escape, Keep };

// Text made safe for a terminal, a Markdown file or a reader: every unsafe code point shown
// visibly instead (\x1b for a C0 control or DEL, \n \r for those, <U+009B> for C1 and bidi
// characters), each byte of invalid UTF-8 as \xff. Tabs are kept; newlines only with
// LineBreaks::Keep (a whole report, not a one-line field or message). Every text and Markdown
// output and every message of both programs goes out through this.
std::string terminal_safe(std::string_view s, LineBreaks line_breaks = LineBreaks::Escape);

// Escapes text for HTML and XML alike (& < > " '), after terminal_safe (line breaks kept): XML
// 1.0 allows no control characters, and a page shows a bidi override's effect as a terminal does.
std::string escape_markup(std::string_view s);

// Removes HTML tags: a tweet's `source` is `<a href="...">Client</a>`.
std::string strip_tags(std::string_view s);

}  // namespace ti

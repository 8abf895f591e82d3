#include "text.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ti {

namespace {
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += !is_continuation(c);
    return n;
}

std::size_t display_width(std::string_view s) {
    std::size_t columns = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) {
            ++columns;
            ++i;
            continue;
        }
        int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        columns += static_cast<std::size_t>(w > 0 ? w : 0);
        i += n;
    }
    return columns;
}

std::string pad_to_width(std::string_view s, std::size_t width) {
    std::string out(s);
    std::size_t have = display_width(s);
    if (have < width) out.append(width - have, ' ');
    return out;
}

std::size_t byte_offset_of_code_point(std::string_view s, std::size_t cp) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_continuation(static_cast<unsigned char>(s[i]))) continue;
        if (seen == cp) return i;
        ++seen;
    }
    return s.size();
}

std::string_view slice_code_points(std::string_view s, std::size_t start, std::size_t end) {
    std::size_t b = byte_offset_of_code_point(s, start);
    std::size_t e = byte_offset_of_code_point(s, end);
    if (e < b) e = b;
    return s.substr(b, e - b);
}

std::string unescape_html(std::string_view in, std::vector<std::uint32_t>* offset_map) {
    struct Entity { std::string_view name; char ch; };
    static constexpr Entity entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    std::string out;
    out.reserve(in.size());
    if (offset_map) offset_map->clear();
    std::uint32_t out_cp = 0;
    std::size_t i = 0;
    while (i < in.size()) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c == '&') {
            bool matched = false;
            for (const auto& e : entities) {
                if (in.substr(i, e.name.size()) == e.name) {
                    // Every code point of the entity maps to the one character it becomes.
                    if (offset_map) offset_map->insert(offset_map->end(), e.name.size(), out_cp);
                    out.push_back(e.ch);
                    ++out_cp;
                    i += e.name.size();
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        if (!is_continuation(c)) {
            if (offset_map) offset_map->push_back(out_cp);
            ++out_cp;
        }
        out.push_back(static_cast<char>(c));
        ++i;
    }
    if (offset_map) offset_map->push_back(out_cp);
    return out;
}

std::string fold_case(std::string_view s) {
    bool ascii = true;
    for (unsigned char c : s) {
        if (c >= 0x80) { ascii = false; break; }
    }
    if (ascii) {
        std::string out(s);
        for (auto& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }
    utf8proc_uint8_t* folded = nullptr;
    auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                            static_cast<utf8proc_ssize_t>(s.size()), &folded,
                            static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    if (len < 0) return make_valid_utf8(s);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
    return std::string(reinterpret_cast<char*>(folded), static_cast<std::size_t>(len));
}

std::string make_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        utf8proc_int32_t cp;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
        if (n < 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        out.append(s.substr(i, static_cast<std::size_t>(n)));
        i += static_cast<std::size_t>(n);
    }
    return out;
}

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    utf8proc_int32_t c;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    if (n <= 0) return 0;
    cp = static_cast<char32_t>(c);
    return static_cast<std::size_t>(n);
}

bool is_unsafe_code_point(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string terminal_safe(std::string_view s, LineBreaks line_breaks) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7F) {  // printable ASCII: most of any text
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        char32_t cp = 0;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
            continue;
        }
        if (!is_unsafe_code_point(cp) || cp == '\t' || (cp == '\n' && line_breaks == LineBreaks::Keep)) {
            out.append(s.substr(i, n));
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x80) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(cp));
        }
        i += n;
    }
    return out;
}

std::string escape_markup(std::string_view text) {
    std::string s = terminal_safe(text, LineBreaks::Keep);
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string strip_tags(std::string_view s) {
    std::string out;
    bool in_tag = false;
    for (char c : s) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag) out.push_back(c);
    }
    return out;
}

}  // namespace ti

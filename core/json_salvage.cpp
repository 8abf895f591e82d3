#include "json_salvage.h"

#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace ti {

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_space(std::string_view t, std::size_t i) {
    while (i < t.size() && is_json_space(t[i])) ++i;
    return i;
}

std::optional<unsigned> hex4(std::string_view t, std::size_t at) {
    if (at + 4 > t.size()) return std::nullopt;
    unsigned v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
        char c = t[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
    }
    return v;
}

bool is_high_surrogate(unsigned u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low_surrogate(unsigned u) { return u >= 0xDC00 && u <= 0xDFFF; }

// A well-formed JSON number no 64-bit integer (signed or not) or finite double holds. A
// malformed token is not out of range: it is left for the parser to refuse.
bool number_out_of_range(std::string_view token) {
    bool negative = !token.empty() && token.front() == '-';
    std::string_view digits = token.substr(negative ? 1 : 0);
    if (digits.empty()) return false;
    if (digits.find_first_of(".eE") != std::string_view::npos) {
        std::string copy(token);
        char* end = nullptr;
        double v = std::strtod(copy.c_str(), &end);
        return end == copy.c_str() + copy.size() && std::isinf(v);
    }
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
    return digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit);
}

// A key as a message may show it: printable ASCII, at most 64 characters.
std::string printable_key(std::string_view raw) {
    std::string out;
    for (char c : raw.substr(0, 64)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return out;
}

// The offset just past the JSON value that starts at t[pos], or npos when the text ends inside
// it. Brackets and strings are followed, nothing is validated: the parser judges the value.
std::size_t end_of_value(std::string_view t, std::size_t pos) {
    int depth = 0;
    for (std::size_t i = pos; i < t.size(); ++i) {
        char c = t[i];
        if (c == '"') {
            for (++i; i < t.size() && t[i] != '"'; ++i) {
                if (t[i] == '\\') ++i;
            }
            if (i >= t.size()) return std::string_view::npos;
            if (depth == 0) return i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return i;  // a scalar ended by the bracket around it
            if (--depth == 0) return i + 1;
        } else if (depth == 0 && (c == ',' || is_json_space(c))) {
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

bool is_repairable_json_error(simdjson::error_code error) {
    return error == simdjson::NUMBER_ERROR || error == simdjson::STRING_ERROR || error == simdjson::UTF8_ERROR;
}

std::string repair_json_values(std::string_view t, std::vector<ValueRepair>& repairs) {
    repairs.clear();
    std::string out;
    out.reserve(t.size() + 16);
    std::string last_key;  // the key the next value belongs to
    std::size_t i = 0;
    while (i < t.size()) {
        char c = t[i];
        if (c == '"') {
            std::size_t start = i;
            bool invalid_utf8_told = false;  // one warning for a string, however many bad bytes
            out += '"';
            for (++i; i < t.size() && t[i] != '"';) {
                if (static_cast<unsigned char>(t[i]) >= 0x80) {
                    char32_t cp;
                    if (std::size_t n = decode_utf8(t, i, cp)) {
                        out.append(t.substr(i, n));
                        i += n;
                        continue;
                    }
                    if (!invalid_utf8_told)
                        repairs.push_back({i, last_key, "invalid UTF-8 bytes: replaced by U+FFFD"});
                    invalid_utf8_told = true;
                    out += "\xEF\xBF\xBD";  // as make_valid_utf8 does: one U+FFFD a bad byte
                    ++i;
                    continue;
                }
                // A backslash before a non-ASCII byte is an escape the parser refuses anyway: the
                // byte is left to the UTF-8 check above, not taken apart from its sequence.
                if (t[i] != '\\' || i + 1 >= t.size() || static_cast<unsigned char>(t[i + 1]) >= 0x80) {
                    out += t[i++];
                    continue;
                }
                if (t[i + 1] == 'u') {
                    auto unit = hex4(t, i + 2);
                    if (unit && is_high_surrogate(*unit) && i + 12 <= t.size() && t[i + 6] == '\\' &&
                        t[i + 7] == 'u') {
                        if (auto low = hex4(t, i + 8); low && is_low_surrogate(*low)) {
                            out.append(t.substr(i, 12));  // a well-formed pair
                            i += 12;
                            continue;
                        }
                    }
                    if (unit && (is_high_surrogate(*unit) || is_low_surrogate(*unit))) {
                        out += "\\ufffd";
                        std::string what = fmt::format("a lone UTF-16 surrogate \\u{:04x}: replaced by U+FFFD", *unit);
                        repairs.push_back({i, last_key, std::move(what)});
                        i += 6;
                        continue;
                    }
                }
                out.append(t.substr(i, 2));
                i += 2;
            }
            if (i < t.size()) out += t[i++];
            std::size_t after = skip_space(t, i);
            if (after < t.size() && t[after] == ':') last_key = printable_key(t.substr(start + 1, i - start - 2));
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t j = i;
            while (j < t.size() && ((t[j] >= '0' && t[j] <= '9') || t[j] == '-' || t[j] == '+' || t[j] == '.' ||
                                    t[j] == 'e' || t[j] == 'E'))
                ++j;
            std::string_view token = t.substr(i, j - i);
            if (number_out_of_range(token)) {
                out += "null";
                std::string shown(token.substr(0, 40));
                if (token.size() > 40) shown += "...";
                repairs.push_back({i, last_key, fmt::format("the number {} is out of range: dropped", shown)});
            } else {
                out.append(token);
            }
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

simdjson::error_code parse_json_record(simdjson::dom::parser& parser, std::string_view text, const std::string& file,
                                       std::size_t first_line, RecordSink& sink, simdjson::dom::element& out) {
    auto parsed = parser.parse(text.data(), text.size(), true);
    if (!parsed.error()) {
        out = parsed.value_unsafe();
        return simdjson::SUCCESS;
    }
    if (!is_repairable_json_error(parsed.error())) return parsed.error();
    std::vector<ValueRepair> repairs;
    std::string repaired = repair_json_values(text, repairs);
    if (repairs.empty()) return parsed.error();
    // The DOM copies every string it keeps: the repaired text need not outlive the parse.
    auto again = parser.parse(repaired);
    if (again.error()) return parsed.error();  // something else is wrong too: the first error says what
    std::size_t line = first_line, counted = 0;
    for (const auto& r : repairs) {
        line += static_cast<std::size_t>(std::count(text.begin() + static_cast<long>(counted),
                                                    text.begin() + static_cast<long>(r.offset), '\n'));
        counted = r.offset;
        sink.notice({file, line}, fmt::format("warning: field {}: {} (the record is kept)",
                                              r.field.empty() ? "(none)" : r.field, r.what));
    }
    out = again.value_unsafe();
    return simdjson::SUCCESS;
}

std::optional<std::size_t> read_json_array_entries(simdjson::dom::parser& parser, std::string_view text,
                                                   const std::string& file, std::size_t first_line,
                                                   const FormatContext& context, RecordSink& sink) {
    std::size_t pos = skip_space(text, 0);
    if (pos >= text.size() || text[pos] != '[') return std::nullopt;
    std::size_t line = first_line, counted = 0;
    auto line_at = [&](std::size_t offset) {
        line += static_cast<std::size_t>(std::count(text.begin() + static_cast<long>(counted),
                                                    text.begin() + static_cast<long>(offset), '\n'));
        counted = offset;
        return line;
    };
    std::size_t entries = 0;
    auto cut = [&](std::string_view where_it_ends) {
        std::size_t last = text.size();  // the line of the last character, not of a newline after it
        while (last > 0 && is_json_space(text[last - 1])) --last;
        std::size_t cut_line = line_at(std::max(last, counted));
        sink.reject({file, cut_line}, fmt::format("the array is cut off at line {}, {}: the {} complete entries "
                                                  "before the cut were read",
                                                  cut_line, where_it_ends, entries));
        return entries;
    };
    pos = skip_space(text, pos + 1);
    if (pos < text.size() && text[pos] == ']') {
        pos = skip_space(text, pos + 1);
    } else {
        while (true) {
            if (pos >= text.size()) return cut(fmt::format("after entry {}", entries));
            std::size_t end = end_of_value(text, pos);
            std::size_t entry_line = line_at(pos);
            if (end == std::string_view::npos)
                return cut(fmt::format("inside entry {} (from line {})", entries + 1, entry_line));
            Location where{file, entry_line, ++entries};
            simdjson::dom::element value;
            if (auto error = parse_json_record(parser, text.substr(pos, end - pos), file, entry_line, sink, value))
                sink.reject(where, fmt::format("invalid JSON: {}", simdjson::error_message(error)));
            else
                read_json_value(value, where, context, sink);
            pos = skip_space(text, end);
            if (pos >= text.size()) return cut(fmt::format("after entry {}", entries));
            if (text[pos] == ']') {
                pos = skip_space(text, pos + 1);
                break;
            }
            if (text[pos] != ',') {
                sink.reject({file, line_at(pos)}, fmt::format("invalid JSON: neither ',' nor ']' after entry {}: the "
                                                              "rest of the array is not read",
                                                              entries));
                return entries;
            }
            pos = skip_space(text, pos + 1);
        }
    }
    if (pos < text.size())
        sink.reject({file, line_at(pos)}, "invalid JSON: text after the end of the array: not read");
    return entries;
}

}  // namespace ti

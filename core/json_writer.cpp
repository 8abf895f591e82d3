#include "json_writer.h"

#include "text.h"

#include <fmt/format.h>

namespace ti {

namespace {

// Appends `s`: `ascii` writes each ASCII byte; beyond ASCII, what is_unsafe_code_point names
// becomes a \u escape and each byte of invalid UTF-8 U+FFFD.
template <typename Ascii>
void append_escaped(std::string& out, std::string_view s, Ascii ascii) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ascii(c);
            ++i;
            continue;
        }
        char32_t cp = 0;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        if (is_unsafe_code_point(cp)) out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        else out.append(s.substr(i, n));
        i += n;
    }
}

}  // namespace

std::string json_escape_unsafe(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    append_escaped(out, json, [&](unsigned char c) {
        // JSON's whitespace stays; any other control can only be a raw one in a string.
        bool whitespace = c == '\t' || c == '\n' || c == '\r';
        if (c == 0x7F || (c < 0x20 && !whitespace)) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    });
    return out;
}

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    append_escaped(out, s, [&](unsigned char c) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) out += fmt::format("\\u{:04x}", c);
                else out.push_back(static_cast<char>(c));
        }
    });
    out.push_back('"');
}

void JsonWriter::comma() {
    if (need_comma_) out_.push_back(',');
    need_comma_ = true;
}
JsonWriter& JsonWriter::begin_object() { comma(); out_.push_back('{'); need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_object() { out_.push_back('}'); need_comma_ = true; return *this; }
JsonWriter& JsonWriter::begin_array() { comma(); out_.push_back('['); need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_array() { out_.push_back(']'); need_comma_ = true; return *this; }
JsonWriter& JsonWriter::key(std::string_view k) {
    comma();
    append_json_string(out_, k);
    out_.push_back(':');
    need_comma_ = false;
    return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) { comma(); append_json_string(out_, s); return *this; }
JsonWriter& JsonWriter::value(std::int64_t n) { comma(); out_ += std::to_string(n); return *this; }
JsonWriter& JsonWriter::value(bool b) { comma(); out_ += b ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { comma(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::raw(std::string_view json) { comma(); out_ += json_escape_unsafe(json); return *this; }

}  // namespace ti

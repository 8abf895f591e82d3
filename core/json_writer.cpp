#include "json_writer.h"

#include <fmt/format.h>

namespace ti {

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) out += fmt::format("\\u{:04x}", c);
                else out.push_back(ch);
        }
    }
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
JsonWriter& JsonWriter::raw(std::string_view json) { comma(); out_ += json; return *this; }

}  // namespace ti

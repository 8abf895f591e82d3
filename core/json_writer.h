// Minimal JSON output: the stored tweet record, jsonl output and account records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ti {

// A JSON string: besides what JSON requires, DEL, the C1 controls and the bidi overrides and
// isolates (text.h, is_unsafe_code_point) are written as \u escapes, so JSON read on a terminal
// is as safe as text output, and invalid UTF-8 becomes U+FFFD (JSON is UTF-8).
void append_json_string(std::string& out, std::string_view s);

// An already serialised JSON text (a stored record) with the same escapes applied: records
// written before the escapes hold those characters raw. Valid JSON has them only in its strings
// (and no raw control but its whitespace, which stays; any other is escaped too).
std::string json_escape_unsafe(std::string_view json);

// Builds one JSON object or array with commas handled; values are written as they come.
class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(std::int64_t n);
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& raw(std::string_view json);  // an already serialised value (json_escape_unsafe applied)
    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    void comma();
    std::string out_;
    bool need_comma_ = false;
};

}  // namespace ti

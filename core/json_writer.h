// Minimal JSON output: the stored tweet record, jsonl output and account records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ti {

void append_json_string(std::string& out, std::string_view s);

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
    JsonWriter& raw(std::string_view json);  // an already serialised value
    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    void comma();
    std::string out_;
    bool need_comma_ = false;
};

}  // namespace ti

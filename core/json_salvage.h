// Keeping what can be kept of JSON that simdjson refuses: a record with one value out of range,
// one lone UTF-16 surrogate or invalid UTF-8 bytes in a string, and an array cut short (an interrupted copy) or holding a bad
// entry. Only the failure path pays for any of it: a text that parses is read as it is.
#pragma once

#include "formats.h"

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// One value changed by repair_json_values, at a byte offset of the text it was found in.
struct ValueRepair {
    std::size_t offset = 0;
    std::string field;  // the key the value belongs to ("retweet_count"); empty at the top level
    std::string what;   // "the number 1e400 is out of range: dropped"
};

// The errors repair_json_values may cure: simdjson's NUMBER_ERROR (a number beyond a double or a
// 64-bit integer), STRING_ERROR (a lone surrogate escape) and UTF8_ERROR (invalid UTF-8 bytes).
bool is_repairable_json_error(simdjson::error_code error);

// A copy of `text` with each number that no 64-bit integer or finite double holds replaced by
// null (the field is dropped) and each lone surrogate escape (\ud800 without its pair) replaced
// by \ufffd (U+FFFD), and each byte of invalid UTF-8 inside a string by U+FFFD (one repair told
// for the string). Invalid UTF-8 outside a string is left for the parser to refuse. Empty
// `repairs` when there was nothing to change.
std::string repair_json_values(std::string_view text, std::vector<ValueRepair>& repairs);

// Parses one JSON text (a line, an array entry, a document) into `out`. When simdjson refuses it
// for values repair_json_values cures, the repaired copy is parsed instead and each repair is
// told to the sink as a notice at its line (`first_line` is the line the text starts on).
simdjson::error_code parse_json_record(simdjson::dom::parser& parser, std::string_view text, const std::string& file,
                                       std::size_t first_line, RecordSink& sink, simdjson::dom::element& out);

// For a JSON array that could not be parsed whole (cut short by an interrupted write or copy,
// a bad entry, text after its end): reads each complete entry on its own, reporting the bad
// ones as `FILE:LINE: entry N: reason`, and the cut as one rejected record naming its line and
// the number of entries kept. Returns the number of complete entries, or nullopt (nothing read
// or reported) when `text` is not an array.
std::optional<std::size_t> read_json_array_entries(simdjson::dom::parser& parser, std::string_view text,
                                                   const std::string& file, std::size_t first_line,
                                                   const FormatContext& context, RecordSink& sink);

}  // namespace ti

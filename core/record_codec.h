// How a stored record (record.h) is kept in its value slot: compressed with zstd against a
// dictionary compiled into both programs (record_dictionary.inc): 3x smaller than the JSON on
// real tweets, 4x on synthetic ones (docs/performance.md, "Stored records compressed"). A record
// that would not shrink, and every record of an index written before schema 4, is the JSON as
// it is; the first four bytes tell which (zstd's magic number; JSON starts with '{').
#pragma once

#include <string>
#include <string_view>

namespace ti {

std::string pack_record(std::string_view json);
// The JSON again; throws IndexError when the bytes are a frame it cannot decode (a damaged
// index, or one written by a later tweet-index with a dictionary this one has not).
std::string unpack_record(std::string_view stored);

}  // namespace ti

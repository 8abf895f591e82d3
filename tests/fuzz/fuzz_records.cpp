// Bytes -> the stored record codec: any bytes packed come back unpacked to the byte, and any
// bytes unpacked (raw, or a real frame with one byte changed where the input says) give the
// bytes back or an IndexError, never a crash, a leak or an unbounded allocation.
#include "index.h"
#include "record_codec.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
void unpack_or_refuse(const std::string& bytes) {
    try {
        (void)ti::unpack_record(bytes);
    } catch (const ti::IndexError&) {
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    std::string packed = ti::pack_record(in);
    if (ti::unpack_record(packed) != in) std::abort();
    unpack_or_refuse(in);
    if (size >= 2 && !packed.empty()) {
        std::string damaged = packed;
        damaged[(static_cast<std::size_t>(data[0]) * 256 + data[1]) % damaged.size()] ^= static_cast<char>(data[size - 1] | 1);
        unpack_or_refuse(damaged);
        unpack_or_refuse(damaged.substr(0, damaged.size() / 2));
    }
    return 0;
}

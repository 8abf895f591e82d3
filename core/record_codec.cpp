#include "record_codec.h"

#include "index.h"

#include <fmt/format.h>

#include <zstd.h>

#include <cstring>
#include <memory>

namespace ti {

namespace record_dictionary {
#include "record_dictionary.inc"
}

namespace {

// zstd's fastest regular level. Level 3 made the records only 3% smaller with zstd's command
// line (docs/performance.md, "Stored records compressed"); its time in the indexer is unmeasured.
constexpr int kLevel = 1;
// A record is a tweet's JSON: a frame claiming more than this is not one of ours, and a record
// this long is stored as it is.
constexpr unsigned long long kMaxRecordBytes = 64ull << 20;

struct Dictionaries {
    ZSTD_CDict* compress;
    ZSTD_DDict* decompress;
};

// Made once, shared read-only by every thread (zstd allows it); the contexts are per thread.
// Never freed: a thread's context may refer to them until the very end of the process.
const Dictionaries& dictionaries() {
    static const Dictionaries d = [] {
        Dictionaries made{ZSTD_createCDict(record_dictionary::kBytes, sizeof record_dictionary::kBytes, kLevel),
                          ZSTD_createDDict(record_dictionary::kBytes, sizeof record_dictionary::kBytes)};
        // Without its dictionary zstd would compress records no reader of ours decodes.
        if (!made.compress || !made.decompress) throw IndexError("zstd could not load the record dictionary (out of memory?)");
        return made;
    }();
    return d;
}

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// The frame says its size and dictionary, and carries a checksum (4 bytes), so a damaged record
// is refused rather than shown as other bytes.
ZSTD_CCtx* compress_context() {
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> ctx = [] {
        std::unique_ptr<ZSTD_CCtx, CCtxFree> c(ZSTD_createCCtx());
        if (!c) throw IndexError("zstd could not make a compression context (out of memory?)");
        ZSTD_CCtx_refCDict(c.get(), dictionaries().compress);
        ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
        return c;
    }();
    return ctx.get();
}

ZSTD_DCtx* decompress_context() {
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx(ZSTD_createDCtx());
    if (!ctx) throw IndexError("zstd could not make a decompression context (out of memory?)");
    return ctx.get();
}

// ZSTD_MAGICNUMBER as a frame starts with it (little-endian).
constexpr char kFrameMagic[4] = {static_cast<char>(ZSTD_MAGICNUMBER & 0xff), static_cast<char>((ZSTD_MAGICNUMBER >> 8) & 0xff),
                                 static_cast<char>((ZSTD_MAGICNUMBER >> 16) & 0xff), static_cast<char>(ZSTD_MAGICNUMBER >> 24)};

bool is_frame(std::string_view stored) {
    return stored.size() >= sizeof kFrameMagic && std::memcmp(stored.data(), kFrameMagic, sizeof kFrameMagic) == 0;
}

}  // namespace

std::string pack_record(std::string_view json) {
    // What unpack_record would refuse to decode is kept as it is (a tweet of over 64 MB).
    if (json.size() > kMaxRecordBytes && !is_frame(json)) return std::string(json);
    std::string out(ZSTD_compressBound(json.size()), '\0');
    std::size_t n = ZSTD_compress2(compress_context(), out.data(), out.size(), json.data(), json.size());
    if (ZSTD_isError(n)) throw IndexError(fmt::format("a tweet's record could not be compressed: {}", ZSTD_getErrorName(n)));
    // Kept as it is when that is shorter, unless it would read as a frame (never JSON, which
    // starts with '{'; the codec takes any bytes).
    if (n >= json.size() && !is_frame(json)) return std::string(json);
    out.resize(n);
    return out;
}

std::string unpack_record(std::string_view stored) {
    if (!is_frame(stored)) return std::string(stored);
    auto damaged = [&](std::string_view why) {
        return IndexError(fmt::format("a stored tweet in the index cannot be read ({}): the index is damaged, "
                                      "or written by a later tweet-index; rebuild it from your files", why));
    };
    unsigned dictionary = ZSTD_getDictID_fromFrame(stored.data(), stored.size());
    if (dictionary != record_dictionary::kId)
        throw damaged(fmt::format("compressed with dictionary {}, this tweet-index has {}", dictionary,
                                  record_dictionary::kId));
    unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kMaxRecordBytes)
        throw damaged("its size is missing or too large");
    std::string out(static_cast<std::size_t>(size), '\0');
    std::size_t n = ZSTD_decompress_usingDDict(decompress_context(), out.data(), out.size(), stored.data(),
                                               stored.size(), dictionaries().decompress);
    if (ZSTD_isError(n)) throw damaged(ZSTD_getErrorName(n));
    if (n != out.size()) throw damaged("shorter than its header says");
    return out;
}

}  // namespace ti

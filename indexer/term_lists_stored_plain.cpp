// Term lists stored as they are, not deflated.
//
// Glass deflates every document's term list with zlib as it writes it, and Xapian's compactor,
// which every new index goes through, deflates again whatever it copies that is not deflated
// already: no API turns either off (a table's threshold is fixed when it is made, and the
// compactor's output uses the default). The deflate's set-up, paid once per document, was a
// tenth of a new index's time for a twentieth of its size (docs/performance.md, "Term lists
// stored as they are"). Xapian stores an item as it is when deflate cannot make it smaller;
// this definition of zlib's deflateInit2_, which libxapian's calls bind to because the program
// defines and exports it, asks for level 0 (stored blocks, never smaller) on Xapian's streams
// only: raw deflate (window bits -15) at memory level 9, which nothing else in tweet-index asks
// for (zlib's gzip functions use 31 and 8, libarchive only reads here). The same streams serve
// glass's document data, spelling and synonym tables, which tweet-index leaves empty. Readers
// need nothing: glass flags each item as deflated or not, and term lists an older build
// deflated stay so, even through a compaction, which copies deflated items as they are.
#include <zlib.h>

#include <dlfcn.h>

namespace {

using DeflateInit2 = int (*)(z_streamp, int, int, int, int, int, const char*, int);

bool is_xapians_stream(int window_bits, int mem_level) { return window_bits == -15 && mem_level == 9; }

}  // namespace

// Exported explicitly: were it hidden (a visibility flag, LTO), libxapian would bind to zlib's
// own and the term lists would be deflated again without a word (the e2e test would notice).
extern "C" __attribute__((visibility("default"))) int deflateInit2_(z_streamp stream, int level, int method,
                                                                    int window_bits, int mem_level, int strategy,
                                                                    const char* version, int stream_size) {
    static const auto zlibs_own = reinterpret_cast<DeflateInit2>(dlsym(RTLD_NEXT, "deflateInit2_"));
    if (zlibs_own == nullptr) return Z_VERSION_ERROR;  // Xapian reports it as a failed deflateInit2
    if (is_xapians_stream(window_bits, mem_level)) {
        level = 0;
        mem_level = 1;  // the smallest hash table: level 0 never searches it, but a reset clears it
    }
    return zlibs_own(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}

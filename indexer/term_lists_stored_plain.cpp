// Term lists stored as they are, not deflated.
//
// Glass deflates every document's term list with zlib as it writes it, and Xapian's compactor,
// which every new index goes through, deflates again whatever it copies that is not deflated
// already: no API turns either off (a table's threshold is fixed when it is made, and the
// compactor's output uses the default). The deflate's set-up, paid once per document, cost 10%
// of a new index's time, for 5% of its size (docs/performance.md, "Term lists stored as they
// are"). Xapian stores an item as it is when deflate cannot make it smaller; this definition of
// zlib's deflateInit2_, which the dynamic linker binds libxapian's calls to because the program
// defines it, asks for level 0 (stored blocks, never smaller) on Xapian's streams only: raw
// deflate (window bits -15) at memory level 9, which nothing else in tweet-index asks for.
// Readers need nothing: glass flags each item as deflated or not.
#include <zlib.h>

#include <dlfcn.h>

namespace {

using DeflateInit2 = int (*)(z_streamp, int, int, int, int, int, const char*, int);

bool is_xapians_stream(int window_bits, int mem_level) { return window_bits == -15 && mem_level == 9; }

}  // namespace

extern "C" int deflateInit2_(z_streamp stream, int level, int method, int window_bits, int mem_level,
                             int strategy, const char* version, int stream_size) {
    static const auto zlibs_own = reinterpret_cast<DeflateInit2>(dlsym(RTLD_NEXT, "deflateInit2_"));
    if (zlibs_own == nullptr) return Z_VERSION_ERROR;  // Xapian reports it as a failed deflateInit2
    if (is_xapians_stream(window_bits, mem_level)) {
        level = 0;
        mem_level = 1;  // the smallest hash table: level 0 never searches it, but a reset clears it
    }
    return zlibs_own(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}

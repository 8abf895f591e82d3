/* Preloaded into tweet-index, rewrites the arguments of zlib's deflateInit2_ from the
 * environment, to measure what glass's deflate of term lists costs at other settings
 * (docs/performance.md, "Term lists stored as they are"):
 *
 *   gcc -O2 -shared -fPIC -o /tmp/zlib_settings_shim.so bench/zlib_settings_shim.c -ldl
 *   SHIM_LEVEL=1 LD_PRELOAD=/tmp/zlib_settings_shim.so tweet-index --db DB FILE
 *
 * SHIM_LEVEL, SHIM_MEM and SHIM_STRAT replace the level, memory level and strategy of every
 * deflate stream the process starts. A tweet-index built with indexer/term_lists_stored_plain.cpp
 * defines deflateInit2_ itself, and the program's own definition is found before a preloaded
 * one: measure on a build without that file. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <zlib.h>

typedef int (*deflate_init2_fn)(z_streamp, int, int, int, int, int, const char*, int);

int deflateInit2_(z_streamp stream, int level, int method, int window_bits, int mem_level, int strategy,
                  const char* version, int stream_size) {
    deflate_init2_fn next = (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
    if (!next) return Z_VERSION_ERROR;
    if (getenv("SHIM_LEVEL")) level = atoi(getenv("SHIM_LEVEL"));
    if (getenv("SHIM_MEM")) mem_level = atoi(getenv("SHIM_MEM"));
    if (getenv("SHIM_STRAT")) strategy = atoi(getenv("SHIM_STRAT"));
    return next(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}

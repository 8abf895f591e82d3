// Bytes -> a file on disk -> SourceReader::read_input, the path every input takes: the content
// sniffer, JSON lines and whole documents, archive scripts (tweets.js, like.js, ...), Grailbird
// CSV, API v2 shapes, and gzip/zip/tar/bzip2/xz/zstd containers through libarchive. The first
// byte picks the file's name, since some formats are known by name (data/tweets.js).
#include "fuzz_sinks.h"
#include "sources.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const char* const kNames[] = {
    "in.jsonl", "data/tweets.js", "data/like.js", "data/deleted-tweets.js", "tweets.csv",
    "data/js/tweets/2011_01.js", "in.json", "data/community-tweet.js",
};

std::filesystem::path work_dir() {
    static std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("fuzz_readers." + std::to_string(getpid()));
        std::filesystem::create_directories(d / "data" / "js" / "tweets");
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
    auto path = work_dir() / name;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    DiscardSink sink;
    NoGate gate;
    ti::SourceReader reader(sink, gate);
    try {
        reader.read_input(path.string());
    } catch (const ti::InputError&) {
    }
    std::filesystem::remove(path);
    return 0;
}

// Byte streams from files, stdin, compressed files and archive entries, nested at will.
// Nothing is extracted to disk; an archive entry's path is only a name for messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class ByteReader {
  public:
    virtual ~ByteReader() = default;
    // Up to n bytes; 0 at the end. Throws InputError on a read or decompression error.
    virtual std::size_t read(char* buf, std::size_t n) = 0;
};

// Bounds on what a compressed stream or archive entry may expand to (decompression bombs). A
// stream that passes either stops with an InputError naming the limit; the next entries are read.
struct DecompressionLimits {
    double max_ratio = 1000;             // decompressed bytes per compressed byte; 0: no limit
    std::uint64_t max_bytes = 0;         // decompressed bytes of one stream or entry; 0: no limit
    std::uint64_t ratio_floor = 8u << 20;  // the ratio is checked once this much came out
};
DecompressionLimits& decompression_limits();  // process-wide; tweet-index sets it from its options
// Throws InputError when `out` bytes from `in` compressed bytes pass a limit.
void check_expansion(std::uint64_t out, std::uint64_t in);

std::unique_ptr<ByteReader> open_file_reader(const std::string& path);  // "-" is stdin
// Bytes read so far through open_file_reader, stdin included: what the progress display of
// tweet-index counts (a ZIP on disk is read by libarchive itself and is not counted).
std::uint64_t file_bytes_read();
std::unique_ptr<ByteReader> make_gzip_reader(std::unique_ptr<ByteReader> compressed);

// A reader that lets the first bytes be looked at before they are consumed.
class PeekableReader : public ByteReader {
  public:
    explicit PeekableReader(std::unique_ptr<ByteReader> inner) : inner_(std::move(inner)) {}
    std::string_view peek(std::size_t n);  // fewer bytes at the end of the stream
    std::size_t read(char* buf, std::size_t n) override;

  private:
    std::unique_ptr<ByteReader> inner_;
    std::string buffered_;
    std::size_t pos_ = 0;
};

enum class StreamKind { Gzip, Zip, OtherCompressedOrTar, Text };
StreamKind sniff_stream(std::string_view first_bytes);

// Entries of a ZIP or tar, or the single decompressed stream of bzip2/xz/zstd, through
// libarchive. Entries are visited in archive order, each as a stream of its own.
class ArchiveEntries {
  public:
    // From a file on disk (ZIPs are then read through their central directory).
    static std::unique_ptr<ArchiveEntries> open_file(const std::string& path);
    // From a stream (nested archives, stdin).
    static std::unique_ptr<ArchiveEntries> open_stream(std::unique_ptr<ByteReader> source);
    ~ArchiveEntries();

    // Advances to the next regular-file entry; false at the end. `name` is the entry's path,
    // or "" for the one stream of a compressed file.
    bool next(std::string& name, long long& size);
    // The current entry's data. Valid until next().
    std::unique_ptr<ByteReader> entry_reader();

    struct Impl;

  private:
    explicit ArchiveEntries(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Splits a stream into lines (\n or \r\n), counting them from 1.
class LineReader {
  public:
    explicit LineReader(ByteReader& in, std::size_t max_line_bytes = 256u << 20) : in_(in), max_(max_line_bytes) {}
    // False at the end. A line over the limit is returned empty with `too_long` set.
    bool next(std::string_view& line, bool& too_long);
    std::size_t line_number() const { return line_no_; }
    // Everything not yet returned as a line, to the end of the stream.
    std::string rest();

  private:
    bool fill();
    ByteReader& in_;
    std::size_t max_;
    std::string buf_;
    std::size_t start_ = 0;
    std::size_t line_no_ = 0;
    bool eof_ = false;
};

std::string read_all(ByteReader& in, std::size_t limit = std::size_t(4) << 30);

}  // namespace ti

#include "input.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <zlib.h>

#include <locale.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ti {

DecompressionLimits& decompression_limits() {
    static DecompressionLimits limits;
    return limits;
}

void check_expansion(std::uint64_t out, std::uint64_t in) {
    const auto& limits = decompression_limits();
    if (limits.max_bytes && out > limits.max_bytes)
        throw InputError(fmt::format("decompressed data larger than {} bytes (--max-entry-bytes); rest skipped",
                                     limits.max_bytes));
    if (limits.max_ratio > 0 && out >= limits.ratio_floor &&
        static_cast<double>(out) > limits.max_ratio * static_cast<double>(in ? in : 1))
        throw InputError(fmt::format("decompression bomb: {} bytes from {} compressed, more than {:g}:1 "
                                     "(--max-ratio); rest skipped",
                                     out, in, limits.max_ratio));
}

namespace {

std::uint64_t g_file_bytes_read = 0;

class FileReader : public ByteReader {
  public:
    explicit FileReader(const std::string& path) : path_(path) {
        if (path == "-") {
            file_ = stdin;
        } else {
            file_ = std::fopen(path.c_str(), "rb");
            if (!file_) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
            owned_ = true;
        }
    }
    ~FileReader() override {
        if (owned_) std::fclose(file_);
    }
    std::size_t read(char* buf, std::size_t n) override {
        std::size_t got = std::fread(buf, 1, n, file_);
        g_file_bytes_read += got;
        if (got == 0 && std::ferror(file_))
            throw InputError(fmt::format("{}: read error: {}", path_, std::strerror(errno)));
        return got;
    }

  private:
    std::string path_;
    std::FILE* file_ = nullptr;
    bool owned_ = false;
};

// zlib inflate over any ByteReader; concatenated gzip members are read as one stream.
class GzipReader : public ByteReader {
  public:
    explicit GzipReader(std::unique_ptr<ByteReader> in) : in_(std::move(in)), inbuf_(1 << 17) {
        std::memset(&zs_, 0, sizeof zs_);
        if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) throw InputError("gzip: cannot initialise zlib");
    }
    ~GzipReader() override { inflateEnd(&zs_); }
    std::size_t read(char* buf, std::size_t n) override {
        if (done_) return 0;
        zs_.next_out = reinterpret_cast<Bytef*>(buf);
        zs_.avail_out = static_cast<uInt>(n);
        while (zs_.avail_out == n) {
            if (zs_.avail_in == 0) {
                std::size_t got = in_->read(inbuf_.data(), inbuf_.size());
                if (got == 0) {
                    if (member_started_) throw InputError("gzip: unexpected end of compressed data (truncated file)");
                    done_ = true;
                    break;
                }
                zs_.next_in = reinterpret_cast<Bytef*>(inbuf_.data());
                zs_.avail_in = static_cast<uInt>(got);
                in_total_ += got;
            }
            member_started_ = true;
            int rc = inflate(&zs_, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                member_started_ = false;
                // Another member may follow (multi-member gzip); trailing zero padding ends it.
                if (inflateReset(&zs_) != Z_OK) throw InputError("gzip: cannot reset zlib");
                skip_padding();
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                throw InputError(fmt::format("gzip: corrupt data ({})", zs_.msg ? zs_.msg : "inflate error"));
            }
        }
        out_total_ += n - zs_.avail_out;
        check_expansion(out_total_, in_total_ - zs_.avail_in);  // the compressed bytes inflated so far
        return n - zs_.avail_out;
    }

  private:
    void skip_padding() {
        while (zs_.avail_in > 0 && *zs_.next_in == 0) {
            ++zs_.next_in;
            --zs_.avail_in;
        }
    }
    std::unique_ptr<ByteReader> in_;
    std::vector<char> inbuf_;
    z_stream zs_;
    bool member_started_ = false;
    bool done_ = false;
    std::uint64_t in_total_ = 0;
    std::uint64_t out_total_ = 0;
};

}  // namespace

std::unique_ptr<ByteReader> open_file_reader(const std::string& path) { return std::make_unique<FileReader>(path); }

std::uint64_t file_bytes_read() { return g_file_bytes_read; }

std::unique_ptr<ByteReader> make_gzip_reader(std::unique_ptr<ByteReader> compressed) {
    return std::make_unique<GzipReader>(std::move(compressed));
}

std::string_view PeekableReader::peek(std::size_t n) {
    while (buffered_.size() - pos_ < n) {
        char tmp[65536];
        std::size_t want = std::min(sizeof tmp, n - (buffered_.size() - pos_));
        std::size_t got = inner_->read(tmp, want);
        if (got == 0) break;
        buffered_.append(tmp, got);
    }
    return std::string_view(buffered_).substr(pos_, n);
}

std::size_t PeekableReader::read(char* buf, std::size_t n) {
    if (pos_ < buffered_.size()) {
        std::size_t k = std::min(n, buffered_.size() - pos_);
        std::memcpy(buf, buffered_.data() + pos_, k);
        pos_ += k;
        if (pos_ == buffered_.size()) {
            buffered_.clear();
            pos_ = 0;
        }
        return k;
    }
    return inner_->read(buf, n);
}

StreamKind sniff_stream(std::string_view b) {
    auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
    if (starts("\x1f\x8b")) return StreamKind::Gzip;
    if (starts("PK\x03\x04") || starts("PK\x05\x06")) return StreamKind::Zip;
    if (starts("BZh") || starts("\xFD" "7zXZ") || starts("\x28\xB5\x2F\xFD") ||
        (b.size() > 262 && b.substr(257, 5) == "ustar"))
        return StreamKind::OtherCompressedOrTar;
    return StreamKind::Text;
}

// --- libarchive ---------------------------------------------------------------------

namespace {
// libarchive's message for its last error; it may have none (NULL), which fmt refuses.
const char* archive_message(archive* a) {
    const char* message = archive_error_string(a);
    return message ? message : "unreadable archive data";
}

// libarchive gives an entry's name in the C library's locale: in the "C" locale a program starts
// in, a name outside ASCII (a ZIP's UTF-8 name) cannot be converted and comes out as "?". Its
// calls that read names run under C.UTF-8's character type, on this thread only, so nothing
// else (number formatting and parsing included) changes.
class Utf8NamesScope {
  public:
    Utf8NamesScope() {
        static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
        if (utf8) previous_ = uselocale(utf8);
    }
    ~Utf8NamesScope() {
        if (previous_) uselocale(previous_);
    }
    Utf8NamesScope(const Utf8NamesScope&) = delete;
    Utf8NamesScope& operator=(const Utf8NamesScope&) = delete;

  private:
    locale_t previous_ = static_cast<locale_t>(0);
};
}  // namespace

struct ArchiveEntries::Impl {
    archive* a = nullptr;
    std::unique_ptr<ByteReader> source;  // for open_stream
    std::vector<char> buf = std::vector<char>(1 << 17);
    bool raw = false;
    ~Impl() {
        if (a) archive_read_free(a);
    }
    static la_ssize_t read_cb(archive* a, void* self, const void** out) {
        auto* impl = static_cast<Impl*>(self);
        try {
            std::size_t got = impl->source->read(impl->buf.data(), impl->buf.size());
            *out = impl->buf.data();
            return static_cast<la_ssize_t>(got);
        } catch (const std::exception& e) {
            archive_set_error(a, EIO, "%s", e.what());
            return -1;
        }
    }
};

namespace {
void configure(archive* a) {
    archive_read_support_filter_all(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_raw(a);
}
}  // namespace

ArchiveEntries::ArchiveEntries(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ArchiveEntries::~ArchiveEntries() = default;

std::unique_ptr<ArchiveEntries> ArchiveEntries::open_file(const std::string& path) {
    Utf8NamesScope utf8_names;
    auto impl = std::make_unique<Impl>();
    impl->a = archive_read_new();
    archive_read_support_format_zip_seekable(impl->a);
    configure(impl->a);
    if (archive_read_open_filename(impl->a, path.c_str(), 1 << 17) != ARCHIVE_OK)
        throw InputError(fmt::format("{}: cannot open archive: {}", path, archive_message(impl->a)));
    return std::unique_ptr<ArchiveEntries>(new ArchiveEntries(std::move(impl)));
}

std::unique_ptr<ArchiveEntries> ArchiveEntries::open_stream(std::unique_ptr<ByteReader> source) {
    Utf8NamesScope utf8_names;
    auto impl = std::make_unique<Impl>();
    impl->a = archive_read_new();
    impl->source = std::move(source);
    configure(impl->a);
    if (archive_read_open(impl->a, impl.get(), nullptr, &Impl::read_cb, nullptr) != ARCHIVE_OK)
        throw InputError(fmt::format("cannot open archive: {}", archive_message(impl->a)));
    return std::unique_ptr<ArchiveEntries>(new ArchiveEntries(std::move(impl)));
}

bool ArchiveEntries::next(std::string& name, long long& size) {
    Utf8NamesScope utf8_names;
    archive_entry* entry = nullptr;
    while (true) {
        int rc = archive_read_next_header(impl_->a, &entry);
        if (rc == ARCHIVE_EOF) return false;
        if (rc == ARCHIVE_FATAL)
            throw InputError(fmt::format("archive: {}", archive_message(impl_->a)));
        impl_->raw = archive_format(impl_->a) == ARCHIVE_FORMAT_RAW;
        if (impl_->raw) {
            name.clear();
            size = -1;
            return true;
        }
        if (archive_entry_filetype(entry) != AE_IFREG) continue;
        const char* path = archive_entry_pathname_utf8(entry);
        if (!path) path = archive_entry_pathname(entry);
        name = path ? path : "?";
        size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
        return true;
    }
}

namespace {
class ArchiveEntryReader : public ByteReader {
  public:
    explicit ArchiveEntryReader(archive* a) : a_(a) {}
    std::size_t read(char* buf, std::size_t n) override {
        la_ssize_t got = archive_read_data(a_, buf, n);
        if (got < 0) throw InputError(fmt::format("archive: {}", archive_message(a_)));
        out_ += static_cast<std::uint64_t>(got);
        la_int64_t in = archive_filter_bytes(a_, -1);
        check_expansion(out_, in > 0 ? static_cast<std::uint64_t>(in) : 0);
        return static_cast<std::size_t>(got);
    }

  private:
    archive* a_;
    std::uint64_t out_ = 0;
};
}  // namespace

std::unique_ptr<ByteReader> ArchiveEntries::entry_reader() { return std::make_unique<ArchiveEntryReader>(impl_->a); }

// --- lines --------------------------------------------------------------------------

bool LineReader::fill() {
    if (eof_) return false;
    if (start_ > 0) {
        buf_.erase(0, start_);
        start_ = 0;
    }
    std::size_t old = buf_.size();
    buf_.resize(old + (1 << 20));
    std::size_t got = in_.read(buf_.data() + old, 1 << 20);
    buf_.resize(old + got);
    if (got == 0) eof_ = true;
    return got > 0;
}

bool LineReader::next(std::string_view& line, bool& too_long) {
    too_long = false;
    std::size_t scan_from = start_;
    bool skipping = false;  // inside a line over the limit: drop its bytes as they come
    while (true) {
        std::size_t nl = buf_.find('\n', scan_from);
        if (nl != std::string::npos) {
            ++line_no_;
            std::size_t end = nl;
            if (end > start_ && buf_[end - 1] == '\r') --end;
            line = skipping ? std::string_view{} : std::string_view(buf_).substr(start_, end - start_);
            too_long = skipping;
            start_ = nl + 1;
            return true;
        }
        if (buf_.size() - start_ > max_) {
            skipping = true;
            buf_.clear();
            start_ = 0;
        }
        std::size_t scanned = buf_.size() - start_;
        bool more = fill();  // may move the buffer's start to 0
        scan_from = start_ + scanned;
        if (!more) {
            if (start_ >= buf_.size() && !skipping) return false;
            ++line_no_;
            line = skipping ? std::string_view{} : std::string_view(buf_).substr(start_);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            too_long = skipping;
            start_ = buf_.size();
            return true;
        }
    }
}

std::string LineReader::rest() {
    std::string out = buf_.substr(start_);
    buf_.clear();
    start_ = 0;
    out += read_all(in_);
    return out;
}

std::string read_all(ByteReader& in, std::size_t limit) {
    std::string out;
    char tmp[1 << 16];
    while (std::size_t got = in.read(tmp, sizeof tmp)) {
        out.append(tmp, got);
        if (out.size() > limit) throw InputError(fmt::format("file larger than {} bytes", limit));
    }
    return out;
}

}  // namespace ti

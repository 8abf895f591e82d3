// tweet-index: reads tweet files of every common format and writes them into a Xapian index.
#include "index.h"
#include "index_writer.h"
#include "sources.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitCannotRun = 2;

// Connects the readers to the index writer and keeps the tallies for the summary.
class IndexingSink : public ti::RecordSink, public ti::FileGate {
  public:
    IndexingSink(ti::IndexWriter& writer, bool strict) : writer_(writer), strict_(strict) {}

    void tweet(ti::Tweet&& tweet, const ti::Location&) override {
        if (file_failed_) return;
        writer_.add(std::move(tweet));
    }
    void control(const ti::ControlRecord& record, const ti::Location&) override {
        if (file_failed_) return;
        writer_.apply(record);
    }
    void reject(const ti::Location& where, std::string_view reason) override {
        ++rejected_;
        if (strict_) file_failed_ = true;
        fmt::print(stderr, "{}: {}\n", where.describe(), reason);
    }
    void notice(const ti::Location& where, std::string_view message) override {
        fmt::print(stderr, "{}: note: {}\n", where.describe(), message);
    }
    void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status,
                        const ti::Location&) override {
        if (file_failed_) return;
        writer_.account_status(user_id, screen_name, status);
    }

    bool already_indexed(const ti::FileInfo& file) override { return writer_.already_indexed(file); }
    void file_started(const ti::FileInfo& file) override {
        file_failed_ = false;
        writer_.begin_file(file);
    }
    void file_finished(const ti::FileInfo& file, bool complete) override {
        writer_.end_file(file, complete && !file_failed_, file_failed_);
        if (file_failed_) {
            fmt::print(stderr, "{}: --strict: nothing of this file was indexed\n", file.display);
            strict_stop_ = true;
        }
    }

    std::size_t rejected() const { return rejected_; }
    bool strict_stop() const { return strict_stop_; }

  private:
    ti::IndexWriter& writer_;
    bool strict_;
    bool file_failed_ = false;
    bool strict_stop_ = false;
    std::size_t rejected_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    // Over a file size limit (ulimit -f), a write fails with EFBIG and is reported, rather than
    // the process being killed by SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"tweet-index: index archived tweets for tweet-query.\n"
                 "Reads API v1.1 and v2 (twarc2) JSON, snscrape JSON lines, Twitter archive ZIPs (X and\n"
                 "Grailbird), their unpacked folders and .js files, and stream dumps with delete notices;\n"
                 "plain, in ZIP or tar, compressed with gzip, bzip2, xz or zstd (docs/formats.md).\n"
                 "Example: tweet-index --db tweets.xapian twitter-archive.zip dumps/"};
    std::string db_option;
    std::vector<std::string> inputs;
    bool strict = false;
    bool quiet = false;
    bool purge_deleted = false;
    std::size_t batch_size = 20000;
    app.add_option("--db", db_option, "index path (default: $TWEET_INDEX_DB, else ./tweets.xapian)");
    app.add_flag("--strict", strict, "a rejected record is an error: its file leaves the index as it was");
    app.add_flag("-q,--quiet", quiet, "no summary");
    app.add_option("--batch-size", batch_size, "tweets per commit")->check(CLI::PositiveNumber);
    app.add_flag("--purge-deleted", purge_deleted,
                 "after indexing, drop the content of deleted tweets for good (only their tombstone stays)");
    auto& limits = ti::decompression_limits();
    app.add_option("--max-ratio", limits.max_ratio,
                   "stop reading a compressed file or archive entry that expands more than this many times "
                   "(a decompression bomb); 0: no limit")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    app.add_option("--max-entry-bytes", limits.max_bytes,
                   "stop reading a compressed file or archive entry past this many bytes; 0: no limit")
        ->capture_default_str();
    app.add_option("inputs", inputs, "files, folders (read recursively) or - for stdin");
    CLI11_PARSE(app, argc, argv);
    if (inputs.empty() && !purge_deleted) {
        fmt::print(stderr, "tweet-index: no input given (files, folders or -)\n{}", app.help());
        return kExitCannotRun;
    }

    for (const auto& input : inputs) {
        std::error_code ec;
        if (input != "-" && !std::filesystem::exists(input, ec)) {
            fmt::print(stderr, "tweet-index: {}: no such file or folder\n", input);
            return kExitCannotRun;
        }
    }

    std::string db_path = ti::resolve_db_path(db_option);
    auto started = std::chrono::steady_clock::now();
    try {
        ti::IndexWriter writer(db_path, {batch_size, strict});
        IndexingSink sink(writer, strict);
        ti::SourceReader reader(sink, sink);
        for (const auto& input : inputs) {
            try {
                reader.read_input(input);
            } catch (const ti::InputError& e) {
                sink.reject({input}, e.what());
            }
            if (sink.strict_stop()) break;
        }
        writer.commit();
        std::size_t purged = purge_deleted ? writer.purge_deleted() : 0;

        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const auto& files = reader.stats();
        const auto& counts = writer.counts();
        if (!quiet) {
            fmt::print(stderr,
                       "tweet-index: {} files read, {} unchanged and skipped, {} without tweets; "
                       "{} tweets indexed, {} duplicates, {} delete notices ({} before their tweet), "
                       "{} records rejected",
                       files.files_read, files.files_unchanged, files.files_ignored, counts.added, counts.duplicates,
                       counts.delete_notices, counts.tombstones, sink.rejected());
            if (counts.limit_dropped) fmt::print(stderr, ", {} tweets dropped by the stream (limit)", counts.limit_dropped);
            if (counts.withheld_notices) fmt::print(stderr, ", {} withheld notices", counts.withheld_notices);
            if (purge_deleted) fmt::print(stderr, ", {} deleted tweets purged", purged);
            fmt::print(stderr, "; {:.2f} s, {:.0f} tweets/s\n", seconds,
                       seconds > 0 ? static_cast<double>(counts.added) / seconds : 0.0);
        }
        return sink.rejected() ? kExitRejected : kExitOk;
    } catch (const ti::IndexError& e) {
        fmt::print(stderr, "tweet-index: {}\n", e.what());
        return kExitCannotRun;
    } catch (const Xapian::Error& e) {
        // A write that failed (disk full, file size limit, I/O error): the index keeps its last
        // commit, and the next run goes on from there.
        std::string reason = e.get_msg();
        if (e.get_error_string() && *e.get_error_string()) reason += fmt::format(" ({})", e.get_error_string());
        fmt::print(stderr,
                   "tweet-index: {}: cannot write the index: {}; it keeps what was committed before. "
                   "Free some space and run the same command again\n",
                   db_path, reason);
        return kExitCannotRun;
    }
}

// tweet-index: reads tweet files of every common format and writes them into a Xapian index.
#include "index.h"
#include "index_writer.h"
#include "parallel_writers.h"
#include "progress.h"
#include "sink.h"
#include "sources.h"
#include "text.h"
#include "version.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <thread>

using ti::IndexingSink;
using ti::Progress;
using ti::input_totals;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitCannotRun = 2;

// What one run did, as the summary tells it.
struct RunTotals {
    ti::IndexCounts counts;
    ti::SourceStats files;
    std::size_t rejected = 0;
};

// Writers when --jobs is not given for a new index: one per core.
unsigned default_writers() { return std::clamp(std::thread::hardware_concurrency(), 1u, 64u); }

// The index path without a trailing slash, so that what is made beside it is beside it.
std::string without_trailing_slash(const std::string& path) {
    std::filesystem::path p(path);
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
    return p.string();
}

// Reads every input into `sink`, stopping at a --strict failure.
void read_inputs(ti::SourceReader& reader, ti::IndexingSink& sink, const std::vector<std::string>& inputs) {
    for (const auto& input : inputs) {
        try {
            reader.read_input(input);
        } catch (const ti::InputError& e) {
            sink.reject({input}, e.what());
        }
        if (sink.strict_stop()) break;
    }
}


// A write that failed (disk full, file size limit, I/O error): the index keeps its last commit,
// and the next run goes on from there.
void report_write_failure(const std::string& db_path, const Xapian::Error& e) {
    std::string reason = e.get_msg();
    if (e.get_error_string() && *e.get_error_string()) reason += fmt::format(" ({})", e.get_error_string());
    fmt::print(stderr,
               "tweet-index: {}: cannot write the index: {}; it keeps what was committed before. "
               "Free some space and run the same command again\n",
               ti::terminal_safe(db_path), ti::terminal_safe(reason));
}

std::string g_db_path;  // for on_terminate's message

// Xapian 1.4 can meet a second write error while it unwinds the first inside commit() (seen
// under some `ulimit -f` bounds), and the C++ runtime then ends the process through
// std::terminate. The error is still there to read: the same message and exit status as any
// write failure. The index keeps its last commit (glass makes a commit visible only by writing
// its version file, last).
[[noreturn]] void on_terminate() {
    if (auto error = std::current_exception()) {
        try {
            std::rethrow_exception(error);
        } catch (const Xapian::Error& e) {
            report_write_failure(g_db_path, e);
            std::_Exit(kExitCannotRun);
        } catch (...) {
        }
    }
    std::abort();
}

}  // namespace

int main(int argc, char** argv) {
    // Over a file size limit (ulimit -f), a write fails with EFBIG and is reported, rather than
    // the process being killed by SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
    std::set_terminate(on_terminate);
    CLI::App app{"tweet-index: index archived tweets for tweet-query.\n"
                 "Reads API v1.1 and v2 (twarc2) JSON, snscrape JSON lines, Twitter archive ZIPs (X and\n"
                 "Grailbird), their unpacked folders and .js files, and stream dumps with delete notices;\n"
                 "plain, in ZIP or tar, compressed with gzip, bzip2, xz or zstd (docs/formats.md).\n"
                 "Example: tweet-index --db tweets.xapian twitter-archive.zip dumps/"};
    app.set_version_flag("--version", ti::version_text("tweet-index"),
                         "the versions of tweet-index, of Xapian and of the index schema");
    std::string db_option;
    std::vector<std::string> inputs;
    bool strict = false;
    bool quiet = false;
    bool purge_deleted = false;
    std::size_t batch_size = ti::IndexWriter::Options{}.batch_size;
    std::string shard_option;
    unsigned jobs = 1;
    app.add_option("--db", db_option, "index path (default: $TWEET_INDEX_DB, else ./tweets.xapian)");
    app.add_flag("--strict", strict,
                 "a rejected record is an error: its file leaves the index as it was (one writer)");
    app.add_flag("-q,--quiet", quiet, "no progress display (shown on a terminal) and no summary");
    app.add_option("--batch-size", batch_size, "documents per commit, per writer (more: more memory, not faster)")
        ->capture_default_str()->check(CLI::PositiveNumber);
    auto* shard_flag = app.add_option("--shard", shard_option,
                   "K/N: index only the tweets of shard K of N (by a hash of their id, so N runs on the same input "
                   "split it; delete notices follow their tweet; the account registry is kept whole in each; "
                   "one writer)");
    auto* jobs_flag = app.add_option("--jobs", jobs,
                   fmt::format("N writer threads for a new index, fed by one reading of the input: N shards "
                               "(as --shard) merged at the end. Default: one per core ({} here) for a new index; "
                               "adding to an existing index is one writer (one Xapian database has one writer)",
                               default_writers()))
        ->check(CLI::Range(1, 64));
    bool compact = false, no_compact = false;
    auto* compact_flag = app.add_flag("--compact", compact,
                                      "at the end, rewrite the index compacted (about two thirds of its size), as is "
                                      "done anyway when this run made the index");
    app.add_flag("--no-compact", no_compact, "never compact at the end (several writers' merge compacts anyway)")
        ->excludes(compact_flag);
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
    if (inputs.empty() && !purge_deleted && !compact) {
        fmt::print(stderr, "tweet-index: no input given (files, folders or -)\n{}", app.help());
        return kExitCannotRun;
    }

    ti::Shard shard;
    if (shard_flag->count()) {
        auto parsed = ti::parse_shard(shard_option);
        if (!parsed) {
            fmt::print(stderr, "tweet-index: --shard {}: expected K/N with 1 <= K <= N, such as 2/3\n", shard_option);
            return kExitCannotRun;
        }
        shard = *parsed;
    }

    for (const auto& input : inputs) {
        std::error_code ec;
        if (input != "-" && !std::filesystem::exists(input, ec)) {
            fmt::print(stderr, "tweet-index: {}: {}\n", ti::terminal_safe(input),
                       ti::terminal_safe(ti::missing_input_reason(input)));
            return kExitCannotRun;
        }
    }

    std::string db_path = without_trailing_slash(ti::resolve_db_path(db_option));
    g_db_path = db_path;
    std::error_code exists_ec;
    bool new_index = !std::filesystem::exists(db_path, exists_ec);
    if (!jobs_flag->count()) {
        jobs = new_index && !strict && shard.n <= 1 && !inputs.empty() ? default_writers() : 1;
    } else if (jobs > 1) {
        std::string refused;
        if (!new_index) refused = fmt::format("{} exists; several writers make a new index", db_path);
        else if (strict) refused = "--strict works with one writer only";
        else if (shard.n > 1) refused = "--shard works with one writer only";
        if (!refused.empty()) {
            fmt::print(stderr, "tweet-index: --jobs {}: {}\n", jobs, ti::terminal_safe(refused));
            return kExitCannotRun;
        }
    }

    auto started = std::chrono::steady_clock::now();
    auto print_summary = [&](const RunTotals& t, std::size_t purged) {
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const auto& files = t.files;
        const auto& counts = t.counts;
        // The four file counts add up to the files seen (SourceStats).
        fmt::print(stderr,
                   "tweet-index: {} files: {} read, {} unchanged and skipped, {} without tweets, {} could not be read",
                   files.files_seen(), files.files_read, files.files_unchanged, files.files_ignored,
                   files.files_failed);
        if (files.folders_unreadable) fmt::print(stderr, ", {} folders could not be read", files.folders_unreadable);
        fmt::print(stderr, "; {} tweets indexed, {} duplicates, {} delete notices ({} before their tweet), "
                           "{} records rejected",
                   counts.added, counts.duplicates, counts.delete_notices, counts.tombstones, t.rejected);
        if (counts.limit_dropped) fmt::print(stderr, ", {} tweets dropped by the stream (limit)", counts.limit_dropped);
        if (counts.withheld_notices) fmt::print(stderr, ", {} withheld notices", counts.withheld_notices);
        if (shard.n > 1)
            fmt::print(stderr, ", {} tweets and notices of the other shards skipped (shard {}/{})", counts.other_shard,
                       shard.k, shard.n);
        if (purge_deleted) fmt::print(stderr, ", {} deleted tweets purged", purged);
        if (jobs > 1) fmt::print(stderr, "; {} writers", jobs);
        fmt::print(stderr, "; {:.2f} s, {:.0f} tweets/s\n", seconds,
                   seconds > 0 ? static_cast<double>(counts.added) / seconds : 0.0);
    };
    bool show_progress = !quiet && isatty(STDERR_FILENO);

    try {
        RunTotals totals;
        std::size_t purged = 0;
        if (jobs > 1) {
            Progress progress(show_progress, input_totals(inputs));
            totals.counts = ti::build_new_index(db_path, jobs, batch_size, [&](ti::IndexTarget& target) {
                IndexingSink sink(target, false, progress);
                ti::SourceReader reader(sink, sink);
                read_inputs(reader, sink, inputs);
                totals.files = reader.stats();
                totals.rejected = sink.rejected();
                progress.clear();
            });
            if (purge_deleted) {
                ti::IndexWriter writer(db_path, {batch_size, false, {}, true});
                purged = writer.purge_deleted();
            }
        } else {
            // A new index is compacted at the end: it costs a few percent of the indexing time and
            // saves a third of the space (docs/performance.md, "Index size").
            ti::IndexWriter::Options options{batch_size, strict, shard, true};
            // Added to, the index gets a fresh segment: no commit into its whole B-tree.
            options.add_in_new_segment = !new_index && !inputs.empty();
            ti::IndexWriter writer(db_path, options);
            Progress progress(show_progress, input_totals(inputs));
            ti::SingleWriterTarget target(writer);
            IndexingSink sink(target, strict, progress);
            ti::SourceReader reader(sink, sink);
            read_inputs(reader, sink, inputs);
            writer.commit();
            progress.clear();
            purged = purge_deleted ? writer.purge_deleted() : 0;
            if (compact || (new_index && !no_compact && writer.counts().added > 0)) {
                if (show_progress) fmt::print(stderr, "compacting the index...\r");
                if (auto why = writer.compact())
                    fmt::print(stderr, "tweet-index: {}: not compacted: {}; the index is whole as it is\n",
                               ti::terminal_safe(db_path), ti::terminal_safe(*why));
                else if (show_progress)
                    fmt::print(stderr, "\x1b[K");
            } else {
                writer.finish();  // an index of segments: its merges
            }
            totals = {writer.counts(), reader.stats(), sink.rejected()};
        }
        if (!quiet) print_summary(totals, purged);
        return totals.rejected ? kExitRejected : kExitOk;
    } catch (const ti::IndexError& e) {
        fmt::print(stderr, "tweet-index: {}\n", ti::terminal_safe(e.what()));
        return kExitCannotRun;
    } catch (const Xapian::Error& e) {
        report_write_failure(db_path, e);
        return kExitCannotRun;
    }
}

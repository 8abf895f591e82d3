// tweet-index: reads tweet files of every common format and writes them into a Xapian index.
#include "index.h"
#include "index_writer.h"
#include "sources.h"
#include "text.h"
#include "version.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitCannotRun = 2;

// What is left to read, as bytes and files, for the progress display: the inputs' sizes as
// they are before reading (folders walked as SourceReader walks them); stdin makes it unknown.
struct InputTotals {
    std::optional<std::uint64_t> bytes = 0;
    std::size_t files = 0;
};

InputTotals input_totals(const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    InputTotals totals;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (input == "-") {
            totals.bytes.reset();
            ++totals.files;
        } else if (fs::is_directory(input, ec)) {
            for (const auto& file : ti::list_folder(input).files) {
                ++totals.files;
                if (auto size = fs::file_size(file, ec); !ec && totals.bytes) *totals.bytes += size;
            }
        } else {
            ++totals.files;
            if (auto size = fs::file_size(input, ec); !ec && totals.bytes) *totals.bytes += size;
        }
    }
    return totals;
}

// One line on stderr redrawn in place (at most 4 times a second): bytes and files done of the
// total, tweets per second, time left. Only on a terminal and without --quiet.
class Progress {
  public:
    Progress(bool enabled, InputTotals totals) : enabled_(enabled), totals_(totals) {}
    ~Progress() { clear(); }  // also when an error ends the run: its message gets a clean line
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void file_started() { file_start_bytes_ = ti::file_bytes_read(); }
    // A file read (or skipped as unchanged) to its end: all its bytes count as done.
    void file_done(const std::string& path) {
        ++files_done_;
        std::error_code ec;
        auto size = path.empty() ? std::uintmax_t(0) : std::filesystem::file_size(path, ec);
        finished_bytes_ += ec ? 0 : size;
        if (path.empty()) finished_bytes_ += ti::file_bytes_read() - file_start_bytes_;  // stdin
        file_start_bytes_ = ti::file_bytes_read();
        update(tweets_);
    }
    void update(std::size_t tweets) {
        tweets_ = tweets;
        if (!enabled_) return;
        auto now = Clock::now();
        if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
        last_draw_ = now;
        drawn_ = true;
        double seconds = std::chrono::duration<double>(now - started_).count();
        double rate = seconds > 0 ? static_cast<double>(tweets) / seconds : 0.0;
        std::uint64_t done = finished_bytes_ + (ti::file_bytes_read() - file_start_bytes_);
        std::string line;
        if (totals_.bytes) {
            std::uint64_t total = std::max<std::uint64_t>(*totals_.bytes, 1);
            done = std::min(done, total);
            line = fmt::format("{:.1f} of {:.1f} MB ({:.0f}%), {} of {} files, {} tweets, {:.0f} tweets/s",
                               static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6,
                               100.0 * static_cast<double>(done) / static_cast<double>(total), files_done_,
                               totals_.files, tweets, rate);
            if (done > 0 && seconds >= 1) {
                double left = seconds * static_cast<double>(total - done) / static_cast<double>(done);
                line += fmt::format(", {} left", duration(left));
            }
        } else {
            line = fmt::format("{:.1f} MB, {} of {} files, {} tweets, {:.0f} tweets/s",
                               static_cast<double>(done) / 1e6, files_done_, totals_.files, tweets, rate);
        }
        // \r back to the start of the line, ESC[K clears what a longer line left behind.
        fmt::print(stderr, "\r{}\x1b[K", line);
        std::fflush(stderr);
    }
    // Before any other message, and at the end: the line goes away.
    void clear() {
        if (!enabled_ || !drawn_) return;
        fmt::print(stderr, "\r\x1b[K");
        std::fflush(stderr);
        drawn_ = false;
    }

  private:
    using Clock = std::chrono::steady_clock;
    static std::string duration(double seconds) {
        auto s = static_cast<long long>(seconds + 0.5);
        if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
        if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
        return fmt::format("{}s", s);
    }

    bool enabled_;
    InputTotals totals_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_draw_{};
    bool drawn_ = false;
    std::size_t files_done_ = 0;
    std::size_t tweets_ = 0;
    std::uint64_t finished_bytes_ = 0;
    std::uint64_t file_start_bytes_ = 0;
};

// Connects the readers to the index writer and keeps the tallies for the summary.
class IndexingSink : public ti::RecordSink, public ti::FileGate {
  public:
    IndexingSink(ti::IndexWriter& writer, bool strict, Progress& progress)
        : writer_(writer), strict_(strict), progress_(progress) {}

    void tweet(ti::Tweet&& tweet, const ti::Location&) override {
        if (file_failed_) return;
        writer_.add(std::move(tweet));
        progress_.update(writer_.counts().added);
    }
    void control(const ti::ControlRecord& record, const ti::Location&) override {
        if (file_failed_) return;
        writer_.apply(record);
    }
    void reject(const ti::Location& where, std::string_view reason) override {
        ++rejected_;
        if (strict_) file_failed_ = true;
        progress_.clear();
        fmt::print(stderr, "{}\n", ti::terminal_safe(fmt::format("{}: {}", where.describe(), reason)));
    }
    void notice(const ti::Location& where, std::string_view message) override {
        progress_.clear();
        fmt::print(stderr, "{}\n", ti::terminal_safe(fmt::format("{}: note: {}", where.describe(), message)));
    }
    void account(const ti::User& user, std::int64_t when, const ti::Location&) override {
        if (file_failed_) return;
        writer_.account(user, when);
    }
    void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status,
                        const ti::Location&) override {
        if (file_failed_) return;
        writer_.account_status(user_id, screen_name, status);
    }

    bool already_indexed(const ti::FileInfo& file) override {
        bool unchanged = writer_.already_indexed(file);
        if (unchanged) progress_.file_done(file.key);
        return unchanged;
    }
    void file_started(const ti::FileInfo& file) override {
        file_failed_ = false;
        progress_.file_started();
        writer_.begin_file(file);
    }
    void file_finished(const ti::FileInfo& file, bool complete) override {
        writer_.end_file(file, complete && !file_failed_, file_failed_);
        progress_.file_done(file.key);
        if (file_failed_) {
            progress_.clear();
            fmt::print(stderr, "{}: --strict: nothing of this file was indexed\n", ti::terminal_safe(file.display));
            strict_stop_ = true;
        }
    }

    std::size_t rejected() const { return rejected_; }
    bool strict_stop() const { return strict_stop_; }

  private:
    ti::IndexWriter& writer_;
    bool strict_;
    Progress& progress_;
    bool file_failed_ = false;
    bool strict_stop_ = false;
    std::size_t rejected_ = 0;
};

// What one run did, as the summary tells it; --jobs adds up its shards' with it.
struct RunTotals {
    ti::IndexCounts counts;
    ti::SourceStats files;
    std::size_t rejected = 0;
};

void write_totals(const std::string& path, const RunTotals& t) {
    std::ofstream out(path);
    const auto& c = t.counts;
    out << c.added << ' ' << c.duplicates << ' ' << c.delete_notices << ' ' << c.tombstones << ' ' << c.limit_dropped
        << ' ' << c.withheld_notices << ' ' << t.rejected << ' ' << t.files.files_read << ' '
        << t.files.files_unchanged << ' ' << t.files.files_ignored << ' ' << t.files.files_failed << ' '
        << t.files.folders_unreadable << '\n';
}

std::optional<RunTotals> read_totals(const std::string& path) {
    std::ifstream in(path);
    RunTotals t;
    auto& c = t.counts;
    if (!(in >> c.added >> c.duplicates >> c.delete_notices >> c.tombstones >> c.limit_dropped >> c.withheld_notices >>
          t.rejected >> t.files.files_read >> t.files.files_unchanged >> t.files.files_ignored >>
          t.files.files_failed >> t.files.folders_unreadable))
        return std::nullopt;
    return t;
}

// --jobs N: N copies of this program index shard K of N of the same inputs each (--shard, so
// every document lands where one writer would have put it), into folders beside the index; Xapian's compactor then merges them into
// the index. Every copy reads and parses all the input (about 5% of the time, docs/
// performance.md); only the first writes messages about it and keeps the account registry.
// `args` are the options to pass on.
int run_jobs(unsigned jobs, const std::string& db_path, const std::vector<std::string>& args,
             const std::vector<std::string>& inputs, RunTotals& totals) {
    namespace fs = std::filesystem;
    std::string work = db_path + ".jobs-" + std::to_string(getpid());
    std::error_code ec;
    // A folder of that name made by anyone else is not ours to fill or remove.
    if (!fs::create_directory(work, ec)) {
        fmt::print(stderr, "tweet-index: {}: cannot make a folder for the shards: {}\n", ti::terminal_safe(work),
                   ec ? ec.message() : "it exists already");
        return kExitCannotRun;
    }
    // Only what the jobs made goes: their shards (if indexes of ours), totals files, then the
    // folder if that left it empty.
    auto cleanup = [&] {
        for (unsigned k = 1; k <= jobs; ++k) {
            ti::remove_folder_if_ours(fmt::format("{}/shard{}", work, k));
            fs::remove(fmt::format("{}/totals{}", work, k), ec);
        }
        fs::remove(work, ec);
    };
    std::vector<pid_t> children;
    for (unsigned k = 1; k <= jobs; ++k) {
        std::vector<std::string> argv_s{"tweet-index", "--db", fmt::format("{}/shard{}", work, k), "--shard",
                                        fmt::format("{}/{}", k, jobs), "--quiet", "--totals-file",
                                        fmt::format("{}/totals{}", work, k)};
        // One copy of the account registry is enough: the first job's, the one the compactor keeps.
        if (k > 1) argv_s.push_back("--no-accounts");
        argv_s.push_back("--no-compact");  // merging the shards compacts them
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        argv_s.push_back("--");
        argv_s.insert(argv_s.end(), inputs.begin(), inputs.end());
        std::vector<char*> argv_c;
        for (auto& a : argv_s) argv_c.push_back(a.data());
        argv_c.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        // The same records are rejected in every copy: the first one says so.
        if (k > 1) posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        int err = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv_c.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (err != 0) {
            fmt::print(stderr, "tweet-index: cannot start job {}: {}\n", k, std::strerror(err));
            for (pid_t c : children) waitpid(c, nullptr, 0);
            cleanup();
            return kExitCannotRun;
        }
        children.push_back(pid);
    }
    int worst = kExitOk;
    for (unsigned k = 1; k <= jobs; ++k) {
        int status = 0;
        waitpid(children[k - 1], &status, 0);
        int rc = WIFEXITED(status) ? WEXITSTATUS(status) : kExitCannotRun;
        if (rc == kExitCannotRun) fmt::print(stderr, "tweet-index: job {} of {} failed\n", k, jobs);
        worst = std::max(worst, rc);
    }
    if (worst == kExitCannotRun) {
        cleanup();
        return kExitCannotRun;
    }
    for (unsigned k = 1; k <= jobs; ++k) {
        auto t = read_totals(fmt::format("{}/totals{}", work, k));
        if (!t) {
            fmt::print(stderr, "tweet-index: job {} of {} left no totals\n", k, jobs);
            cleanup();
            return kExitCannotRun;
        }
        totals.counts.added += t->counts.added;
        totals.counts.duplicates += t->counts.duplicates;
        totals.counts.delete_notices += t->counts.delete_notices;
        totals.counts.tombstones += t->counts.tombstones;
        totals.counts.withheld_notices += t->counts.withheld_notices;
        if (k == 1) {  // read alike by every job
            totals.counts.limit_dropped = t->counts.limit_dropped;
            totals.rejected = t->rejected;
            totals.files = t->files;
        }
    }
    try {
        Xapian::Database shards;
        for (unsigned k = 1; k <= jobs; ++k) shards.add_database(Xapian::Database(fmt::format("{}/shard{}", work, k)));
        // Metadata keys in several shards (the files read) are the same in each; the compactor
        // keeps the first. The account registry is only in the first.
        shards.compact(db_path, 0, ti::IndexWriter::kCompactedBlockSize);
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "tweet-index: {}: cannot merge the shards: {}\n", ti::terminal_safe(db_path),
                   ti::terminal_safe(e.get_msg()));
        cleanup();
        return kExitCannotRun;
    }
    cleanup();
    return worst;
}

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
    std::string totals_file;
    app.add_option("--db", db_option, "index path (default: $TWEET_INDEX_DB, else ./tweets.xapian)");
    app.add_flag("--strict", strict, "a rejected record is an error: its file leaves the index as it was");
    app.add_flag("-q,--quiet", quiet, "no progress display (shown on a terminal) and no summary");
    app.add_option("--batch-size", batch_size, "documents per commit (more: more memory, not faster)")
        ->capture_default_str()->check(CLI::PositiveNumber);
    auto* shard_flag = app.add_option("--shard", shard_option,
                   "K/N: index only the tweets of shard K of N (by a hash of their id, so N runs on the same input "
                   "split it; delete notices follow their tweet; the account registry is kept whole in each)");
    app.add_option("--jobs", jobs,
                   "N writers in parallel, for a new index: N shards (as --shard) merged at the end; no progress "
                   "display")
        ->check(CLI::Range(1, 64));
    app.add_option("--totals-file", totals_file, "(for --jobs) where a job writes its counts")->group("");
    bool no_accounts = false;
    app.add_flag("--no-accounts", no_accounts, "(for --jobs) no account registry in this job's shard")->group("");
    bool compact = false, no_compact = false;
    auto* compact_flag = app.add_flag("--compact", compact,
                                      "at the end, rewrite the index compacted (about two thirds of its size), as is "
                                      "done anyway when this run made the index");
    app.add_flag("--no-compact", no_compact, "never compact at the end")->excludes(compact_flag);
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

    std::string db_path = ti::resolve_db_path(db_option);
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
        if (jobs > 1) fmt::print(stderr, ", {} jobs", jobs);
        if (purge_deleted) fmt::print(stderr, ", {} deleted tweets purged", purged);
        fmt::print(stderr, "; {:.2f} s, {:.0f} tweets/s\n", seconds,
                   seconds > 0 ? static_cast<double>(counts.added) / seconds : 0.0);
    };

    if (jobs > 1) {
        std::error_code ec;
        std::string refused;
        if (std::filesystem::exists(db_path, ec)) refused = fmt::format("{} exists; --jobs makes a new index", db_path);
        else if (strict) refused = "--strict works with one job only";
        else if (shard.n > 1) refused = "--shard works with one job only";
        else if (std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) refused = "stdin (-) cannot be read by several jobs";
        if (!refused.empty()) {
            fmt::print(stderr, "tweet-index: --jobs {}: {}\n", jobs, refused);
            return kExitCannotRun;
        }
        std::vector<std::string> pass_on{"--batch-size", std::to_string(batch_size), "--max-ratio",
                                         fmt::format("{}", limits.max_ratio), "--max-entry-bytes",
                                         std::to_string(limits.max_bytes)};
        RunTotals totals;
        int rc = run_jobs(jobs, db_path, pass_on, inputs, totals);
        if (rc == kExitCannotRun) return rc;
        std::size_t purged = 0;
        if (purge_deleted) {
            try {
                ti::IndexWriter writer(db_path, {batch_size, false, {}, true});
                purged = writer.purge_deleted();
            } catch (const std::exception& e) {
                fmt::print(stderr, "tweet-index: {}: {}\n", ti::terminal_safe(db_path), ti::terminal_safe(e.what()));
                return kExitCannotRun;
            }
        }
        if (!quiet) print_summary(totals, purged);
        return rc;
    }

    try {
        // A new index is compacted at the end: it costs a few percent of the indexing time and
        // saves a third of the space (docs/performance.md, "Index size").
        std::error_code exists_ec;
        bool new_index = !std::filesystem::exists(db_path, exists_ec);
        ti::IndexWriter writer(db_path, {batch_size, strict, shard, !no_accounts});
        Progress progress(!quiet && isatty(STDERR_FILENO), input_totals(inputs));
        IndexingSink sink(writer, strict, progress);
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
        progress.clear();
        std::size_t purged = purge_deleted ? writer.purge_deleted() : 0;
        if (compact || (new_index && !no_compact && writer.counts().added > 0)) {
            if (!quiet && isatty(STDERR_FILENO)) fmt::print(stderr, "compacting the index...\r");
            if (auto why = writer.compact())
                fmt::print(stderr, "tweet-index: {}: not compacted: {}; the index is whole as it is\n",
                           ti::terminal_safe(db_path), ti::terminal_safe(*why));
            else if (!quiet && isatty(STDERR_FILENO))
                fmt::print(stderr, "\x1b[K");
        }

        RunTotals totals{writer.counts(), reader.stats(), sink.rejected()};
        if (!totals_file.empty()) write_totals(totals_file, totals);
        if (!quiet) print_summary(totals, purged);
        return sink.rejected() ? kExitRejected : kExitOk;
    } catch (const ti::IndexError& e) {
        fmt::print(stderr, "tweet-index: {}\n", ti::terminal_safe(e.what()));
        return kExitCannotRun;
    } catch (const Xapian::Error& e) {
        // A write that failed (disk full, file size limit, I/O error): the index keeps its last
        // commit, and the next run goes on from there.
        std::string reason = e.get_msg();
        if (e.get_error_string() && *e.get_error_string()) reason += fmt::format(" ({})", e.get_error_string());
        fmt::print(stderr,
                   "tweet-index: {}: cannot write the index: {}; it keeps what was committed before. "
                   "Free some space and run the same command again\n",
                   ti::terminal_safe(db_path), ti::terminal_safe(reason));
        return kExitCannotRun;
    }
}

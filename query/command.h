// tweet-query's subcommands: each one a Command in a file of its own (cmd_*.cpp), listed
// in commands.cpp. main.cpp parses the command line and runs the one asked for.
#pragma once

#include "index.h"

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti {
struct AccountRecord;
}

namespace tq {

struct AccountRow;
class LiveCounter;

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // ran, but an expectation did not hold (audits)
inline constexpr int kExitError = 2;

// Options every subcommand takes, before or after its arguments.
struct CommonOptions {
    std::string db;
    std::string format = "text";
    bool format_given = false;  // --format was on the command line (else `format` is the default)
    bool no_colour = false;
    bool csv_raw = false;  // csv cells as they are, for programs (output.h, csv_field)
    std::vector<std::string> command_line;  // argv as given: serve hands it on (serve_exec.cpp)
};

class Command {
  public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    virtual std::string summary() const = 0;
    // Registers the subcommand's own options (and its --help footer) on `sub`.
    virtual void add_options(CLI::App& sub) = 0;
    // `words`: the arguments that are not options (a query, a pattern, a text).
    virtual int run(const CommonOptions& common, const std::vector<std::string>& words) = 0;
};

std::vector<std::unique_ptr<Command>> all_commands();

std::unique_ptr<Command> make_search_command();
std::unique_ptr<Command> make_accounts_command();
std::unique_ptr<Command> make_account_command();
std::unique_ptr<Command> make_entities_command();
std::unique_ptr<Command> make_top_command();
std::unique_ptr<Command> make_timeline_command();
std::unique_ptr<Command> make_graph_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_serve_command();

// Helpers shared by the commands.
// The check of a count option (--limit): a whole number, 0 or more ("-1" is refused, not wrapped).
CLI::Validator count_option();
std::string join_words(const std::vector<std::string>& words);
// Every message of tweet-query goes out here: "tweet-query: MESSAGE" on stderr, the message
// made terminal_safe (text.h; its own line breaks kept), as it may quote a file, a query or data.
void print_error(std::string_view message);
// The query of a command line; on a bad one, prints the error pointing at it (to stderr,
// after `where` when given, like "audit.toml:12: ") and returns nothing.
std::optional<Xapian::Query> parse_or_report(const Xapian::Database& db, const std::string& query,
                                             bool include_deleted = false, const std::string& where = "",
                                             bool include_edits = false);
// The message parse_or_report prints, for callers that put it elsewhere too.
std::string bad_query_message(const std::string& query, const std::string& error, std::size_t column);

// An account of the registry with the live tweets it wrote and those mentioning it, by every
// screen name it had and its id (cmd_accounts.cpp; `serve` shows it too).
AccountRow row_for(const LiveCounter& live, ti::AccountRecord record);

// The matches sorted by date, newest (or oldest) first, ties by id. A remote shard cannot run a
// KeyMaker (Xapian 1.4's remote backend): there the date alone sorts them, ties by docid.
Xapian::MSet get_mset_by_date(Xapian::Enquire& enquire, bool newest, Xapian::doccount maxitems,
                              Xapian::doccount check_at_least = 0, const Xapian::MatchDecider* decider = nullptr);

// Runs `f` again on the index opened afresh from `path` when a concurrent writer changed it under
// the reader (Recoll's XAPTRY, in a loop): a Xapian reader sees one revision, and an indexer that
// commits twice during a long read makes the blocks of that revision go away. Opened afresh, not
// reopen(): a compaction swaps in another folder (IndexWriter::compact), and reopen() would read
// its version file but keep the old folder's open tables (a reader that opened between the two
// can even meet blocks that do not fit its version: a "corrupt" error that a fresh open cures).
// `f` must start from scratch each time (see SpooledOutput for what it prints) and make what it
// needs from `db` itself.
inline constexpr int kReopenAttempts = 5;
template <typename F>
auto with_reopen(Xapian::Database& db, const std::string& path, F&& f) {
    for (int attempt = 1;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseError& e) {
            std::string_view type = e.get_type();
            if (attempt == kReopenAttempts || (type != "DatabaseModifiedError" && type != "DatabaseCorruptError")) throw;
            db = ti::open_index_for_reading(path);
        }
    }
}

// Output of one answer that may be retried by with_reopen: written to a temporary file, so a
// retry starts again from nothing instead of printing part of an answer twice. Small answers
// go to stdout once complete; past kSpoolBytes (a large export) what was written is passed on
// as it comes, and a change of the index after that point is an error rather than a retry.
// Without a usable temporary file it writes to stdout straight away.
class SpooledOutput {
  public:
    static constexpr long kSpoolBytes = 16L << 20;
    SpooledOutput();
    ~SpooledOutput();
    SpooledOutput(const SpooledOutput&) = delete;
    SpooledOutput& operator=(const SpooledOutput&) = delete;
    std::FILE* file() const { return spool_ ? spool_ : stdout; }
    void written();  // after each record: passes output on once it is large
    void restart();  // the start of a retry: drops what was written (throws once passed on)
    void publish();  // the answer is complete: passes the rest on

  private:
    void pass_on();
    std::FILE* spool_ = nullptr;
    long passed_ = 0;  // bytes of the spool already on stdout
    bool streaming_ = false;
    unsigned unchecked_ = 0;  // records since the spool's size was last asked (ftell is a syscall)
};

}  // namespace tq

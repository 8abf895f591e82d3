// tweet-query's subcommands: each one a Command in a file of its own (cmd_*.cpp), listed
// in commands.cpp. main.cpp parses the command line and runs the one asked for.
#pragma once

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace tq {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // ran, but an expectation did not hold (audits)
inline constexpr int kExitError = 2;

// Options every subcommand takes, before or after its arguments.
struct CommonOptions {
    std::string db;
    std::string format = "text";
    bool no_colour = false;
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

// Helpers shared by the commands.
std::string join_words(const std::vector<std::string>& words);

// Retries once after a concurrent writer changed the index under the reader (Recoll's XAPTRY).
template <typename F>
auto with_reopen(Xapian::Database& db, F&& f) {
    try {
        return f();
    } catch (const Xapian::DatabaseModifiedError&) {
        db.reopen();
        return f();
    }
}

}  // namespace tq

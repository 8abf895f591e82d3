// tweet-query: searches an index written by tweet-index. Each subcommand is a Command
// (command.h); this file only parses the command line and runs the one asked for.
#include "command.h"
#include "index.h"
#include "query.h"
#include "version.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <stdexcept>

namespace {

// Splits argv into what CLI11 parses (the subcommand, known options and their values) and the
// query words, so a query may hold words like -filter:retweets and options may come before or
// after it.
struct SplitArgs {
    std::vector<std::string> for_cli;
    std::vector<std::string> words;
};

SplitArgs split_args(CLI::App& app, int argc, char** argv) {
    SplitArgs out;
    out.for_cli.push_back(argv[0]);
    CLI::App* sub = nullptr;
    bool only_words = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (only_words) {
            out.words.push_back(arg);
            continue;
        }
        if (arg == "--" && sub) {
            only_words = true;
            continue;
        }
        if (!sub && arg[0] != '-') {
            for (CLI::App* candidate : app.get_subcommands({})) {
                if (candidate->check_name(arg)) sub = candidate;
            }
            out.for_cli.push_back(arg);
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            std::string name = arg.substr(0, arg.find('='));
            CLI::Option* opt = sub ? sub->get_option_no_throw(name) : nullptr;
            if (!opt) opt = app.get_option_no_throw(name);
            if (opt || name == "-h" || name == "--help") {
                out.for_cli.push_back(arg);
                if (opt && opt->get_items_expected_min() > 0 && arg.find('=') == std::string::npos && i + 1 < argc)
                    out.for_cli.push_back(argv[++i]);
                continue;
            }
            if (!sub) {
                out.for_cli.push_back(arg);  // CLI11 reports the unknown option
                continue;
            }
        }
        out.words.push_back(arg);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tweet-query: search tweets indexed by tweet-index.\n"
                 "Example: tweet-query search 'from:guykawasaki domain:alltop.com'"};
    app.set_version_flag("--version", ti::version_text("tweet-query"),
                         "the versions of tweet-query, of Xapian and of the index schema");
    app.require_subcommand(1);
    tq::CommonOptions common;
    common.command_line.assign(argv, argv + argc);
    auto add_common = [&](CLI::App* a) {
        a->add_option("--db", common.db, "index path (default: $TWEET_INDEX_DB, else ./tweets.xapian)");
        a->add_option("-f,--format", common.format, "text, jsonl, csv or ids (what each command supports)");
        a->add_flag("--no-color", common.no_colour, "no colour in text output (also when NO_COLOR is set)");
        a->add_flag("--csv-raw", common.csv_raw, "csv cells as they are, for programs (default: a cell starting with "
                                                 "= + - @ gets a leading ' so spreadsheets do not run it)");
    };
    add_common(&app);

    auto commands = tq::all_commands();
    std::vector<std::pair<CLI::App*, tq::Command*>> subcommands;
    for (auto& command : commands) {
        CLI::App* sub = app.add_subcommand(command->name(), command->summary());
        add_common(sub);
        command->add_options(*sub);
        subcommands.emplace_back(sub, command.get());
    }

    SplitArgs split = split_args(app, argc, argv);
    std::vector<char*> cli_argv;
    for (auto& a : split.for_cli) cli_argv.push_back(a.data());
    try {
        app.parse(static_cast<int>(cli_argv.size()), cli_argv.data());
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : tq::kExitError;
    }

    try {
        for (auto& [sub, command] : subcommands) {
            if (!sub->parsed()) continue;
            common.format_given = app.get_option("--format")->count() + sub->get_option("--format")->count() > 0;
            return command->run(common, split.words);
        }
    } catch (const ti::IndexError& e) {
        tq::print_error(e.what());
    } catch (const std::invalid_argument& e) {
        tq::print_error(e.what());
    } catch (const Xapian::WildcardError&) {
        tq::print_error(fmt::format("a wildcard matches too many names (over {}); make it longer", ti::kWildcardLimit));
    } catch (const Xapian::DatabaseModifiedError&) {
        fmt::print(stderr,
                   "tweet-query: the index changed {} times while it was being read (a tweet-index is adding to "
                   "it); run the query again, or give that tweet-index a larger --batch-size so it commits less "
                   "often\n",
                   tq::kReopenAttempts);
    } catch (const Xapian::Error& e) {
        tq::print_error(e.get_description());
    }
    return tq::kExitError;
}

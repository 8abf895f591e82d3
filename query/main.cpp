// tweet-query: searches an index written by tweet-index.
#include "fields.h"
#include "entities.h"
#include "entity_fill.h"
#include "index.h"
#include "json_writer.h"
#include "output.h"
#include "query.h"
#include "text.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;

struct CommonOptions {
    std::string db;
    std::string format = "text";
    bool no_colour = false;
};

std::string operator_help() {
    std::string out = "Operators (case-insensitive for accounts, tags and domains):\n";
    for (const auto& op : ti::kQueryOperators) {
        std::string name = op.sigil.empty() ? std::string(op.name) + ":" : std::string(op.sigil) + " or " +
                                                                               std::string(op.name) + ":";
        out += fmt::format("  {:<22} {} (e.g. {})\n", name, op.description, op.example);
    }
    out += "  free words, \"a phrase\", OR, -word or NOT word, ( ); a trailing * widens an account or tag "
           "(from:Dell*)\n";
    out += "Example: tweet-query search '@tech4buziness has:links -filter:retweets' --format jsonl\n"
           "A query word starting with '-' may need '--' before it: tweet-query search -- -filter:retweets";
    return out;
}

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


int run_search(const CommonOptions& common, const std::string& query, std::size_t limit, bool limit_given,
               const std::string& sort, bool count_only, bool include_deleted) {
    tq::Format format = tq::parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    ti::QueryBuilder builder(db);
    Xapian::Query q;
    try {
        q = builder.parse(query, include_deleted);
    } catch (const ti::QueryError& e) {
        fmt::print(stderr, "tweet-query: bad query: {}\n  {}\n  {}^\n", e.what(), query, std::string(e.column(), ' '));
        return kExitError;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    Xapian::MultiValueKeyMaker by_date;
    if (sort == "newest" || sort == "oldest") {
        bool reverse = sort == "newest";
        by_date.add_value(ti::kSlotDate, reverse);
        by_date.add_value(ti::kSlotIdSort, reverse);
        enquire.set_sort_by_key(&by_date, false);
    } else if (sort != "relevance") {
        fmt::print(stderr, "tweet-query: --sort takes newest, oldest or relevance, not '{}'\n", sort);
        return kExitError;
    }
    return with_reopen(db, [&]() -> int {
        if (count_only) {
            Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
            fmt::print("{}\n", mset.get_matches_estimated());
            return kExitOk;
        }
        std::size_t n = limit_given ? limit : (format == tq::Format::Text ? 20 : 0);
        if (n == 0) n = std::max<Xapian::doccount>(db.get_doccount(), 1);
        // Text is for people, who are told how many there are in all: count exactly then.
        Xapian::doccount check = format == tq::Format::Text ? db.get_doccount() : 0;
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(n), check);
        bool colour = !common.no_colour && format == tq::Format::Text && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        tq::TweetWriter writer(stdout, format, colour);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Xapian::Document doc = it.get_document();
            std::string data = doc.get_data();
            writer.write({data, include_deleted && ti::has_term(doc, ti::kDeletedTerm)});
        }
        writer.finish();
        if (format == tq::Format::Text && mset.size() < mset.get_matches_estimated())
            fmt::print(stderr, "({} of {} shown; --limit 0 shows all)\n", mset.size(), mset.get_matches_estimated());
        return kExitOk;
    });
}

bool glob_match(std::string_view pattern, std::string_view s) {
    // '*' matches any run; iterative with backtracking to the last star.
    std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
    while (i < s.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = i;
        } else if (p < pattern.size() && pattern[p] == s[i]) {
            ++p;
            ++i;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::size_t count_live(Xapian::Database& db, const std::string& term, bool any_deleted) {
    if (!any_deleted) return db.get_termfreq(term);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), ti::live_tweets_filter(false)));
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

int run_accounts(const CommonOptions& common, const std::string& pattern_in, const std::string& sort, std::size_t limit) {
    tq::Format format = tq::parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    std::string pattern = ti::fold_case(pattern_in);
    if (!pattern.empty() && pattern[0] == '@') pattern.erase(0, 1);
    if (pattern.empty()) pattern = "*";
    std::string fixed = pattern.substr(0, pattern.find('*'));
    std::string key_prefix = std::string(ti::meta::account) + fixed;
    bool any_deleted = db.get_termfreq(std::string(ti::kDeletedTerm)) > 0;

    std::vector<tq::AccountRow> rows;
    for (auto it = db.metadata_keys_begin(key_prefix); it != db.metadata_keys_end(key_prefix); ++it) {
        std::string key = *it;
        std::string name = key.substr(ti::meta::account.size());
        if (!glob_match(pattern, name)) continue;
        auto record = ti::parse_account(db.get_metadata(key));
        if (!record) continue;
        tq::AccountRow row{*record};
        row.tweets = count_live(db, std::string(ti::prefix::author) + name, any_deleted);
        row.mentioned = count_live(db, std::string(ti::prefix::mention) + name, any_deleted);
        rows.push_back(std::move(row));
    }
    auto followers = [](const tq::AccountRow& r) { return r.record.followers_count.value_or(-1); };
    if (sort == "followers") {
        std::stable_sort(rows.begin(), rows.end(), [&](auto& a, auto& b) { return followers(a) > followers(b); });
    } else if (sort == "tweets") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.tweets > b.tweets; });
    } else if (sort == "mentions") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.mentioned > b.mentioned; });
    } else if (sort != "name") {
        fmt::print(stderr, "tweet-query: --sort takes followers, tweets, mentions or name, not '{}'\n", sort);
        return kExitError;
    }
    if (limit && rows.size() > limit) rows.resize(limit);
    tq::write_accounts(stdout, format, rows);
    return kExitOk;
}

// What indexing finds in a text that comes without entities (entity_fill.h: the extractor,
// less what a final "…" cut off), as JSON with code-point indices.
int run_entities(const std::string& text) {
    ti::Tweet tweet;
    tweet.text = text;
    ti::complete_entities(tweet);
    ti::JsonWriter w;
    w.begin_object();
    auto span = [&](const ti::Span& s) {
        w.key("indices").begin_array().value(std::int64_t(s.start)).value(std::int64_t(s.end)).end_array();
    };
    w.key("mentions").begin_array();
    for (const auto& m : tweet.mentions) {
        w.begin_object().key("screen_name").value(m.screen_name);
        span(m.span);
        w.end_object();
    }
    w.end_array();
    w.key("urls").begin_array();
    for (const auto& u : tweet.urls) {
        w.begin_object().key("url").value(u.url);
        span(u.span);
        w.end_object();
    }
    w.end_array();
    for (auto [key, value_key, tags] : {std::tuple{"hashtags", "hashtag", &tweet.hashtags},
                                        std::tuple{"cashtags", "cashtag", &tweet.cashtags},
                                        std::tuple{"emails", "email", &tweet.emails}}) {
        w.key(key).begin_array();
        for (const auto& tag : *tags) {
            w.begin_object().key(value_key).value(tag.text);
            span(tag.span);
            w.end_object();
        }
        w.end_array();
    }
    if (auto reply = ti::extract_reply_screen_name(text)) w.key("reply_to").value(*reply);
    else w.key("reply_to").null();
    w.end_object();
    fmt::print("{}\n", w.str());
    return kExitOk;
}

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

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tweet-query: search tweets indexed by tweet-index.\n"
                 "Example: tweet-query search 'from:guykawasaki domain:alltop.com'"};
    app.require_subcommand(1);
    CommonOptions common;
    auto add_common = [&](CLI::App* a) {
        a->add_option("--db", common.db, "index path (default: $TWEET_INDEX_DB, else ./tweets.xapian)");
        a->add_option("-f,--format", common.format, "text, jsonl, csv or ids");
        a->add_flag("--no-color", common.no_colour, "no colour in text output (also when NO_COLOR is set)");
    };
    add_common(&app);

    std::size_t limit = 0;
    std::string sort = "newest";
    bool count_only = false, include_deleted = false;
    auto* search = app.add_subcommand("search", "find tweets: tweet-query search QUERY");
    add_common(search);
    search->add_option("-n,--limit", limit, "at most N tweets (0 = all; text shows 20 unless given)");
    search->add_option("--sort", sort, "newest (default), oldest or relevance");
    search->add_flag("--count", count_only, "print only the exact number of matching tweets");
    search->add_flag("--include-deleted", include_deleted, "show tweets that a delete notice removed");
    search->footer(operator_help());

    std::string account_sort = "name";
    std::size_t account_limit = 0;
    auto* accounts = app.add_subcommand("accounts", "list accounts seen as authors or mentions: tweet-query accounts 'Dell*'");
    add_common(accounts);
    accounts->add_option("--sort", account_sort, "followers, tweets, mentions or name (default)");
    accounts->add_option("-n,--limit", account_limit, "at most N accounts (0 = all)");
    accounts->footer("PATTERN matches screen names, * for any run of characters: tweet-query accounts 'Dell*' --sort followers");

    auto* entities = app.add_subcommand("entities", "print what the entity extractor finds in a text, as JSON");
    entities->footer("Example: tweet-query entities -- 'Hi @loic, see alltop.com/x #seesmic or mail anna@example.com'");

    SplitArgs split = split_args(app, argc, argv);
    std::vector<char*> cli_argv;
    for (auto& a : split.for_cli) cli_argv.push_back(a.data());
    try {
        app.parse(static_cast<int>(cli_argv.size()), cli_argv.data());
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : kExitError;
    }

    try {
        if (search->parsed()) {
            bool limit_given = search->count("--limit") > 0;
            return run_search(common, join(split.words), limit, limit_given, sort, count_only, include_deleted);
        }
        if (entities->parsed()) return run_entities(join(split.words));
        if (accounts->parsed()) {
            if (split.words.size() > 1) {
                fmt::print(stderr, "tweet-query: accounts takes one pattern, like 'Dell*'\n");
                return kExitError;
            }
            return run_accounts(common, split.words.empty() ? "" : split.words[0], account_sort, account_limit);
        }
    } catch (const ti::IndexError& e) {
        fmt::print(stderr, "tweet-query: {}\n", e.what());
        return kExitError;
    } catch (const std::invalid_argument& e) {
        fmt::print(stderr, "tweet-query: {}\n", e.what());
        return kExitError;
    } catch (const Xapian::WildcardError& e) {
        fmt::print(stderr, "tweet-query: a wildcard matches too many names (over {}); make it longer\n", ti::kWildcardLimit);
        return kExitError;
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "tweet-query: {}\n", e.get_description());
        return kExitError;
    }
    return kExitError;
}

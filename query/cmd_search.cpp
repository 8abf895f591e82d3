// tweet-query search QUERY: tweets matching a query, newest first.
#include "command.h"
#include "fields.h"
#include "index.h"
#include "output.h"
#include "query.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace tq {

namespace {

// The message, the query (a window of it around the problem when it is long) and a caret.
void print_query_error(const ti::QueryError& e, std::string_view query) {
    constexpr std::size_t kContext = 60;
    std::size_t column = std::min(e.column(), query.size());
    std::size_t from = column > kContext ? column - kContext : 0;
    std::string_view shown = query.substr(from, 2 * kContext);
    std::string lead = from > 0 ? "..." : "";
    fmt::print(stderr, "tweet-query: bad query: {}\n  {}{}{}\n  {}^\n", e.what(), lead, shown,
               from + shown.size() < query.size() ? "..." : "", std::string(lead.size() + column - from, ' '));
}

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

int run_search(const CommonOptions& common, const std::string& query, std::size_t limit, bool limit_given,
               const std::string& sort, bool count_only, bool include_deleted) {
    Format format = parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    ti::QueryBuilder builder(db);
    Xapian::Query q;
    try {
        q = builder.parse(query, include_deleted);
    } catch (const ti::QueryError& e) {
        print_query_error(e, query);
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
        std::size_t n = limit_given ? limit : (format == Format::Text ? 20 : 0);
        if (n == 0) n = std::max<Xapian::doccount>(db.get_doccount(), 1);
        // Text is for people, who are told how many there are in all: count exactly then.
        Xapian::doccount check = format == Format::Text ? db.get_doccount() : 0;
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(n), check);
        bool colour = !common.no_colour && format == Format::Text && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        TweetWriter writer(stdout, format, colour);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Xapian::Document doc = it.get_document();
            std::string data = doc.get_data();
            writer.write({data, include_deleted && ti::has_term(doc, ti::kDeletedTerm)});
        }
        writer.finish();
        if (format == Format::Text && mset.size() < mset.get_matches_estimated())
            fmt::print(stderr, "({} of {} shown; --limit 0 shows all)\n", mset.size(), mset.get_matches_estimated());
        return kExitOk;
    });
}

class SearchCommand : public Command {
  public:
    std::string name() const override { return "search"; }
    std::string summary() const override { return "find tweets: tweet-query search QUERY"; }
    void add_options(CLI::App& sub) override {
        limit_option_ = sub.add_option("-n,--limit", limit_, "at most N tweets (0 = all; text shows 20 unless given)");
        sub.add_option("--sort", sort_, "newest (default), oldest or relevance");
        sub.add_flag("--count", count_only_, "print only the exact number of matching tweets");
        sub.add_flag("--include-deleted", include_deleted_, "show tweets that a delete notice removed");
        sub.footer(operator_help());
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        return run_search(common, join_words(words), limit_, limit_option_->count() > 0, sort_, count_only_,
                          include_deleted_);
    }

  private:
    std::size_t limit_ = 0;
    CLI::Option* limit_option_ = nullptr;
    std::string sort_ = "newest";
    bool count_only_ = false;
    bool include_deleted_ = false;
};

}  // namespace

std::unique_ptr<Command> make_search_command() { return std::make_unique<SearchCommand>(); }

}  // namespace tq

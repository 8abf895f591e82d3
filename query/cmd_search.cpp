// tweet-query search QUERY: tweets matching a query, newest first.
#include "command.h"
#include "fields.h"
#include "index.h"
#include "json_writer.h"
#include "live_count.h"
#include "output.h"
#include "query.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace tq {

namespace {

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
               const std::string& sort, bool count_only, bool include_deleted, bool include_edits) {
    Format format = parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    std::optional<Xapian::Query> q = parse_or_report(db, query, include_deleted, "", include_edits);
    if (!q) return kExitError;
    bool by_date = sort == "newest" || sort == "oldest";
    if (!by_date && sort != "relevance") {
        fmt::print(stderr, "tweet-query: --sort takes newest, oldest or relevance, not '{}'\n", sort);
        return kExitError;
    }
    SpooledOutput out;
    int status = with_reopen(db, path, [&]() -> int {
        out.restart();
        Xapian::Enquire enquire(db);
        enquire.set_query(*q);
        if (count_only) {
            // @user, from:, #tag, domain: are a term or an OR of terms: counted from their postings.
            // (Which leaves earlier versions of edited tweets out: --include-edits counts by the matcher.)
            auto terms = include_edits ? std::nullopt : or_of_terms(ti::QueryBuilder(db).parse_bare(query));
            if (terms) {
                fmt::print(out.file(), "{}\n", LiveCounter(db, include_deleted).count(*terms));
                return kExitOk;
            }
            enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting, not ranking
            Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
            fmt::print(out.file(), "{}\n", mset.get_matches_estimated());
            return kExitOk;
        }
        std::size_t n = limit_given ? limit : (format == Format::Text ? 20 : 0);
        if (n == 0) n = std::max<Xapian::doccount>(db.get_doccount(), 1);
        // Text is for people, who are told how many there are in all: count exactly then.
        Xapian::doccount check = format == Format::Text ? db.get_doccount() : 0;
        Xapian::MSet mset = by_date ? get_mset_by_date(enquire, sort == "newest", static_cast<Xapian::doccount>(n), check)
                                    : enquire.get_mset(0, static_cast<Xapian::doccount>(n), check);
        bool colour = !common.no_colour && format == Format::Text && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        TweetWriter writer(out.file(), format, colour);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Xapian::Document doc = it.get_document();
            std::string data = doc.get_data();
            writer.write({data, include_deleted && ti::has_term(doc, ti::kDeletedTerm)});
            out.written();
        }
        writer.finish();
        if (format == Format::Text && mset.size() < mset.get_matches_estimated())
            fmt::print(stderr, "({} of {} shown; --limit 0 shows all)\n", mset.size(), mset.get_matches_estimated());
        return kExitOk;
    });
    out.publish();
    return status;
}

// --batch FILE: every query of a file (one a line; blank lines and '# ' comments skipped), each
// matching tweet as its jsonl record plus "query"; a bad query gives {"query", "error"} in its
// place, a message naming FILE:LINE on stderr, and exit status 2 once all have run.
int run_batch(const CommonOptions& common, const std::string& file, bool include_deleted) {
    std::ifstream in(file);
    if (!in) {
        fmt::print(stderr, "tweet-query: cannot read {}\n", file);
        return kExitError;
    }
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    ti::QueryBuilder builder(db);
    bool any_bad = false;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        std::size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
        // "# text" is a comment, "#tag" a hashtag query.
        if (b == std::string::npos || (line[b] == '#' && (b == e || line[b + 1] == ' ' || line[b + 1] == '\t'))) continue;
        std::string query = line.substr(b, e - b + 1);
        ti::JsonWriter tag;
        tag.value(query);
        Xapian::Query q;
        try {
            q = builder.parse(query, include_deleted);
        } catch (const ti::QueryError& err) {
            any_bad = true;
            fmt::print(stderr, "tweet-query: {}:{}: {}\n", file, line_no, bad_query_message(query, err.what(), err.column()));
            ti::JsonWriter w;
            w.begin_object().key("query").value(query).key("error").value(err.what()).end_object();
            fmt::print("{}\n", w.str());
            continue;
        }
        SpooledOutput out;
        with_reopen(db, path, [&] {
            out.restart();
            Xapian::Enquire enquire(db);
            enquire.set_query(q);
            Xapian::MSet mset = get_mset_by_date(enquire, true, std::max<Xapian::doccount>(db.get_doccount(), 1));
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Xapian::Document doc = it.get_document();
                std::string json = doc.get_data();
                if (!json.empty() && json.back() == '}') json.pop_back();
                bool deleted = include_deleted && ti::has_term(doc, ti::kDeletedTerm);
                fmt::print(out.file(), "{},\"deleted\":{},\"query\":{}}}\n", json, deleted ? "true" : "false", tag.str());
                out.written();
            }
            return 0;
        });
        out.publish();
    }
    std::fflush(stdout);
    return any_bad ? kExitError : kExitOk;
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
        sub.add_flag("--include-edits", include_edits_,
                     "show the earlier versions of edited tweets too (else only the latest version in the index)");
        sub.add_option("--batch", batch_, "run each query of FILE (one a line; '# ' starts a comment), JSON lines tagged with "
                                          "their \"query\"");
        sub.footer(operator_help());
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (!batch_.empty()) {
            if (!words.empty()) {
                fmt::print(stderr, "tweet-query: search --batch takes its queries from the file, not the command line\n");
                return kExitError;
            }
            return run_batch(common, batch_, include_deleted_);
        }
        return run_search(common, join_words(words), limit_, limit_option_->count() > 0, sort_, count_only_,
                          include_deleted_, include_edits_);
    }

  private:
    std::size_t limit_ = 0;
    CLI::Option* limit_option_ = nullptr;
    std::string sort_ = "newest";
    bool count_only_ = false;
    bool include_deleted_ = false;
    bool include_edits_ = false;
    std::string batch_;
};

}  // namespace

std::unique_ptr<Command> make_search_command() { return std::make_unique<SearchCommand>(); }

}  // namespace tq

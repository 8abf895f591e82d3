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

// A match as the format wants it: ids from the document's id term (a search while tweet-index
// commits has to finish between two commits, and decoding every record took half its time),
// the other formats from the stored record.
void write_match(TweetWriter& writer, Format format, const Xapian::Document& doc, bool include_deleted,
                 std::string_view query = {}) {
    if (format == Format::Ids) {
        writer.write_id(ti::tweet_id(doc));
        return;
    }
    std::string data = ti::stored_record(doc);
    writer.write({data, include_deleted && ti::has_term(doc, ti::kDeletedTerm), query});
}

std::string operator_help() {
    std::string out = "Operators (case-insensitive for accounts, tags and domains):\n";
    for (const auto& op : ti::kFields) {
        if (op.name.empty()) continue;
        std::string name = op.sigil.empty() ? std::string(op.name) + ":" : std::string(op.sigil) + " or " +
                                                                               std::string(op.name) + ":";
        out += fmt::format("  {:<22} {} (e.g. {})\n", name, op.help, op.example);
    }
    out += "  free words, \"a phrase\", OR, -word or NOT word, ( ); a trailing * widens an account or tag "
           "(from:Dell*)\n";
    out += "Flags:\n";
    for (const auto& f : ti::kTweetFlags) {
        std::string also;
        ti::for_each_name(f.filter_names, [&](std::string_view name) {
            also += fmt::format("{}filter:{}", also.empty() ? " (also " : ", ", name);
        });
        if (!also.empty()) also += ")";
        out += fmt::format("  {:<22} {}{}\n", fmt::format("{}:{}", f.op, f.name), f.help, also);
    }
    out += "Example: tweet-query search '@tech4buziness has:links -filter:retweets' --format jsonl\n"
           "A query word starting with '-' may need '--' before it: tweet-query search -- -filter:retweets";
    return out;
}

struct SearchOptions {
    std::size_t limit = 0;
    bool limit_given = false;
    std::string sort = "newest";
    bool count_only = false;
    bool include_deleted = false;
    bool include_edits = false;
};

// The exact number of matches: @user, from:, #tag, domain: are a term or an OR of terms, counted
// from their postings (which leaves earlier versions of edited tweets out, so --include-edits
// counts by the matcher); anything else by a match that does not rank.
std::uint64_t count_matches(const Xapian::Database& db, const ti::QueryBuilder& builder,
                            const ti::QueryBuilder::Parsed& parsed, bool include_deleted, bool include_edits) {
    auto terms = include_edits ? std::nullopt : builder.terms_of(parsed.tree);
    if (terms) return LiveCounter(db, include_deleted).count(*terms);
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// The matches in the order --sort asks, at most `n` (0: all); text counts exactly, for people.
Xapian::MSet matches(const Xapian::Database& db, const Xapian::Query& q, const std::string& sort, std::size_t n,
                     bool exact_total) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    if (n == 0) n = std::max<Xapian::doccount>(db.get_doccount(), 1);
    Xapian::doccount check = exact_total ? db.get_doccount() : 0;
    if (sort == "relevance") return enquire.get_mset(0, static_cast<Xapian::doccount>(n), check);
    return get_mset_by_date(enquire, sort == "newest", static_cast<Xapian::doccount>(n), check);
}

// The query lowered against `db` as it is: a free word's forms are the words the index's stems
// documents list, so each attempt of with_reopen, on a newer revision, lowers it again.
std::pair<ti::QueryBuilder, ti::QueryBuilder::Parsed> lowered_against(const Xapian::Database& db,
                                                                     const std::string& query, const SearchOptions& o) {
    ti::QueryBuilder builder(db);
    ti::QueryBuilder::Parsed parsed = builder.parse_and_lower(query, o.include_deleted, o.include_edits);
    return {std::move(builder), std::move(parsed)};
}

bool sort_is_known(const std::string& sort) {
    if (sort == "newest" || sort == "oldest" || sort == "relevance") return true;
    print_error(fmt::format("--sort takes newest, oldest or relevance, not '{}'", sort));
    return false;
}

int run_search(const CommonOptions& common, const std::string& query, const SearchOptions& o) {
    Format format = parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    if (!sort_is_known(o.sort)) return kExitError;
    SpooledOutput out;
    int status;
    try {
        status = with_reopen(db, path, [&]() -> int {
            out.restart();
            auto [builder, parsed] = lowered_against(db, query, o);
            if (o.count_only) {
                fmt::print(out.file(), "{}\n", count_matches(db, builder, parsed, o.include_deleted, o.include_edits));
                return kExitOk;
            }
            std::size_t n = o.limit_given ? o.limit : (format == Format::Text ? 20 : 0);
            Xapian::MSet mset = matches(db, parsed.query, o.sort, n, format == Format::Text);
            bool colour = !common.no_colour && format == Format::Text && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
            TweetWriter writer(out.file(), format, colour, common.csv_raw);
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                write_match(writer, format, it.get_document(), o.include_deleted);
                out.written();
            }
            writer.finish();
            if (format == Format::Text && mset.size() < mset.get_matches_estimated())
                fmt::print(stderr, "({} of {} shown; --limit 0 shows all)\n", mset.size(), mset.get_matches_estimated());
            return kExitOk;
        });
    } catch (const ti::QueryError& e) {
        print_error(bad_query_message(query, e.what(), e.column()));
        return kExitError;
    }
    out.publish();
    return status;
}

// --batch FILE: every query of a file (one a line; blank lines and '# ' comments skipped), each
// matching tweet as its jsonl record plus "query" (csv: a query column first); with --count, one
// {"query", "count"} (csv query,count) per query. --limit and --sort apply to each query. A bad
// query gives {"query", "error"} in its place (csv: nothing), a message naming FILE:LINE on
// stderr, and exit status 2 once all have run.
int run_batch(const CommonOptions& common, const std::string& file, const SearchOptions& o) {
    Format format = common.format_given ? parse_format(common.format) : Format::Jsonl;
    if (format != Format::Jsonl && format != Format::Csv) {
        print_error(fmt::format("search --batch writes jsonl or csv, not '{}'", common.format));
        return kExitError;
    }
    if (!sort_is_known(o.sort)) return kExitError;
    std::ifstream in(file);
    if (!in) {
        print_error(fmt::format("cannot read {}", file));
        return kExitError;
    }
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    bool any_bad = false;
    bool header_done = false;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        std::size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
        // "# text" is a comment, "#tag" a hashtag query.
        if (b == std::string::npos || (line[b] == '#' && (b == e || line[b + 1] == ' ' || line[b + 1] == '\t'))) continue;
        std::string query = line.substr(b, e - b + 1);
        SpooledOutput out;
        try {
            with_reopen(db, path, [&] {
                out.restart();
                auto [builder, parsed] = lowered_against(db, query, o);
                if (o.count_only) {
                    std::uint64_t n = count_matches(db, builder, parsed, o.include_deleted, o.include_edits);
                    if (format == Format::Csv) {
                        if (!header_done) fmt::print(out.file(), "query,count\r\n");
                        fmt::print(out.file(), "{},{}\r\n", csv_field(query, common.csv_raw), n);
                    } else {
                        ti::JsonWriter w;
                        w.begin_object().key("query").value(query).key("count").value(static_cast<std::int64_t>(n)).end_object();
                        fmt::print(out.file(), "{}\n", w.str());
                    }
                    return 0;
                }
                Xapian::MSet mset = matches(db, parsed.query, o.sort, o.limit, false);
                TweetWriter writer(out.file(), format, false, common.csv_raw, TweetWriter::kQueryColumn);
                if (header_done) writer.skip_header();
                for (auto it = mset.begin(); it != mset.end(); ++it) {
                    write_match(writer, format, it.get_document(), o.include_deleted, query);
                    out.written();
                }
                writer.finish();
                return 0;
            });
        } catch (const ti::QueryError& err) {
            any_bad = true;
            print_error(fmt::format("{}:{}: {}", file, line_no, bad_query_message(query, err.what(), err.column())));
            if (format == Format::Jsonl) {
                ti::JsonWriter w;
                w.begin_object().key("query").value(query).key("error").value(err.what()).end_object();
                fmt::print("{}\n", w.str());
            }
            continue;
        }
        out.publish();
        header_done = true;
    }
    if (format == Format::Csv && !header_done) {
        if (o.count_only) fmt::print("query,count\r\n");
        else TweetWriter(stdout, format, false, common.csv_raw, TweetWriter::kQueryColumn).finish();
    }
    std::fflush(stdout);
    return any_bad ? kExitError : kExitOk;
}

// --explain: the query's tree, and the query Xapian runs (the index gives its languages and accounts).
int run_explain(const CommonOptions& common, const std::string& query, const SearchOptions& o) {
    Xapian::Database db = ti::open_index_for_reading(ti::resolve_db_path(common.db));
    try {
        fmt::print("{}", ti::QueryBuilder(db).explain(query, o.include_deleted, o.include_edits));
    } catch (const ti::QueryError& e) {
        print_error(bad_query_message(query, e.what(), e.column()));
        return kExitError;
    }
    return kExitOk;
}

class SearchCommand : public Command {
  public:
    std::string name() const override { return "search"; }
    std::string summary() const override { return "find tweets: tweet-query search QUERY"; }
    void add_options(CLI::App& sub) override {
        limit_option_ = sub.add_option("-n,--limit", options_.limit, "at most N tweets (0 = all; text shows 20 unless given)")
                            ->check(count_option());
        sub.add_option("--sort", options_.sort, "newest (default), oldest or relevance");
        sub.add_flag("--count", options_.count_only, "print only the exact number of matching tweets");
        sub.add_flag("--include-deleted", options_.include_deleted, "show tweets that a delete notice removed");
        sub.add_flag("--include-edits", options_.include_edits,
                     "show the earlier versions of edited tweets too (else only the latest version in the index)");
        sub.add_flag("--explain", explain_, "print the parsed query and the query Xapian runs, and search nothing");
        sub.add_option("--batch", batch_, "run each query of FILE (one a line; '# ' starts a comment): JSON lines tagged "
                                          "with their \"query\", or csv with a query column; --count, --limit, --sort "
                                          "apply to each");
        sub.footer(operator_help());
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        options_.limit_given = limit_option_->count() > 0;
        if (!batch_.empty()) {
            if (!words.empty()) {
                print_error("search --batch takes its queries from the file, not the command line");
                return kExitError;
            }
            return run_batch(common, batch_, options_);
        }
        if (explain_) return run_explain(common, join_words(words), options_);
        return run_search(common, join_words(words), options_);
    }

  private:
    SearchOptions options_;
    CLI::Option* limit_option_ = nullptr;
    std::string batch_;
    bool explain_ = false;
};

}  // namespace

std::unique_ptr<Command> make_search_command() { return std::make_unique<SearchCommand>(); }

}  // namespace tq

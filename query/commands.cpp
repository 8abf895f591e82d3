#include "command.h"

#include "fields.h"
#include "query.h"

#include <fmt/format.h>

namespace tq {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_search_command());
    out.push_back(make_accounts_command());
    out.push_back(make_entities_command());
    out.push_back(make_top_command());
    out.push_back(make_timeline_command());
    out.push_back(make_graph_command());
    out.push_back(make_audit_command());
    return out;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

std::string bad_query_message(const std::string& query, const std::string& error, std::size_t column) {
    return fmt::format("bad query: {}\n  {}\n  {}^", error, query, std::string(column, ' '));
}

std::optional<Xapian::Query> parse_or_report(const Xapian::Database& db, const std::string& query,
                                             bool include_deleted, const std::string& where) {
    try {
        return ti::QueryBuilder(db).parse(query, include_deleted);
    } catch (const ti::QueryError& e) {
        fmt::print(stderr, "tweet-query: {}{}\n", where, bad_query_message(query, e.what(), e.column()));
        return std::nullopt;
    }
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

}  // namespace tq

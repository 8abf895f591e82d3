// The query language: Twitter's advanced search operators (from:, @user, #tag, url:, since:,
// ...), free words and "phrases", OR, -word/NOT and parentheses, parsed into a Xapian query
// over the terms and values of fields.h.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

class QueryError : public std::runtime_error {
  public:
    QueryError(const std::string& message, std::size_t column) : std::runtime_error(message), column_(column) {}
    std::size_t column() const { return column_; }  // 0-based byte offset into the query

  private:
    std::size_t column_;
};

class QueryBuilder {
  public:
    // `db` tells which languages the index holds, so a word also matches their stems.
    explicit QueryBuilder(const Xapian::Database& db);

    // Throws QueryError pointing at the problem. Deleted tweets are left out unless asked for;
    // tombstones (delete notices whose tweet never came) always are. An edited tweet is its
    // latest version in the index unless include_edits.
    Xapian::Query parse(std::string_view query, bool include_deleted = false, bool include_edits = false) const;

    // Without the exclusion of what is not a live tweet (not_live_terms): for tests and explain().
    Xapian::Query parse_bare(std::string_view query) const;

    // What `tweet-query search --explain` prints: the parsed query and the query Xapian runs (the
    // parse kept to live tweets), each as Xapian describes it, a line each. Throws QueryError.
    std::string explain(std::string_view query, bool include_deleted = false, bool include_edits = false) const;

  private:
    struct Impl;
    Xapian::Database db_;                  // for the account registry: from: a former name
    std::vector<Xapian::Stem> stemmers_;  // one per language of the index (stemming.h)
    bool elision_languages_ = false;
};

// Maximum terms one wildcard may expand to before the query is refused.
inline constexpr Xapian::termcount kWildcardLimit = 50000;

// What a live tweet is, once: a document with none of these terms. Tombstones are never live;
// deleted tweets are unless include_deleted, earlier versions of an edited tweet unless
// include_edits. The query filter, the live counter and the counts of top and timeline use it.
std::vector<std::string> not_live_terms(bool include_deleted, bool include_edits);

// Every document that is a tweet (not a tombstone), deleted ones included or not, earlier
// versions of edited tweets included or not.
Xapian::Query live_tweets_filter(bool include_deleted, bool include_edits = false);

}  // namespace ti

// The query language: Twitter's advanced search operators (from:, @user, #tag, url:, since:,
// ...), free words and "phrases", OR, -word/NOT and parentheses, parsed into a tree of
// QueryNode and lowered to a Xapian query over the terms and values of fields.h.
#pragma once

#include "fields.h"

#include <xapian.h>

#include <cstdint>
#include <optional>

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

// A parsed query: a tree whose nodes keep the byte column they start at. The parser makes it,
// every operator's value checked and made canonical; QueryBuilder::lower makes it a Xapian query;
// audits and the live counter compose and inspect it.
struct QueryNode {
    enum class Kind { And, Or, Not, Word, Phrase, Field };
    Kind kind = Kind::And;
    std::size_t column = 0;            // 0-based byte offset into the query (of a '-' before it)
    std::vector<QueryNode> children;   // And (none: everything), Or, Not (one)
    std::string text;                  // Word, Phrase: as written; Field: its value, canonical
    const Field* field = nullptr;      // Field: its row of kFields
    bool wildcard = false;             // Field: `text` is the start of the values it matches
    std::optional<std::int64_t> low, high;  // a value field's range, both ends included
};
// A Field's canonical value: a case-folded name (from:, to:, @) or tag (#, $) without its sigil;
// the folded value of email: and lang:; the URL key of url: and the host of domain: (urls.h);
// the term of a flag; the digits of id:; the status of author_status:; dates as epoch seconds.

// The stable one-line text form of a tree that --explain prints and the parser's tests compare:
// (and@0 (from@0 "loic") (not@8 (word@8 "seesmic"))), a wildcard's value followed by *, a
// range as low..high (dates in ISO 8601, either end empty when open).
std::string describe_tree(const QueryNode& tree);

class QueryBuilder {
  public:
    // `db` tells which languages the index holds, so a word also matches their stems.
    explicit QueryBuilder(const Xapian::Database& db);

    // The tree of a query. Throws QueryError pointing at the problem.
    QueryNode parse_tree(std::string_view query) const;
    // One operator and its value, as the parser makes it from "name:value". Throws QueryError
    // (column 0).
    static QueryNode field_node(FieldId field, std::string value);

    // The Xapian query of a tree (which fails only on words Xapian cannot parse: QueryError).
    Xapian::Query lower(const QueryNode& tree) const;
    // Kept to live tweets (not_live_terms): deleted tweets are left out unless asked for,
    // tombstones always are; an edited tweet is its latest version in the index unless
    // include_edits.
    Xapian::Query lower(const QueryNode& tree, bool include_deleted, bool include_edits) const;
    // The terms of a tree that is a term-valued operator or an OR of them (from:, @, #, domain:,
    // is:, ... without wildcards), else nothing: what a LiveCounter can count from postings.
    std::optional<std::vector<std::string>> terms_of(const QueryNode& tree) const;

    // A query's tree and its Xapian query, kept to live tweets: parse_tree, then lower.
    struct Parsed {
        QueryNode tree;
        Xapian::Query query;
    };
    Parsed parse_and_lower(std::string_view query, bool include_deleted = false, bool include_edits = false) const;
    // parse_and_lower's Xapian query.
    Xapian::Query parse(std::string_view query, bool include_deleted = false, bool include_edits = false) const;
    // Without the exclusion of what is not a live tweet: for tests and the fuzz target.
    Xapian::Query parse_bare(std::string_view query) const;

    // What `tweet-query search --explain` prints, a line each: the tree (describe_tree) and the
    // query Xapian runs, kept to live tweets, as Xapian describes it. Throws QueryError.
    std::string explain(std::string_view query, bool include_deleted = false, bool include_edits = false) const;

  private:
    struct Impl;
    std::vector<std::string> account_terms(const Field& op, const std::string& name) const;
    std::vector<std::string> account_status_terms(const std::string& status) const;
    Xapian::Database db_;                  // for the account registry: from: a former name
    struct Language {
        std::string code;
        Xapian::Stem stemmer;  // tagged_stemmer (stemming.h)
    };
    std::vector<Language> stemmed_languages_;  // each language of the index that has a stemmer
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

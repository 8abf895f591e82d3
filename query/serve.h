// tweet-query serve: the index in a browser, read-only. cmd_serve.cpp runs the HTTP server
// (cpp-httplib) and its rules (Host, methods, headers); serve_pages.cpp writes the HTML pages
// with html.h, serve_api.cpp the JSON API, serve_index.cpp what both ask of the index, and
// serve_assets.cpp holds the style sheet and the script the pages load.
#pragma once

#include "aggregates.h"

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ti {
struct AccountRecord;
}

namespace tq::serve {

// The bounds of one request's work (wildcards are bounded by the query parser, as in the CLI).
inline constexpr std::size_t kMaxQueryBytes = 1000;
inline constexpr std::size_t kPageSize = 20;
inline constexpr std::size_t kMaxPage = 500;           // page 500 is tweets 9,981-10,000
inline constexpr std::size_t kMaxApiLimit = 1000;
inline constexpr std::size_t kMaxApiOffset = 100000;
inline constexpr std::size_t kFacetLimit = 10;
inline constexpr std::size_t kMaxTopLimit = 1000;
inline constexpr std::size_t kFollowerPoints = 400;   // tweets sampled for an account's chart

struct Settings {
    std::string db_path;
    std::vector<std::string> audit_files;
    std::chrono::milliseconds time_limit{10000};
};

// A request as the pages see it: its parameters (the first value of each, decoded) and the
// part of the path its route captured (NAME of /account/NAME, KIND of /api/top/KIND).
struct Request {
    std::map<std::string, std::string> params;
    std::string path_arg;
    std::string param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    }
};

// A number parameter: `fallback` when absent; RequestError 400 when not a number or above `max`.
std::size_t number_param(const Request& request, const std::string& name, std::size_t fallback, std::size_t max);

struct Answer {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
};

// A request that cannot be answered as asked: its status and a message for the user.
class RequestError : public std::runtime_error {
  public:
    RequestError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

  private:
    int status_;
};

// --- the index (serve_index.cpp) ----------------------------------------------------------

// The time limit of one request: a match decider that keeps every document and throws
// RequestError(503) once the limit has passed. Passed to the walks over matches as their filter.
class Deadline : public Xapian::MatchDecider {
  public:
    explicit Deadline(std::chrono::milliseconds limit);
    bool operator()(const Xapian::Document&) const override;
    void check() const;  // throws when past the limit

  private:
    std::chrono::steady_clock::time_point end_;
    std::chrono::milliseconds limit_;
    mutable unsigned calls_ = 0;
};

enum class Sort { Newest, Oldest, Relevance };
std::optional<Sort> parse_sort(std::string_view name);  // "" is newest

// A query of a request, parsed (RequestError 400 when too long; ti::QueryError when bad).
struct ParsedQuery {
    std::string text;
    Xapian::Query query;  // deleted tweets left out unless asked for
    Xapian::Query live;   // deleted tweets always left out: what top lists and timelines count
    bool everything = false;  // an empty query: the counts take their paths over the whole index
};
ParsedQuery parse_query(const Xapian::Database& db, const std::string& text, bool include_deleted);

struct FoundTweet {
    std::string record_json;
    bool deleted = false;
};
struct Found {
    std::uint64_t total = 0;  // exact
    std::vector<FoundTweet> tweets;
};
Found find_tweets(Xapian::Database& db, const ParsedQuery& q, bool include_deleted, Sort sort, std::size_t offset,
                  std::size_t limit, const Deadline& deadline);

std::vector<ValueCount> top_of(Xapian::Database& db, const ParsedQuery& q, TopKind kind, std::size_t limit,
                               const Deadline& deadline);

// A timeline of the live matches by `by`, or when not given by the period that suits their span
// (auto_period, as an audit chooses it); `chosen` receives it.
std::vector<PeriodCount> timeline_of(Xapian::Database& db, const ParsedQuery& q, std::optional<Period> by,
                                     Period& chosen, const Deadline& deadline);

// The live tweets of an account by every screen name it had and its id, as row_for counts them
// (terms, not query text: no name can change the query's shape).
ParsedQuery tweets_of(const ti::AccountRecord& account);

// An author's followers count as its tweets carried it, oldest first: at most kFollowerPoints
// of its tweets, spread over all of them.
struct FollowerPoint {
    std::int64_t at = 0;
    std::int64_t value = 0;
};
std::vector<FollowerPoint> followers_over_time(Xapian::Database& db, const ParsedQuery& tweets, const Deadline& deadline);

// The latest followers count the registry knows for each of `names` (top authors).
std::map<std::string, std::int64_t> followers_of(const Xapian::Database& db, const std::vector<ValueCount>& authors);

// What a page or the API says when a wildcard expands to more than the query parser allows.
std::string wildcard_message();

// A value added to a query as OPERATOR:value ("mention:loic", "domain:\"a b\""), or nothing
// when the value cannot be written in the query language (a '"' or a trailing '*').
std::optional<std::string> query_term(std::string_view op, std::string_view value);
// The query with a term added (or excluded, "-term"): an OR in the query is put in parentheses.
std::string refine(const std::string& query, const std::string& term, bool exclude = false);

// What a FILE* writer (TweetWriter, write_top, write_account_detail) writes, as a string: the
// API answers with the very objects the CLI's jsonl holds.
class MemoryFile {
  public:
    MemoryFile();
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    std::FILE* file() const { return file_; }
    std::string take();  // what was written, the file closed

  private:
    char* buffer_ = nullptr;
    std::size_t size_ = 0;
    std::FILE* file_ = nullptr;
};

// --- answers --------------------------------------------------------------------------------

// Pages (serve_pages.cpp).
Answer search_page(const Settings& settings, const Request& request);
Answer account_page(const Settings& settings, const Request& request);
Answer audits_page(const Settings& settings, const Request& request);
Answer audit_page(const Settings& settings, const Request& request);
Answer error_page(int status, const std::string& message);

// The JSON API (serve_api.cpp).
Answer api_search(const Settings& settings, const Request& request);
Answer api_top(const Settings& settings, const Request& request);
Answer api_timeline(const Settings& settings, const Request& request);
Answer api_account(const Settings& settings, const Request& request);
Answer api_error(int status, const std::string& message);

// The style sheets and the script (serve_assets.cpp), by file name; nothing for another name.
std::optional<Answer> static_asset(std::string_view name);

}  // namespace tq::serve

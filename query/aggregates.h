// Counts over the tweets a query matches: top values of a field, tweets per period, and the
// walk over matching documents both use. `top`, `timeline`, `graph` and `audit` share these.
//
// Every count is exact. The walk asks Xapian for every match (get_mset(0, 0, doccount)) with a
// MatchSpy that sees each matching document once (over remote shards, which cannot run it, the
// MSet's documents instead). Top lists pick the cheapest exact way: term frequencies or a value
// stream for the whole index, less what documents that are not live tweets hold (NotLiveDocs);
// for a query, posting lists against the set of matches, the matches' term lists, or one value
// slot per match (URLs, hosts, and sources, which have no terms): see top_values in
// aggregates.cpp and docs/performance.md.
#pragma once

#include "fields.h"

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tq {

// What `top` counts: a field of ti::kFields with a `top` name (authors, mentions, hosts, ...),
// whose values come from its prefix's terms or its value slot.
using TopKind = ti::FieldId;
std::optional<TopKind> parse_top_kind(std::string_view name);
std::string top_kind_names();  // "mentions, hashtags, ..." for messages

struct ValueCount {
    std::string value;
    std::uint64_t count = 0;
};

// Restricts a walk further than its query can: `audit --since-last` keeps documents by docid.
// Null: no restriction.
using DocFilter = const Xapian::MatchDecider*;

// Calls `fn` once per document matching `query` (which already leaves out what it should).
void for_each_match(Xapian::Database& db, const Xapian::Query& query, DocFilter filter,
                    const std::function<void(const Xapian::Document&)>& fn);

// Counts of `kind` over the matching tweets, each tweet counted once per value; most frequent
// first, ties by value; at most `limit` (0 = all). `query_is_everything` (the user's query was
// empty and there is no filter) takes the fast path over the term list of the whole index.
std::vector<ValueCount> top_values(Xapian::Database& db, TopKind kind, const Xapian::Query& query,
                                   bool query_is_everything, DocFilter filter, std::size_t limit);

// Timeline periods, UTC. A week starts on Monday and is labelled by that Monday's date.
enum class Period { Hour, Day, Week, Month, Year };
std::optional<Period> parse_period(std::string_view name);
std::string_view period_name(Period p);  // "hour" ... "year"

std::int64_t period_start(Period p, std::int64_t epoch);
std::int64_t next_period(Period p, std::int64_t start);
std::string period_label(Period p, std::int64_t start);  // 2011-06-01T12:00Z, 2011-06-01, 2011-06, 2011

struct PeriodCount {
    std::int64_t start = 0;
    std::string label;
    std::uint64_t count = 0;
};

// The most periods a timeline holds: every hour of 20 years of Twitter fits. More would be a
// broken date in an old index (year 1900 or 9999: 71M hours, gigabytes of memory).
inline constexpr std::uint64_t kMaxTimelinePeriods = 200000;
// The periods from the one holding `first` to the one holding `last`, both included.
std::uint64_t period_count(Period p, std::int64_t first, std::int64_t last);

// Thrown by timeline() instead of making more than kMaxTimelinePeriods periods.
class TimelineTooLong : public std::runtime_error {
  public:
    TimelineTooLong(Period asked, Period fits, std::int64_t first, std::int64_t last);
    Period fits;  // the finest period that fits
    std::int64_t first, last;
};

// Tweets per period from the first to the last matching tweet, empty periods included.
// Tweets without a date are not counted. Throws TimelineTooLong beyond kMaxTimelinePeriods.
std::vector<PeriodCount> timeline(Xapian::Database& db, Period period, const Xapian::Query& query,
                                  bool query_is_everything, DocFilter filter);
// A period that suits the span of a timeline (at most ~60 bars, and fewer for long spans):
// hours within 2 days, days within 60, weeks within a year, months within 15 years, years beyond.
Period auto_period(std::int64_t first, std::int64_t last);

// Keeps documents whose docid is above a mark (the last docid of a previous run).
class DocidAbove : public Xapian::MatchDecider {
  public:
    explicit DocidAbove(Xapian::docid mark) : mark_(mark) {}
    bool operator()(const Xapian::Document& doc) const override { return doc.get_docid() > mark_; }

  private:
    Xapian::docid mark_;
};

// The values of a prefix's terms in a document ("XMloic" -> "loic"), each once.
std::vector<std::string> term_values(const Xapian::Document& doc, std::string_view prefix);

}  // namespace tq

#include "aggregates.h"
#include "live_count.h"
#include "match_set.h"

#include "dates.h"
#include "fields.h"
#include "index.h"
#include "query.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace tq {

namespace {

// Where the values of a kind come from (its row of ti::kFields): the terms of a prefix, counted
// by term frequencies and posting lists; or a value slot, for kinds with so many distinct values
// (every URL) that walking their terms costs more than reading one value per matching tweet, or
// without terms of their own (hosts, sources). URLs have both: term frequencies for the whole
// index, the slot for a query. Emails' prefix begins XEMAILD's (domains): belongs_to tells them
// apart.
struct KindInfo {
    std::string_view prefix;           // "" when there are no terms to count
    std::optional<ti::Slot> slot;      // kSlotUrlKeys holds pack_values(), others one value
};

KindInfo info(TopKind kind) {
    const ti::Field& f = ti::field(kind);
    std::optional<ti::Slot> slot;
    if (f.slot != ti::kNoSlot) slot = static_cast<ti::Slot>(f.slot);
    return {f.prefix, slot};
}

// A term belongs to `prefix` when what follows is a value: values are case-folded, so an
// uppercase ASCII letter there means a longer prefix ("XMfoo" is a mention, "XHASlinks" is
// not a host).
bool belongs_to(std::string_view term, std::string_view prefix) {
    if (term.substr(0, prefix.size()) != prefix) return false;
    return term.size() == prefix.size() || !(term[prefix.size()] >= 'A' && term[prefix.size()] <= 'Z');
}

// "alltop.com/x?y" -> "alltop.com"; a non-default port goes too, as in the H terms.
std::string_view host_of_url_key(std::string_view key) {
    key = key.substr(0, key.find_first_of("/?#"));
    if (!key.empty() && key.front() != '[') key = key.substr(0, key.find(':'));
    return key;
}

class CallbackSpy : public Xapian::MatchSpy {
  public:
    explicit CallbackSpy(const std::function<void(const Xapian::Document&)>& fn) : fn_(fn) {}
    void operator()(const Xapian::Document& doc, double) override { fn_(doc); }
    std::string name() const override { return "tq::CallbackSpy"; }

  private:
    const std::function<void(const Xapian::Document&)>& fn_;
};

// The values of `kind` in one document, each once.
class ValueReader {
  public:
    explicit ValueReader(TopKind kind) : kind_(kind), info_(info(kind)) {}
    std::vector<std::string> operator()(const Xapian::Document& doc) const {
        if (!info_.slot) return term_values(doc, info_.prefix);
        return from_slot(doc.get_value(*info_.slot));
    }
    // The values a slot holds (URL keys are stored each once per tweet).
    std::vector<std::string> from_slot(const std::string& value) const {
        std::vector<std::string> out;
        if (value.empty()) return out;
        if (*info_.slot != ti::kSlotUrlKeys) {
            out.push_back(value);
            return out;
        }
        ti::for_each_packed(value, [&](std::string_view key) {
            out.emplace_back(kind_ == ti::FieldId::Host ? host_of_url_key(key) : key);
        });
        if (kind_ == ti::FieldId::Host) {
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
        }
        return out;
    }

  private:
    TopKind kind_;
    KindInfo info_;
};

// Most frequent first, ties by value.
bool before(const ValueCount& a, const ValueCount& b) { return a.count != b.count ? a.count > b.count : a.value < b.value; }

// The `limit` most frequent of the counts given to it (all when limit is 0), without holding
// every value: a million distinct URLs need not be kept to find the top 20.
class TopCollector {
  public:
    explicit TopCollector(std::size_t limit) : limit_(limit) {}
    void add(std::string value, std::uint64_t count) {
        if (!count) return;
        rows_.push_back({std::move(value), count});
        if (limit_ && rows_.size() >= 2 * limit_ + 1024) trim();
    }
    std::vector<ValueCount> take() {
        if (limit_) trim();
        std::sort(rows_.begin(), rows_.end(), before);
        return std::move(rows_);
    }

  private:
    void trim() {
        if (rows_.size() <= limit_) return;
        std::nth_element(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(limit_), rows_.end(), before);
        rows_.resize(limit_);
    }
    std::size_t limit_;
    std::vector<ValueCount> rows_;
};

std::vector<ValueCount> sorted(std::unordered_map<std::string, std::uint64_t>&& counts, std::size_t limit) {
    TopCollector top(limit);
    for (auto& [value, n] : counts) top.add(value, n);
    return top.take();
}

// Every live tweet of a term kind: term frequencies of the whole index, less what documents that
// are not live tweets hold, streamed through the collector in term order.
std::vector<ValueCount> top_of_everything(Xapian::Database& db, TopKind kind, std::size_t limit) {
    std::unordered_map<std::string, std::uint64_t> in_deleted;
    ValueReader read(kind);
    // Stems documents hold no value of any kind, and each a long list of words: not read.
    std::unordered_set<Xapian::docid> stems_documents;
    std::string stems_term(ti::kStemsDocumentTerm);
    for (auto it = db.postlist_begin(stems_term); it != db.postlist_end(stems_term); ++it) stems_documents.insert(*it);
    NotLiveDocs(db, false, false).for_each([&](Xapian::docid id) {
        if (stems_documents.count(id)) return;
        for (auto& v : read(db.get_document(id))) ++in_deleted[std::move(v)];
    });
    TopCollector top(limit);
    std::string prefix(info(kind).prefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string term = *it;
        if (!belongs_to(term, prefix)) continue;
        std::string value = term.substr(prefix.size());
        std::uint64_t n = it.get_termfreq();
        if (!in_deleted.empty()) {
            auto d = in_deleted.find(value);
            if (d != in_deleted.end()) n -= std::min(n, d->second);
        }
        top.add(std::move(value), n);
    }
    return top.take();
}

// Every live tweet of a slot kind: the slot's value stream, skipping what is not live.
std::unordered_map<std::string, std::uint64_t> count_everything_in_slot(Xapian::Database& db, TopKind kind) {
    std::unordered_map<std::string, std::uint64_t> counts;
    ValueReader read(kind);
    ti::Slot slot = *info(kind).slot;
    NotLiveDocs not_live(db, false, false);
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        if (not_live.contains(v.get_docid())) continue;
        for (auto& value : read.from_slot(*v)) ++counts[std::move(value)];
    }
    return counts;
}

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Costs in postings stepped through, measured on the 1M-tweet bench index (bench/ab_top.sh,
// docs/performance.md): reading a match's term list costs about as much as a hundred postings
// (50 leaves a margin), opening a term's posting list about as much as sixty.
constexpr std::size_t kPostingsPerTermList = 50;
constexpr std::size_t kPostingsPerTermOpen = 60;
// Below this many matches the term lists are read without looking at the posting lists.
constexpr std::size_t kPostingWalkMinMatches = 2000;

MatchSet collect_matches(Xapian::Database& db, const Xapian::Query& query, DocFilter filter) {
    MatchSet matches(db.get_lastdocid());
    if (!ti::is_sharded(db)) {
        for_each_match(db, query, filter, [&](const Xapian::Document& doc) { matches.add(doc.get_docid()); });
        return matches;
    }
    // A match spy sees each shard's own docids, not the combined ones the posting lists and
    // get_document use: take them from the MSet instead (which holds every match).
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1), nullptr, filter);
    for (auto it = mset.begin(); it != mset.end(); ++it) matches.add(*it);
    return matches;
}

// The terms of a kind, with the total of their posting list lengths.
struct PrefixTerms {
    std::vector<std::string> terms;
    std::uint64_t postings = 0;
};

PrefixTerms prefix_terms(Xapian::Database& db, TopKind kind) {
    PrefixTerms out;
    std::string prefix(info(kind).prefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string term = *it;
        if (!belongs_to(term, prefix)) continue;
        out.postings += it.get_termfreq();
        out.terms.push_back(std::move(term));
    }
    return out;
}

std::unordered_map<std::string, std::uint64_t> count_by_postings(Xapian::Database& db, TopKind kind,
                                                                 const PrefixTerms& terms, const MatchSet& matches) {
    std::unordered_map<std::string, std::uint64_t> counts;
    std::size_t skip = info(kind).prefix.size();
    for (const auto& term : terms.terms) {
        std::uint64_t n = 0;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) n += matches.contains(*p);
        if (n) counts[term.substr(skip)] = n;
    }
    return counts;
}

}  // namespace

std::optional<TopKind> parse_top_kind(std::string_view name) {
    for (const auto& f : ti::kFields) {
        if (!f.top.empty() && f.top == name) return f.id;
    }
    return std::nullopt;
}

std::string top_kind_names() {
    std::string out;
    for (const auto& f : ti::kFields) {
        if (f.top.empty()) continue;
        if (!out.empty()) out += ", ";
        out += f.top;
    }
    return out;
}

std::vector<std::string> term_values(const Xapian::Document& doc, std::string_view prefix) {
    std::vector<std::string> out;
    auto it = doc.termlist_begin();
    it.skip_to(std::string(prefix));
    for (; it != doc.termlist_end(); ++it) {
        std::string term = *it;
        if (term.compare(0, prefix.size(), prefix) != 0) break;
        if (belongs_to(term, prefix)) out.push_back(term.substr(prefix.size()));
    }
    return out;
}

void for_each_match(Xapian::Database& db, const Xapian::Query& query, DocFilter filter,
                    const std::function<void(const Xapian::Document&)>& fn) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting, not ranking
    CallbackSpy spy(fn);
    enquire.add_matchspy(&spy);
    try {
        // No document is returned, but checking at least every document makes the matcher see
        // (and the spy count) each match.
        enquire.get_mset(0, 0, db.get_doccount(), nullptr, filter);
        return;
    } catch (const Xapian::UnimplementedError&) {
        // A remote shard cannot run our spy (it would have to be serialised to the server):
        // fetch every match's document instead. Nothing was counted before the refusal.
    }
    enquire.clear_matchspies();
    Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1), nullptr, filter);
    for (auto it = mset.begin(); it != mset.end(); ++it) fn(it.get_document());
}

std::vector<ValueCount> top_values(Xapian::Database& db, TopKind kind, const Xapian::Query& query,
                                   bool query_is_everything, DocFilter filter, std::size_t limit) {
    bool everything = query_is_everything && !filter;
    ValueReader read(kind);
    if (everything && !info(kind).prefix.empty()) return top_of_everything(db, kind, limit);
    if (info(kind).slot) {
        if (everything) return sorted(count_everything_in_slot(db, kind), limit);
        std::unordered_map<std::string, std::uint64_t> counts;
        ti::Slot slot = *info(kind).slot;
        for_each_match(db, query, filter, [&](const Xapian::Document& doc) {
            for (auto& v : read.from_slot(doc.get_value(slot))) ++counts[std::move(v)];
        });
        return sorted(std::move(counts), limit);
    }
    // Two ways to count a term kind, chosen by cost: read the term list of every match (cheap
    // for a few thousand matches), or walk the posting lists of the kind's terms against a
    // bitmap of the matches (cheap when the query matches a large part of the index: a broad
    // `lang:en` over 1M tweets took 4.6 s by term lists).
    MatchSet matches = collect_matches(db, query, filter);
    if (matches.size() >= kPostingWalkMinMatches) {
        PrefixTerms terms = prefix_terms(db, kind);
        if (terms.postings + terms.terms.size() * kPostingsPerTermOpen <= matches.size() * kPostingsPerTermList)
            return sorted(count_by_postings(db, kind, terms, matches), limit);
    }
    std::unordered_map<std::string, std::uint64_t> counts;
    matches.for_each([&](Xapian::docid id) {
        for (auto& v : read(db.get_document(id, Xapian::DOC_ASSUME_VALID))) ++counts[std::move(v)];
    });
    return sorted(std::move(counts), limit);
}

constexpr std::array<std::pair<Period, std::string_view>, 5> kPeriods = {
    {{Period::Hour, "hour"}, {Period::Day, "day"}, {Period::Week, "week"}, {Period::Month, "month"}, {Period::Year, "year"}}};

std::optional<Period> parse_period(std::string_view name) {
    for (auto [p, n] : kPeriods) {
        if (n == name) return p;
    }
    return std::nullopt;
}

std::string_view period_name(Period period) {
    for (auto [p, n] : kPeriods) {
        if (p == period) return n;
    }
    return "day";
}

std::int64_t period_start(Period p, std::int64_t epoch) {
    std::int64_t days = floor_div(epoch, kDay);
    switch (p) {
        case Period::Hour: return floor_div(epoch, 3600) * 3600;
        case Period::Day: return days * kDay;
        case Period::Week: {
            std::int64_t since_monday = days + 3 - floor_div(days + 3, 7) * 7;  // 1970-01-01 was a Thursday
            return (days - since_monday) * kDay;
        }
        case Period::Month: {
            ti::Civil c = ti::civil_from_days(days);
            return ti::days_from_civil(c.y, c.m, 1) * kDay;
        }
        case Period::Year: return ti::days_from_civil(ti::civil_from_days(days).y, 1, 1) * kDay;
    }
    return epoch;
}

std::int64_t next_period(Period p, std::int64_t start) {
    switch (p) {
        case Period::Hour: return start + 3600;
        case Period::Day: return start + kDay;
        case Period::Week: return start + 7 * kDay;
        case Period::Month: {
            ti::Civil c = ti::civil_from_days(floor_div(start, kDay));
            return c.m == 12 ? ti::days_from_civil(c.y + 1, 1, 1) * kDay : ti::days_from_civil(c.y, c.m + 1, 1) * kDay;
        }
        case Period::Year: return ti::days_from_civil(ti::civil_from_days(floor_div(start, kDay)).y + 1, 1, 1) * kDay;
    }
    return start + kDay;
}

std::string period_label(Period p, std::int64_t start) {
    std::string iso = ti::format_iso_date(start);  // 2011-06-01T12:00:00Z
    switch (p) {
        case Period::Hour: return iso.substr(0, 16) + "Z";
        case Period::Day:
        case Period::Week: return iso.substr(0, 10);
        case Period::Month: return iso.substr(0, 7);
        case Period::Year: return iso.substr(0, 4);
    }
    return iso;
}

Period auto_period(std::int64_t first, std::int64_t last) {
    std::int64_t span = last - first;
    if (span <= 2 * kDay) return Period::Hour;
    if (span <= 60 * kDay) return Period::Day;
    if (span <= 366 * kDay) return Period::Week;
    if (span <= 15 * 366 * kDay) return Period::Month;
    return Period::Year;
}

std::uint64_t period_count(Period p, std::int64_t first, std::int64_t last) {
    std::int64_t a = period_start(p, first), b = period_start(p, last);
    if (b < a) return 0;
    ti::Civil ca = ti::civil_from_days(floor_div(a, kDay)), cb = ti::civil_from_days(floor_div(b, kDay));
    switch (p) {
        case Period::Hour: return static_cast<std::uint64_t>((b - a) / 3600) + 1;
        case Period::Day: return static_cast<std::uint64_t>((b - a) / kDay) + 1;
        case Period::Week: return static_cast<std::uint64_t>((b - a) / (7 * kDay)) + 1;
        case Period::Month: return static_cast<std::uint64_t>((cb.y - ca.y) * 12 + cb.m - ca.m) + 1;
        case Period::Year: return static_cast<std::uint64_t>(cb.y - ca.y) + 1;
    }
    return 0;
}

TimelineTooLong::TimelineTooLong(Period asked, Period fits, std::int64_t first, std::int64_t last)
    : std::runtime_error(fmt::format("a timeline by {} from {} to {} would have {} periods, more than {}",
                                     period_name(asked), ti::format_iso_date(first).substr(0, 10),
                                     ti::format_iso_date(last).substr(0, 10), period_count(asked, first, last),
                                     kMaxTimelinePeriods)),
      fits(fits),
      first(first),
      last(last) {}

std::vector<PeriodCount> timeline(Xapian::Database& db, Period period, const Xapian::Query& query,
                                  bool query_is_everything, DocFilter filter) {
    // Counted by hour or day first (integer division per tweet), folded into periods at the end.
    std::int64_t unit = period == Period::Hour ? 3600 : kDay;
    std::map<std::int64_t, std::uint64_t> by_unit;
    auto add = [&](const std::string& value) {
        if (value.empty()) return;  // no date
        auto t = static_cast<std::int64_t>(Xapian::sortable_unserialise(value));
        ++by_unit[floor_div(t, unit)];
    };
    if (query_is_everything && !filter) {
        // The value stream of the date slot, skipping what is not a live tweet.
        NotLiveDocs not_live(db, false, false);
        for (auto v = db.valuestream_begin(ti::kSlotDate); v != db.valuestream_end(ti::kSlotDate); ++v) {
            if (!not_live.contains(v.get_docid())) add(*v);
        }
    } else {
        for_each_match(db, query, filter, [&](const Xapian::Document& doc) { add(doc.get_value(ti::kSlotDate)); });
    }
    if (!by_unit.empty()) {
        std::int64_t first = by_unit.begin()->first * unit, last = by_unit.rbegin()->first * unit;
        if (period_count(period, first, last) > kMaxTimelinePeriods) {
            Period fits = Period::Year;
            for (Period p : {Period::Month, Period::Week, Period::Day, Period::Hour}) {
                if (p <= period) break;  // only a coarser period than the one asked
                if (period_count(p, first, last) <= kMaxTimelinePeriods) fits = p;
            }
            throw TimelineTooLong(period, fits, first, last);
        }
    }
    std::map<std::int64_t, std::uint64_t> by_period;
    for (auto [u, n] : by_unit) by_period[period_start(period, u * unit)] += n;
    std::vector<PeriodCount> out;
    if (by_period.empty()) return out;
    std::int64_t last = by_period.rbegin()->first;
    for (std::int64_t s = by_period.begin()->first; s <= last; s = next_period(period, s)) {
        auto it = by_period.find(s);
        out.push_back({s, period_label(period, s), it == by_period.end() ? 0 : it->second});
    }
    return out;
}

}  // namespace tq

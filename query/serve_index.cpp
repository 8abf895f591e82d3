// What the pages and the API of `tweet-query serve` ask of the index (serve.h): tweets of a
// query, top lists, timelines, each within the request's time limit.
#include "accounts.h"
#include "command.h"
#include "dates.h"
#include "fields.h"
#include "index.h"
#include "query.h"
#include "serve.h"
#include "text.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace tq::serve {

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The words of a query as the parser splits them at spaces and parentheses (quotes aside:
// enough to tell whether a term or an OR is there).
std::vector<std::string_view> words_of(std::string_view q) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < q.size()) {
        std::size_t b = q.find_first_not_of(" \t\r\n()", i);
        if (b == std::string_view::npos) break;
        std::size_t e = q.find_first_of(" \t\r\n()", b);
        if (e == std::string_view::npos) e = q.size();
        out.push_back(q.substr(b, e - b));
        i = e;
    }
    return out;
}

// A walk given the deadline as its filter, again without it where the index cannot take one
// (remote shards do not run a MatchDecider: there the time limit does not hold).
template <typename F>
auto within(const Deadline& deadline, F&& walk) {
    try {
        return walk(&deadline);
    } catch (const Xapian::UnimplementedError&) {
        return walk(nullptr);
    }
}

}  // namespace

std::size_t number_param(const Request& request, const std::string& name, std::size_t fallback, std::size_t max) {
    std::string text = request.param(name);
    if (text.empty()) return fallback;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size())
        throw RequestError(400, fmt::format("{} takes a number, not '{}'", name, text));
    if (n > max) throw RequestError(400, fmt::format("{} is at most {}", name, max));
    return n;
}

Deadline::Deadline(std::chrono::milliseconds limit) : end_(std::chrono::steady_clock::now() + limit), limit_(limit) {}

void Deadline::check() const {
    if (std::chrono::steady_clock::now() > end_)
        throw RequestError(503, fmt::format("the query took more than the time limit of {} ms (serve --time-limit); "
                                            "narrow it down",
                                            limit_.count()));
}

bool Deadline::operator()(const Xapian::Document&) const {
    if ((++calls_ & 255) == 0) check();  // the clock every 256 documents
    return true;
}

std::optional<Sort> parse_sort(std::string_view name) {
    if (name.empty() || name == "newest") return Sort::Newest;
    if (name == "oldest") return Sort::Oldest;
    if (name == "relevance") return Sort::Relevance;
    return std::nullopt;
}

ParsedQuery parse_query(const Xapian::Database& db, const std::string& text, bool include_deleted) {
    if (text.size() > kMaxQueryBytes)
        throw RequestError(400, fmt::format("the query is longer than {} bytes", kMaxQueryBytes));
    ti::QueryBuilder builder(db);
    ParsedQuery q;
    q.text = text;
    q.query = builder.parse(text, include_deleted);
    q.live = include_deleted ? builder.parse(text, false) : q.query;
    q.everything = blank(text);
    return q;
}

Found find_tweets(Xapian::Database& db, const ParsedQuery& q, bool include_deleted, Sort sort, std::size_t offset,
                  std::size_t limit, const Deadline& deadline) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q.query);
    // Checking every document makes the total exact, as the CLI's text output does.
    Xapian::doccount check = db.get_doccount();
    auto first = static_cast<Xapian::doccount>(offset), n = static_cast<Xapian::doccount>(limit);
    Xapian::MSet mset = within(deadline, [&](const Xapian::MatchDecider* filter) {
        if (sort == Sort::Relevance) return enquire.get_mset(first, n, check, nullptr, filter);
        // get_mset_by_date starts at the first match: the page is the tail of the first offset + limit.
        return get_mset_by_date(enquire, sort == Sort::Newest, first + n, check, filter);
    });
    Found found;
    found.total = mset.get_matches_estimated();
    Xapian::doccount skip = sort == Sort::Relevance ? 0 : first;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (skip) {
            --skip;
            continue;
        }
        Xapian::Document doc = it.get_document();
        found.tweets.push_back({ti::stored_record(doc), include_deleted && ti::has_term(doc, ti::kDeletedTerm)});
    }
    return found;
}

std::vector<ValueCount> top_of(Xapian::Database& db, const ParsedQuery& q, TopKind kind, std::size_t limit,
                               const Deadline& deadline) {
    // The whole index is counted from term frequencies, which no filter may slow down.
    if (q.everything) return top_values(db, kind, q.live, true, nullptr, limit);
    return within(deadline, [&](DocFilter filter) { return top_values(db, kind, q.live, false, filter, limit); });
}

std::vector<PeriodCount> timeline_of(Xapian::Database& db, const ParsedQuery& q, std::optional<Period> by,
                                     Period& chosen, const Deadline& deadline) {
    auto count = [&](Period p) {
        if (q.everything) return timeline(db, p, q.live, true, nullptr);
        return within(deadline, [&](DocFilter filter) { return timeline(db, p, q.live, false, filter); });
    };
    chosen = by.value_or(Period::Day);
    std::vector<PeriodCount> rows = count(chosen);
    if (!by && !rows.empty()) {
        Period fits = auto_period(rows.front().start, rows.back().start);
        if (fits != chosen) rows = count(chosen = fits);
    }
    return rows;
}

ParsedQuery tweets_of(const ti::AccountRecord& account) {
    std::vector<Xapian::Query> by;
    for (const auto& n : account.screen_names) by.emplace_back(std::string(ti::prefix::author) + ti::fold_case(n.name));
    if (!account.id.empty()) by.emplace_back(std::string(ti::prefix::author_id) + account.id);
    ParsedQuery q;
    q.query = q.live = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, by.begin(), by.end()),
                                     ti::live_tweets_filter(false));
    return q;
}

std::vector<FollowerPoint> followers_over_time(Xapian::Database& db, const ParsedQuery& tweets, const Deadline& deadline) {
    Xapian::Enquire enquire(db);
    enquire.set_query(tweets.query);
    Xapian::MSet mset = within(deadline, [&](const Xapian::MatchDecider* filter) {
        return get_mset_by_date(enquire, false, std::max<Xapian::doccount>(db.get_doccount(), 1), 0, filter);
    });
    std::vector<FollowerPoint> out;
    std::size_t n = mset.size(), step = std::max<std::size_t>(1, (n + kFollowerPoints - 1) / kFollowerPoints);
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < n; i += step) {
        std::string data = ti::stored_record(mset[static_cast<Xapian::doccount>(i)].get_document());
        simdjson::dom::object record;
        std::int64_t followers = 0;
        std::string_view created;
        if (parser.parse(data).get(record) || record["author_followers"].get(followers) || record["created_at"].get(created))
            continue;
        if (auto at = ti::parse_iso_date(created)) out.push_back({*at, followers});
    }
    return out;
}

std::map<std::string, std::int64_t> followers_of(const Xapian::Database& db, const std::vector<ValueCount>& authors) {
    std::map<std::string, std::int64_t> out;
    ti::AccountDirectory directory(db);
    for (const auto& row : authors) {
        auto record = directory.find(row.value);
        if (record && record->followers.latest) out[row.value] = record->followers.latest->value;
    }
    return out;
}

std::string wildcard_message() {
    return fmt::format("a wildcard matches too many names (over {}); make it longer", ti::kWildcardLimit);
}

std::optional<std::string> query_term(std::string_view op, std::string_view value) {
    if (value.empty() || value.find('"') != std::string_view::npos || value.back() == '*') return std::nullopt;
    if (value.find_first_of(" \t\r\n()") != std::string_view::npos) return fmt::format("{}:\"{}\"", op, value);
    return fmt::format("{}:{}", op, value);
}

std::string refine(const std::string& query, const std::string& term, bool exclude) {
    std::string added = exclude ? "-" + term : term;
    std::size_t b = query.find_first_not_of(" \t\r\n"), e = query.find_last_not_of(" \t\r\n");
    if (b == std::string::npos) return added;
    std::string q = query.substr(b, e - b + 1);
    auto words = words_of(q);
    if (std::find(words.begin(), words.end(), added) != words.end()) return q;  // there already
    bool has_or = std::find(words.begin(), words.end(), "OR") != words.end();
    return (has_or ? "(" + q + ")" : q) + " " + added;
}

MemoryFile::MemoryFile() : file_(open_memstream(&buffer_, &size_)) {
    if (!file_) throw std::runtime_error("out of memory");
}

MemoryFile::~MemoryFile() {
    if (file_) std::fclose(file_);
    std::free(buffer_);
}

std::string MemoryFile::take() {
    std::fclose(file_);
    file_ = nullptr;
    std::string out(buffer_, size_);
    std::free(buffer_);
    buffer_ = nullptr;
    size_ = 0;
    return out;
}

}  // namespace tq::serve

// The HTML pages of `tweet-query serve`: search (tweets, facets, timeline), an account, the
// audits. Written with html.h, so every value from the index is escaped for where it goes; each
// page's URL holds its whole state (query, sort, page).
#include "accounts.h"
#include "audit.h"
#include "command.h"
#include "dates.h"
#include "fields.h"
#include "html.h"
#include "index.h"
#include "live_count.h"
#include "output.h"
#include "query.h"
#include "serve.h"
#include "text.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

namespace tq::serve {

namespace {

using html::Attr;
using html::Href;
using html::Writer;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// --- small pieces ---------------------------------------------------------------------------

std::string with_commas(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return with_commas(n) + " " + std::string(n == 1 ? one : many);
}

std::string_view str(object o, std::string_view key) {
    std::string_view v;
    if (o[key].get(v)) return {};
    return v;
}

std::int64_t number(object o, std::string_view key) {
    std::int64_t n = 0;
    if (o[key].get(n)) return 0;
    return n;
}

bool truth(object o, std::string_view key) {
    bool b = false;
    if (o[key].get(b)) return false;
    return b;
}

// "2011-06-01 11:58" from "2011-06-01T11:58:00Z"
std::string minute_of(std::string_view iso) {
    if (iso.size() < 16) return std::string(iso);
    return std::string(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 5));
}

std::string day_of(std::int64_t t) { return t ? ti::format_iso_date(t).substr(0, 10) : std::string("?"); }

// What a search page's links keep: the query, the sort and whether deleted tweets are shown.
struct SearchState {
    std::string q;
    Sort sort = Sort::Newest;
    bool deleted = false;
};

std::string_view sort_name(Sort s) {
    switch (s) {
        case Sort::Newest: return "newest";
        case Sort::Oldest: return "oldest";
        case Sort::Relevance: return "relevance";
    }
    return "newest";
}

Href search_href(const SearchState& s, const std::string& q, std::size_t page = 1) {
    Href::Params params{{"q", q}};
    if (s.sort != Sort::Newest) params.emplace_back("sort", std::string(sort_name(s.sort)));
    if (s.deleted) params.emplace_back("deleted", "1");
    if (page > 1) params.emplace_back("page", std::to_string(page));
    return Href::local("/", params);
}

Href account_href(std::string_view name) { return Href::local("/account/" + html::path_segment(name)); }

// A link that adds OPERATOR:value to the query, or the text alone when the value cannot be
// written in the query language.
void refine_link(Writer& w, const SearchState& s, std::string_view op, std::string_view value, std::string_view shown,
                 const char* css_class, bool exclude = false) {
    auto term = query_term(op, value);
    if (!term) {
        w.isolated(shown);
        return;
    }
    w.open("a", {Attr("href", search_href(s, refine(s.q, *term, exclude))), {"class", css_class},
                 {"title", (exclude ? "leave out " : "add ") + *term}});
    w.isolated(shown);
    w.close("a");
}

// --- the frame of every page ---------------------------------------------------------------

void page_start(Writer& w, std::string_view title, const SearchState& s) {
    w.trusted_markup("<!DOCTYPE html>\n");
    w.open("html", {{"lang", "en"}}).open("head");
    w.empty("meta", {{"charset", "utf-8"}});
    w.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    w.element("title", title);
    w.empty("link", {{"rel", "stylesheet"}, Attr("href", Href::local("/static/serve.css"))});
    w.empty("link", {{"rel", "icon"}, {"type", "image/svg+xml"}, Attr("href", Href::local("/static/icon.svg"))});
    w.open("script", {Attr("src", Href::local("/static/serve.js")), {"defer", "defer"}}).close("script");
    w.close("head").trusted_markup("\n").open("body");
    w.open("header", {{"class", "top"}});
    w.link(Href::local("/"), "tweet-index", {{"class", "brand"}});
    w.open("form", {{"class", "search"}, {"method", "get"}, Attr("action", Href::local("/")), {"role", "search"}});
    w.empty("input", {{"type", "search"}, {"name", "q"}, {"value", s.q}, {"size", "60"},
                      {"maxlength", static_cast<long long>(kMaxQueryBytes)}, {"aria-label", "query"},
                      {"placeholder", "from:guykawasaki domain:alltop.com"}});
    w.open("select", {{"name", "sort"}, {"aria-label", "order"}});
    for (Sort option : {Sort::Newest, Sort::Oldest, Sort::Relevance}) {
        std::vector<Attr> attrs{{"value", sort_name(option)}};
        if (option == s.sort) attrs.emplace_back("selected", "selected");
        w.open("option", attrs).text(sort_name(option)).close("option");
    }
    w.close("select");
    w.open("label");
    std::vector<Attr> box{{"type", "checkbox"}, {"name", "deleted"}, {"value", "1"}};
    if (s.deleted) box.emplace_back("checked", "checked");
    w.empty("input", box).text(" deleted too").close("label");
    w.element("button", "Search", {{"type", "submit"}});
    w.close("form");
    w.open("nav").link(Href::local("/audits"), "audits").close("nav");
    w.close("header").trusted_markup("\n");
}

Answer page_end(Writer& w, int status = 200) {
    w.close("body").close("html").trusted_markup("\n");
    return {status, "text/html; charset=utf-8", w.take()};
}

void operator_help(Writer& w, const SearchState& s) {
    w.open("details", {{"class", "help"}}).element("summary", "query operators");
    w.open("dl");
    for (const auto& op : ti::kFields) {
        if (op.name.empty()) continue;
        std::string name = op.sigil.empty() ? std::string(op.name) + ":" : std::string(op.sigil) + "  " +
                                                                              std::string(op.name) + ":";
        w.element("dt", name);
        w.open("dd").text(op.help).text(", e.g. ");
        w.link(search_href(s, std::string(op.example)), op.example).close("dd");
    }
    w.element("dt", "words, \"a phrase\", OR, -word, ( )");
    w.element("dd", "free text; a trailing * widens an account or a tag (from:Dell*)");
    w.close("dl").close("details");
}

// --- a tweet --------------------------------------------------------------------------------

struct Piece {
    enum class Kind { Mention, Hashtag, Cashtag, Url } kind;
    std::size_t start = 0, end = 0;  // code points of the text
    std::string value;               // screen name, tag, expanded URL
};

// The entities of a record whose offsets fit its text, in order, without overlaps.
std::vector<Piece> pieces_of(object record, std::string_view text) {
    std::vector<Piece> out;
    object entities;
    if (record["entities"].get(entities)) return out;
    std::size_t length = ti::count_code_points(text);
    auto add = [&](std::string_view key, Piece::Kind kind, std::string_view value_key) {
        array items;
        if (entities[key].get(items)) return;
        for (element e : items) {
            object o;
            array indices;
            std::int64_t start = 0, end = 0;
            if (e.get(o) || o["indices"].get(indices) || indices.size() != 2 || indices.at(0).get(start) ||
                indices.at(1).get(end) || start < 0 || end <= start || static_cast<std::size_t>(end) > length)
                continue;
            std::string_view shown = ti::slice_code_points(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
            std::string_view value = str(o, value_key);
            if (value.empty()) continue;
            // The offsets must point at what the entity says (as expanded_text checks for links).
            bool fits = kind == Piece::Kind::Url ? shown == str(o, "url")
                                                 : ti::fold_case(shown).ends_with(ti::fold_case(value));
            if (!fits) continue;
            out.push_back({kind, static_cast<std::size_t>(start), static_cast<std::size_t>(end), std::string(value)});
        }
    };
    add("mentions", Piece::Kind::Mention, "screen_name");
    add("hashtags", Piece::Kind::Hashtag, "text");
    add("cashtags", Piece::Kind::Cashtag, "text");
    add("urls", Piece::Kind::Url, "expanded_url");
    std::sort(out.begin(), out.end(), [](const Piece& a, const Piece& b) { return a.start < b.start; });
    std::vector<Piece> kept;
    for (auto& p : out) {
        if (kept.empty() || p.start >= kept.back().end) kept.push_back(std::move(p));
    }
    return kept;
}

// An expanded URL as shown: no scheme or www., at most 60 characters.
std::string shown_url(std::string_view url) {
    for (std::string_view lead : {"https://", "http://"}) {
        if (url.substr(0, lead.size()) == lead) url.remove_prefix(lead.size());
    }
    if (url.substr(0, 4) == "www.") url.remove_prefix(4);
    if (ti::count_code_points(url) <= 60) return std::string(url);
    return std::string(ti::slice_code_points(url, 0, 59)) + "\u2026";
}

void write_text(Writer& w, object record, const SearchState& s) {
    std::string_view text = str(record, "text");
    w.open("p", {{"class", "text"}, {"dir", "auto"}});
    std::size_t at = 0;  // code points written
    for (const auto& p : pieces_of(record, text)) {
        w.text(ti::slice_code_points(text, at, p.start));
        std::string_view shown = ti::slice_code_points(text, p.start, p.end);
        switch (p.kind) {
            case Piece::Kind::Mention: refine_link(w, s, "mention", p.value, shown, "mention"); break;
            case Piece::Kind::Hashtag: refine_link(w, s, "hashtag", p.value, shown, "hashtag"); break;
            case Piece::Kind::Cashtag: refine_link(w, s, "cashtag", p.value, shown, "cashtag"); break;
            case Piece::Kind::Url:
                if (auto href = Href::external(p.value)) {
                    w.open("a", {Attr("href", *href), {"class", "url"}, {"rel", "noopener noreferrer nofollow"},
                                 {"title", p.value}});
                    w.isolated(shown_url(p.value)).close("a");
                } else {
                    // Not http(s) (javascript:, data:...): shown, never a link.
                    w.open("span", {{"class", "unsafe-link"}, {"title", "not an http(s) link"}}).isolated(p.value).close("span");
                }
                break;
        }
        at = p.end;
    }
    w.text(ti::slice_code_points(text, at, ti::count_code_points(text)));
    w.close("p");
}

void mark(Writer& w, std::string_view text, const char* css_class = "mark") { w.element("span", text, {{"class", css_class}}); }

void mark_link(Writer& w, const Href& href, std::string_view text) { w.link(href, text, {{"class", "mark"}}); }

void write_tweet(Writer& w, simdjson::dom::parser& parser, const FoundTweet& t, const SearchState& s) {
    object record;
    if (parser.parse(t.record_json).get(record)) return;
    std::string_view id = str(record, "id"), author = str(record, "author");
    w.open("article", {{"class", t.deleted ? "tweet deleted" : "tweet"}, {"data-id", id}});
    w.open("header");
    if (author.empty()) {
        w.element("span", "(unknown author)", {{"class", "author"}});
    } else {
        w.open("a", {Attr("href", account_href(author)), {"class", "author"}});
        if (std::string_view name = str(record, "author_name"); !name.empty()) w.isolated(name, "name").text(" ");
        w.open("span", {{"class", "handle"}}).text("@").isolated(author).close("span");
        w.close("a");
    }
    std::string_view created = str(record, "created_at");
    if (!created.empty()) w.element("time", minute_of(created), {{"datetime", created}});
    auto id_search = [&](std::string_view tweet_id) { return search_href(s, "id:" + std::string(tweet_id)); };
    object reply;
    if (!record["in_reply_to"].get(reply)) {
        std::string_view to = str(reply, "screen_name"), status = str(reply, "status_id");
        std::string label = to.empty() ? "reply" : "reply to @" + std::string(to);
        if (!status.empty() && query_term("id", status)) mark_link(w, id_search(status), label);
        else mark(w, label);
    }
    if (truth(record, "is_retweet")) {
        std::string_view of = str(record, "retweet_of");
        if (!of.empty() && query_term("id", of)) mark_link(w, id_search(of), "retweet");
        else mark(w, "retweet");
    }
    if (truth(record, "is_quote")) {
        std::string_view of = str(record, "quote_of");
        if (!of.empty() && query_term("id", of)) mark_link(w, id_search(of), "quote");
        else mark(w, "quote");
    }
    if (truth(record, "has_media")) mark(w, "media");
    if (truth(record, "liked")) mark(w, "liked");
    if (truth(record, "withheld")) mark(w, "withheld", "mark withheld");
    if (t.deleted) mark(w, "deleted", "mark deleted");
    w.close("header");
    write_text(w, record, s);
    w.open("footer");
    object counts;
    if (!record["counts"].get(counts)) {
        w.element("span", plural(static_cast<std::uint64_t>(number(counts, "retweets")), "retweet", "retweets"));
        w.element("span", plural(static_cast<std::uint64_t>(number(counts, "favorites")), "like", "likes"));
        if (auto n = number(counts, "replies")) w.element("span", plural(static_cast<std::uint64_t>(n), "reply", "replies"));
        if (auto n = number(counts, "quotes")) w.element("span", plural(static_cast<std::uint64_t>(n), "quote", "quotes"));
    }
    if (std::string_view lang = str(record, "lang"); !lang.empty()) w.element("span", lang, {{"class", "lang"}});
    std::string status_url = "https://twitter.com/" + html::percent_encode(author.empty() ? "i" : author) + "/status/" +
                             html::percent_encode(id);
    w.link(*Href::external(status_url), "on twitter.com", {{"class", "permalink"}, {"rel", "noopener noreferrer"}});
    w.close("footer");
    w.close("article").trusted_markup("\n");
}

// --- charts ---------------------------------------------------------------------------------

std::string num(double x) { return fmt::format("{:.1f}", x); }

// The bounds of a period as a query writes them.
std::string query_date(Period p, std::int64_t t) {
    std::string iso = ti::format_iso_date(t);
    return p == Period::Hour ? iso : iso.substr(0, 10);
}

// Bars of the timeline, each a link that narrows the query to its period.
void timeline_chart(Writer& w, const std::vector<PeriodCount>& rows, Period period, const SearchState& s) {
    constexpr double width = 720, height = 150, top = 18, bottom = 22;
    std::uint64_t max = 1;
    for (const auto& r : rows) max = std::max(max, r.count);
    double step = width / static_cast<double>(std::max<std::size_t>(rows.size(), 1));
    std::string label = fmt::format("tweets a {}", period_name(period));
    w.open("svg", {{"class", "chart timeline"}, {"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", fmt::format("0 0 {} {}", width, height)}, {"role", "img"}, {"aria-label", label},
                   {"data-period", period_name(period)}});
    w.empty("line", {{"x1", "0"}, {"y1", num(height - bottom)}, {"x2", num(width)}, {"y2", num(height - bottom)},
                     {"class", "axis"}});
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (r.count == 0) continue;  // nothing to narrow down to
        double h = (height - top - bottom) * static_cast<double>(r.count) / static_cast<double>(max);
        std::string narrowed =
            refine(refine(s.q, "since:" + query_date(period, r.start)), "until:" + query_date(period, next_period(period, r.start)));
        w.open("a", {Attr("href", search_href(s, narrowed)), {"data-period", r.label},
                     {"data-count", static_cast<long long>(r.count)}});
        w.element("title", fmt::format("{}: {}", r.label, with_commas(r.count)));
        // The whole column is the target, so a short bar is as easy to click as a tall one.
        w.empty("rect", {{"class", "hit"}, {"x", num(static_cast<double>(i) * step)}, {"y", num(top)},
                         {"width", num(step)}, {"height", num(height - top - bottom)}});
        w.empty("rect", {{"class", "bar"}, {"x", num(static_cast<double>(i) * step + step * 0.1)},
                         {"y", num(height - bottom - std::max(h, 1.0))}, {"width", num(std::max(step * 0.8, 0.5))},
                         {"height", num(std::max(h, 1.0))}});
        w.close("a");
    }
    if (!rows.empty()) {
        w.element("text", rows.front().label, {{"x", "0"}, {"y", num(height - 6)}});
        w.element("text", rows.back().label, {{"x", num(width)}, {"y", num(height - 6)}, {"text-anchor", "end"}});
    }
    w.element("text", fmt::format("max {} a {}", with_commas(max), period_name(period)), {{"x", "0"}, {"y", "12"}});
    w.close("svg");
}

// A line through (time, count) points: an account's followers as its tweets saw them.
void line_chart(Writer& w, const std::vector<FollowerPoint>& points, std::string_view label) {
    constexpr double width = 720, height = 170, left = 4, right = 4, top = 18, bottom = 22;
    auto [lo, hi] = std::minmax_element(points.begin(), points.end(), [](auto& a, auto& b) { return a.value < b.value; });
    std::int64_t min = lo->value, max = hi->value;
    std::int64_t t0 = points.front().at, t1 = points.back().at;
    auto x = [&](std::int64_t t) {
        return t1 == t0 ? width / 2 : left + (width - left - right) * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
    };
    auto y = [&](std::int64_t v) {
        return max == min ? height / 2
                          : height - bottom - (height - top - bottom) * static_cast<double>(v - min) / static_cast<double>(max - min);
    };
    w.open("svg", {{"class", "chart followers"}, {"xmlns", "http://www.w3.org/2000/svg"},
                   {"viewBox", fmt::format("0 0 {} {}", width, height)}, {"role", "img"}, {"aria-label", label}});
    w.empty("line", {{"x1", "0"}, {"y1", num(height - bottom)}, {"x2", num(width)}, {"y2", num(height - bottom)},
                     {"class", "axis"}});
    std::string polyline;
    for (const auto& p : points) polyline += num(x(p.at)) + "," + num(y(p.value)) + " ";
    w.empty("polyline", {{"points", polyline}});
    for (const auto& p : points) {
        w.open("circle", {{"cx", num(x(p.at))}, {"cy", num(y(p.value))}, {"r", "2.5"}});
        w.element("title", fmt::format("{}: {}", day_of(p.at), with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>(p.value, 0)))));
        w.close("circle");
    }
    w.element("text", day_of(t0), {{"x", "0"}, {"y", num(height - 6)}});
    w.element("text", day_of(t1), {{"x", num(width)}, {"y", num(height - 6)}, {"text-anchor", "end"}});
    w.element("text", fmt::format("{} .. {}", with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>(min, 0))),
                                  with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>(max, 0)))),
              {{"x", "0"}, {"y", "12"}});
    w.close("svg");
}

// --- facets ---------------------------------------------------------------------------------

struct Facet {
    TopKind kind;
    const char* title;
    const char* op;      // the operator that adds a value to the query
    const char* sigil;   // how a value is shown: "@loic", "#seesmic"
};
constexpr Facet kFacets[] = {
    {ti::FieldId::Mention, "mentions", "mention", "@"}, {ti::FieldId::Hashtag, "hashtags", "hashtag", "#"},
    {ti::FieldId::Registrable, "domains", "domain", ""},     {ti::FieldId::Author, "authors", "from", "@"},
    {ti::FieldId::Lang, "languages", "lang", ""},
};

void facet_list(Writer& w, const Facet& f, const std::vector<ValueCount>& rows,
                const std::map<std::string, std::int64_t>& followers, const SearchState& s) {
    w.open("section", {{"class", "facet"}, {"data-kind", f.title}}).element("h2", f.title);
    if (rows.empty()) w.element("p", "none", {{"class", "empty"}});
    w.open("ol");
    for (const auto& r : rows) {
        std::vector<Attr> attrs{{"data-value", r.value}, {"data-count", static_cast<long long>(r.count)}};
        auto it = followers.find(r.value);
        if (it != followers.end()) attrs.emplace_back("data-followers", static_cast<long long>(it->second));
        w.open("li", attrs);
        refine_link(w, s, f.op, r.value, f.sigil + r.value, "add");
        if (it != followers.end())
            w.element("span", plural(static_cast<std::uint64_t>(std::max<std::int64_t>(it->second, 0)), "follower", "followers"),
                      {{"class", "followers"}});
        w.element("span", with_commas(r.count), {{"class", "n"}});
        if (query_term(f.op, r.value)) refine_link(w, s, f.op, r.value, "\u2212", "exclude", true);
        w.close("li");
    }
    w.close("ol").close("section");
}

void error_block(Writer& w, const std::string& message) { w.element("pre", message, {{"class", "error"}}); }

// What the search page asks of the index, in one go (retried as a whole when the index changes).
struct SearchResults {
    Found found;
    std::vector<std::vector<ValueCount>> facets;  // as kFacets
    std::map<std::string, std::int64_t> followers;
    std::vector<PeriodCount> timeline;
    Period period = Period::Day;
};

}  // namespace

// --- pages ----------------------------------------------------------------------------------

Answer error_page(int status, const std::string& message) {
    Writer w;
    page_start(w, "tweet-index: error", {});
    w.open("div", {{"class", "layout"}}).open("main");
    error_block(w, message);
    w.open("p").link(Href::local("/"), "search the whole index").close("p");
    w.close("main").close("div");
    return page_end(w, status);
}

Answer search_page(const Settings& settings, const Request& request) {
    SearchState s;
    s.q = request.param("q");
    auto sort = parse_sort(request.param("sort"));
    if (!sort) throw RequestError(400, "sort takes newest, oldest or relevance");
    s.sort = *sort;
    s.deleted = request.param("deleted") == "1";
    std::size_t page = std::max<std::size_t>(1, number_param(request, "page", 1, kMaxPage));
    Deadline deadline(settings.time_limit);
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);

    Writer w;
    page_start(w, s.q.empty() ? "tweet-index" : s.q + " - tweet-index", s);
    w.open("div", {{"class", "layout"}});
    std::string error;
    std::optional<SearchResults> results;
    try {
        ParsedQuery q = parse_query(db, s.q, s.deleted);
        results = with_reopen(db, settings.db_path, [&] {
            SearchResults r;
            r.found = find_tweets(db, q, s.deleted, s.sort, (page - 1) * kPageSize, kPageSize, deadline);
            for (const auto& f : kFacets) r.facets.push_back(top_of(db, q, f.kind, kFacetLimit, deadline));
            r.followers = followers_of(db, r.facets[3]);
            r.timeline = timeline_of(db, q, std::nullopt, r.period, deadline);
            return r;
        });
    } catch (const ti::QueryError& e) {
        error = bad_query_message(s.q, e.what(), e.column());
    } catch (const Xapian::WildcardError&) {
        error = wildcard_message();
    }
    if (!results) {
        w.open("main");
        error_block(w, error);
        operator_help(w, s);
        w.close("main").close("div");
        return page_end(w, 400);
    }

    w.open("main");
    const Found& found = results->found;
    std::size_t pages = std::min<std::size_t>(kMaxPage, (found.total + kPageSize - 1) / kPageSize);
    w.open("p", {{"class", "total"}, {"data-total", static_cast<long long>(found.total)}});
    w.element("strong", with_commas(found.total)).text(found.total == 1 ? " tweet" : " tweets");
    if (!s.q.empty()) w.text(" match");
    w.open("span", {{"class", "sorts"}});
    for (Sort option : {Sort::Newest, Sort::Oldest, Sort::Relevance}) {
        SearchState other = s;
        other.sort = option;
        if (option == s.sort) w.element("strong", sort_name(option));
        else w.link(search_href(other, s.q), sort_name(option));
    }
    w.close("span").close("p");
    if (!results->timeline.empty()) timeline_chart(w, results->timeline, results->period, s);
    simdjson::dom::parser parser;
    w.open("div", {{"class", "tweets"}});
    for (const auto& t : found.tweets) write_tweet(w, parser, t, s);
    w.close("div");
    if (found.tweets.empty()) w.element("p", page > 1 ? "no tweets on this page" : "no tweets match", {{"class", "empty"}});
    if (pages > 1) {
        w.open("nav", {{"class", "pages"}});
        if (page > 1) w.link(search_href(s, s.q, page - 1), "\u2190 newer", {{"rel", "prev"}});
        w.element("span", fmt::format("page {} of {}", page, pages));
        if (page < pages) w.link(search_href(s, s.q, page + 1), "older \u2192", {{"rel", "next"}});
        w.close("nav");
    }
    operator_help(w, s);
    w.close("main");
    w.open("aside", {{"class", "facets"}});
    for (std::size_t i = 0; i < std::size(kFacets); ++i)
        facet_list(w, kFacets[i], results->facets[i], kFacets[i].kind == ti::FieldId::Author ? results->followers
                                                                                          : std::map<std::string, std::int64_t>{},
                   s);
    w.close("aside").close("div");
    return page_end(w);
}

Answer account_page(const Settings& settings, const Request& request) {
    Deadline deadline(settings.time_limit);
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    struct AccountResults {
        AccountRow row;
        std::vector<ValueCount> domains, mentions;
        std::vector<FollowerPoint> followers;
    };
    auto results = with_reopen(db, settings.db_path, [&]() -> std::optional<AccountResults> {
        auto record = ti::AccountDirectory(db).find(request.path_arg);
        if (!record) return std::nullopt;
        AccountResults r{row_for(LiveCounter(db, false), std::move(*record)), {}, {}, {}};
        ParsedQuery q = tweets_of(r.row.record);
        r.domains = top_of(db, q, ti::FieldId::Registrable, kFacetLimit, deadline);
        r.mentions = top_of(db, q, ti::FieldId::Mention, kFacetLimit, deadline);
        r.followers = followers_over_time(db, q, deadline);
        return r;
    });
    if (!results) throw RequestError(404, fmt::format("no account @{} in the index", request.path_arg));
    const ti::AccountRecord& a = results->row.record;
    SearchState s;
    auto from = query_term("from", a.screen_name()), mention = query_term("mention", a.screen_name());
    s.q = from.value_or("");

    Writer w;
    page_start(w, "@" + a.screen_name() + " - tweet-index", s);
    w.open("div", {{"class", "layout"}}).open("main", {{"class", "account"}});
    w.open("h1").isolated(a.name().empty() ? a.screen_name() : a.name()).close("h1");
    w.open("p", {{"class", "handle"}}).text("@").isolated(a.screen_name());
    if (!a.status.empty()) w.text(" ").element("span", a.status, {{"class", "mark deleted"}});
    w.close("p");
    if (!a.description.empty()) w.open("p", {{"class", "description"}, {"dir", "auto"}}).text(a.description).close("p");
    w.open("p", {{"class", "links"}});
    if (from) w.link(Href::local("/", {{"q", *from}}), plural(results->row.tweets, "tweet", "tweets"), {{"class", "tweets"}});
    else w.text(plural(results->row.tweets, "tweet", "tweets"));
    w.text(" \u00b7 ");
    std::string mentioned = "mentioned in " + plural(results->row.mentioned, "tweet", "tweets");
    if (mention) w.link(Href::local("/", {{"q", *mention}}), mentioned, {{"class", "mentions"}});
    else w.text(mentioned);
    w.close("p");

    w.open("table", {{"class", "record"}});
    auto row = [&](std::string_view label, std::string_view value) {
        w.open("tr").element("th", label).open("td").isolated(value).close("td").close("tr");
    };
    row("id", a.id.empty() ? "(unknown)" : a.id);
    if (a.created_at) row("created", ti::format_iso_date(*a.created_at));
    if (!a.location.empty()) row("location", a.location);
    row("verified", a.verified ? "yes" : "no");
    row("protected", a.protected_ ? "yes" : "no");
    if (a.statuses) row("statuses", fmt::format("{} ({})", with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>(a.statuses->value, 0))), day_of(a.statuses->at)));
    row("seen", day_of(a.first_seen) + " .. " + day_of(a.last_seen));
    w.close("table");

    w.element("h2", "followers");
    if (results->followers.size() >= 2) {
        line_chart(w, results->followers, "followers at the account's tweets");
        w.element("p", fmt::format("as {} of its tweets in the index saw them", results->followers.size() < results->row.tweets
                                                                                   ? "a sample of " + with_commas(results->followers.size())
                                                                                   : with_commas(results->followers.size())),
                  {{"class", "empty"}});
    }
    w.open("table", {{"class", "counts"}}).open("tr").element("th", "");
    for (const char* h : {"first", "latest", "lowest", "highest"}) w.element("th", h, {{"class", "n"}});
    w.close("tr");
    for (auto [label, h] : {std::pair{"followers", &a.followers}, std::pair{"friends", &a.friends}}) {
        if (!h->latest) continue;
        w.open("tr").element("th", label);
        for (const auto* o : {&h->first, &h->latest, &h->min, &h->max}) {
            w.element("td", *o ? fmt::format("{} ({})", with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>((*o)->value, 0))), day_of((*o)->at)) : "",
                      {{"class", "n"}});
        }
        w.close("tr");
    }
    w.close("table");

    w.element("h2", "names used");
    w.open("table", {{"class", "names"}});
    for (const auto& n : a.screen_names) {
        w.open("tr").open("td").text("@").isolated(n.name).close("td");
        w.element("td", day_of(n.first_seen) + " .. " + day_of(n.last_seen)).close("tr");
    }
    for (const auto& n : a.display_names) w.open("tr").open("td").isolated(n.name).close("td").element("td", "display name").close("tr");
    w.close("table");
    w.close("main");

    w.open("aside", {{"class", "facets"}});
    facet_list(w, {ti::FieldId::Registrable, "domains", "domain", ""}, results->domains, {}, s);
    facet_list(w, {ti::FieldId::Mention, "mentions", "mention", "@"}, results->mentions, {}, s);
    w.close("aside").close("div");
    return page_end(w);
}

Answer audits_page(const Settings& settings, const Request&) {
    Writer w;
    page_start(w, "audits - tweet-index", {});
    w.open("div", {{"class", "layout"}}).open("main");
    w.element("h1", "audits");
    if (settings.audit_files.empty())
        w.open("p", {{"class", "empty"}}).text("No audit files: start the server with ").element("code", "serve --audit FILE.toml")
            .text(" (docs/audits.md).").close("p");
    for (std::size_t i = 0; i < settings.audit_files.size(); ++i) {
        w.open("section", {{"class", "audit"}});
        try {
            AuditSpec spec = load_audit(settings.audit_files[i]);
            w.open("h2").link(Href::local("/audits/" + std::to_string(i + 1)), spec.title).close("h2");
            w.open("p", {{"class", "empty"}}).element("code", spec.file).close("p");
            w.open("table").open("tr");
            for (const char* h : {"check", "query", "expected"}) w.element("th", h);
            w.close("tr");
            for (const auto& c : spec.checks) {
                w.open("tr").open("td").isolated(c.name).close("td").open("td").element("code", c.query).close("td");
                w.element("td", c.expect.describe()).close("tr");
            }
            w.close("table");
        } catch (const AuditError& e) {
            error_block(w, e.what());
        }
        w.close("section");
    }
    w.close("main").close("div");
    return page_end(w);
}

Answer audit_page(const Settings& settings, const Request& request) {
    std::size_t n = 0;  // the route lets digits only through
    if (request.path_arg.size() <= 6) {
        for (char c : request.path_arg) n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (n == 0 || n > settings.audit_files.size()) throw RequestError(404, "no such audit: see /audits");
    AuditSpec spec;
    try {
        spec = load_audit(settings.audit_files[n - 1]);
    } catch (const AuditError& e) {
        throw RequestError(500, std::string("audit: ") + e.what());
    }
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    // Read-only: the run is not recorded (no state file is written, --since-last is not offered).
    AuditResult result = with_reopen(db, settings.db_path, [&] { return run_audit(spec, db, settings.db_path, false); });
    std::string report = render_audit(result, AuditFormat::Html);
    // The report as `audit --format html` writes it, but for its style sheet, which the page's
    // Content-Security-Policy wants as a file of this server, and a way back to the list.
    std::string inline_style = fmt::format("<style>{}</style>", audit_html_css());
    if (auto at = report.find(inline_style); at != std::string::npos) {
        Writer link;
        link.empty("link", {{"rel", "stylesheet"}, Attr("href", Href::local("/static/audit.css"))});
        report.replace(at, inline_style.size(), link.str());
    }
    if (auto at = report.find("<body>\n"); at != std::string::npos) {
        Writer back;
        back.open("p").link(Href::local("/audits"), "\u2190 audits").text(" \u00b7 ").link(Href::local("/"), "search").close("p");
        report.insert(at + 7, back.str() + "\n");
    }
    return {200, "text/html; charset=utf-8", std::move(report)};
}

}  // namespace tq::serve

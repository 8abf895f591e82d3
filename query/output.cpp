#include "output.h"

#include "dates.h"
#include "json_writer.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tq {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Format parse_format(const std::string& name) {
    if (name == "text") return Format::Text;
    if (name == "jsonl" || name == "json") return Format::Jsonl;
    if (name == "csv") return Format::Csv;
    if (name == "ids") return Format::Ids;
    throw std::invalid_argument("unknown format '" + name + "': use text, jsonl, csv or ids");
}

std::string csv_field(std::string_view s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    out += '"';
    return out;
}

namespace {

std::string_view str(object o, std::string_view key) {
    std::string_view v;
    if (o[key].get(v)) return {};
    return v;
}

std::string joined(object o, std::string_view key, std::string_view separator) {
    std::string out;
    array items;
    if (o[key].get(items)) return out;
    for (element e : items) {
        std::string_view v;
        if (e.get(v)) continue;
        if (!out.empty()) out += separator;
        out += v;
    }
    return out;
}

std::int64_t count(object o, std::string_view key) {
    std::int64_t n = 0;
    object counts;
    if (!o["counts"].get(counts) && counts[key].get(n)) n = 0;
    return n;
}

}  // namespace

std::string expanded_text(object record) {
    std::string text(str(record, "text"));
    object entities;
    if (record["entities"].get(entities)) return text;
    struct Replacement { std::size_t start, end; std::string url; };
    std::vector<Replacement> replacements;
    // Links by where they lead, media by the file itself.
    for (auto [list, shown_as] : {std::pair{"urls", "expanded_url"}, std::pair{"media", "media_url"}}) {
        array urls;
        if (entities[list].get(urls)) continue;
        for (element e : urls) {
            object u;
            if (e.get(u)) continue;
            array indices;
            if (u["indices"].get(indices) || indices.size() != 2) continue;
            std::int64_t start = 0, end = 0;
            if (indices.at(0).get(start) || indices.at(1).get(end) || start < 0 || end < start) continue;
            std::string_view expanded = str(u, shown_as);
            std::string_view shown = ti::slice_code_points(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
            if (expanded.empty() || shown != str(u, "url")) continue;  // offsets do not fit: leave it
            if (std::any_of(replacements.begin(), replacements.end(), [&](auto& r) { return r.start == std::size_t(start); }))
                continue;  // a second photo of the same link
            replacements.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end), std::string(expanded)});
        }
    }
    // From the end, so earlier offsets stay valid.
    std::sort(replacements.begin(), replacements.end(), [](auto& a, auto& b) { return a.start > b.start; });
    for (const auto& r : replacements) {
        std::size_t b = ti::byte_offset_of_code_point(text, r.start);
        std::size_t e = ti::byte_offset_of_code_point(text, r.end);
        text.replace(b, e - b, r.url);
    }
    return text;
}

TweetWriter::TweetWriter(std::FILE* out, Format format, bool colour) : out_(out), format_(format), colour_(colour) {}

void TweetWriter::write(const StoredTweet& tweet) {
    if (format_ == Format::Jsonl) {
        std::string_view json = tweet.record_json;
        if (!json.empty() && json.back() == '}') json.remove_suffix(1);
        fmt::print(out_, "{},\"deleted\":{}}}\n", json, tweet.deleted ? "true" : "false");
        return;
    }
    object record;
    if (parser_.parse(tweet.record_json.data(), tweet.record_json.size(), true).get(record)) return;
    switch (format_) {
        case Format::Ids: fmt::print(out_, "{}\n", str(record, "id")); break;
        case Format::Text: write_text(record, tweet.deleted); break;
        case Format::Csv: write_csv(record, tweet.deleted); break;
        case Format::Jsonl: break;
    }
}

void TweetWriter::write_text(object record, bool deleted) {
    std::string_view created = str(record, "created_at");
    std::string when = created.size() >= 16 ? std::string(created.substr(0, 10)) + " " + std::string(created.substr(11, 5))
                                            : std::string("(no date)       ");
    std::string author = str(record, "author").empty() ? std::string("(unknown)") : "@" + std::string(str(record, "author"));
    std::string text = expanded_text(record);
    for (auto& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    const char* dim = colour_ ? "\x1b[2m" : "";
    const char* bold = colour_ ? "\x1b[1m" : "";
    const char* reset = colour_ ? "\x1b[0m" : "";
    fmt::print(out_, "{}{}{}  {}{}{}{}  {}\n", dim, when, reset, bold, author, reset, deleted ? " [deleted]" : "", text);
    fmt::print(out_, "{}  https://twitter.com/{}/status/{}{}\n", dim, str(record, "author").empty() ? "i" : str(record, "author"),
               str(record, "id"), reset);
}

void TweetWriter::write_csv(object record, bool deleted) {
    if (!header_done_) {
        fmt::print(out_, "id,created_at,author,author_id,text,lang,mentions,hashtags,urls,in_reply_to_status_id,"
                         "retweet_of,quote_of,retweets,favorites,deleted\r\n");
        header_done_ = true;
    }
    std::string reply_to;
    object in_reply_to;
    if (!record["in_reply_to"].get(in_reply_to)) reply_to = std::string(str(in_reply_to, "status_id"));
    std::vector<std::string> fields = {
        std::string(str(record, "id")),       std::string(str(record, "created_at")),
        std::string(str(record, "author")),   std::string(str(record, "author_id")),
        std::string(str(record, "text")),     std::string(str(record, "lang")),
        joined(record, "mentions", " "),      joined(record, "hashtags", " "),
        joined(record, "urls", " "),          reply_to,
        std::string(str(record, "retweet_of")), std::string(str(record, "quote_of")),
        std::to_string(count(record, "retweets")), std::to_string(count(record, "favorites")),
        deleted ? "true" : "false"};
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) line += ',';
        line += csv_field(fields[i]);
    }
    fmt::print(out_, "{}\r\n", line);
}

void TweetWriter::finish() {
    if (format_ == Format::Csv && !header_done_) {
        header_done_ = true;
        fmt::print(out_, "id,created_at,author,author_id,text,lang,mentions,hashtags,urls,in_reply_to_status_id,"
                         "retweet_of,quote_of,retweets,favorites,deleted\r\n");
    }
    std::fflush(out_);
}

namespace {

std::string iso_or_empty(std::int64_t t) { return t ? ti::format_iso_date(t) : std::string(); }

void write_account_json(ti::JsonWriter& w, const AccountRow& row, bool full) {
    const auto& r = row.record;
    auto date = [&](std::string_view key, std::int64_t t) {
        if (t) w.key(key).value(ti::format_iso_date(t));
        else w.key(key).null();
    };
    w.begin_object();
    w.key("screen_name").value(r.screen_name());
    w.key("id").value(r.id);
    w.key("name").value(r.name());
    if (r.followers.latest) w.key("followers_count").value(r.followers.latest->value);
    else w.key("followers_count").null();
    w.key("tweets").value(static_cast<std::int64_t>(row.tweets));
    w.key("mentioned").value(static_cast<std::int64_t>(row.mentioned));
    date("first_seen", r.first_seen);
    date("last_seen", r.last_seen);
    if (!r.status.empty()) w.key("status").value(r.status);
    if (full) {
        w.key("screen_names").begin_array();
        for (const auto& n : r.screen_names) {
            w.begin_object().key("name").value(n.name);
            date("first_seen", n.first_seen);
            date("last_seen", n.last_seen);
            w.end_object();
        }
        w.end_array();
        w.key("display_names").begin_array();
        for (const auto& n : r.display_names) w.value(n.name);
        w.end_array();
        for (auto [key, history] : {std::pair{"followers", &r.followers}, std::pair{"friends", &r.friends}}) {
            w.key(key).begin_object();
            for (auto [which, o] : {std::pair{"first", &history->first}, std::pair{"latest", &history->latest},
                                    std::pair{"min", &history->min}, std::pair{"max", &history->max}}) {
                if (!*o) continue;
                w.key(which).begin_object().key("count").value((*o)->value);
                date("at", (*o)->at);
                w.end_object();
            }
            w.end_object();
        }
        if (r.statuses) w.key("statuses_count").value(r.statuses->value);
        if (r.created_at) date("created_at", *r.created_at);
        w.key("verified").value(r.verified);
        w.key("protected").value(r.protected_);
        w.key("description").value(r.description);
        w.key("location").value(r.location);
    }
    w.end_object();
}

}  // namespace

void write_accounts(std::FILE* out, Format format, const std::vector<AccountRow>& rows) {
    auto followers = [](const ti::AccountRecord& r) {
        return r.followers.latest ? std::to_string(r.followers.latest->value) : std::string();
    };
    switch (format) {
        case Format::Jsonl:
            for (const auto& row : rows) {
                ti::JsonWriter w;
                write_account_json(w, row, false);
                fmt::print(out, "{}\n", w.str());
            }
            break;
        case Format::Csv:
            fmt::print(out, "screen_name,id,name,followers_count,tweets,mentioned,first_seen,last_seen,status\r\n");
            for (const auto& row : rows) {
                const auto& r = row.record;
                fmt::print(out, "{},{},{},{},{},{},{},{},{}\r\n", csv_field(r.screen_name()), r.id, csv_field(r.name()),
                           followers(r), row.tweets, row.mentioned, iso_or_empty(r.first_seen),
                           iso_or_empty(r.last_seen), r.status);
            }
            break;
        case Format::Ids:
            for (const auto& row : rows)
                fmt::print(out, "{}\n", row.record.id.empty() ? row.record.screen_name() : row.record.id);
            break;
        case Format::Text:
            fmt::print(out, "{:<22} {:>20} {:>10} {:>7} {:>9}  {:<10} {:<10}  {}\n", "account", "id", "followers",
                       "tweets", "mentioned", "first seen", "last seen", "name");
            for (const auto& row : rows) {
                const auto& r = row.record;
                std::string f = followers(r);
                fmt::print(out, "{:<22} {:>20} {:>10} {:>7} {:>9}  {:<10} {:<10}  {}{}\n", "@" + r.screen_name(), r.id,
                           f.empty() ? "-" : f, row.tweets, row.mentioned, iso_or_empty(r.first_seen).substr(0, 10),
                           iso_or_empty(r.last_seen).substr(0, 10), r.name(),
                           r.status.empty() ? "" : " [" + r.status + "]");
            }
            break;
    }
    std::fflush(out);
}

void write_account_detail(std::FILE* out, Format format, const AccountRow& row) {
    if (format != Format::Text) {
        ti::JsonWriter w;
        write_account_json(w, row, true);
        fmt::print(out, "{}\n", w.str());
        return;
    }
    const auto& r = row.record;
    auto day = [](std::int64_t t) { return t ? ti::format_iso_date(t).substr(0, 10) : std::string("?"); };
    fmt::print(out, "@{}  {}\n", r.screen_name(), r.name());
    fmt::print(out, "  id            {}\n", r.id.empty() ? "(unknown)" : r.id);
    if (!r.status.empty()) fmt::print(out, "  status        {}\n", r.status);
    for (const auto& n : r.screen_names)
        fmt::print(out, "  screen name   @{}  ({} .. {})\n", n.name, day(n.first_seen), day(n.last_seen));
    if (r.created_at) fmt::print(out, "  created       {}\n", ti::format_iso_date(*r.created_at));
    for (auto [label, h] : {std::pair{"followers", &r.followers}, std::pair{"friends", &r.friends}}) {
        if (!h->latest) continue;
        fmt::print(out, "  {:<13} latest {} ({}), first {} ({}), min {} ({}), max {} ({})\n", label, h->latest->value,
                   day(h->latest->at), h->first->value, day(h->first->at), h->min->value, day(h->min->at),
                   h->max->value, day(h->max->at));
    }
    if (r.statuses) fmt::print(out, "  statuses      {} ({})\n", r.statuses->value, day(r.statuses->at));
    fmt::print(out, "  verified      {}\n  protected     {}\n", r.verified ? "yes" : "no", r.protected_ ? "yes" : "no");
    if (!r.description.empty()) fmt::print(out, "  description   {}\n", r.description);
    if (!r.location.empty()) fmt::print(out, "  location      {}\n", r.location);
    fmt::print(out, "  tweets        {}\n  mentioned     {}\n  seen          {} .. {}\n", row.tweets, row.mentioned,
               day(r.first_seen), day(r.last_seen));
    std::fflush(out);
}

std::string text_bar(std::uint64_t n, std::uint64_t max, std::size_t width) {
    if (!n || !max) return {};
    std::size_t blocks = std::max<std::size_t>(1, static_cast<std::size_t>(n * width / max));
    std::string out;
    for (std::size_t i = 0; i < blocks; ++i) out += "\u2588";
    return out;
}

namespace {

// Text and csv of a two-column table (label, count); jsonl keys them by `key`.
template <typename Row, typename Label>
void write_counts(std::FILE* out, Format format, const std::vector<Row>& rows, std::string_view key, Label label,
                  std::size_t bar_width) {
    switch (format) {
        case Format::Jsonl:
            for (const auto& r : rows) {
                ti::JsonWriter w;
                w.begin_object().key(key).value(label(r)).key("count").value(static_cast<std::int64_t>(r.count));
                w.end_object();
                fmt::print(out, "{}\n", w.str());
            }
            break;
        case Format::Csv:
            fmt::print(out, "{},count\r\n", key);
            for (const auto& r : rows) fmt::print(out, "{},{}\r\n", csv_field(label(r)), r.count);
            break;
        case Format::Ids:
            for (const auto& r : rows) fmt::print(out, "{}\n", label(r));
            break;
        case Format::Text: {
            std::size_t width = key.size();
            std::uint64_t max = 0;
            for (const auto& r : rows) {
                width = std::max(width, ti::count_code_points(label(r)));
                max = std::max(max, r.count);
            }
            std::size_t count_width = std::max<std::size_t>(5, std::to_string(max).size());
            auto pad = [&](const std::string& s) { return s + std::string(width - ti::count_code_points(s), ' '); };
            fmt::print(out, "{}  {:>{}}\n", pad(std::string(key)), "count", count_width);
            for (const auto& r : rows)
                fmt::print(out, "{}  {:>{}}  {}\n", pad(label(r)), r.count, count_width, text_bar(r.count, max, bar_width));
            break;
        }
    }
    std::fflush(out);
}

}  // namespace

void write_top(std::FILE* out, Format format, const std::vector<ValueCount>& rows) {
    write_counts(out, format, rows, "value", [](const ValueCount& r) { return r.value; }, 30);
}

void write_timeline(std::FILE* out, Format format, const std::vector<PeriodCount>& rows) {
    write_counts(out, format, rows, "period", [](const PeriodCount& r) { return r.label; }, 50);
}

}  // namespace tq

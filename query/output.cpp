#include "output.h"

#include "dates.h"
#include "json_writer.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
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

void print_line(std::FILE* out, std::string_view line) {
    std::string safe = ti::terminal_safe(line);
    safe.push_back('\n');
    std::fwrite(safe.data(), 1, safe.size(), out);
}

std::string csv_field(std::string_view s, bool raw) {
    std::string cell;
    if (!raw) {
        cell = ti::terminal_safe(s, ti::LineBreaks::Keep);
        constexpr std::string_view formula_starts = "=+-@\t\r";
        if (!s.empty() && formula_starts.find(s.front()) != std::string_view::npos) cell.insert(cell.begin(), '\'');
        s = cell;
    }
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

TweetWriter::TweetWriter(std::FILE* out, Format format, bool colour, bool csv_raw, bool query_column)
    : out_(out), format_(format), colour_(colour), csv_raw_(csv_raw), query_column_(query_column) {}

void TweetWriter::write(const StoredTweet& tweet) {
    if (format_ == Format::Jsonl) {
        std::string json = ti::json_escape_unsafe(tweet.record_json);
        if (!json.empty() && json.back() == '}') json.pop_back();
        json += tweet.deleted ? ",\"deleted\":true" : ",\"deleted\":false";
        if (query_column_) {
            json += ",\"query\":";
            ti::append_json_string(json, tweet.query);
        }
        fmt::print(out_, "{}}}\n", json);
        return;
    }
    object record;
    if (parser_.parse(tweet.record_json.data(), tweet.record_json.size(), true).get(record)) return;
    switch (format_) {
        case Format::Ids: write_id(str(record, "id")); break;
        case Format::Text: write_text(record, tweet.deleted); break;
        case Format::Csv: write_csv(record, tweet.deleted, tweet.query); break;
        case Format::Jsonl: break;
    }
}

void TweetWriter::write_id(std::string_view id) { print_line(out_, id); }

void TweetWriter::write_text(object record, bool deleted) {
    std::string_view created = str(record, "created_at");
    std::string when = created.size() >= 16 ? std::string(created.substr(0, 10)) + " " + std::string(created.substr(11, 5))
                                            : std::string("(no date)       ");
    std::string author = str(record, "author").empty() ? std::string("(unknown)") : "@" + std::string(str(record, "author"));
    std::string text = expanded_text(record);
    for (auto& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    std::string link = fmt::format("  https://twitter.com/{}/status/{}", str(record, "author").empty() ? "i" : str(record, "author"),
                                   str(record, "id"));
    if (!colour_) {
        print_line(out_, fmt::format("{}  {}{}  {}", when, author, deleted ? " [deleted]" : "", text));
        print_line(out_, link);
        return;
    }
    // The colours are the only escapes written on purpose: they go around pieces made safe.
    auto safe = [](std::string_view s) { return ti::terminal_safe(s); };
    fmt::print(out_, "\x1b[2m{}\x1b[0m  \x1b[1m{}\x1b[0m{}  {}\n", safe(when), safe(author), deleted ? " [deleted]" : "",
               safe(text));
    fmt::print(out_, "\x1b[2m{}\x1b[0m\n", safe(link));
}

namespace {
std::string reply_to_status(object record) {
    object in_reply_to;
    if (record["in_reply_to"].get(in_reply_to)) return {};
    return std::string(str(in_reply_to, "status_id"));
}

// The columns of `--format csv`, in order: the header names them, each line's cells follow.
struct CsvColumn {
    std::string_view name;
    std::string (*cell)(object record, bool deleted);
    bool escaped;  // made safe and quoted as text; counts and true/false are written as they are
};

constexpr std::array<CsvColumn, 15> kTweetCsvColumns = {{
    {"id", [](object r, bool) { return std::string(str(r, "id")); }, true},
    {"created_at", [](object r, bool) { return std::string(str(r, "created_at")); }, true},
    {"author", [](object r, bool) { return std::string(str(r, "author")); }, true},
    {"author_id", [](object r, bool) { return std::string(str(r, "author_id")); }, true},
    {"text", [](object r, bool) { return std::string(str(r, "text")); }, true},
    {"lang", [](object r, bool) { return std::string(str(r, "lang")); }, true},
    {"mentions", [](object r, bool) { return joined(r, "mentions", " "); }, true},
    {"hashtags", [](object r, bool) { return joined(r, "hashtags", " "); }, true},
    {"urls", [](object r, bool) { return joined(r, "urls", " "); }, true},
    {"in_reply_to_status_id", [](object r, bool) { return reply_to_status(r); }, true},
    {"retweet_of", [](object r, bool) { return std::string(str(r, "retweet_of")); }, true},
    {"quote_of", [](object r, bool) { return std::string(str(r, "quote_of")); }, true},
    {"retweets", [](object r, bool) { return std::to_string(count(r, "retweets")); }, false},
    {"favorites", [](object r, bool) { return std::to_string(count(r, "favorites")); }, false},
    {"deleted", [](object, bool deleted) { return std::string(deleted ? "true" : "false"); }, false},
}};
}  // namespace

void TweetWriter::write_csv_header() {
    if (header_done_) return;
    header_done_ = true;
    std::string header = query_column_ ? "query" : "";
    for (const auto& column : kTweetCsvColumns) {
        if (!header.empty()) header += ',';
        header += column.name;
    }
    fmt::print(out_, "{}\r\n", header);
}

void TweetWriter::write_csv(object record, bool deleted, std::string_view query) {
    write_csv_header();
    std::string line = query_column_ ? csv_field(query, csv_raw_) : "";
    bool first = !query_column_;
    for (const auto& column : kTweetCsvColumns) {
        if (!first) line += ',';
        first = false;
        std::string cell = column.cell(record, deleted);
        line += column.escaped ? csv_field(cell, csv_raw_) : cell;
    }
    fmt::print(out_, "{}\r\n", line);
}

void TweetWriter::finish() {
    if (format_ == Format::Csv) write_csv_header();
    std::fflush(out_);
}

namespace {

std::string iso_or_empty(std::int64_t t) { return t ? ti::format_iso_date(t) : std::string(); }

// What the account's profile says, when a full user object was seen (AccountRecord::profile_known):
// an account known only from mentions or a suspension notice is neither verified nor not.
std::optional<bool> verified_of(const ti::AccountRecord& r) {
    if (r.profile_known()) return r.verified;
    return std::nullopt;
}
std::optional<bool> protected_of(const ti::AccountRecord& r) {
    if (r.profile_known()) return r.protected_;
    if (r.status == "protected") return true;  // a source said so
    return std::nullopt;
}

void write_account_json(ti::JsonWriter& w, const AccountRow& row, bool full) {
    const auto& r = row.record;
    auto date = [&](std::string_view key, std::int64_t t) {
        if (t) w.key(key).value(ti::format_iso_date(t));
        else w.key(key).null();
    };
    auto known = [&](std::string_view key, std::optional<bool> b) {
        if (b) w.key(key).value(*b);
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
        known("verified", verified_of(r));
        known("protected", protected_of(r));
        if (r.profile_known()) {
            w.key("description").value(r.description);
            w.key("location").value(r.location);
        } else {
            w.key("description").null();
            w.key("location").null();
        }
    }
    w.end_object();
}

std::string followers_cell(const ti::AccountRecord& r) {
    return r.followers.latest ? std::to_string(r.followers.latest->value) : std::string();
}

constexpr std::string_view kAccountCsvHeader = "screen_name,id,name,followers_count,tweets,mentioned,first_seen,last_seen,status";

std::string account_csv_cells(const AccountRow& row, bool csv_raw) {
    const auto& r = row.record;
    return fmt::format("{},{},{},{},{},{},{},{},{}", csv_field(r.screen_name(), csv_raw), csv_field(r.id, csv_raw),
                       csv_field(r.name(), csv_raw), followers_cell(r), row.tweets, row.mentioned, iso_or_empty(r.first_seen),
                       iso_or_empty(r.last_seen), csv_field(r.status, csv_raw));
}

std::string yes_no(std::optional<bool> b) { return b ? (*b ? "yes" : "no") : "?"; }

}  // namespace

void write_accounts(std::FILE* out, Format format, const std::vector<AccountRow>& rows, bool csv_raw) {
    switch (format) {
        case Format::Jsonl:
            for (const auto& row : rows) {
                ti::JsonWriter w;
                write_account_json(w, row, false);
                fmt::print(out, "{}\n", w.str());
            }
            break;
        case Format::Csv:
            fmt::print(out, "{}\r\n", kAccountCsvHeader);
            for (const auto& row : rows) fmt::print(out, "{}\r\n", account_csv_cells(row, csv_raw));
            break;
        case Format::Ids:
            for (const auto& row : rows) print_line(out, row.record.id.empty() ? row.record.screen_name() : row.record.id);
            break;
        case Format::Text:
            print_line(out, fmt::format("{:<22} {:>20} {:>10} {:>7} {:>9}  {:<10} {:<10}  {}", "account", "id", "followers",
                                        "tweets", "mentioned", "first seen", "last seen", "name"));
            for (const auto& row : rows) {
                const auto& r = row.record;
                std::string f = followers_cell(r);
                print_line(out, fmt::format("{} {:>20} {:>10} {:>7} {:>9}  {:<10} {:<10}  {}{}",
                                            ti::pad_to_width(ti::terminal_safe("@" + r.screen_name()), 22), r.id,
                                            f.empty() ? "-" : f, row.tweets, row.mentioned,
                                            iso_or_empty(r.first_seen).substr(0, 10), iso_or_empty(r.last_seen).substr(0, 10),
                                            r.name(), r.status.empty() ? "" : " [" + r.status + "]"));
            }
            break;
    }
    std::fflush(out);
}

void write_account_detail(std::FILE* out, Format format, const AccountRow& row, bool csv_raw) {
    const auto& r = row.record;
    switch (format) {
        case Format::Jsonl: {
            ti::JsonWriter w;
            write_account_json(w, row, true);
            fmt::print(out, "{}\n", w.str());
            std::fflush(out);
            return;
        }
        case Format::Ids:
            print_line(out, r.id.empty() ? r.screen_name() : r.id);
            std::fflush(out);
            return;
        case Format::Csv: {
            // The columns of `accounts --format csv`, then the profile (empty when unknown).
            auto flag = [](std::optional<bool> b) { return b ? (*b ? "true" : "false") : ""; };
            bool known = r.profile_known();
            fmt::print(out, "{},verified,protected,description,location\r\n{},{},{},{},{}\r\n", kAccountCsvHeader,
                       account_csv_cells(row, csv_raw), flag(verified_of(r)), flag(protected_of(r)),
                       known ? csv_field(r.description, csv_raw) : "", known ? csv_field(r.location, csv_raw) : "");
            std::fflush(out);
            return;
        }
        case Format::Text: break;
    }
    auto day = [](std::int64_t t) { return t ? ti::format_iso_date(t).substr(0, 10) : std::string("?"); };
    print_line(out, fmt::format("@{}  {}", r.screen_name(), r.name()));
    print_line(out, fmt::format("  id            {}", r.id.empty() ? "(unknown)" : r.id));
    if (!r.status.empty()) print_line(out, fmt::format("  status        {}", r.status));
    for (const auto& n : r.screen_names)
        print_line(out, fmt::format("  screen name   @{}  ({} .. {})", n.name, day(n.first_seen), day(n.last_seen)));
    if (r.created_at) print_line(out, fmt::format("  created       {}", ti::format_iso_date(*r.created_at)));
    for (auto [label, h] : {std::pair{"followers", &r.followers}, std::pair{"friends", &r.friends}}) {
        if (!h->latest) continue;
        print_line(out, fmt::format("  {:<13} latest {} ({}), first {} ({}), min {} ({}), max {} ({})", label, h->latest->value,
                                    day(h->latest->at), h->first->value, day(h->first->at), h->min->value, day(h->min->at),
                                    h->max->value, day(h->max->at)));
    }
    if (r.statuses) print_line(out, fmt::format("  statuses      {} ({})", r.statuses->value, day(r.statuses->at)));
    bool known = r.profile_known();
    print_line(out, fmt::format("  verified      {}{}", yes_no(verified_of(r)), known ? "" : " (no profile seen)"));
    print_line(out, fmt::format("  protected     {}{}", yes_no(protected_of(r)), known || protected_of(r) ? "" : " (no profile seen)"));
    if (!r.description.empty()) print_line(out, fmt::format("  description   {}", r.description));
    if (!r.location.empty()) print_line(out, fmt::format("  location      {}", r.location));
    print_line(out, fmt::format("  tweets        {}", row.tweets));
    print_line(out, fmt::format("  mentioned     {}", row.mentioned));
    print_line(out, fmt::format("  seen          {} .. {}", day(r.first_seen), day(r.last_seen)));
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
                  std::size_t bar_width, bool csv_raw) {
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
            for (const auto& r : rows) fmt::print(out, "{},{}\r\n", csv_field(label(r), csv_raw), r.count);
            break;
        case Format::Ids:
            for (const auto& r : rows) print_line(out, label(r));
            break;
        case Format::Text: {
            // Labels made safe before they are padded, so the columns line up as shown.
            std::vector<std::string> labels;
            std::size_t width = key.size();
            std::uint64_t max = 0;
            for (const auto& r : rows) {
                labels.push_back(ti::terminal_safe(label(r)));
                width = std::max(width, ti::display_width(labels.back()));
                max = std::max(max, r.count);
            }
            std::size_t count_width = std::max<std::size_t>(5, std::to_string(max).size());
            auto pad = [&](const std::string& s) { return ti::pad_to_width(s, width); };
            print_line(out, fmt::format("{}  {:>{}}", pad(std::string(key)), "count", count_width));
            for (std::size_t i = 0; i < rows.size(); ++i)
                print_line(out, fmt::format("{}  {:>{}}  {}", pad(labels[i]), rows[i].count, count_width,
                                            text_bar(rows[i].count, max, bar_width)));
            break;
        }
    }
    std::fflush(out);
}

}  // namespace

void write_top(std::FILE* out, Format format, const std::vector<ValueCount>& rows, bool csv_raw) {
    write_counts(out, format, rows, "value", [](const ValueCount& r) { return r.value; }, 30, csv_raw);
}

void write_timeline(std::FILE* out, Format format, const std::vector<PeriodCount>& rows, bool csv_raw) {
    write_counts(out, format, rows, "period", [](const PeriodCount& r) { return r.label; }, 50, csv_raw);
}

}  // namespace tq

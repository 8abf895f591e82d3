// The JSON API of `tweet-query serve` (README "Serving"): each tweet, top value and account is
// written by the CLI's own jsonl writers (output.h), so an answer holds the objects
// `tweet-query ... --format jsonl` prints.
#include "accounts.h"
#include "command.h"
#include "index.h"
#include "json_writer.h"
#include "live_count.h"
#include "output.h"
#include "query.h"
#include "serve.h"

#include <fmt/format.h>

namespace tq::serve {

namespace {

Answer json_answer(std::string body, int status = 200) {
    return {status, "application/json; charset=utf-8", std::move(body) + "\n"};
}

// The lines of a jsonl writer's output as the items of a JSON array.
void add_lines(ti::JsonWriter& w, const std::string& jsonl) {
    std::size_t i = 0;
    while (i < jsonl.size()) {
        std::size_t e = jsonl.find('\n', i);
        if (e == std::string::npos) e = jsonl.size();
        if (e > i) w.raw(std::string_view(jsonl).substr(i, e - i));
        i = e + 1;
    }
}

bool flag(const Request& request, const std::string& name) {
    std::string v = request.param(name);
    return v == "1" || v == "true" || v == "yes";
}

// A query parameter parsed, or RequestError 400 with the message the CLI prints (with its caret).
ParsedQuery parse_or_throw(const Xapian::Database& db, const std::string& text, bool include_deleted) {
    try {
        return parse_query(db, text, include_deleted);
    } catch (const ti::QueryError& e) {
        throw RequestError(400, bad_query_message(text, e.what(), e.column()));
    }
}

}  // namespace

Answer api_error(int status, const std::string& message) {
    ti::JsonWriter w;
    w.begin_object().key("error").value(message).end_object();
    return json_answer(w.take(), status);
}

Answer api_search(const Settings& settings, const Request& request) {
    std::size_t limit = number_param(request, "limit", kPageSize, kMaxApiLimit);
    std::size_t offset = number_param(request, "offset", 0, kMaxApiOffset);
    auto sort = parse_sort(request.param("sort"));
    if (!sort) throw RequestError(400, "sort takes newest, oldest or relevance");
    bool include_deleted = flag(request, "include_deleted");
    Deadline deadline(settings.time_limit);
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    ParsedQuery q = parse_or_throw(db, request.param("q"), include_deleted);
    Found found = with_reopen(db, settings.db_path,
                              [&] { return find_tweets(db, q, include_deleted, *sort, offset, limit, deadline); });
    MemoryFile jsonl;
    TweetWriter writer(jsonl.file(), Format::Jsonl, false);
    for (const auto& t : found.tweets) writer.write({t.record_json, t.deleted});
    writer.finish();
    ti::JsonWriter w;
    w.begin_object().key("total").value(static_cast<std::int64_t>(found.total)).key("tweets").begin_array();
    add_lines(w, jsonl.take());
    w.end_array().end_object();
    return json_answer(w.take());
}

Answer api_top(const Settings& settings, const Request& request) {
    auto kind = parse_top_kind(request.path_arg);
    if (!kind) throw RequestError(404, fmt::format("top lists are of {}", top_kind_names()));
    std::size_t limit = number_param(request, "limit", 10, kMaxTopLimit);
    if (limit == 0) limit = kMaxTopLimit;  // the CLI's 0 is "all"; here all up to the bound
    Deadline deadline(settings.time_limit);
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    ParsedQuery q = parse_or_throw(db, request.param("q"), false);
    auto rows = with_reopen(db, settings.db_path, [&] { return top_of(db, q, *kind, limit, deadline); });
    MemoryFile jsonl;
    write_top(jsonl.file(), Format::Jsonl, rows);
    ti::JsonWriter w;
    w.begin_object().key("values").begin_array();
    add_lines(w, jsonl.take());
    w.end_array().end_object();
    return json_answer(w.take());
}

Answer api_timeline(const Settings& settings, const Request& request) {
    std::optional<Period> by;
    if (std::string name = request.param("by"); !name.empty()) {
        by = parse_period(name);
        if (!by) throw RequestError(400, "by takes hour, day, week, month or year");
    }
    Deadline deadline(settings.time_limit);
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    ParsedQuery q = parse_or_throw(db, request.param("q"), false);
    Period chosen = Period::Day;
    auto rows = with_reopen(db, settings.db_path, [&] { return timeline_of(db, q, by, chosen, deadline); });
    MemoryFile jsonl;
    write_timeline(jsonl.file(), Format::Jsonl, rows);
    ti::JsonWriter w;
    w.begin_object().key("by").value(period_name(chosen)).key("periods").begin_array();
    add_lines(w, jsonl.take());
    w.end_array().end_object();
    return json_answer(w.take());
}

Answer api_account(const Settings& settings, const Request& request) {
    Xapian::Database db = ti::open_index_for_reading(settings.db_path);
    auto row = with_reopen(db, settings.db_path, [&]() -> std::optional<AccountRow> {
        auto record = ti::AccountDirectory(db).find(request.path_arg);
        if (!record) return std::nullopt;
        return row_for(LiveCounter(db, false), std::move(*record));
    });
    if (!row) throw RequestError(404, fmt::format("no account @{} in the index", request.path_arg));
    MemoryFile jsonl;
    write_account_detail(jsonl.file(), Format::Jsonl, *row);
    std::string line = jsonl.take();
    while (!line.empty() && line.back() == '\n') line.pop_back();
    return json_answer(std::move(line));
}

}  // namespace tq::serve

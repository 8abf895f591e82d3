#include "command.h"

#include "fields.h"
#include "index.h"
#include "query.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>

#include <unistd.h>

namespace tq {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_search_command());
    out.push_back(make_accounts_command());
    out.push_back(make_account_command());
    out.push_back(make_entities_command());
    out.push_back(make_top_command());
    out.push_back(make_timeline_command());
    out.push_back(make_graph_command());
    out.push_back(make_audit_command());
    out.push_back(make_serve_command());
    return out;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

CLI::Validator count_option() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : "takes a whole number, 0 or more, not '" + value + "'";
        },
        "N");
}

void print_error(std::string_view message) {
    fmt::print(stderr, "tweet-query: {}\n", ti::terminal_safe(message, ti::LineBreaks::Keep));
}

std::string bad_query_message(const std::string& query, const std::string& error, std::size_t column) {
    // A long query is shown as a window around the problem.
    constexpr std::size_t kContext = 60;
    column = std::min(column, query.size());
    std::size_t from = column > kContext ? column - kContext : 0;
    std::string shown = query.substr(from, 2 * kContext);
    std::string lead = from > 0 ? "..." : "";
    std::string tail = from + shown.size() < query.size() ? "..." : "";
    return fmt::format("bad query: {}\n  {}{}{}\n  {}^", error, lead, shown, tail,
                       std::string(lead.size() + column - from, ' '));
}

std::optional<Xapian::Query> parse_or_report(const Xapian::Database& db, const std::string& query,
                                             bool include_deleted, const std::string& where, bool include_edits) {
    try {
        return ti::QueryBuilder(db).parse(query, include_deleted, include_edits);
    } catch (const ti::QueryError& e) {
        print_error(fmt::format("{}{}", where, bad_query_message(query, e.what(), e.column())));
        return std::nullopt;
    }
}

Xapian::MSet get_mset_by_date(Xapian::Enquire& enquire, bool newest, Xapian::doccount maxitems,
                              Xapian::doccount check_at_least, const Xapian::MatchDecider* decider) {
    Xapian::MultiValueKeyMaker by_date;
    by_date.add_value(ti::kSlotDate, newest);
    by_date.add_value(ti::kSlotIdSort, newest);
    enquire.set_sort_by_key(&by_date, false);
    try {
        Xapian::MSet mset = enquire.get_mset(0, maxitems, check_at_least, nullptr, decider);
        enquire.set_sort_by_value(ti::kSlotDate, newest);  // by_date goes out of scope
        return mset;
    } catch (const Xapian::UnimplementedError&) {
        enquire.set_sort_by_value(ti::kSlotDate, newest);
        return enquire.get_mset(0, maxitems, check_at_least, nullptr, decider);
    }
}

SpooledOutput::SpooledOutput() : spool_(std::tmpfile()) {}

SpooledOutput::~SpooledOutput() {
    if (spool_) std::fclose(spool_);
}

void SpooledOutput::written() {
    // Every 64th record: a threshold is overrun by at most 63 records (a spool is a file anyway).
    if (++unchecked_ < 64) return;
    unchecked_ = 0;
    if (spool_ && std::ftell(spool_) - passed_ >= (streaming_ ? 1L << 16 : kSpoolBytes)) {
        streaming_ = true;
        pass_on();
    }
}

void SpooledOutput::restart() {
    if (!spool_) return;
    if (streaming_)
        throw ti::IndexError("the index changed while a large answer was being written (a tweet-index is adding to "
                             "it), after part of it was printed; run the query again");
    std::fflush(spool_);
    if (ftruncate(fileno(spool_), 0) == 0) {
        std::rewind(spool_);
        passed_ = 0;
        return;
    }
    std::fclose(spool_);  // cannot empty it: start a new one
    spool_ = std::tmpfile();
    passed_ = 0;
}

// Copies what the spool holds past `passed_` to stdout, then empties the spool (or, should that
// fail, remembers how far it was passed on). The spool's FILE stays the same: writers hold it.
void SpooledOutput::pass_on() {
    std::fflush(spool_);
    std::fseek(spool_, passed_, SEEK_SET);
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, spool_)) > 0;) {
        if (std::fwrite(buffer, 1, n, stdout) != n) break;  // stdout closed (| head): nothing more to do
    }
    std::fflush(stdout);
    std::fseek(spool_, 0, SEEK_END);
    passed_ = std::ftell(spool_);
    if (ftruncate(fileno(spool_), 0) == 0) {
        std::rewind(spool_);
        passed_ = 0;
    }
}

void SpooledOutput::publish() {
    if (!spool_) return;
    pass_on();
    std::fclose(spool_);
    spool_ = nullptr;
}

}  // namespace tq

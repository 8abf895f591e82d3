// How tweet-query writes tweets and accounts: text for people, jsonl, csv and ids for programs.
#pragma once

#include "accounts.h"
#include "aggregates.h"

#include <simdjson.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace tq {

enum class Format { Text, Jsonl, Csv, Ids };
Format parse_format(const std::string& name);  // throws std::invalid_argument

// A stored tweet record (record.h) with what the index knows about it now.
struct StoredTweet {
    std::string_view record_json;
    bool deleted = false;
    std::string_view query;  // the --batch query it matched, for a writer with a query column
};

// Every line of text and ids output goes out through here: terminal_safe (text.h), so nothing
// read from a tweet reaches the terminal as a control sequence; the line may not hold '\n'.
void print_line(std::FILE* out, std::string_view line);

// A CSV cell of text from the data, quoted when it must be. Unless raw (--csv-raw), a cell a
// spreadsheet would take for a formula (one starting with = + - @, a tab or a CR) gets a leading
// ' as OWASP advises, and controls in it are made visible (terminal_safe, line breaks kept).
// Numbers the program counts go out as they are.
std::string csv_field(std::string_view s, bool raw = false);

class TweetWriter {
  public:
    static constexpr bool kQueryColumn = true;  // jsonl "query" last, csv query first (search --batch)
    TweetWriter(std::FILE* out, Format format, bool colour, bool csv_raw = false, bool query_column = false);
    void write(const StoredTweet& tweet);
    void write_id(std::string_view id);  // Format::Ids from the id alone, with no record to decode
    void skip_header() { header_done_ = true; }  // a csv that goes on from an earlier writer's
    void finish();

  private:
    void write_text(simdjson::dom::object record, bool deleted);
    void write_csv(simdjson::dom::object record, bool deleted, std::string_view query);
    void write_csv_header();
    std::FILE* out_;
    Format format_;
    bool colour_;
    bool csv_raw_;
    bool query_column_;
    bool header_done_ = false;
    simdjson::dom::parser parser_;
};

struct AccountRow {
    ti::AccountRecord record;
    std::size_t tweets = 0;
    std::size_t mentioned = 0;
};
void write_accounts(std::FILE* out, Format format, const std::vector<AccountRow>& rows, bool csv_raw = false);
// One account in full: every screen name, follower and friend history, profile. What no full
// user object said (verified, protected, description, location of an account known only from
// a mention or a suspension notice) is unknown: "?" in text, null in JSON, empty in csv.
void write_account_detail(std::FILE* out, Format format, const AccountRow& row, bool csv_raw = false);

// A stored record's text with each t.co link replaced by the URL it stands for (its entities
// say which); links whose offsets do not fit the text are left as they are.
std::string expanded_text(simdjson::dom::object record);

// Top lists and timelines: text (aligned, with bars), jsonl ({"value"|"period": ..., "count": N}),
// csv (value,count / period,count).
void write_top(std::FILE* out, Format format, const std::vector<ValueCount>& rows, bool csv_raw = false);
void write_timeline(std::FILE* out, Format format, const std::vector<PeriodCount>& rows, bool csv_raw = false);
// A bar of `width` columns at most for n out of max (at least one block for n > 0).
std::string text_bar(std::uint64_t n, std::uint64_t max, std::size_t width);

}  // namespace tq

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
};

class TweetWriter {
  public:
    TweetWriter(std::FILE* out, Format format, bool colour);
    void write(const StoredTweet& tweet);
    void finish();

  private:
    void write_text(simdjson::dom::object record, bool deleted);
    void write_csv(simdjson::dom::object record, bool deleted);
    std::FILE* out_;
    Format format_;
    bool colour_;
    bool header_done_ = false;
    simdjson::dom::parser parser_;
};

struct AccountRow {
    ti::AccountRecord record;
    std::size_t tweets = 0;
    std::size_t mentioned = 0;
};
void write_accounts(std::FILE* out, Format format, const std::vector<AccountRow>& rows);
// One account in full: every screen name, follower and friend history, profile.
void write_account_detail(std::FILE* out, Format format, const AccountRow& row);

std::string csv_field(std::string_view s);

// A stored record's text with each t.co link replaced by the URL it stands for (its entities
// say which); links whose offsets do not fit the text are left as they are.
std::string expanded_text(simdjson::dom::object record);

// Top lists and timelines: text (aligned, with bars), jsonl ({"value"|"period": ..., "count": N}),
// csv (value,count / period,count).
void write_top(std::FILE* out, Format format, const std::vector<ValueCount>& rows);
void write_timeline(std::FILE* out, Format format, const std::vector<PeriodCount>& rows);
// A bar of `width` columns at most for n out of max (at least one block for n > 0).
std::string text_bar(std::uint64_t n, std::uint64_t max, std::size_t width);

}  // namespace tq

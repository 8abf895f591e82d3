// How tweet-query writes tweets and accounts: text for people, jsonl, csv and ids for programs.
#pragma once

#include "accounts.h"

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

}  // namespace tq

// The format readers: parsed JSON records of every supported shape turned into Tweets and
// control records. One place knows the field names of each format.
#pragma once

#include "tweet.h"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace ti {

struct Location {
    std::string file;
    std::size_t line = 0;   // 1-based; 0 when not line-oriented
    std::size_t entry = 0;  // 1-based element of an array; 0 when not in one
    std::string describe() const;  // "file:12", "file: entry 3", "file:1: entry 3"
};

class RecordSink {
  public:
    virtual ~RecordSink() = default;
    virtual void tweet(Tweet&& tweet, const Location& where) = 0;
    virtual void control(const ControlRecord& record, const Location& where) = 0;
    // A record that could not be read: skipped, counted, reported.
    virtual void reject(const Location& where, std::string_view reason) = 0;
    // Something worth telling that is not an error (a stream `limit`, a file of no tweets).
    virtual void notice(const Location& where, std::string_view message) = 0;
};

struct FormatContext {
    const User* archive_owner = nullptr;  // author of archive tweets, which carry no user
};

// One parsed JSON value: a tweet, an array of them, an API response, an archive entry or a
// stream control line.
void read_json_array(simdjson::dom::array items, const Location& where, const FormatContext& context,
                     RecordSink& sink);
void read_json_value(simdjson::dom::element value, const Location& where, const FormatContext& context,
                     RecordSink& sink);

// The owner named by an archive's account.js or manifest.js content (the JSON after '=').
std::optional<User> read_archive_owner(simdjson::dom::element value);

// What a JavaScript assignment file of an archive holds ("window.YTD.tweets.part0 = [...]").
struct ArchiveScript {
    enum class Kind { Tweets, Account, Manifest, Other } kind = Kind::Other;
    std::string global_name;  // "YTD.tweets.part0", "__THAR_CONFIG"
    std::string_view json;    // the value assigned
};
std::optional<ArchiveScript> parse_archive_script(std::string_view content);

}  // namespace ti

// The format readers: parsed JSON records of every supported shape turned into Tweets and
// control records. One place knows the field names of each format.
#pragma once

#include "tweet.h"

#include <simdjson.h>

#include <functional>
#include <map>
#include <optional>
#include <vector>
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
    // What a source says of an account: "suspended", "deleted", "protected", "withheld". Either
    // the id or the screen name may be empty.
    // An account seen without a tweet (a twarc2 user lookup), as of `when` (epoch seconds; 0 when
    // unknown): into the account registry as a tweet's author is.
    virtual void account(const User& user, std::int64_t when, const Location& where) {
        (void)user, (void)when, (void)where;
    }
    virtual void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status,
                                const Location& where) {
        (void)user_id, (void)screen_name, (void)status, (void)where;
    }
};

class ArchiveNotes;

struct FormatContext {
    const User* archive_owner = nullptr;  // author of archive tweets, which carry no user
    // The archive's long posts (note-tweet.js, deleted-note-tweet.js), joined to its cut tweets.
    ArchiveNotes* archive_notes = nullptr;
    // The owner's earlier screen names (screen-name-change.js), given to the owner's tweets.
    const std::vector<std::string>* owner_former_names = nullptr;
    // The file's own tweets are community tweets (community-tweet.js) or circle tweets
    // (twitter-circle-tweet.js): marked so (is:community, is:circle).
    bool community_tweets = false;
    bool circle_tweets = false;
};

// One parsed JSON value: a tweet, an array of them, an API response, an archive entry or a
// stream control line.
void read_json_array(simdjson::dom::array items, const Location& where, const FormatContext& context,
                     RecordSink& sink);
void read_json_value(simdjson::dom::element value, const Location& where, const FormatContext& context,
                     RecordSink& sink);

// One row of a Grailbird tweets.csv, given as its value by column name. A CSV tweet has no
// entities (the index writer's extractor finds them); `expanded_urls` go to Tweet::extra_urls.
void read_csv_tweet(const std::function<std::string(std::string_view)>& column, const Location& where,
                    const FormatContext& context, RecordSink& sink);

// The owner named by an archive's account.js, manifest.js or Grailbird user_details.js content
// (the JSON after '=').
std::optional<User> read_archive_owner(simdjson::dom::element value);
// The earlier screen names in an archive's screen-name-change.js.
std::vector<std::string> read_former_screen_names(simdjson::dom::element value);
// account-suspension.js: whether the owner's last suspension action (by `timeStamp`) is
// "Suspend" (an "Unsuspend" after it lifts it).
bool read_owner_suspended(simdjson::dom::element value);
// manifest.js: tweets per tweet-bearing file ("data/tweets.js" -> 13), as the archive says.
std::map<std::string, std::int64_t> read_manifest_counts(simdjson::dom::element value);

// A long post's full text from an archive's note-tweet.js or deleted-note-tweet.js. The note
// names no tweet: it is joined to the owner's cut tweets.js (deleted-tweets.js) entry by its
// time and text (ArchiveNotes::join, the rule in docs/formats.md).
struct ArchiveNote {
    std::string id;  // noteTweetId
    std::int64_t created_at = 0;
    std::string text;  // HTML entities unescaped
    std::vector<Mention> mentions;
    std::vector<Url> urls;
    std::vector<Tag> hashtags;
    std::vector<Tag> cashtags;
    bool deleted = false;  // from deleted-note-tweet.js: joins only a deleted tweet
    std::string file;      // the archive file it came from
    bool joined = false;
    bool reported = false;  // told as matching no tweet
};

// The notes of one archive, by time.
class ArchiveNotes {
  public:
    // The notes of one note-tweet.js or deleted-note-tweet.js (its content after '='); a file
    // already read is not read again.
    void read(simdjson::dom::element value, const std::string& file, bool deleted);
    // A cut long post (its text ending with "…" and a t.co link) of the archive's owner gets its
    // note's full text and entities. False when no note matches.
    bool join(Tweet& t);
    // A tweets file of the archive (deleted-tweets.js: `deleted`) was read in this run.
    void tweets_file_read(bool deleted) { (deleted ? deleted_tweets_read_ : tweets_read_) = true; }
    // The notes that joined none of the tweets read in this run (a note whose tweets were not
    // read, unchanged since an earlier run, is not among them).
    std::vector<ArchiveNote*> unjoined();

  private:
    std::multimap<std::int64_t, ArchiveNote> by_time_;
    std::vector<std::string> files_;
    bool tweets_read_ = false;
    bool deleted_tweets_read_ = false;
};

// What a JavaScript assignment file of an archive holds ("window.YTD.tweets.part0 = [...]",
// Grailbird's "Grailbird.data.tweets_2011_08 = [...]" and "var user_details = {...}").
struct ArchiveScript {
    enum class Kind {
        Tweets,  // tweets, community, circle, deleted and liked tweets; Grailbird's monthly files
        Account,
        Manifest,
        ScreenNameChange,
        GrailbirdUser,
        AccountSuspension,
        Notes,  // long posts: note-tweet.js, deleted-note-tweet.js
        Other
    } kind = Kind::Other;
    // What the file's name says of its entries (kArchiveDataTypes).
    bool community = false;  // community-tweet.js
    bool circle = false;     // twitter-circle-tweet.js
    bool deleted = false;    // deleted-tweets.js, deleted-note-tweet.js
    bool grailbird = false;  // Grailbird's files carry their user; X archive tweets need the owner
    std::string global_name;  // "YTD.tweets.part0", "__THAR_CONFIG", "Grailbird.data.tweets_2011_08"
    std::string_view json;    // the value assigned
};

// The data types of an X archive: the type in a script's global name ("YTD.<type>.part0"), the
// key of its files in manifest.js's dataTypes (empty: its counts are not checked), what it holds.
struct ArchiveDataType {
    std::string_view ytd_type;
    std::string_view manifest_type;
    ArchiveScript::Kind kind;
    bool community = false, circle = false, deleted = false;
};
inline constexpr ArchiveDataType kArchiveDataTypes[] = {
    {"tweets", "tweets", ArchiveScript::Kind::Tweets},
    {"tweet", "tweet", ArchiveScript::Kind::Tweets},
    {"community_tweet", "communityTweet", ArchiveScript::Kind::Tweets, true, false, false},
    {"twitter_circle_tweet", "twitterCircleTweet", ArchiveScript::Kind::Tweets, false, true, false},
    {"deleted_tweets", "deletedTweets", ArchiveScript::Kind::Tweets, false, false, true},
    {"like", "like", ArchiveScript::Kind::Tweets},
    {"note_tweet", "", ArchiveScript::Kind::Notes},
    {"deleted_note_tweet", "", ArchiveScript::Kind::Notes, false, false, true},
    {"account", "", ArchiveScript::Kind::Account},
    {"screen_name_change", "", ArchiveScript::Kind::ScreenNameChange},
    {"account_suspension", "", ArchiveScript::Kind::AccountSuspension},
};

// The files beside an archive's tweets that tell facts about all of them (the owner, former
// names, long posts); the folders of an archive they are looked for in.
inline constexpr std::string_view kArchiveFactFiles[] = {"account.js",      "manifest.js",   "user_details.js",
                                                         "screen-name-change.js", "note-tweet.js", "deleted-note-tweet.js"};
inline constexpr std::string_view kArchiveFactFolders[] = {"", "data/", "js/", "data/js/"};

std::optional<ArchiveScript> parse_archive_script(std::string_view content);

}  // namespace ti

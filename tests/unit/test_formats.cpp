#include "formats.h"
#include "input.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ti;

namespace {

struct RecordingSink : RecordSink {
    std::vector<Tweet> tweets;
    std::vector<ControlRecord> controls;
    std::vector<std::string> rejects;
    void tweet(Tweet&& t, const Location&) override { tweets.push_back(std::move(t)); }
    void control(const ControlRecord& c, const Location&) override { controls.push_back(c); }
    void reject(const Location& where, std::string_view reason) override {
        rejects.push_back(where.describe() + ": " + std::string(reason));
    }
    std::vector<std::string> notices;
    std::vector<std::string> statuses;  // "id|screen_name|status"
    void notice(const Location&, std::string_view message) override { notices.emplace_back(message); }
    void account_status(const std::string& id, const std::string& name, std::string_view status,
                        const Location&) override {
        statuses.push_back(id + "|" + name + "|" + std::string(status));
    }
};

RecordingSink read(const std::string& json, const FormatContext& context = {}) {
    simdjson::dom::parser parser;
    RecordingSink sink;
    read_json_value(parser.parse(json), {"f.json", 1}, context, sink);
    return sink;
}

class StringReader : public ByteReader {
  public:
    explicit StringReader(std::string s, std::size_t chunk) : s_(std::move(s)), chunk_(chunk) {}
    std::size_t read(char* buf, std::size_t n) override {
        std::size_t k = std::min({n, chunk_, s_.size() - pos_});
        std::copy_n(s_.data() + pos_, k, buf);
        pos_ += k;
        return k;
    }

  private:
    std::string s_;
    std::size_t chunk_, pos_ = 0;
};

}  // namespace

TEST_CASE("a v1.1 tweet: ids from id_str, numbers as strings, entities mapped to code points") {
    auto sink = read(R"({"id": 1380242611781386245, "id_str": "1380242611781386245",
        "created_at": "Wed Oct 10 20:19:24 +0000 2018", "text": "\ud83d\ude00 a &amp; b @loic",
        "retweet_count": "7", "lang": "fr",
        "user": {"id_str": "9", "screen_name": "Bob", "followers_count": "12"},
        "entities": {"user_mentions": [{"screen_name": "loic", "id_str": "5", "indices": ["12", "17"]}]}})");
    REQUIRE(sink.tweets.size() == 1);
    const Tweet& t = sink.tweets[0];
    CHECK(t.id == "1380242611781386245");
    CHECK(t.text == "\xF0\x9F\x98\x80 a & b @loic");
    CHECK(t.retweet_count == 7);
    CHECK(t.author.followers_count == 12);
    REQUIRE(t.mentions.size() == 1);
    CHECK(t.mentions[0].span.start == 8);
    CHECK(t.mentions[0].span.end == 13);
}

TEST_CASE("retweets yield their original first, and carry its text and entities") {
    auto sink = read(R"({"id_str": "2", "text": "RT @a: hello…", "user": {"screen_name": "b"},
        "retweeted_status": {"id_str": "1", "text": "hello @c", "user": {"screen_name": "a"},
          "entities": {"user_mentions": [{"screen_name": "c", "indices": [6, 8]}]}}})");
    REQUIRE(sink.tweets.size() == 2);
    CHECK(sink.tweets[0].id == "1");
    const Tweet& rt = sink.tweets[1];
    CHECK(rt.is_retweet);
    CHECK(rt.retweet_of == "1");
    CHECK(rt.retweeted_text == "RT @a: hello @c");
    REQUIRE(rt.retweeted_mentions.size() == 1);
    CHECK(rt.retweeted_mentions[0].span.start == 13);
}

TEST_CASE("control records and rejections") {
    CHECK(read(R"({"delete":{"status":{"id":5,"id_str":"5","user_id":1}}})").controls.at(0).status_id == "5");
    CHECK(read(R"({"limit":{"track":42}})").controls.at(0).count == 42);
    CHECK(read(R"({"delete":{"status":{}}})").rejects.at(0) == "f.json:1: delete notice without a status id");
    CHECK(read(R"({"id": 1.5e17, "text": "x"})").rejects.at(0) ==
          "f.json:1: tweet without a valid id (neither id_str nor an integer id)");
    CHECK(read(R"([{"id_str":"1","text":"a"}, 3])").rejects.at(0) == "f.json:1: entry 2: not a JSON object (a tweet or a record of a tweet file)");
}

TEST_CASE("archive tweets take the owner as author") {
    User owner;
    owner.screen_name = "GuyKawasaki";
    FormatContext context{&owner};
    auto sink = read(R"([{"tweet": {"id_str": "1", "full_text": "hi", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}}])",
                     context);
    REQUIRE(sink.tweets.size() == 1);
    CHECK(sink.tweets[0].author.screen_name == "GuyKawasaki");
    auto script = parse_archive_script("window.YTD.tweets.part1 = [ ]");
    REQUIRE(script);
    CHECK(script->kind == ArchiveScript::Kind::Tweets);
    CHECK(script->json == "[ ]");
}

TEST_CASE("API v2 page: includes joined, offsets in code points of the escaped text, note_tweet wins") {
    auto sink = read(R"({"data": [{"id": "2", "text": "\ud83d\ude00 &amp; @bob", "author_id": "1",
        "created_at": "2021-04-01T15:52:31.000Z", "public_metrics": {"retweet_count": "3", "like_count": 4},
        "entities": {"mentions": [{"start": 4, "end": 8, "username": "bob", "id": "-1"}]},
        "referenced_tweets": [{"type": "retweeted", "id": "9"}, {"type": "replied_to", "id": "8"}],
        "in_reply_to_user_id": "77", "note_tweet": {"text": "long &amp; @bob",
          "entities": {"mentions": [{"start": 11, "end": 15, "username": "bob"}]}}}],
      "includes": {"users": [{"id": "1", "username": "alice", "name": "Alice",
                              "public_metrics": {"followers_count": 12}},
                             {"id": "5", "username": "bob", "name": "Bob"}],
                   "tweets": [{"id": "9", "text": "orig #tag", "author_id": "5",
                               "entities": {"hashtags": [{"start": 5, "end": 9, "tag": "tag"}]}}]},
      "errors": [{"resource_type": "user", "resource_id": "gone", "parameter": "entities.mentions.username",
                  "title": "Forbidden", "detail": "User has been suspended: [gone]."}]})");
    REQUIRE(sink.rejects.empty());
    REQUIRE(sink.tweets.size() == 2);
    const Tweet& t = sink.tweets[0];
    CHECK(t.id == "2");
    CHECK(t.text == "long & @bob");
    CHECK(t.author.screen_name == "alice");
    CHECK(t.author.followers_count == 12);
    CHECK(t.retweet_count == 3);
    CHECK(t.favorite_count == 4);
    REQUIRE(t.mentions.size() == 1);
    CHECK(t.mentions[0].span.start == 7);
    CHECK(t.mentions[0].span.end == 11);
    CHECK(t.mentions[0].user_id == "5");  // joined by username
    CHECK(t.mentions[0].name == "Bob");
    CHECK(t.is_retweet);
    CHECK(t.retweet_of == "9");
    CHECK(t.retweeted_text == "RT @bob: orig #tag");
    REQUIRE(t.retweeted_hashtags.size() == 1);
    CHECK(t.retweeted_hashtags[0].span.start == 14);
    CHECK(t.in_reply_to_status_id == "8");
    CHECK(t.in_reply_to_user_id == "77");
    CHECK(t.in_reply_to_screen_name.empty());
    CHECK(sink.tweets[1].id == "9");
    CHECK(sink.tweets[1].author.screen_name == "bob");
    REQUIRE(sink.statuses.size() == 1);
    CHECK(sink.statuses[0] == "|gone|suspended");
}

TEST_CASE("snscrape, likes, withheld, deleted archive tweets, control notices") {
    auto sns = read(R"({"_type": "snscrape.modules.twitter.Tweet", "id": 7, "rawContent": "a &amp; b",
        "date": "2022-01-02T03:04:05+00:00", "user": {"username": "al", "id": 3, "followersCount": 5},
        "mentionedUsers": [{"username": "bo", "id": 4}], "hashtags": ["x"], "links": null})");
    REQUIRE(sns.tweets.size() == 1);
    CHECK(sns.tweets[0].text == "a & b");
    CHECK(sns.tweets[0].created_at == 1641092645);
    CHECK(sns.tweets[0].author.followers_count == 5);
    CHECK(sns.tweets[0].mentions.at(0).user_id == "4");
    auto like = read(R"({"like": {"tweetId": "12", "fullText": "liked", "expandedUrl": "x"}})");
    REQUIRE(like.tweets.size() == 1);
    CHECK(like.tweets[0].liked);
    CHECK(like.tweets[0].author.screen_name.empty());
    CHECK(like.tweets[0].created_at == 0);
    auto withheld = read(R"({"id_str": "1", "text": "w", "withheld_in_countries": ["DE"]})");
    CHECK(withheld.tweets.at(0).withheld);
    auto deleted = read(R"({"tweet": {"id_str": "1", "full_text": "d", "deleted_at": "2020-01-01T00:00:00.000Z"}})");
    CHECK(deleted.tweets.at(0).deleted);
    auto warning = read(R"({"warning": {"code": "FALLING_BEHIND", "message": "behind"}})");
    CHECK(warning.notices.at(0) == "stream warning: behind");
    CHECK(read(R"({"status_withheld": {"id": 5, "user_id": 1}})").controls.at(0).kind ==
          ControlRecord::Kind::StatusWithheld);
}

TEST_CASE("Grailbird scripts and CSV rows") {
    auto monthly = parse_archive_script("Grailbird.data.tweets_2011_08 = \n[ ]");
    REQUIRE(monthly);
    CHECK(monthly->kind == ArchiveScript::Kind::Tweets);
    CHECK(monthly->json == "[ ]");
    auto details = parse_archive_script("var user_details =  {\"screen_name\" : \"guy\", \"id\" : \"5\"}");
    REQUIRE(details);
    CHECK(details->kind == ArchiveScript::Kind::GrailbirdUser);
    simdjson::dom::parser parser;
    auto owner = read_archive_owner(parser.parse(std::string(details->json)));
    REQUIRE(owner);
    CHECK(owner->screen_name == "guy");
    CHECK(owner->id == "5");
    std::map<std::string, std::string> row{{"tweet_id", "9"}, {"timestamp", "2011-08-31 05:11:50 +0000"},
                                           {"text", "hi"}, {"expanded_urls", "http://a.com/,http://b.org/"}};
    RecordingSink sink;
    read_csv_tweet([&](std::string_view k) { return row[std::string(k)]; }, {"t.csv", 2}, {&*owner}, sink);
    REQUIRE(sink.tweets.size() == 1);
    CHECK(sink.tweets[0].created_at == 1314767510);
    CHECK(sink.tweets[0].author.screen_name == "guy");
    CHECK(sink.tweets[0].extra_urls == std::vector<std::string>{"http://a.com/", "http://b.org/"});
    CHECK(sink.tweets[0].urls.empty());
}

TEST_CASE("LineReader splits lines across reads, CRLF included, and counts them") {
    for (std::size_t chunk : {1u, 3u, 4096u}) {
        StringReader in("a\r\n\nlong line here\nlast", chunk);
        LineReader lines(in);
        std::vector<std::string> got;
        std::string_view line;
        bool too_long;
        while (lines.next(line, too_long)) got.emplace_back(line);
        CHECK(got == std::vector<std::string>{"a", "", "long line here", "last"});
        CHECK(lines.line_number() == 4);
    }
    StringReader in(std::string(100, 'x') + "\nok\n", 7);
    LineReader lines(in, 10);
    std::string_view line;
    bool too_long;
    REQUIRE(lines.next(line, too_long));
    CHECK(too_long);
    REQUIRE(lines.next(line, too_long));
    CHECK_FALSE(too_long);
    CHECK(line == "ok");
}

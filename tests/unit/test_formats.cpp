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
    void notice(const Location&, std::string_view) override {}
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

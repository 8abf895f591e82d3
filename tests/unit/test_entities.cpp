// Entity extraction beyond the twitter-text conformance suite: email addresses, code-point
// offsets after emoji, texts cut with an ellipsis, malformed input.
#include "entities.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

struct Found {
    std::string value;
    std::size_t start;
    std::size_t end;
    bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Found& found) {
    return out << '"' << found.value << "\" [" << found.start << ", " << found.end << ']';
}

std::vector<Found> found(const std::vector<ti::ExtractedEntity>& entities) {
    std::vector<Found> result;
    for (const auto& entity : entities) result.push_back({entity.value + entity.list_slug, entity.start, entity.end});
    return result;
}

using List = std::vector<Found>;

}  // namespace

TEST_CASE("emails are extracted without a mention or URL for their parts", "[entities][emails]") {
    SECTION("plain address") {
        const auto entities = ti::extract_entities("write to anna@example.com");
        CHECK(found(entities.emails) == List{{"anna@example.com", 9, 25}});
        CHECK(entities.mentions.empty());
        CHECK(entities.urls.empty());
    }
    SECTION("in spam text, with a hyphenated subdomain") {
        const auto entities = ti::extract_entities("call me: anna@escort-girls.example.com");
        CHECK(found(entities.emails) == List{{"anna@escort-girls.example.com", 9, 38}});
        CHECK(entities.mentions.empty());
        CHECK(entities.urls.empty());
    }
    SECTION("local part with dots, plus and hyphen; country TLD") {
        const auto entities = ti::extract_entities("Email me at name.al-last+tag@foo.co.uk!");
        CHECK(found(entities.emails) == List{{"name.al-last+tag@foo.co.uk", 12, 38}});
        CHECK(entities.urls.empty());
    }
    SECTION("the sentence's full stop is not part of the address") {
        CHECK(found(ti::extract_entities("Mail bob@corp.example.org.").emails) == List{{"bob@corp.example.org", 5, 25}});
    }
    SECTION("leading dots are not part of the local part") {
        CHECK(found(ti::extract_entities("...anna@example.com").emails) == List{{"anna@example.com", 3, 19}});
    }
    SECTION("in CJK text without spaces, but not as the tail of a Latin word") {
        CHECK(found(ti::extract_entities("連絡はanna@example.comまで").emails) == List{{"anna@example.com", 3, 19}});
        CHECK(ti::extract_entities("émile@example.com").emails.empty());
    }
    SECTION("a mention is not an email") {
        const auto entities = ti::extract_entities("thanks @user and @user.name");
        CHECK(entities.emails.empty());
        CHECK(found(entities.mentions) == List{{"user", 7, 12}, {"user", 17, 22}});
    }
    SECTION("@user@example.com is neither an email nor a mention") {
        const auto entities = ti::extract_entities("email me @test@example.com");
        CHECK(entities.emails.empty());
        CHECK(entities.mentions.empty());
    }
    SECTION("no email when the TLD is not valid") {
        CHECK(ti::extract_entities("anna@example.notatld").emails.empty());
        CHECK(ti::extract_entities("anna@localhost").emails.empty());
        CHECK(ti::extract_entities("anna@example.com-x").emails.empty());
    }
    SECTION("an address inside a URL belongs to the URL") {
        const auto entities = ti::extract_entities("see http://example.com/foo@bar.com");
        CHECK(found(entities.urls) == List{{"http://example.com/foo@bar.com", 4, 34}});
        CHECK(entities.emails.empty());
    }
}

TEST_CASE("offsets are code points, also after emoji", "[entities]") {
    SECTION("one emoji") {
        CHECK(found(ti::extract_entities("😀 @user hi").mentions) == List{{"user", 2, 7}});
    }
    SECTION("a family emoji is five code points (three people, two zero width joiners)") {
        CHECK(found(ti::extract_entities("👨‍👩‍👧 @user").mentions) == List{{"user", 6, 11}});
    }
    SECTION("emoji and CJK before every kind of entity") {
        const auto entities = ti::extract_entities("🎉日本 #タグ @alice $AAPL http://例え.jp/パス anna@mail.example.net");
        CHECK(found(entities.hashtags) == List{{"タグ", 4, 7}});
        CHECK(found(entities.mentions) == List{{"alice", 8, 14}});
        CHECK(found(entities.cashtags) == List{{"AAPL", 15, 20}});
        CHECK(found(entities.urls) == List{{"http://例え.jp/", 21, 34}});
        CHECK(found(entities.emails) == List{{"anna@mail.example.net", 37, 58}});
    }
}

TEST_CASE("an entity cut by a final ellipsis ends right before it", "[entities][ellipsis]") {
    // The extractor keeps such entities; the caller drops those whose end is the offset of
    // a final '…', since the text was truncated there.
    const std::string text = "RT @someone: read http://example.com/some-long-pa… #break… @anoth…";
    const auto entities = ti::extract_entities(text);
    CHECK(found(entities.urls) == List{{"http://example.com/some-long-pa", 18, 49}});
    CHECK(found(entities.hashtags) == List{{"break", 51, 57}});
    CHECK(found(entities.mentions) == List{{"someone", 3, 11}, {"anoth", 59, 65}});
    // "…" is one code point: the last mention ends exactly at the final ellipsis.
    CHECK(entities.mentions.back().end + 1 == 66);
}

TEST_CASE("all kinds of entity in one tweet, in order of position", "[entities]") {
    const auto entities =
        ti::extract_entities("RT @alice: #News and $AAPL at https://t.co/abc123?amp=1 or bit.ly/x, mail bob@corp.example.org");
    CHECK(found(entities.mentions) == List{{"alice", 3, 9}});
    CHECK(found(entities.hashtags) == List{{"News", 11, 16}});
    CHECK(found(entities.cashtags) == List{{"AAPL", 21, 26}});
    CHECK(found(entities.urls) == List{{"https://t.co/abc123?amp=1", 30, 55}, {"bit.ly/x", 59, 67}});
    CHECK(found(entities.emails) == List{{"bob@corp.example.org", 74, 94}});
}

TEST_CASE("a hashtag or mention inside a URL is part of the URL", "[entities]") {
    const auto entities = ti::extract_entities("http://twitter.com/#hashtag https://example.com/@user/status");
    CHECK(entities.hashtags.empty());
    CHECK(entities.mentions.empty());
    CHECK(entities.urls.size() == 2);
}

TEST_CASE("lists keep their slug", "[entities]") {
    CHECK(found(ti::extract_entities("see @user/my-list").mentions) == List{{"user/my-list", 4, 17}});
}

TEST_CASE("reply screen name", "[entities][replies]") {
    CHECK(ti::extract_reply_screen_name("@alice hi") == std::optional<std::string>("alice"));
    CHECK(ti::extract_reply_screen_name("\u200F @bob_2 hi") == std::optional<std::string>("bob_2"));
    CHECK_FALSE(ti::extract_reply_screen_name("hi @alice").has_value());
    CHECK_FALSE(ti::extract_reply_screen_name("").has_value());
    CHECK_FALSE(ti::extract_reply_screen_name("@").has_value());
}

TEST_CASE("empty, entity-free and malformed texts", "[entities]") {
    const auto is_empty = [](const ti::ExtractedEntities& e) {
        return e.mentions.empty() && e.urls.empty() && e.hashtags.empty() && e.cashtags.empty() && e.emails.empty();
    };
    CHECK(is_empty(ti::extract_entities("")));
    CHECK(is_empty(ti::extract_entities("just words, nothing else")));
    CHECK(is_empty(ti::extract_entities("@ # $ . : ＠ ＃ http:// https://. #")));
    SECTION("each invalid UTF-8 byte counts as one code point") {
        const auto entities = ti::extract_entities("\xff\xfe #tag \xc3 @user");
        CHECK(found(entities.hashtags) == List{{"tag", 3, 7}});
        CHECK(found(entities.mentions) == List{{"user", 10, 15}});
    }
    SECTION("entities at the very end of the text") {
        CHECK(found(ti::extract_entities("#a").hashtags) == List{{"a", 0, 2}});
        CHECK(found(ti::extract_entities("@a").mentions) == List{{"a", 0, 2}});
        CHECK(found(ti::extract_entities("$A").cashtags) == List{{"A", 0, 2}});
        CHECK(found(ti::extract_entities("a.co").urls) == List{{"a.co", 0, 4}});
    }
}

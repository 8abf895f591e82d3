#include "json_salvage.h"
#include "text.h"

#include <catch2/catch.hpp>

using namespace ti;

TEST_CASE("invalid UTF-8 inside a string is repaired to U+FFFD, once told for the string, the rest left alone") {
    std::vector<ValueRepair> repairs;
    std::string bad = "{\"text\": \"bad \xFF\xFE bytes\", \"name\": \"Al\xE9" "ce\", \"ok\": \"caf\xC3\xA9\"}";
    std::string repaired = repair_json_values(bad, repairs);
    CHECK(repaired == "{\"text\": \"bad \xEF\xBF\xBD\xEF\xBF\xBD bytes\", \"name\": \"Al\xEF\xBF\xBD" "ce\", "
                      "\"ok\": \"caf\xC3\xA9\"}");
    REQUIRE(repairs.size() == 2);
    CHECK(repairs[0].field == "text");
    CHECK(repairs[1].field == "name");
    CHECK(repairs[0].what == "invalid UTF-8 bytes: replaced by U+FFFD");
    CHECK(make_valid_utf8(repaired) == repaired);
    // Valid text, non-ASCII included, needs no repair; a bad byte between the tokens is not a
    // field's: left for the parser to refuse.
    repair_json_values(repaired, repairs);
    CHECK(repairs.empty());
    std::string outside = "{\"id\": 3, \xFF \"text\": \"x\"}";
    CHECK(repair_json_values(outside, repairs) == outside);
    CHECK(repairs.empty());
    // A backslash before a valid multi-byte character (an escape the parser refuses) does not
    // split the character into a bad byte.
    std::string escaped = "{\"text\": \"\\\xC3\xA9\"}";
    CHECK(repair_json_values(escaped, repairs) == escaped);
    CHECK(repairs.empty());
}

TEST_CASE("display width counts the columns a terminal gives, for padding") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("caf\xC3\xA9") == 4);
    CHECK(display_width("\xE6\x97\xA5\xE6\x9C\xAC") == 4);  // two wide CJK characters
    CHECK(display_width("e\xCC\x81") == 1);                 // e and a combining acute
    CHECK(display_width("\\x1b[2J") == 7);                  // an escape as terminal_safe shows it
    CHECK(pad_to_width("\xE6\x97\xA5", 4) == "\xE6\x97\xA5  ");
    CHECK(pad_to_width("toolong", 3) == "toolong");
}

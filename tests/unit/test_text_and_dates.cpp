#include "dates.h"
#include "json_writer.h"
#include "text.h"
#include "urls.h"

#include <catch2/catch.hpp>

using namespace ti;

TEST_CASE("HTML unescaping maps escaped code-point offsets to unescaped ones") {
    std::vector<std::uint32_t> map;
    // "😀 Q&amp;A @loic": the emoji is one code point; &amp; is five that become one.
    std::string text = unescape_html("\xF0\x9F\x98\x80 Q&amp;A @loic", &map);
    CHECK(text == "\xF0\x9F\x98\x80 Q&A @loic");
    // Escaped: 😀=0 ' '=1 Q=2 &amp;=3..7 A=8 ' '=9 @=10 ... end=15
    REQUIRE(map.size() == 16);
    CHECK(map[10] == 6);   // '@' of @loic in the unescaped text
    CHECK(map[15] == 11);  // one past the end
    CHECK(slice_code_points(text, map[10], map[15]) == "@loic");
    CHECK(unescape_html("&lt;3 &gt; &amp;amp;") == "<3 > &amp;");
}

TEST_CASE("fold_case lowercases ASCII and Unicode alike") {
    CHECK(fold_case("GuyKawasaki") == "guykawasaki");
    CHECK(fold_case("ÉCOLE") == "école");
    CHECK(fold_case("Straße") == "strasse");
}

TEST_CASE("invalid UTF-8 is replaced, not passed on") {
    CHECK(make_valid_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("terminal_safe shows every control, bidi override and bad byte visibly") {
    CHECK(terminal_safe("plain caf\xC3\xA9 \xF0\x9F\x98\x80") == "plain caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(terminal_safe("\x1b[2Jclear") == "\\x1b[2Jclear");
    CHECK(terminal_safe("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
    CHECK(terminal_safe("a\x7f" "b") == "a\\x7fb");
    CHECK(terminal_safe("\xC2\x9B" "31m") == "<U+009B>31m");  // C1 CSI
    CHECK(terminal_safe("photo\xE2\x80\xAEgnp.exe") == "photo<U+202E>gnp.exe");
    CHECK(terminal_safe("\xE2\x81\xA6x\xE2\x81\xA9") == "<U+2066>x<U+2069>");
    CHECK(terminal_safe("bad \xFF\xFE bytes") == "bad \\xff\\xfe bytes");
    CHECK(terminal_safe("\xED\xA0\x80") == "\\xed\\xa0\\x80");  // a surrogate is not UTF-8
    CHECK(terminal_safe(std::string("nul\0!", 5)) == "nul\\x00!");
    CHECK(terminal_safe("two\nlines\r\tx") == "two\\nlines\\r\tx");
    CHECK(terminal_safe("two\nlines\r", LineBreaks::Keep) == "two\nlines\\r");
    // Left-to-right and right-to-left marks are ordinary in Arabic and Hebrew text: kept.
    CHECK(terminal_safe("\xE2\x80\x8F\xD7\xA9") == "\xE2\x80\x8F\xD7\xA9");
}

TEST_CASE("markup escaping also makes controls and bidi overrides visible") {
    CHECK(escape_markup("<b>\x1b[1m & \xE2\x80\xAE</b>") == "&lt;b&gt;\\x1b[1m &amp; &lt;U+202E&gt;&lt;/b&gt;");
}

TEST_CASE("JSON strings escape DEL, C1 and bidi characters too, and hold only valid UTF-8") {
    std::string out;
    append_json_string(out, "\x1b\x7f\xC2\x9B\xE2\x80\xAE\xE2\x81\xA7\xFF\"\\ caf\xC3\xA9");
    CHECK(out == "\"\\u001b\\u007f\\u009b\\u202e\\u2067\\ufffd\\\"\\\\ caf\xC3\xA9\"");
    // A record stored before these escapes: only its strings can hold them.
    CHECK(json_escape_unsafe("{\"t\":\"a\xC2\x9B\x7f\xE2\x80\xAD\"}\n") == "{\"t\":\"a\\u009b\\u007f\\u202d\"}\n");
    CHECK(json_escape_unsafe("{\"t\":\"\x1b\"}\r\n") == "{\"t\":\"\\u001b\"}\r\n");
}

TEST_CASE("dates in every shape the files and queries use") {
    CHECK(parse_twitter_date("Wed Oct 10 20:19:24 +0000 2018") == 1539202764);
    CHECK(parse_twitter_date("Wed Oct 10 22:19:24 +0200 2018") == 1539202764);
    CHECK(parse_iso_date("2018-10-10T20:19:24.000Z") == 1539202764);
    CHECK(parse_iso_date("2018-10-10 20:19:24 +0000") == 1539202764);
    CHECK(parse_query_date("2018-10-10_20:19:24_UTC") == 1539202764);
    CHECK(parse_query_date("2018-10-10") == 1539129600);
    CHECK_FALSE(parse_query_date("yesterday"));
    CHECK_FALSE(parse_twitter_date("Wed Foo 10 20:19:24 +0000 2018"));
    CHECK_FALSE(parse_iso_date("2018-13-10"));
    CHECK(format_iso_date(1539202764) == "2018-10-10T20:19:24Z");
    CHECK(format_iso_date(0) == "1970-01-01T00:00:00Z");
}

TEST_CASE("URLs are normalised for matching") {
    auto n = normalise_url("HTTPS://www.AllTop.com:443/Path?utm_source=x&id=3&fbclid=y#frag");
    CHECK(n.host == "alltop.com");
    CHECK(n.key == "alltop.com/Path?id=3");
    CHECK(normalise_url("http://example.com/").key == "example.com");
    CHECK(normalise_url("example.com:8080/x").key == "example.com:8080/x");
    CHECK(domain_and_parents("a.b.alltop.com") == std::vector<std::string>{"a.b.alltop.com", "b.alltop.com", "alltop.com"});
    CHECK(domain_and_parents("localhost") == std::vector<std::string>{"localhost"});
}

TEST_CASE("over-long terms are cut with a hash of the whole") {
    std::string a = "U" + std::string(300, 'a');
    std::string b = "U" + std::string(299, 'a') + "b";
    auto ta = limit_term_length(a), tb = limit_term_length(b);
    CHECK(ta.size() <= kMaxTermBytes);
    CHECK(ta != tb);
    CHECK(ta.substr(0, kTermCutBytes) == tb.substr(0, kTermCutBytes));
    CHECK(limit_term_length("short") == "short");
}

TEST_CASE("IDN hosts are searched in Unicode") {
    CHECK(host_to_unicode("xn--bcher-kva.example") == "bücher.example");
    CHECK(host_to_unicode("www.xn--fiqs8s.xn--fiqz9s") == "www.中国.中國");
    CHECK(host_to_unicode("xn--zz-garbage!") == "xn--zz-garbage!");  // kept as it is
    CHECK(normalise_url("http://XN--BCHER-KVA.example/Buch").key == "bücher.example/Buch");
}

TEST_CASE("registrable domains by the TLD list") {
    CHECK(registrable_domain("a.b.alltop.com") == "alltop.com");
    CHECK(registrable_domain("news.bbc.co.uk") == "bbc.co.uk");
    CHECK(registrable_domain("shop.example.com.au") == "example.com.au");
    CHECK(registrable_domain("www.ne.jp") == "www.ne.jp");
    CHECK(registrable_domain("co.uk") == "co.uk");
    CHECK(registrable_domain("localhost") == "localhost");
}

#include "dates.h"
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

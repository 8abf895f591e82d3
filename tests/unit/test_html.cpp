// The HTML writer of tweet-query serve (query/html.h): values are escaped wherever they go,
// link targets are this server's paths or http(s) URLs, event handlers cannot be written.
#include "html.h"
#include "text.h"

#include <catch2/catch.hpp>

using namespace tq::html;

namespace {
const std::string kPayload = "\"><img src=x onerror=alert(1)><script>alert('x')</script>";
}

TEST_CASE("text and attribute values are escaped") {
    Writer w;
    w.open("p", {{"title", kPayload}, {"data-id", kPayload}}).text(kPayload).close("p");
    std::string out = w.str();
    CHECK(out.find('<', 1) == out.find("</p>"));  // no tag but the p's own
    CHECK(out.find("<img") == std::string::npos);
    CHECK(out.find("<script") == std::string::npos);
    CHECK(out.find("\"><") == std::string::npos);
    CHECK(out.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(out.find("alert(&#39;x&#39;)") != std::string::npos);
}

TEST_CASE("only http and https URLs from the index are links") {
    for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>",
                            "vbscript:x", "//evil.example/x", "/relative", "file:///etc/passwd", "http://", "https:///x",
                            "http://a b/", "notalink", "localhost:8080/x"}) {
        INFO(bad);
        CHECK_FALSE(Href::external(bad));
    }
    CHECK(Href::external("http://alltop.com/x?a=1&b=2#f")->str() == "http://alltop.com/x?a=1&b=2#f");
    CHECK(Href::external("HTTPS://Example.com/")->str() == "https://Example.com/");
    // Old tweets wrote links without a scheme.
    CHECK(Href::external("alltop.com/x")->str() == "http://alltop.com/x");
    // Quotes, brackets, spaces and non-ASCII (U+202E here) are encoded: the URL is plain ASCII.
    CHECK(Href::external("http://e.example/\"><script>\xE2\x80\xAE")->str() ==
          "http://e.example/%22%3E%3Cscript%3E%E2%80%AE");
}

TEST_CASE("local links encode their parameters") {
    Href h = Href::local("/", {{"q", "from:a #b & c=\"d\""}, {"page", "2"}, {"sort", ""}});
    CHECK(h.str() == "/?q=from%3Aa%20%23b%20%26%20c%3D%22d%22&page=2");
    CHECK(Href::local("/account/" + path_segment("a/../b?c")).str() == "/account/a%2F..%2Fb%3Fc");
    Writer w;
    w.link(h, "<x>");
    CHECK(w.str() == "<a href=\"/?q=from%3Aa%20%23b%20%26%20c%3D%22d%22&amp;page=2\">&lt;x&gt;</a>");
}

TEST_CASE("URL attributes take an Href, event handlers and inline style are refused") {
    CHECK_THROWS_AS(Attr("href", "javascript:alert(1)"), std::logic_error);
    CHECK_THROWS_AS(Attr("src", "x"), std::logic_error);
    CHECK_THROWS_AS(Attr("action", "x"), std::logic_error);
    CHECK_THROWS_AS(Attr("onclick", "x"), std::logic_error);
    CHECK_THROWS_AS(Attr("onerror", *Href::external("http://a.example/")), std::logic_error);
    CHECK_THROWS_AS(Attr("style", "color:red"), std::logic_error);
    CHECK_NOTHROW(Attr("href", Href::local("/")));
}

TEST_CASE("text from the index is isolated and a bidi override in it shown, so it cannot turn what follows") {
    Writer w;
    std::string spoof = "\xE2\x80\xAE" "gpj.exe";
    w.isolated(spoof, "name").text(" after");
    // The override itself is shown as the terminal output shows it (escape_markup, after terminal_safe).
    CHECK(w.str() == "<bdi class=\"name\">" + ti::escape_markup(spoof) + "</bdi> after");
    CHECK(w.str().find("\xE2\x80\xAE") == std::string::npos);
}

// A small HTML writer for `tweet-query serve` that escapes by construction: text and attribute
// values are always escaped, tag and attribute names can only be literals of this code, and a
// link target can only be an Href, which is either a path of this server with its parameters
// percent-encoded or an http(s) URL (any other scheme, javascript: first, is not a link).
// Event handler attributes (on...) are refused outright: the pages run no inline script.
#pragma once

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tq::html {

// Every byte but the unreserved ones (RFC 3986: A-Z a-z 0-9 - . _ ~) as %XX.
std::string percent_encode(std::string_view s);

// A URL an href may hold.
class Href {
  public:
    using Params = std::vector<std::pair<std::string, std::string>>;
    // A path of this server ("/", "/account/NAME" with NAME encoded by the caller through
    // path_segment) and its query parameters, encoded; empty values are left out.
    static Href local(std::string_view path, const Params& params = {});
    // An http:// or https:// URL from the index, or a bare host/path ("alltop.com/x", as links
    // in old tweets are written), which becomes http://. Anything else (javascript:, data:,
    // a relative path, no host) gives nothing. Bytes that are not printable ASCII are
    // percent-encoded, so the URL is plain ASCII.
    static std::optional<Href> external(std::string_view url);
    const std::string& str() const { return url_; }

  private:
    explicit Href(std::string url) : url_(std::move(url)) {}
    std::string url_;
};

// One segment of a local path ("/account/" + path_segment(name)).
std::string path_segment(std::string_view s);

// An attribute: a name of this code and a value escaped when written. href (and other URL
// attributes) only from an Href; names starting with "on" are refused (std::logic_error).
class Attr {
  public:
    Attr(const char* name, std::string_view value);
    Attr(const char* name, const Href& href);
    Attr(const char* name, long long n) : Attr(name, std::string_view(std::to_string(n))) {}
    const char* name() const { return name_; }
    const std::string& value() const { return value_; }

  private:
    const char* name_;
    std::string value_;
};
using Attrs = std::initializer_list<Attr>;

class Writer {
  public:
    Writer& open(const char* tag, Attrs attrs = {});
    Writer& open(const char* tag, const std::vector<Attr>& attrs);
    Writer& close(const char* tag);
    // A void element (<input>, <meta>, <link>) or an empty SVG one (<rect/>).
    Writer& empty(const char* tag, Attrs attrs = {});
    Writer& empty(const char* tag, const std::vector<Attr>& attrs);
    Writer& text(std::string_view s);
    // <tag attrs>text</tag>
    Writer& element(const char* tag, std::string_view text, Attrs attrs = {});
    // <a href=...>text</a>; more attributes may follow.
    Writer& link(const Href& href, std::string_view text, Attrs attrs = {});
    // Text from the index that may hold bidirectional controls (U+202E...): kept inside a
    // <bdi>, so it cannot reorder what comes after it on the page.
    Writer& isolated(std::string_view s, const char* css_class = nullptr);
    // Markup this program wrote itself (the audit report of audit_report.cpp).
    Writer& trusted_markup(std::string_view html);

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    void start_tag(const char* tag, const Attr* begin, const Attr* end);
    std::string out_;
};

}  // namespace tq::html

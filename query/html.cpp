#include "html.h"

#include "text.h"

#include <algorithm>
#include <cstring>

namespace tq::html {

namespace {

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

void append_percent(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
}

bool is_url_attribute(std::string_view name) {
    return name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href" ||
           name == "poster" || name == "srcset" || name == "data";
}

void check_name(const char* name) {
    std::string_view n(name);
    if (n.size() >= 2 && (n[0] == 'o' || n[0] == 'O') && (n[1] == 'n' || n[1] == 'N'))
        throw std::logic_error("html: event handler attributes are not written: " + std::string(n));
    if (n == "style") throw std::logic_error("html: inline style is not written (the CSP forbids it)");
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

std::string percent_encode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (unreserved(c)) out.push_back(ch);
        else append_percent(out, c);
    }
    return out;
}

std::string path_segment(std::string_view s) { return percent_encode(s); }

Href Href::local(std::string_view path, const Params& params) {
    std::string url(path);
    char sep = '?';
    for (const auto& [key, value] : params) {
        if (value.empty()) continue;
        url += sep;
        url += percent_encode(key);
        url += '=';
        url += percent_encode(value);
        sep = '&';
    }
    return Href(std::move(url));
}

std::optional<Href> Href::external(std::string_view url) {
    std::string lower = lower_ascii(url.substr(0, 8));
    std::string_view rest;
    std::string scheme;
    if (lower.rfind("http://", 0) == 0) {
        scheme = "http://";
        rest = url.substr(7);
    } else if (lower.rfind("https://", 0) == 0) {
        scheme = "https://";
        rest = url.substr(8);
    } else {
        // A bare "host/path": a dot in the host and no ':' before the path (which would be a
        // scheme such as javascript: or data:, or a port without a scheme).
        std::string_view host = url.substr(0, url.find_first_of("/?#"));
        if (host.empty() || host.find(':') != std::string_view::npos || host.find('.') == std::string_view::npos ||
            host.front() == '.' || host.front() == '-')
            return std::nullopt;
        scheme = "http://";
        rest = url;
    }
    std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.find_first_of(" \t\r\n\\@") != std::string_view::npos) return std::nullopt;
    std::string out = scheme;
    for (char ch : rest) {
        auto c = static_cast<unsigned char>(ch);
        // Printable ASCII but the characters that would end an attribute or a tag are kept;
        // the rest (controls, spaces, quotes, <, >, non-ASCII such as U+202E) is encoded.
        if (c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '`' && c != '\\')
            out.push_back(ch);
        else append_percent(out, c);
    }
    return Href(std::move(out));
}

Attr::Attr(const char* name, std::string_view value) : name_(name), value_(value) {
    check_name(name);
    if (is_url_attribute(name)) throw std::logic_error(std::string("html: ") + name + " takes an Href");
}

Attr::Attr(const char* name, const Href& href) : name_(name), value_(href.str()) { check_name(name); }

void Writer::start_tag(const char* tag, const Attr* begin, const Attr* end) {
    out_ += '<';
    out_ += tag;
    for (const Attr* a = begin; a != end; ++a) {
        out_ += ' ';
        out_ += a->name();
        out_ += "=\"";
        out_ += ti::escape_markup(a->value());
        out_ += '"';
    }
}

Writer& Writer::open(const char* tag, Attrs attrs) {
    start_tag(tag, attrs.begin(), attrs.end());
    out_ += '>';
    return *this;
}

Writer& Writer::open(const char* tag, const std::vector<Attr>& attrs) {
    start_tag(tag, attrs.data(), attrs.data() + attrs.size());
    out_ += '>';
    return *this;
}

Writer& Writer::close(const char* tag) {
    out_ += "</";
    out_ += tag;
    out_ += '>';
    return *this;
}

Writer& Writer::empty(const char* tag, Attrs attrs) {
    start_tag(tag, attrs.begin(), attrs.end());
    out_ += "/>";
    return *this;
}

Writer& Writer::empty(const char* tag, const std::vector<Attr>& attrs) {
    start_tag(tag, attrs.data(), attrs.data() + attrs.size());
    out_ += "/>";
    return *this;
}

Writer& Writer::text(std::string_view s) {
    out_ += ti::escape_markup(s);
    return *this;
}

Writer& Writer::element(const char* tag, std::string_view text, Attrs attrs) {
    open(tag, attrs);
    this->text(text);
    return close(tag);
}

Writer& Writer::link(const Href& href, std::string_view text, Attrs attrs) {
    std::vector<Attr> all{Attr("href", href)};
    all.insert(all.end(), attrs.begin(), attrs.end());
    open("a", all);
    this->text(text);
    return close("a");
}

Writer& Writer::isolated(std::string_view s, const char* css_class) {
    if (css_class) open("bdi", {{"class", css_class}});
    else open("bdi");
    text(s);
    return close("bdi");
}

Writer& Writer::trusted_markup(std::string_view html) {
    out_ += html;
    return *this;
}

}  // namespace tq::html

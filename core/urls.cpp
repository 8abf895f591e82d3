#include "urls.h"

#include "text.h"

#include <fmt/format.h>

#include <cstdint>

namespace ti {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

bool is_tracking_parameter(std::string_view name) {
    return name.rfind("utm_", 0) == 0 || name == "fbclid" || name == "gclid";
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace

NormalisedUrl normalise_url(std::string_view url) {
    std::string_view rest = url;
    // Leading and trailing whitespace never belongs to a URL.
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
    if (auto scheme_end = rest.find("://"); scheme_end != std::string_view::npos && scheme_end < 12) {
        rest.remove_prefix(scheme_end + 3);
    }
    std::size_t host_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, host_end);
    std::string_view tail = host_end == std::string_view::npos ? std::string_view{} : rest.substr(host_end);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        std::string_view port = authority.substr(colon + 1);
        if (port == "80" || port == "443" || port.empty()) authority = authority.substr(0, colon);
    }
    while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);
    std::string host = fold_case(authority);
    if (starts_with_ci(host, "www.")) host.erase(0, 4);

    // Fragment dropped; tracking parameters dropped from the query.
    if (auto hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
    std::string path_and_query;
    std::string_view path = tail, query;
    if (auto q = tail.find('?'); q != std::string_view::npos) {
        path = tail.substr(0, q);
        query = tail.substr(q + 1);
    }
    path_and_query.assign(path);
    std::string kept;
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view param = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (param.empty()) continue;
        std::string_view name = param.substr(0, param.find('='));
        if (is_tracking_parameter(fold_case(name))) continue;
        kept += kept.empty() ? "?" : "&";
        kept += param;
    }
    path_and_query += kept;
    if (path_and_query == "/") path_and_query.clear();
    return {host + path_and_query, host};
}

std::vector<std::string> domain_and_parents(std::string_view host) {
    std::vector<std::string> out;
    if (host.empty()) return out;
    std::string_view rest = host;
    while (true) {
        out.emplace_back(rest);
        auto dot = rest.find('.');
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
        if (rest.find('.') == std::string_view::npos) break;  // stop before the bare TLD
    }
    return out;
}

std::string limit_term_length(std::string term) {
    if (term.size() <= kMaxTermBytes) return term;
    std::string whole = term;
    term.resize(kTermCutBytes);
    // Do not leave half a UTF-8 sequence at the cut.
    while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80) term.pop_back();
    if (!term.empty() && static_cast<unsigned char>(term.back()) >= 0xC0) term.pop_back();
    term += fmt::format("#{:016x}{:016x}", fnv1a(whole, 14695981039346656037ULL), fnv1a(whole, 0x9E3779B97F4A7C15ULL));
    return term;
}

}  // namespace ti

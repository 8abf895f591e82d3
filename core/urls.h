// The searchable form of links: what url: and domain: match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ti {

struct NormalisedUrl {
    std::string key;   // host (lowercase, no www.) + path + kept query; scheme, port 80/443, fragment dropped
    std::string host;  // lowercase host without www.
};

// Normalises a URL as typed or expanded ("HTTP://www.Alltop.com:80/a?utm_source=x#top" ->
// "alltop.com/a"). Tracking parameters (utm_*, fbclid, gclid) are dropped.
NormalisedUrl normalise_url(std::string_view url);

// The host and each parent domain with at least two labels:
// "a.b.alltop.com" -> {"a.b.alltop.com", "b.alltop.com", "alltop.com"}.
std::vector<std::string> domain_and_parents(std::string_view host);

// Terms longer than Xapian's limit are cut and given a 128-bit hash suffix of the whole.
std::string limit_term_length(std::string term);

inline constexpr std::size_t kMaxTermBytes = 240;
inline constexpr std::size_t kTermCutBytes = 200;

}  // namespace ti

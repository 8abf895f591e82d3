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

// The host and each parent domain with at least two labels, so domain: matches a host and
// every subdomain of it: "a.b.alltop.com" -> {"a.b.alltop.com", "b.alltop.com", "alltop.com"}
// (and "news.bbc.co.uk" gives "co.uk" too: every .co.uk host is under it).
std::vector<std::string> domain_and_parents(std::string_view host);

// The domain a registrant holds: the label before the public suffix, by the TLD list of
// twitter-text (tests/data/twitter-text/tld_lib.json) and, under a country TLD, the common
// second-level suffixes (co.uk, com.au, ne.jp, ...). "a.b.alltop.com" -> "alltop.com".
std::string registrable_domain(std::string_view host);

// IDN labels to Unicode: "xn--bcher-kva.example" -> "bücher.example" (RFC 3492). A label
// that does not decode is kept as it is.
std::string host_to_unicode(std::string_view host);

// Terms longer than Xapian's limit are cut and given a 128-bit hash suffix of the whole.
std::string limit_term_length(std::string term);

inline constexpr std::size_t kMaxTermBytes = 240;
inline constexpr std::size_t kTermCutBytes = 200;

}  // namespace ti

// Dates in the shapes tweet files and queries use. Everything is UTC epoch seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ti {

// "Wed Oct 10 20:19:24 +0000 2018" (API v1.1, archive tweets.js).
std::optional<std::int64_t> parse_twitter_date(std::string_view s);

// "2018-10-10T20:19:24.000Z" (API v2), also with an offset or without seconds' fraction;
// "2011-08-31 05:11:50 +0000" (Grailbird).
std::optional<std::int64_t> parse_iso_date(std::string_view s);

// The date forms a query accepts: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DD_HH:MM:SS_UTC.
std::optional<std::int64_t> parse_query_date(std::string_view s);

// Whichever of the above fits.
std::optional<std::int64_t> parse_any_date(std::string_view s);

// "2018-10-10T20:19:24Z"
std::string format_iso_date(std::int64_t epoch);

// No tweet and no account is older than Twitter (its first tweet: 2006-03-21 UTC), nor dated more
// than kMaxDaysAhead days after the clock of the run (time zones and clock skew stay far within
// that). A date outside is a broken one (year 1900, 99999): one such tweet made a timeline of
// millions of periods.
inline constexpr std::int64_t kTwitterStart = 1142899200;  // 2006-03-21T00:00:00Z
inline constexpr std::int64_t kMaxDaysAhead = 7;
// Why `epoch` cannot be a tweet's or an account's date ("is before Twitter began (2006-03-21)"),
// or empty when it can be.
std::string implausible_date(std::int64_t epoch);

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

// The inverse: days since 1970-01-01 -> year, month, day.
struct Civil { std::int64_t y; unsigned m, d; };
Civil civil_from_days(std::int64_t days);

}  // namespace ti

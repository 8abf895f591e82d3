#include "dates.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cstring>

namespace ti {

// Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

namespace {

// Reads exactly `width` digits at s[pos]; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, int width, int& out) {
    if (pos + static_cast<std::size_t>(width) > s.size()) return false;
    int v = 0;
    for (int i = 0; i < width; ++i) {
        char c = s[pos + static_cast<std::size_t>(i)];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        v = v * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(width);
    out = v;
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) { ++pos; return true; }
    return false;
}

std::optional<std::int64_t> make_epoch(int y, int mo, int d, int h, int mi, int se, int offset_seconds) {
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
           mi * 60 + se - offset_seconds;
}

// "+0000", "+00:00", "Z"; returns false when none is there.
bool read_offset(std::string_view s, std::size_t& pos, int& offset_seconds) {
    offset_seconds = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) { ++pos; return true; }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int hh = 0, mm = 0;
    if (!read_digits(s, pos, 2, hh)) return false;
    expect(s, pos, ':');
    if (!read_digits(s, pos, 2, mm)) return false;
    offset_seconds = sign * (hh * 3600 + mm * 60);
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_twitter_date(std::string_view s) {
    // "Wed Oct 10 20:19:24 +0000 2018"
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() < 30) return std::nullopt;
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (s.substr(4, 3) == months[i]) month = i + 1;
    }
    if (!month) return std::nullopt;
    std::size_t pos = 8;
    int d, h, mi, se, y, offset;
    if (!read_digits(s, pos, 2, d) || !expect(s, pos, ' ') || !read_digits(s, pos, 2, h) ||
        !expect(s, pos, ':') || !read_digits(s, pos, 2, mi) || !expect(s, pos, ':') ||
        !read_digits(s, pos, 2, se) || !expect(s, pos, ' ') || !read_offset(s, pos, offset) ||
        !expect(s, pos, ' ') || !read_digits(s, pos, 4, y) || pos != s.size())  // not year 99999 read as 9999
        return std::nullopt;
    return make_epoch(y, month, d, h, mi, se, offset);
}

std::optional<std::int64_t> parse_iso_date(std::string_view s) {
    std::size_t pos = 0;
    int y, mo, d, h = 0, mi = 0, se = 0, offset = 0;
    if (!read_digits(s, pos, 4, y) || !expect(s, pos, '-') || !read_digits(s, pos, 2, mo) ||
        !expect(s, pos, '-') || !read_digits(s, pos, 2, d))
        return std::nullopt;
    if (pos == s.size()) return make_epoch(y, mo, d, 0, 0, 0, 0);
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, h) || !expect(s, pos, ':') || !read_digits(s, pos, 2, mi)) return std::nullopt;
    if (expect(s, pos, ':') && !read_digits(s, pos, 2, se)) return std::nullopt;
    if (expect(s, pos, '.')) {
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    expect(s, pos, ' ');
    if (pos < s.size() && !read_offset(s, pos, offset)) return std::nullopt;
    if (pos != s.size()) return std::nullopt;
    return make_epoch(y, mo, d, h, mi, se, offset);
}

std::optional<std::int64_t> parse_query_date(std::string_view s) {
    // Twitter's own form: 2010-05-01_12:00:00_UTC
    if (s.size() == 23 && s[10] == '_' && s.substr(19) == "_UTC") {
        std::string iso(s.substr(0, 19));
        iso[10] = 'T';
        return parse_iso_date(iso + "Z");
    }
    return parse_iso_date(s);
}

std::optional<std::int64_t> parse_any_date(std::string_view s) {
    if (auto t = parse_twitter_date(s)) return t;
    return parse_query_date(s);
}

std::string format_iso_date(std::int64_t epoch) {
    std::int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
    std::int64_t secs = epoch - days * 86400;
    Civil c = civil_from_days(days);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.y, c.m, c.d, secs / 3600, (secs / 60) % 60,
                       secs % 60);
}

std::string implausible_date(std::int64_t epoch) {
    if (epoch < kTwitterStart) return "is before Twitter began (2006-03-21)";
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    if (epoch > now.count() + kMaxDaysAhead * 86400)
        return fmt::format("is more than {} days after the time of this run", kMaxDaysAhead);
    return {};
}

}  // namespace ti

// Tweet ids since November 2010 are snowflake ids: the top bits are the milliseconds since
// Twitter's epoch, so an id tells when its tweet was made. Older ids were a plain sequence
// (below about 3e10) and tell nothing.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ti {

inline constexpr std::uint64_t kTwitterEpochMs = 1288834974657;  // 2010-11-04T01:42:54.657Z
inline constexpr std::uint64_t kLastSequentialId = 30000000000;  // above every pre-snowflake id

// Epoch seconds of a snowflake id; nullopt for a sequential or unreadable id.
inline std::optional<std::int64_t> snowflake_time(std::string_view id) {
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
    if (ec != std::errc() || p != id.data() + id.size() || n <= kLastSequentialId) return std::nullopt;
    return static_cast<std::int64_t>(((n >> 22) + kTwitterEpochMs) / 1000);
}

}  // namespace ti

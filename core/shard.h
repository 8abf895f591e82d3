// Which tweets a shard holds (`tweet-index --shard K/N`): those whose id hashes to it. The
// hash is FNV-1a 64 of the id as its decimal string (the id as the index stores it, Q<id>),
// the same on every machine and every run, so a tweet, its duplicates, and the delete and
// status_withheld notices naming its id all land in the same shard. Never change it: shards
// already written were split by it.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ti {

inline std::uint64_t fnv1a64(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

struct Shard {
    std::uint32_t k = 1;  // 1-based: shard K of N
    std::uint32_t n = 1;
    bool holds(std::string_view id) const { return n <= 1 || fnv1a64(id) % n == k - 1; }
};

// "K/N" with 1 <= K <= N (both decimal); nullopt for anything else.
inline std::optional<Shard> parse_shard(std::string_view text) {
    auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto number = [](std::string_view s) -> std::optional<std::uint32_t> {
        std::uint32_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
        return v;
    };
    auto k = number(text.substr(0, slash));
    auto n = number(text.substr(slash + 1));
    if (!k || !n || *k < 1 || *k > *n) return std::nullopt;
    return Shard{*k, *n};
}

}  // namespace ti

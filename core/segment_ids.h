// Which sealed segment of a writer holds an id (IndexWriter::Options::segment_docs): 48 bits of
// the id's hash and the segment's number packed in 8 bytes, one sorted vector. A hash set of the
// ids would take five times the memory (10M ids: 80 MB here). Another id with the same 48 bits
// (one in 2^48) only costs a look into one more segment: the caller checks each segment named.
#pragma once

#include "shard.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ti {

class SegmentIds {
  public:
    static constexpr std::size_t kMaxSegments = 1u << 16;

    // Ids of the segment being sealed; sealed() makes them visible.
    void add(std::string_view id, std::size_t segment) {
        added_.push_back(key_bits(id) | static_cast<std::uint64_t>(segment));
    }
    void sealed() {
        std::sort(added_.begin(), added_.end());
        std::size_t middle = sorted_.size();
        sorted_.insert(sorted_.end(), added_.begin(), added_.end());
        std::inplace_merge(sorted_.begin(), sorted_.begin() + static_cast<std::ptrdiff_t>(middle), sorted_.end());
        added_.clear();
        added_.shrink_to_fit();
    }
    // Calls f(segment) for each sealed segment that may hold `id`, lowest first.
    template <class F>
    void each_segment_of(std::string_view id, F&& f) const {
        std::uint64_t bits = key_bits(id);
        for (auto it = std::lower_bound(sorted_.begin(), sorted_.end(), bits);
             it != sorted_.end() && (*it & ~kSegmentMask) == bits; ++it)
            f(static_cast<std::size_t>(*it & kSegmentMask));
    }
    std::size_t size() const { return sorted_.size(); }

  private:
    static constexpr std::uint64_t kSegmentMask = kMaxSegments - 1;
    // The high bits: a writer's ids share their hash modulo the number of writers (shard.h).
    static std::uint64_t key_bits(std::string_view id) { return fnv1a64(id) & ~kSegmentMask; }

    std::vector<std::uint64_t> sorted_, added_;
};

}  // namespace ti

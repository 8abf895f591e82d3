// A set of docids as a bitmap over the index's docid range (an eighth of a byte per document:
// 160 KB for a million): the matches of a query (aggregates.cpp), the documents a count leaves
// out (live_count.cpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tq {

class MatchSet {
  public:
    explicit MatchSet(Xapian::docid last) : bits_((last >> 6) + 1, 0) {}
    // False when `id` was in the set already.
    bool add(Xapian::docid id) {
        if ((id >> 6) >= bits_.size()) bits_.resize((id >> 6) + 1, 0);  // a document added since `last`
        std::uint64_t& word = bits_[id >> 6];
        std::uint64_t bit = std::uint64_t{1} << (id & 63);
        if (word & bit) return false;
        word |= bit;
        ++size_;
        return true;
    }
    bool contains(Xapian::docid id) const {
        return (id >> 6) < bits_.size() && (bits_[id >> 6] >> (id & 63) & 1);
    }
    std::size_t size() const { return size_; }
    template <typename Fn>
    void for_each(Fn&& fn) const {
        for (std::size_t w = 0; w < bits_.size(); ++w) {
            for (std::uint64_t b = bits_[w]; b; b &= b - 1) fn(static_cast<Xapian::docid>(w * 64 + __builtin_ctzll(b)));
        }
    }

  private:
    std::vector<std::uint64_t> bits_;
    std::size_t size_ = 0;
};

}  // namespace tq

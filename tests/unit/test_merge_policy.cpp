// merge_policy: which segments of an index added to merge, from their sizes.
#include "segmented_index.h"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

namespace {

// Runs the policy to the end after each added segment, as IndexWriter::finish does; returns how
// many documents the merges copied.
double merge_all(std::vector<Xapian::doccount>& docs) {
    double copied = 0;
    while (auto run = ti::merge_policy(docs)) {
        REQUIRE(run->end > run->first + 1);
        REQUIRE(run->end <= docs.size());
        Xapian::doccount merged = std::accumulate(docs.begin() + static_cast<std::ptrdiff_t>(run->first),
                                                  docs.begin() + static_cast<std::ptrdiff_t>(run->end), 0u);
        copied += merged;
        docs.erase(docs.begin() + static_cast<std::ptrdiff_t>(run->first),
                   docs.begin() + static_cast<std::ptrdiff_t>(run->end));
        docs.insert(docs.begin() + static_cast<std::ptrdiff_t>(run->first), merged);
    }
    return copied;
}

}  // namespace

TEST_CASE("daily dumps added to a large index stay few segments, each dump copied a few times") {
    const Xapian::doccount base = 1250000, dump = 31000;
    std::vector<Xapian::doccount> docs{base};
    double copied = 0;
    std::size_t most = 1;
    const int days = 400;
    for (int day = 0; day < days; ++day) {
        docs.push_back(dump);
        copied += merge_all(docs);
        most = std::max(most, docs.size());
    }
    CHECK(most <= ti::kMaxSegments);
    CHECK(std::accumulate(docs.begin(), docs.end(), 0.0) == base + double(dump) * days);  // nothing lost
    // A log merge copies a document about once per tier it climbs: base to dump is under four
    // tiers of four; the base itself is copied only when the dumps have grown to its tier.
    double added = double(dump) * days;
    CHECK(copied < 6 * (added + base));
    INFO("copied " << copied << " for " << added << " added");
    CHECK(copied > added);  // or no merge happened at all
}

TEST_CASE("sizes either side of a power of the factor are one tier") {
    // A base and four dumps of about 250 documents, two of them past 4^4 = 256.
    std::vector<Xapian::doccount> docs{1487, 258, 246, 246, 264};
    auto run = ti::merge_policy(docs);
    REQUIRE(run);
    CHECK(run->first == 1);
    CHECK(run->end == 5);
    // Three dumps are not yet four: nothing merges.
    CHECK_FALSE(ti::merge_policy({1487, 258, 246, 246}));
    // An empty segment (a killed run's) is of the smallest tier and merges with its neighbours.
    CHECK_FALSE(ti::merge_policy({1000, 0}));
}

TEST_CASE("past the most segments, the newest merge") {
    // Sizes of tiers all different: no four of one tier, but too many.
    std::vector<Xapian::doccount> docs{1u << 20, 1u << 18, 1u << 16, 1u << 14, 1u << 12, 1u << 10, 1u << 8, 1u << 6, 16};
    auto run = ti::merge_policy(docs);
    REQUIRE(run);
    CHECK(run->end == docs.size());
    CHECK(docs.size() - (run->end - run->first) + 1 <= ti::kMaxSegments);
}

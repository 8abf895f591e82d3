// SegmentIds: which sealed segment of a writer may hold an id.
#include "segment_ids.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

TEST_CASE("every id added names the segment it was sealed in, and ids never added name none") {
    ti::SegmentIds ids;
    std::map<std::string, std::size_t> segment_of;
    // Snowflake-like ids, several segments sealed one after another, as a writer does.
    std::uint64_t next = 1600000000000000000ull;
    for (std::size_t segment = 0; segment < 7; ++segment) {
        for (int i = 0; i < 5000; ++i) {
            std::string id = std::to_string(next);
            next += 7919;
            ids.add(id, segment);
            segment_of[id] = segment;
        }
        ids.sealed();
    }
    REQUIRE(ids.size() == segment_of.size());
    for (const auto& [id, segment] : segment_of) {
        std::vector<std::size_t> named;
        ids.each_segment_of(id, [&](std::size_t k) { named.push_back(k); });
        REQUIRE(std::find(named.begin(), named.end(), segment) != named.end());
    }
    std::size_t false_hits = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string absent = std::to_string(next + 1 + 7919ull * i);  // between and past the ids added
        ids.each_segment_of(absent, [&](std::size_t) { ++false_hits; });
    }
    CHECK(false_hits == 0);  // one in 2^48 each: none expected in 20,000
}

TEST_CASE("an id sealed in no segment yet is not named before sealed() is called") {
    ti::SegmentIds ids;
    ids.add("42", 3);
    std::size_t hits = 0;
    ids.each_segment_of("42", [&](std::size_t) { ++hits; });
    CHECK(hits == 0);
    ids.sealed();
    std::vector<std::size_t> named;
    ids.each_segment_of("42", [&](std::size_t k) { named.push_back(k); });
    CHECK(named == std::vector<std::size_t>{3});
}

// Runs every case of twitter-text's conformance suite (tests/data/twitter-text/) against
// extract_entities and extract_reply_screen_name. Each case is its own section, named
// "<group>: <description>", so a failure names the case and shows text, expected and actual.
#include "entities.h"

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <map>
#include <optional>
#include <utility>
#include <sstream>
#include <string>
#include <vector>

namespace {

using simdjson::dom::element;

const std::string kDataDir = std::string(TESTS_DATA_DIR) + "/twitter-text/";

// How a group's expected values are written, and which entities they are compared with.
enum class Kind { Mention, MentionOrList, Url, Hashtag, Cashtag };

struct Group {
    Kind kind;
    bool with_indices;
};

// Every group the suite has; a group missing here fails the test rather than being skipped.
std::optional<Group> group_for(std::string_view name) {
    if (name == "mentions") return Group{Kind::Mention, false};
    if (name == "mentions_with_indices") return Group{Kind::Mention, true};
    if (name == "mentions_or_lists_with_indices") return Group{Kind::MentionOrList, true};
    if (name == "urls" || name == "tco_urls_with_params" || name == "country" || name == "generic")
        return Group{Kind::Url, false};
    if (name == "urls_with_indices" || name == "urls_with_directional_markers") return Group{Kind::Url, true};
    if (name == "hashtags" || name == "hashtags_from_astral") return Group{Kind::Hashtag, false};
    if (name == "hashtags_with_indices") return Group{Kind::Hashtag, true};
    if (name == "cashtags") return Group{Kind::Cashtag, false};
    if (name == "cashtags_with_indices") return Group{Kind::Cashtag, true};
    return std::nullopt;
}

std::string describe(std::string_view value, std::string_view list_slug, bool with_indices, std::size_t start,
                     std::size_t end) {
    std::ostringstream out;
    out << '"' << value << list_slug << '"';
    if (with_indices) out << " [" << start << ", " << end << ']';
    return out.str();
}

std::vector<std::string> expected_entities(element expected, const Group& group) {
    std::vector<std::string> described;
    for (element item : expected.get_array()) {
        if (item.is_string()) {
            described.push_back(describe(item.get_string().value(), "", false, 0, 0));
            continue;
        }
        std::string_view value;
        for (const char* key : {"screen_name", "url", "hashtag", "cashtag"})
            if (auto field = item[key]; !field.error()) value = field.get_string().value();
        std::string_view list_slug;
        if (auto field = item["list_slug"]; !field.error()) list_slug = field.get_string().value();
        auto indices = item["indices"].get_array().value();
        described.push_back(describe(value, list_slug, group.with_indices, std::size_t(indices.at(0).get_uint64().value()),
                                     std::size_t(indices.at(1).get_uint64().value())));
    }
    return described;
}

std::vector<std::string> actual_entities(std::string_view text, const Group& group) {
    const ti::ExtractedEntities entities = ti::extract_entities(text);
    const std::vector<ti::ExtractedEntity>* found = nullptr;
    switch (group.kind) {
        case Kind::Mention:
        case Kind::MentionOrList: found = &entities.mentions; break;
        case Kind::Url: found = &entities.urls; break;
        case Kind::Hashtag: found = &entities.hashtags; break;
        case Kind::Cashtag: found = &entities.cashtags; break;
    }
    std::vector<std::string> described;
    for (const auto& entity : *found) {
        // twitter-text's mention extractors leave lists out; its list extractor keeps them.
        if (group.kind == Kind::Mention && !entity.list_slug.empty()) continue;
        described.push_back(describe(entity.value, entity.list_slug, group.with_indices, entity.start, entity.end));
    }
    return described;
}

std::string join(const std::vector<std::string>& items) {
    std::string joined = "[";
    for (const auto& item : items) joined += (joined.size() > 1 ? ", " : "") + item;
    return joined + "]";
}

void run_case(std::string_view group_name, element test_case) {
    const std::string text(test_case["text"].get_string().value());
    const element expected = test_case["expected"];
    INFO("text: " << text);
    if (group_name == "replies") {
        const auto actual = ti::extract_reply_screen_name(text);
        const std::string expected_reply = expected.is_null() ? "(none)" : std::string(expected.get_string().value());
        const std::string actual_reply = actual ? *actual : "(none)";
        INFO("expected: " << expected_reply << "\nactual:   " << actual_reply);
        CHECK(actual_reply == expected_reply);
        return;
    }
    const auto group = group_for(group_name);
    INFO("group: " << group_name);
    REQUIRE(group.has_value());
    const auto expected_list = join(expected_entities(expected, *group));
    const auto actual_list = join(actual_entities(text, *group));
    INFO("expected: " << expected_list << "\nactual:   " << actual_list);
    CHECK(actual_list == expected_list);
}

struct ConformanceCase {
    std::string_view group;
    std::string_view description;
    element test_case;
};

// All cases of a suite file, parsed once: Catch runs the test case again for every
// generated value.
const std::vector<ConformanceCase>& load_suite(const std::string& file) {
    static std::map<std::string, std::pair<simdjson::dom::parser, std::vector<ConformanceCase>>> suites;
    auto [entry, inserted] = suites.try_emplace(file);
    auto& [parser, cases] = entry->second;
    if (inserted) {
        const element root = parser.load(kDataDir + file);
        for (auto [group_name, group_cases] : root["tests"].get_object())
            for (element test_case : group_cases.get_array())
                cases.push_back({group_name, test_case["description"].get_string().value(), test_case});
    }
    return cases;
}

void run_suite(const std::string& file) {
    const auto& cases = load_suite(file);
    REQUIRE(!cases.empty());
    const auto index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
    const auto& conformance_case = cases[index];
    DYNAMIC_SECTION(conformance_case.group << ": " << conformance_case.description) {
        run_case(conformance_case.group, conformance_case.test_case);
    }
}

}  // namespace

TEST_CASE("twitter-text conformance: extract.json", "[entities][conformance]") { run_suite("extract.json"); }

TEST_CASE("twitter-text conformance: tlds.json", "[entities][conformance]") { run_suite("tlds.json"); }

// Where each format lists the versions of an edited tweet (an edit is a new tweet with a new id;
// every version lists the whole chain, first version first, as far as it was known).
#include "formats_json.h"

namespace ti::json {

namespace {

void add_ids(std::optional<array> list, std::vector<std::string>& out) {
    if (!list) return;
    for (element e : *list) {
        std::string id;
        if (e.is_string() && all_digits(std::string_view(e))) id = std::string(std::string_view(e));
        else if (auto n = as_int(e); n && *n > 0 && !e.is_string()) id = std::to_string(*n);
        if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
}

// {"edit_tweet_ids"/"editTweetIds": [...]} and, on a later version, {"initial_tweet_id", "edit_control_initial": {...}}.
void read_chain(object o, std::vector<std::string>& out) {
    std::optional<object> initial;
    for (std::string_view key : {"initial", "edit_control_initial", "editControlInitial"}) {
        if (!initial) initial = object_field(o, key);
    }
    if (auto edit = object_field(o, "edit")) {  // archive: {"edit": {"initialTweetId", "editControlInitial"}}
        if (auto id = string_field(*edit, "initialTweetId"); all_digits(id)) out.emplace_back(id);
        if (!initial) initial = object_field(*edit, "editControlInitial");
    }
    if (auto id = string_field(o, "initial_tweet_id"); all_digits(id) && out.empty()) out.emplace_back(id);
    for (std::string_view key : {"edit_tweet_ids", "editTweetIds"}) {
        if (initial) add_ids(array_field(*initial, key), out);
        add_ids(array_field(o, key), out);
    }
}

}  // namespace

std::vector<std::string> read_edit_ids(object tweet) {
    std::vector<std::string> ids;
    add_ids(array_field(tweet, "edit_history_tweet_ids"), ids);  // API v2
    for (std::string_view key : {"edit_info", "edit_control", "edit_history"}) {
        if (auto o = object_field(tweet, key)) read_chain(*o, ids);
    }
    // Ids only grow: the first version has the smallest.
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    if (ids.size() < 2) ids.clear();  // never edited
    return ids;
}

}  // namespace ti::json

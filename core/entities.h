// Entity extraction from plain tweet text, following Twitter's twitter-text rules
// (conformance suite in tests/data/twitter-text/). Used where a file carries no
// entities (Grailbird CSV, like.js, text typed into a query) and to find URLs that
// old tweets have in their text without a `urls` entity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// Offsets are code points into the text given, end exclusive.
struct ExtractedEntity {
    std::string value;      // mention: screen name without '@'; hashtag/cashtag: without '#'/'$';
                            // url: the URL as written; email: the address
    std::string list_slug;  // mentions of a list (@user/list): "list" with its leading '/'; else empty
    std::size_t start = 0;
    std::size_t end = 0;
};

struct ExtractedEntities {
    std::vector<ExtractedEntity> mentions;  // includes @user/list mentions (list_slug set)
    std::vector<ExtractedEntity> urls;
    std::vector<ExtractedEntity> hashtags;
    std::vector<ExtractedEntity> cashtags;
    std::vector<ExtractedEntity> emails;
};

// Everything twitter-text finds in `text` (UTF-8), in order of position.
ExtractedEntities extract_entities(std::string_view text);

// The screen name a tweet replies to when the text starts with a mention (twitter-text's
// extractReplyScreenname), else nothing.
std::optional<std::string> extract_reply_screen_name(std::string_view text);

}  // namespace ti

// The stored record: what each index document holds in kSlotRecord (fields.h), the tweet as
// tweet-query shows it. JSON, so `--format jsonl` writes it nearly as stored.
#pragma once

#include "tweet.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// What a tweet is found by: its own entities and, for a retweet, its original's (which a
// 140-character retweet text may have cut off), each value once.
struct SearchableEntities {
    std::vector<std::string> mentions;  // screen names as written
    std::vector<std::string> urls;      // expanded URLs
    std::vector<std::string> hashtags;
    std::vector<std::string> cashtags;
};
SearchableEntities searchable_entities(const Tweet& tweet);

// Keys: id, created_at, created_at_derived (when the date is the snowflake id's), author,
// author_id, author_name, author_followers, text, lang, source,
// mentions, hashtags, cashtags, urls, emails (found in the text),
// in_reply_to {status_id, user_id, screen_name},
// retweet_of, quote_of, is_retweet, is_quote, has_media, withheld, liked, community and circle (when true),
// author_former_names (when known), edit_ids (an edited tweet's versions, first to last), counts {retweets, favorites, replies,
// quotes, views when known}, entities {mentions, urls, media (when any: url, expanded_url,
// media_url, type, variants), hashtags, cashtags} with code-point indices.
std::string serialise_record(const Tweet& tweet);

// The stored record of a tombstone (a notice whose tweet has not come, or a purged tweet): id,
// and author_id when given.
std::string serialise_tombstone_record(std::string_view id, std::optional<std::string_view> author_id);

}  // namespace ti

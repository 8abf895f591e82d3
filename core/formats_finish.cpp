// The opening and closing that every tweet reader shares around its own field names: the checks
// that refuse a record (with the reasons the tests and users see) and the facts a tweet gets
// whatever its format.
#include "dates.h"
#include "formats_json.h"

#include <fmt/format.h>

namespace ti::json {

std::optional<std::string> nesting_rejection(int depth) {
    if (depth > kMaxTweetNesting) return std::string(kTooDeeplyNested);
    return std::nullopt;
}

std::optional<std::string> start_tweet(Tweet& t, const TweetRules& rules, int depth, bool has_text,
                                       const RawDate& date) {
    if (auto too_deep = nesting_rejection(depth)) return too_deep;
    // The readers' ids come from id_field (digits or nothing) or a CSV column (anything).
    if (!all_digits(t.id)) return fmt::format(fmt::runtime(rules.no_id), t.id);
    if (!has_text && !rules.no_text.empty()) return fmt::format(fmt::runtime(rules.no_text), t.id);
    if (date.text.empty()) return std::nullopt;
    std::optional<std::int64_t> parsed = date.parse(date.text);
    if (!parsed) return fmt::format("tweet {}: unreadable {} \"{}\"", t.id, date.field, date.text);
    if (std::string why = implausible_date(*parsed); !why.empty())
        return fmt::format("tweet {}: {} \"{}\" {}", t.id, date.field, date.text, why);
    t.created_at = *parsed;
    return std::nullopt;
}

void take_entities(Tweet& t, EntitySets&& entities) {
    t.mentions = std::move(entities.mentions);
    t.urls = std::move(entities.urls);
    t.hashtags = std::move(entities.hashtags);
    t.cashtags = std::move(entities.cashtags);
    t.has_media = t.has_media || entities.has_media;
    if (!entities.media.empty()) t.media = std::move(entities.media);
}

User read_flat_user(object u, const UserFieldNames& names) {
    auto text = [&](std::string_view key) { return key.empty() ? std::string() : std::string(string_field(u, key)); };
    User user;
    user.id = id_field(u, "id");
    user.screen_name = text(names.screen_name);
    user.name = text(names.name);
    user.followers_count = int_field(u, names.followers);
    user.friends_count = int_field(u, names.friends);
    user.statuses_count = int_field(u, names.statuses);
    if (auto created = string_field(u, names.created_at); !created.empty())
        user.created_at = plausible_account_date(parse_any_date(created));
    user.verified = bool_field(u, "verified");
    user.protected_ = bool_field(u, "protected");
    user.description = text(names.description);
    user.location = text(names.location);
    return user;
}

bool reads_as_retweet(std::string_view text) { return text.rfind("RT @", 0) == 0; }

void finish_tweet(Tweet&& t, const Location& where, RecordSink& sink) {
    // Archives and old clients: a retweet known only by its text.
    if (reads_as_retweet(t.text)) t.is_retweet = true;
    sink.tweet(std::move(t), where);
}

}  // namespace ti::json

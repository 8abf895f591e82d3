// The account registry: every account seen as an author or a mention, kept in the index's
// metadata under meta::account + case-folded screen name, merged as tweets arrive.
#pragma once

#include "tweet.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ti {

struct AccountRecord {
    std::string screen_name;  // as last written
    std::string id;
    std::string name;
    std::optional<std::int64_t> followers_count;  // at the latest sighting that gave one (by tweet time)
    std::int64_t followers_at = 0;                // tweet time of that sighting
    std::int64_t first_seen = 0;                  // tweet times; 0 = unknown
    std::int64_t last_seen = 0;
};

// Folds one sighting into `record` (an author with a user object, or a mention).
void merge_sighting(AccountRecord& record, const User& user, std::int64_t tweet_time);
void merge_records(AccountRecord& into, const AccountRecord& from);

std::string serialise_account(const AccountRecord& record);
std::optional<AccountRecord> parse_account(std::string_view json);

}  // namespace ti

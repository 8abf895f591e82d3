// The account registry: every account seen as an author or a mention, kept in the index's
// metadata and merged as tweets arrive. An account is keyed by its user id where one is known,
// else by its screen name; every screen name it had points to it, so a renamed account is one
// account and `from:` either name finds its tweets.
//
// Metadata keys (fields.h, meta::): "acct:" + id, or "acct:@" + folded screen name for an
// account known only by name -> the record as JSON; "acctname:" + folded screen name -> the key
// suffix of its record (an id, or "@name").
#pragma once

#include "tweet.h"

#include <xapian.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ti {

// A count and the tweet time it was seen at.
struct Observation {
    std::int64_t value = 0;
    std::int64_t at = 0;
};

// First, latest, lowest and highest sightings of a count (followers, friends), by tweet time.
struct CountHistory {
    std::optional<Observation> first, latest, min, max;
    void observe(std::int64_t value, std::int64_t at);
    void merge(const CountHistory& other);
};

struct NameSighting {
    std::string name;
    std::int64_t first_seen = 0;
    std::int64_t last_seen = 0;
};

struct AccountRecord {
    std::string id;  // "" when only a screen name is known
    std::vector<NameSighting> screen_names;   // every screen name, as last written
    std::vector<NameSighting> display_names;
    CountHistory followers, friends;
    std::optional<Observation> statuses;
    std::optional<std::int64_t> created_at;
    bool verified = false;
    bool protected_ = false;
    std::string description, location;  // as last seen
    std::int64_t profile_at = 0;        // tweet time of the profile last seen
    // "suspended", "deleted", "protected", "withheld" as a source last said; "" when none did.
    std::string status;
    std::int64_t first_seen = 0;  // tweet times; 0 = unknown
    std::int64_t last_seen = 0;

    // Whether a full user object was seen (not only mentions or a status notice): only then are
    // verified, protected, description and location known.
    bool profile_known() const;
    const std::string& screen_name() const;  // the latest
    const std::string& name() const;
    std::string key() const;  // id, or "@" + folded screen name
};

// Folds one sighting into `record` (an author with a user object, or a mention).
void merge_sighting(AccountRecord& record, const User& user, std::int64_t tweet_time);
void merge_records(AccountRecord& into, const AccountRecord& from);

std::string serialise_account(const AccountRecord& record);
std::optional<AccountRecord> parse_account(std::string_view json);

// Sightings gathered while indexing, stored into the index's metadata at each commit.
class AccountSightings {
  public:
    void author(const User& user, std::int64_t when);
    void mention(const Mention& mention, std::int64_t when);
    void status(const std::string& user_id, const std::string& screen_name, std::string_view status);
    // A screen name the account had before (an archive's screen-name-change.js): no date known.
    void former_name(const User& user, const std::string& former);
    void merge_from(AccountSightings& other);
    void clear() { pending_.clear(); }
    // Merges into the stored records (accounts known by id first, so a name-only record
    // of the same name joins them) and writes aliases for every screen name.
    // Writes the sightings into the registry in `db`; with `written`, also appends each key and
    // value set there (the journal of an index of segments, index_writer.h).
    void store(Xapian::WritableDatabase& db, std::vector<std::pair<std::string, std::string>>* written = nullptr);

  private:
    std::unordered_map<std::string, AccountRecord> pending_;  // by key()
};

// Sightings handed from one thread to another: the writers of an index's shards give theirs to
// the one writer that keeps the registry (IndexWriter::Options::accounts_to, accounts_from).
class SightingsInbox {
  public:
    void give(AccountSightings& from) {  // leaves `from` empty
        std::lock_guard lock(mutex_);
        held_.merge_from(from);
    }
    void take_into(AccountSightings& into) {
        std::lock_guard lock(mutex_);
        into.merge_from(held_);
    }

  private:
    std::mutex mutex_;
    AccountSightings held_;
};

// Reading the registry.
class AccountDirectory {
  public:
    explicit AccountDirectory(const Xapian::Database& db) : db_(db) {}
    // By any screen name it had (case-insensitive, with or without '@').
    std::optional<AccountRecord> find(std::string_view screen_name) const;
    // Accounts one of whose screen names matches a pattern with '*' ("" or "*": all).
    std::vector<AccountRecord> match(std::string_view pattern) const;

  private:
    Xapian::Database db_;
};

bool glob_match(std::string_view pattern, std::string_view s);

}  // namespace ti

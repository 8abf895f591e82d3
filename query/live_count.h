// Exact counts of live tweets (those QueryBuilder::parse keeps) that carry any of a few terms,
// made by walking the terms' posting lists against the set of excluded documents rather than by
// Xapian's matcher. `accounts` makes two counts for each of up to thousands of accounts (their
// tweets and their mentions, each an OR of screen names and id), and `search --count` makes one
// for a query such as @user, from:, #tag or domain: (a term, or an account's names and id).
// docs/performance.md has the figures.
#pragma once

#include "match_set.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace tq {

// The documents that are not live tweets (query.h not_live_terms), read once from the terms'
// posting lists: what counts made without the matcher leave out.
class NotLiveDocs {
  public:
    NotLiveDocs(const Xapian::Database& db, bool include_deleted, bool include_edits);
    bool contains(Xapian::docid id) const { return docs_.contains(id); }
    template <typename Fn>
    void for_each(Fn&& fn) const { docs_.for_each(fn); }  // ascending

  private:
    MatchSet docs_;
};

class LiveCounter {
  public:
    // Reads the excluded documents once: tombstones, and deleted tweets unless include_deleted.
    LiveCounter(const Xapian::Database& db, bool include_deleted);
    // Live documents holding at least one of `terms`, each counted once.
    std::size_t count(const std::vector<std::string>& terms) const;

  private:
    Xapian::Database db_;
    NotLiveDocs excluded_;
};

}  // namespace tq

#include "live_count.h"

#include "fields.h"
#include "query.h"

#include <algorithm>

namespace tq {

NotLiveDocs::NotLiveDocs(const Xapian::Database& db, bool include_deleted, bool include_edits)
    : docs_(db.get_lastdocid()) {
    for (const auto& term : ti::not_live_terms(include_deleted, include_edits)) {
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) docs_.add(*p);
    }
}

// An edited tweet counts once, as its latest version.
LiveCounter::LiveCounter(const Xapian::Database& db, bool include_deleted)
    : db_(db), excluded_(db, include_deleted, false) {}

std::size_t LiveCounter::count(const std::vector<std::string>& terms) const {
    std::size_t live = 0;
    if (terms.size() == 1) {
        for (auto p = db_.postlist_begin(terms[0]); p != db_.postlist_end(terms[0]); ++p) live += !excluded_.contains(*p);
        return live;
    }
    // An account's names and id mostly hold the same tweets: each is counted once. The first
    // postings go into a vector, sorted and made unique at the end; once there are more than
    // lastdocid / 64 of them a bitmap is cheaper (zeroing it costs lastdocid / 8 bytes), and
    // they and the rest go into that instead. A term no document has (an account never
    // mentioned, or never writing) is skipped on its frequency, a lookup through the table's own
    // cursor: opening its posting list would make a new cursor and read a block per level.
    const std::size_t bitmap_from = db_.get_lastdocid() / 64;
    std::vector<Xapian::docid> ids;
    std::optional<MatchSet> seen;
    for (const auto& term : terms) {
        if (db_.get_termfreq(term) == 0) continue;
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
            Xapian::docid id = *p;
            if (excluded_.contains(id)) continue;
            if (seen) {
                live += seen->add(id);
                continue;
            }
            ids.push_back(id);
            if (ids.size() > bitmap_from) {
                seen.emplace(db_.get_lastdocid());
                for (Xapian::docid d : ids) live += seen->add(d);
                ids = {};
            }
        }
    }
    if (seen) return live;
    std::sort(ids.begin(), ids.end());
    return static_cast<std::size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

}  // namespace tq

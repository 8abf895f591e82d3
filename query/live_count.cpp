#include "live_count.h"

#include "fields.h"

#include <algorithm>

namespace tq {

namespace {

bool collect_or_terms(const Xapian::Query& query, std::vector<std::string>& out) {
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
        auto term = query.get_terms_begin();
        if (term == query.get_terms_end() || (*term).empty()) return false;
        out.push_back(*term);
        return true;
    }
    if (query.get_type() != Xapian::Query::OP_OR) return false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!collect_or_terms(query.get_subquery(i), out)) return false;
    }
    return true;
}

}  // namespace

std::optional<std::vector<std::string>> or_of_terms(const Xapian::Query& query) {
    std::vector<std::string> terms;
    if (!collect_or_terms(query, terms)) return std::nullopt;
    return terms;
}

LiveCounter::LiveCounter(const Xapian::Database& db, bool include_deleted) : db_(db), excluded_(db.get_lastdocid()) {
    std::vector<std::string> left_out{std::string(ti::kTombstoneTerm)};
    if (!include_deleted) left_out.emplace_back(ti::kDeletedTerm);
    for (const auto& term : left_out) {
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) excluded_.add(*p);
    }
}

std::size_t LiveCounter::count(const std::vector<std::string>& terms) const {
    std::size_t live = 0;
    if (terms.size() == 1) {
        for (auto p = db_.postlist_begin(terms[0]); p != db_.postlist_end(terms[0]); ++p) live += !excluded_.contains(*p);
        return live;
    }
    // An account's names and id mostly hold the same tweets: each is counted once. Few postings
    // are sorted and made unique; many are marked in a bitmap (zeroing one costs lastdocid / 8
    // bytes). Not asking get_termfreq first saves a lookup per term.
    std::vector<Xapian::docid> ids;
    for (const auto& term : terms) {
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
            if (!excluded_.contains(*p)) ids.push_back(*p);
        }
    }
    if (ids.size() < db_.get_lastdocid() / 64) {
        std::sort(ids.begin(), ids.end());
        return static_cast<std::size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
    }
    MatchSet seen(db_.get_lastdocid());
    for (Xapian::docid id : ids) live += seen.add(id);
    return live;
}

}  // namespace tq

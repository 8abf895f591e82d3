#include "merge.h"

#include "fields.h"
#include "index.h"

#include <xapian.h>

namespace ti {

namespace {

// Each mark and its term: one line each.
template <typename Fn>
void for_each_mark_term(Fn&& fn) {
    fn(&Marks::deleted, kDeletedTerm);
    fn(&Marks::withheld, kWithheldTerm);
    fn(&Marks::liked, kLikedTerm);
    fn(&Marks::purged, kPurgedTerm);
}

}  // namespace

StoredState read_stored_state(const Xapian::Document& doc) {
    StoredState s;
    s.tombstone = has_term(doc, kTombstoneTerm);
    s.truncated = has_term(doc, kTruncatedTerm);
    for_each_mark_term([&](bool Marks::*mark, std::string_view term) { s.marks.*mark = has_term(doc, term); });
    return s;
}

void add_mark_terms(Xapian::Document& doc, const Marks& marks) {
    for_each_mark_term([&](bool Marks::*mark, std::string_view term) {
        if (marks.*mark) doc.add_boolean_term(std::string(term));
    });
}

Incoming Incoming::of(const Tweet& t) {
    Incoming in;
    in.kind = Kind::Tweet;
    in.marks.deleted = t.deleted;
    in.marks.withheld = t.withheld;
    in.marks.liked = t.liked;
    in.truncated = t.text_truncated;
    return in;
}

Incoming Incoming::of(const ControlRecord& notice) {
    Incoming in;
    in.kind = notice.kind == ControlRecord::Kind::Delete ? Kind::DeleteNotice : Kind::WithheldNotice;
    return in;
}

MergeAction decide_merge(const std::optional<StoredState>& stored, const Incoming& in) {
    using Write = MergeAction::Write;
    using Count = MergeAction::Count;
    if (in.kind != Incoming::Kind::Tweet) {
        // A notice marks its tweet, or holds the id with a tombstone the tweet replaces. Only a
        // delete notice's tombstone is counted (IndexCounts::tombstones).
        Marks mark;
        bool is_delete = in.kind == Incoming::Kind::DeleteNotice;
        (is_delete ? mark.deleted : mark.withheld) = true;
        if (stored) return {Write::MarkStored, mark, Count::None, false};
        return {Write::AddTombstone, mark, is_delete ? Count::Tombstone : Count::None, false};
    }
    if (!stored) return {Write::AddTweet, in.marks, Count::Added, true};
    const StoredState& s = *stored;
    const Marks& was = s.marks;
    if (was.purged) return {Write::Nothing, {}, Count::Duplicate, false};  // purged for good
    if (s.tombstone) {
        // Its notice came first: the tweet takes the tombstone's place, still marked.
        Marks marks{in.marks.deleted || was.deleted, in.marks.withheld || was.withheld, in.marks.liked, false};
        return {Write::ReplaceWithTweet, marks, Count::Added, true};
    }
    if (was.liked && !in.marks.liked) {
        // A like (like.js: no author, no date) and then the tweet itself: one document, the
        // tweet's, marked liked.
        Marks marks{in.marks.deleted || was.deleted, in.marks.withheld || was.withheld, true, false};
        return {Write::ReplaceWithTweet, marks, Count::Duplicate, true};
    }
    if (!was.liked && in.marks.liked) {
        Marks liked;
        liked.liked = true;
        return {Write::MarkStored, liked, Count::Duplicate, false};
    }
    if (s.truncated && !in.truncated) {
        // A full copy of a tweet known only cut: the full one is kept, deleted or not.
        Marks marks{in.marks.deleted || was.deleted, in.marks.withheld || was.withheld, in.marks.liked, false};
        return {Write::ReplaceWithTweet, marks, Count::Duplicate, true};
    }
    // A copy that says what the stored one does not (deleted-tweets.js: deleted; withheld in
    // some country) marks it, as its notice would.
    Marks news;
    news.deleted = in.marks.deleted && !was.deleted;
    news.withheld = in.marks.withheld && !was.withheld;
    if (news.deleted || news.withheld) return {Write::MarkStored, news, Count::Duplicate, false};
    return {Write::Nothing, {}, Count::Duplicate, false};
}

bool operator==(const Marks& a, const Marks& b) {
    return a.deleted == b.deleted && a.withheld == b.withheld && a.liked == b.liked && a.purged == b.purged;
}

bool operator==(const StoredState& a, const StoredState& b) {
    return a.tombstone == b.tombstone && a.truncated == b.truncated && a.marks == b.marks;
}

bool operator==(const MergeAction& a, const MergeAction& b) {
    return a.write == b.write && a.marks == b.marks && a.count == b.count && a.note_accounts == b.note_accounts;
}

}  // namespace ti

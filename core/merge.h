// The merge of what comes in for a tweet id (a copy of the tweet, or a delete or withheld
// notice) with what the index holds for it: decide_merge() is a pure decision, which
// IndexWriter carries out. The rules are those of fields.h's header: one document per id, a
// notice before its tweet leaves a tombstone the tweet replaces, a purged tombstone stays, a
// full copy replaces a cut one, a like and its tweet are one document.
#pragma once

#include "tweet.h"

#include <optional>

namespace Xapian {
class Document;
}

namespace ti {

// The marks a document carries: XSTATEdeleted, XSTATEwithheld, XISliked, XSTATEpurged.
struct Marks {
    bool deleted = false;
    bool withheld = false;
    bool liked = false;
    bool purged = false;  // only --purge-deleted's tombstones
};

// What the index holds for an id, read once from its document (read_stored_state).
struct StoredState {
    bool tombstone = false;  // a notice's placeholder: the tweet itself has not come
    bool truncated = false;  // only a cut copy of the text is known
    Marks marks;
};
StoredState read_stored_state(const Xapian::Document& doc);

// What came in for the id.
struct Incoming {
    enum class Kind { Tweet, DeleteNotice, WithheldNotice };
    Kind kind = Kind::Tweet;
    Marks marks;             // a tweet's own: deleted (deleted-tweets.js), withheld, liked (like.js)
    bool truncated = false;  // a tweet's text cut (Tweet::text_truncated)

    static Incoming of(const Tweet& tweet);
    // A Delete or StatusWithheld notice.
    static Incoming of(const ControlRecord& notice);
};

struct MergeAction {
    enum class Write {
        Nothing,           // the index keeps what it has
        AddTweet,          // a new document for the tweet (its own marks; edit versions settled around it)
        ReplaceWithTweet,  // the tweet, carrying exactly `marks`, takes the stored document's place
        MarkStored,        // the stored document gains the marks set in `marks`
        AddTombstone,      // a tombstone carrying `marks` holds the id until its tweet comes
    };
    enum class Count { None, Added, Duplicate, Tombstone };  // IndexCounts added, duplicates, tombstones

    Write write = Write::Nothing;
    Marks marks;
    Count count = Count::None;
    bool note_accounts = false;  // the incoming tweet's accounts go to the registry
};

// `stored` is nullopt when the index holds nothing for the id.
MergeAction decide_merge(const std::optional<StoredState>& stored, const Incoming& incoming);

// Adds the terms of the marks set in `marks` to a document.
void add_mark_terms(Xapian::Document& doc, const Marks& marks);

bool operator==(const Marks& a, const Marks& b);
bool operator==(const StoredState& a, const StoredState& b);
bool operator==(const MergeAction& a, const MergeAction& b);

}  // namespace ti

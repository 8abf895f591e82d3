// The merge of an incoming tweet or notice with what the index holds (merge.h): each case a row
// of (what came before, the state it leaves, what comes in, the action). The rows are checked
// against decide_merge(), and, by indexing each row's records through IndexWriter, against the
// real index: the earlier records leave that state, and the incoming one leaves the document,
// counts and accounts the action says.
#include "accounts.h"
#include "fields.h"
#include "index.h"
#include "index_writer.h"
#include "merge.h"
#include "record.h"
#include "tweet.h"

#include <catch2/catch.hpp>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

using ti::Marks;
using ti::MergeAction;
using ti::StoredState;
using Write = MergeAction::Write;
using Count = MergeAction::Count;

// The records a case is made of: copies of one tweet (id kId) as the formats give them, its
// notices, a retweet of it, and --purge-deleted.
enum class Step {
    Tweet,           // the whole tweet, from a stream or an archive
    CutTweet,        // a stream's compatibility-mode copy: text cut
    LikedTweet,      // an archive's like.js entry: no author, no date
    DeletedTweet,    // an archive's deleted-tweets.js copy
    WithheldTweet,   // a copy withheld in some country
    Retweet,         // a retweet of it: another id
    DeleteNotice,
    WithheldNotice,  // status_withheld
    Purge,           // tweet-index --purge-deleted
};

const std::string kId = "1000";
const std::string kRetweetId = "2000";
const std::string kIncomingAuthor = "newcomer";  // the incoming copy's author: the registry tells if it was noted

bool is_notice(Step s) { return s == Step::DeleteNotice || s == Step::WithheldNotice; }

// A copy of the tweet; `word` is in its text only, so the document tells which copy it holds.
ti::Tweet tweet_of(Step step, const std::string& word, const std::string& author) {
    ti::Tweet t;
    t.id = step == Step::Retweet ? kRetweetId : kId;
    t.created_at = 1300000000;
    t.author.id = author == kIncomingAuthor ? "77" : "42";
    t.author.screen_name = author;
    t.lang = "en";
    t.text = "the whole text of the tweet " + word;
    switch (step) {
        case Step::CutTweet:
            t.text = "the whole text " + word + "\xE2\x80\xA6";
            t.text_truncated = true;
            break;
        case Step::LikedTweet:
            t.liked = true;
            t.author = {};
            t.created_at = 0;
            break;
        case Step::DeletedTweet: t.deleted = true; break;
        case Step::WithheldTweet: t.withheld = true; break;
        case Step::Retweet:
            t.is_retweet = true;
            t.retweet_of = kId;
            t.retweeted_text = "RT @alice: " + t.text;
            t.text = t.retweeted_text;
            break;
        default: break;
    }
    return t;
}

ti::ControlRecord notice_of(Step step) {
    ti::ControlRecord c;
    c.kind = step == Step::DeleteNotice ? ti::ControlRecord::Kind::Delete : ti::ControlRecord::Kind::StatusWithheld;
    c.status_id = kId;
    c.user_id = "42";
    return c;
}

ti::Incoming incoming_of(Step step) {
    return is_notice(step) ? ti::Incoming::of(notice_of(step)) : ti::Incoming::of(tweet_of(step, "", kIncomingAuthor));
}

Marks marks(std::string_view names) {
    Marks m;
    ti::for_each_name(names, [&](std::string_view n) {
        (n == "deleted" ? m.deleted : n == "withheld" ? m.withheld : n == "liked" ? m.liked : m.purged) = true;
    });
    return m;
}

StoredState tweet_state(std::string_view mark_names, bool truncated = false) {
    return {false, truncated, marks(mark_names)};
}
StoredState tombstone_state(std::string_view mark_names) { return {true, false, marks(mark_names)}; }

struct Row {
    const char* name;
    std::vector<Step> before;           // what the index met first
    std::optional<StoredState> stored;  // what that leaves for the incoming record's id
    Step incoming;
    MergeAction action;
};

// clang-format off
const std::vector<Row> kRows = {
    {"a new tweet", {}, std::nullopt, Step::Tweet,
     {Write::AddTweet, {}, Count::Added, true}},
    {"a new cut tweet", {}, std::nullopt, Step::CutTweet,
     {Write::AddTweet, {}, Count::Added, true}},
    {"a duplicate", {Step::Tweet}, tweet_state(""), Step::Tweet,
     {Write::Nothing, {}, Count::Duplicate, false}},
    {"a fuller copy replaces a cut one", {Step::CutTweet}, tweet_state("", true), Step::Tweet,
     {Write::ReplaceWithTweet, {}, Count::Duplicate, true}},
    {"a fuller copy replaces a cut one, deleted and withheld carried",
     {Step::CutTweet, Step::DeleteNotice, Step::WithheldNotice}, tweet_state("deleted withheld", true), Step::Tweet,
     {Write::ReplaceWithTweet, marks("deleted withheld"), Count::Duplicate, true}},
    {"a cut copy after a full one", {Step::Tweet}, tweet_state(""), Step::CutTweet,
     {Write::Nothing, {}, Count::Duplicate, false}},
    {"a delete notice before its tweet", {}, std::nullopt, Step::DeleteNotice,
     {Write::AddTombstone, marks("deleted"), Count::Tombstone, false}},
    {"the tweet after its delete notice: still deleted", {Step::DeleteNotice}, tombstone_state("deleted"), Step::Tweet,
     {Write::ReplaceWithTweet, marks("deleted"), Count::Added, true}},
    {"a delete notice after its tweet", {Step::Tweet}, tweet_state(""), Step::DeleteNotice,
     {Write::MarkStored, marks("deleted"), Count::None, false}},
    {"a second delete notice", {Step::DeleteNotice}, tombstone_state("deleted"), Step::DeleteNotice,
     {Write::MarkStored, marks("deleted"), Count::None, false}},
    {"a withheld notice before its tweet", {}, std::nullopt, Step::WithheldNotice,
     {Write::AddTombstone, marks("withheld"), Count::None, false}},
    {"the tweet after its withheld notice: still withheld", {Step::WithheldNotice}, tombstone_state("withheld"),
     Step::Tweet, {Write::ReplaceWithTweet, marks("withheld"), Count::Added, true}},
    {"a withheld notice after its tweet", {Step::Tweet}, tweet_state(""), Step::WithheldNotice,
     {Write::MarkStored, marks("withheld"), Count::None, false}},
    {"a tombstone meets a second notice", {Step::DeleteNotice}, tombstone_state("deleted"), Step::WithheldNotice,
     {Write::MarkStored, marks("withheld"), Count::None, false}},
    {"the tweet after both notices", {Step::DeleteNotice, Step::WithheldNotice}, tombstone_state("deleted withheld"),
     Step::Tweet, {Write::ReplaceWithTweet, marks("deleted withheld"), Count::Added, true}},
    {"a purged tweet: nothing revives it", {Step::Tweet, Step::DeleteNotice, Step::Purge},
     tombstone_state("deleted purged"), Step::Tweet, {Write::Nothing, {}, Count::Duplicate, false}},
    {"a purged tweet: nor its fuller copy", {Step::CutTweet, Step::DeleteNotice, Step::Purge},
     tombstone_state("deleted purged"), Step::Tweet, {Write::Nothing, {}, Count::Duplicate, false}},
    {"a purged tweet takes a later notice's mark", {Step::Tweet, Step::DeleteNotice, Step::Purge},
     tombstone_state("deleted purged"), Step::WithheldNotice,
     {Write::MarkStored, marks("withheld"), Count::None, false}},
    {"a like, then the tweet", {Step::LikedTweet}, tweet_state("liked"), Step::Tweet,
     {Write::ReplaceWithTweet, marks("liked"), Count::Duplicate, true}},
    {"a like of a deleted tweet, then the tweet", {Step::LikedTweet, Step::DeleteNotice}, tweet_state("liked deleted"),
     Step::Tweet, {Write::ReplaceWithTweet, marks("liked deleted"), Count::Duplicate, true}},
    {"the tweet, then a like", {Step::Tweet}, tweet_state(""), Step::LikedTweet,
     {Write::MarkStored, marks("liked"), Count::Duplicate, false}},
    {"a like after its delete notice", {Step::DeleteNotice}, tombstone_state("deleted"), Step::LikedTweet,
     {Write::ReplaceWithTweet, marks("liked deleted"), Count::Added, true}},
    {"a like twice", {Step::LikedTweet}, tweet_state("liked"), Step::LikedTweet,
     {Write::Nothing, {}, Count::Duplicate, false}},
    {"a retweet of a tweet in the index: a tweet of its own", {Step::Tweet}, std::nullopt, Step::Retweet,
     {Write::AddTweet, {}, Count::Added, true}},
    {"a new deleted-tweets.js copy", {}, std::nullopt, Step::DeletedTweet,
     {Write::AddTweet, marks("deleted"), Count::Added, true}},
    {"a deleted-tweets.js copy replaces a tombstone", {Step::WithheldNotice}, tombstone_state("withheld"),
     Step::DeletedTweet, {Write::ReplaceWithTweet, marks("deleted withheld"), Count::Added, true}},
    {"a deleted-tweets.js copy of a tweet in the index marks it deleted", {Step::Tweet}, tweet_state(""),
     Step::DeletedTweet, {Write::MarkStored, marks("deleted"), Count::Duplicate, false}},
    {"a deleted-tweets.js copy replaces a cut one, deleted", {Step::CutTweet}, tweet_state("", true),
     Step::DeletedTweet, {Write::ReplaceWithTweet, marks("deleted"), Count::Duplicate, true}},
    {"a withheld copy of a tweet in the index marks it withheld", {Step::Tweet}, tweet_state(""),
     Step::WithheldTweet, {Write::MarkStored, marks("withheld"), Count::Duplicate, false}},
    {"a deleted-tweets.js copy of a deleted tweet", {Step::Tweet, Step::DeleteNotice}, tweet_state("deleted"),
     Step::DeletedTweet, {Write::Nothing, {}, Count::Duplicate, false}},
    {"a withheld copy replaces a cut one", {Step::CutTweet}, tweet_state("", true), Step::WithheldTweet,
     {Write::ReplaceWithTweet, marks("withheld"), Count::Duplicate, true}},
};
// clang-format on

std::string describe(const Marks& m) {
    std::string out;
    for (auto [on, name] : {std::pair{m.deleted, "deleted"}, std::pair{m.withheld, "withheld"},
                            std::pair{m.liked, "liked"}, std::pair{m.purged, "purged"}})
        if (on) out += std::string(out.empty() ? "" : " ") + name;
    return "{" + out + "}";
}

std::string describe(const std::optional<StoredState>& s) {
    if (!s) return "nothing";
    std::string kind = s->tombstone ? "tombstone" : "tweet";
    return kind + (s->truncated ? " (cut)" : "") + " " + describe(s->marks);
}

std::string describe(const MergeAction& a) {
    static const std::map<Write, const char*> writes = {{Write::Nothing, "nothing"}, {Write::AddTweet, "add tweet"},
        {Write::ReplaceWithTweet, "replace with tweet"}, {Write::MarkStored, "mark stored"},
        {Write::AddTombstone, "add tombstone"}};
    static const std::map<Count, const char*> counts = {{Count::None, "-"}, {Count::Added, "added"},
        {Count::Duplicate, "duplicate"}, {Count::Tombstone, "tombstone"}};
    return std::string(writes.at(a.write)) + " " + describe(a.marks) + ", count " + counts.at(a.count) +
           (a.note_accounts ? ", accounts noted" : "");
}

// What the action leaves for the id, by what each write means (merge.h).
std::optional<StoredState> state_after(const std::optional<StoredState>& stored, const ti::Incoming& in,
                                       const MergeAction& a) {
    switch (a.write) {
        case Write::Nothing: return stored;
        case Write::AddTweet: return StoredState{false, in.truncated, in.marks};
        case Write::ReplaceWithTweet: return StoredState{false, in.truncated, a.marks};
        case Write::MarkStored: {
            StoredState s = *stored;
            s.marks.deleted |= a.marks.deleted;
            s.marks.withheld |= a.marks.withheld;
            s.marks.liked |= a.marks.liked;
            s.marks.purged |= a.marks.purged;
            return s;
        }
        case Write::AddTombstone: return StoredState{true, false, a.marks};
    }
    return std::nullopt;
}

struct TempIndex {
    std::string path;
    explicit TempIndex(const std::string& name)
        : path((std::filesystem::temp_directory_path() / ("tweet-index-merge-" + std::to_string(getpid()) + "-" + name))
                   .string()) {
        std::filesystem::remove_all(path);
    }
    ~TempIndex() { std::filesystem::remove_all(path); }
};

std::optional<Xapian::Document> document_of(Xapian::Database& db, const std::string& id) {
    std::string q = std::string(ti::prefix::id) + id;
    auto p = db.postlist_begin(q);
    if (p == db.postlist_end(q)) return std::nullopt;
    return db.get_document(*p);
}

// Every document's stored record and terms: what "nothing else moved" compares.
std::map<std::string, std::string> snapshot(Xapian::Database& db) {
    std::map<std::string, std::string> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        if (ti::has_term(doc, ti::kStemsDocumentTerm)) continue;  // not a tweet: its words' stems
        std::string all = ti::stored_record(doc);
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) all += "\n" + *t;
        out[ti::stored_record(doc)] = all;
    }
    return out;
}

}  // namespace

TEST_CASE("decide_merge: each case's action") {
    for (const Row& row : kRows) {
        MergeAction got = ti::decide_merge(row.stored, incoming_of(row.incoming));
        INFO(row.name << ": stored " << describe(row.stored) << "; wanted " << describe(row.action) << ", got "
                      << describe(got));
        CHECK(got == row.action);
    }
}

TEST_CASE("decide_merge: each case through IndexWriter leaves the state, document, counts and accounts it says") {
    int n = 0;
    for (const Row& row : kRows) {
        INFO(row.name);
        TempIndex dir(std::to_string(n++));
        ti::IndexWriter writer(dir.path, {});
        int copy = 0;
        auto index = [&](Step step, const std::string& author) {
            if (step == Step::Purge) writer.purge_deleted();
            else if (is_notice(step)) writer.apply(notice_of(step));
            else writer.add(tweet_of(step, "copy" + std::to_string(copy), author));
            ++copy;
        };
        for (Step step : row.before) index(step, "alice");
        writer.commit();
        Xapian::Database& db = writer.database();
        ti::Incoming in = incoming_of(row.incoming);
        std::string id = row.incoming == Step::Retweet ? kRetweetId : kId;

        // The earlier records leave the row's state.
        std::optional<Xapian::Document> before = document_of(db, id);
        std::optional<StoredState> stored;
        if (before) stored = ti::read_stored_state(*before);
        INFO("stored: wanted " << describe(row.stored) << ", index holds " << describe(stored));
        REQUIRE(stored == row.stored);
        auto others = snapshot(db);
        if (before) others.erase(ti::stored_record(*before));

        ti::IndexCounts counts_before = writer.counts();
        std::string word = "copy" + std::to_string(copy);
        index(row.incoming, kIncomingAuthor);
        writer.commit();

        // The document the action says.
        std::optional<Xapian::Document> after = document_of(db, id);
        REQUIRE(after);
        std::optional<StoredState> wanted = state_after(row.stored, in, row.action);
        INFO("after: wanted " << describe(wanted) << ", index holds " << describe(ti::read_stored_state(*after)));
        CHECK(ti::read_stored_state(*after) == *wanted);
        bool holds_incoming = row.action.write == Write::AddTweet || row.action.write == Write::ReplaceWithTweet;
        CHECK(ti::has_term(*after, word) == holds_incoming);
        if (row.action.write == Write::Nothing || row.action.write == Write::MarkStored)
            CHECK(ti::stored_record(*after) == ti::stored_record(*before));
        if (row.action.write == Write::AddTombstone)
            CHECK(ti::stored_record(*after).find("\"text\"") == std::string::npos);
        CHECK(ti::tweet_and_tombstone_documents(db) == others.size() + 1);
        auto now = snapshot(db);
        now.erase(ti::stored_record(*after));
        CHECK(now == others);  // nothing else moved

        // The counts it says.
        const ti::IndexCounts& c = writer.counts();
        CHECK(c.added - counts_before.added == (row.action.count == Count::Added ? 1u : 0u));
        CHECK(c.duplicates - counts_before.duplicates == (row.action.count == Count::Duplicate ? 1u : 0u));
        CHECK(c.tombstones - counts_before.tombstones == (row.action.count == Count::Tombstone ? 1u : 0u));

        // The accounts: the incoming copy's author is known to the registry only if noted (a
        // like has no author to note).
        if (!is_notice(row.incoming) && row.incoming != Step::LikedTweet) {
            bool known = ti::AccountDirectory(db).find(kIncomingAuthor).has_value();
            CHECK(known == row.action.note_accounts);
        }
    }
}

TEST_CASE("a tombstone's stored record is JSON with the notice's ids, whatever they hold") {
    TempIndex dir("tombstone-json");
    ti::IndexWriter writer(dir.path, {});
    ti::ControlRecord notice;
    notice.kind = ti::ControlRecord::Kind::Delete;
    notice.status_id = "12\"3\\4";  // no reader gives such an id; a caller of IndexWriter may
    notice.user_id = "5\"6";
    writer.apply(notice);
    writer.commit();
    std::optional<Xapian::Document> doc = document_of(writer.database(), notice.status_id);
    REQUIRE(doc);
    std::string record = ti::stored_record(*doc);
    simdjson::dom::parser parser;
    simdjson::dom::object o;
    REQUIRE(parser.parse(record).get(o) == simdjson::SUCCESS);
    std::string_view id, author_id;
    REQUIRE(o["id"].get(id) == simdjson::SUCCESS);
    REQUIRE(o["author_id"].get(author_id) == simdjson::SUCCESS);
    CHECK(id == notice.status_id);
    CHECK(author_id == notice.user_id);
    CHECK(o.size() == 2);
}

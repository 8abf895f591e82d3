// Writes tweets into the index: one document per tweet id, delete notices applied whatever
// their order, accounts merged, files remembered so unchanged ones are skipped.
#pragma once

#include "accounts.h"
#include "segment_ids.h"
#include "shard.h"
#include "sources.h"
#include "tweet.h"

#include <xapian.h>

#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ti {

struct IndexCounts {
    std::size_t added = 0;
    std::size_t duplicates = 0;
    std::size_t delete_notices = 0;
    std::size_t tombstones = 0;       // delete notices that came before their tweet
    std::size_t limit_dropped = 0;    // tweets a stream said it dropped (`limit`)
    std::size_t other_controls = 0;
    std::size_t withheld_notices = 0;  // status_withheld and user_withheld
    std::size_t other_shard = 0;       // tweets and notices left to the other shards (--shard)
};

// Every count of IndexCounts, once, with its name: what sums the counts of several writers (and
// anything else that walks them) reads, so a new count is added here and nowhere else.
struct IndexCountField {
    std::size_t IndexCounts::*member;
    std::string_view name;
};
inline constexpr IndexCountField kIndexCountFields[] = {
    {&IndexCounts::added, "added"},
    {&IndexCounts::duplicates, "duplicates"},
    {&IndexCounts::delete_notices, "delete_notices"},
    {&IndexCounts::tombstones, "tombstones"},
    {&IndexCounts::limit_dropped, "limit_dropped"},
    {&IndexCounts::other_controls, "other_controls"},
    {&IndexCounts::withheld_notices, "withheld_notices"},
    {&IndexCounts::other_shard, "other_shard"},
};
static_assert(sizeof(IndexCounts) == std::size(kIndexCountFields) * sizeof(std::size_t),
              "a count of IndexCounts is missing from kIndexCountFields");

inline IndexCounts& operator+=(IndexCounts& into, const IndexCounts& other) {
    for (const auto& field : kIndexCountFields) into.*field.member += other.*field.member;
    return into;
}

class IndexWriter {
  public:
    struct Options {
        // Documents per commit. 5,000 measured fastest of 2,000-100,000 (less CPU than 20,000, a
        // third less peak memory): docs/performance.md, "Batch size".
        std::size_t batch_size = 5000;
        bool strict = false;             // a file with a rejected record leaves no trace (a commit per file)
        Shard shard;                     // only the tweets of this shard (shard.h); accounts from all
        bool accounts = true;            // keep the account registry
        // A database the run throws away if it is killed (a writer's shard of a new index,
        // merged into the index at the end): its commits are not synced to disk, which cost a
        // sixth of a 1M-tweet build (docs/performance.md, "Writer shards not synced").
        bool scratch = false;
        // With scratch: once the database being written holds this many documents (checked at
        // each commit), new documents go to a fresh one beside it, PATH.2, PATH.3, ..., so no
        // commit goes into a B-tree of millions of documents (segment_paths(), for the merge).
        // The sealed ones stay open for what a later copy or notice changes in the tweets they
        // hold; the files read and the account registry stay in the first. 0: one database.
        std::size_t segment_docs = 0;
        // Several writers of one index's shards in threads (indexer/parallel_writers.h) keep one
        // registry: the others hand their sightings to `accounts_to` at each commit instead of
        // storing them, and the one that keeps it stores what `accounts_from` gathered with its own.
        SightingsInbox* accounts_to = nullptr;
        SightingsInbox* accounts_from = nullptr;
        // Adding to an index that holds tweets: the new ones go into a fresh segment
        // (segmented_index.h), the index made an index of segments first if it is not one.
        bool add_in_new_segment = false;
    };
    IndexWriter(const std::string& path, Options options);

    bool already_indexed(const FileInfo& file);
    void begin_file(const FileInfo& file);
    // Records the file as indexed when `complete`; with `discard` (strict mode) undoes it.
    void end_file(const FileInfo& file, bool complete, bool discard);

    // Completes the tweet's entities (entity_fill.h) and indexes it once.
    void add(Tweet tweet);
    void apply(const ControlRecord& record);
    // Records an account's status (suspended, withheld, ...) in its account record.
    void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status);
    // Records an account seen without a tweet (a user lookup) as of `when`.
    void account(const User& user, std::int64_t when);
    // Drops the content of every deleted tweet, leaving a purged tombstone nothing revives.
    // Returns how many were purged.
    std::size_t purge_deleted();
    void commit();
    // Commits, then rewrites the index with Xapian's compactor (full blocks, docids kept; an
    // index built by adding tweets is about 1.5x the size of its compacted copy) and swaps the
    // copy in with one rename, so the path always holds a whole index. The writer is closed
    // after it. Returns the reason when it could not; the index is then as it was. Throws
    // IndexError, touching nothing, when the index folder or PATH.compacting holds anything but
    // an index of ours (index.h why_folder_is_not_ours).
    std::optional<std::string> compact();
    // The end of a run on an index of segments: a fresh segment this run left empty is taken
    // off the list, and segments are merged so that there are few (merge_policy). Commits first.
    void finish();

    // Block size of every compacted index (this compaction and the merge of the writers' shards):
    // 16 KB blocks are 1% smaller than 8 KB ones at 1M tweets, and searches no slower that we
    // could measure (docs/performance.md, "Index size").
    static constexpr unsigned kCompactedBlockSize = 16384;

    const IndexCounts& counts() const { return counts_; }
    // The first database: the only one without Options::segment_docs.
    Xapian::WritableDatabase& database() { return db_; }
    // Every database written, the first first (Options::segment_docs).
    std::vector<std::string> segment_paths() const;
    void close();  // what was not committed is dropped (each batch is a transaction)

    // The document for a tweet: exposed for tests.
    Xapian::Document build_document(const Tweet& tweet);

  private:
    // A stored document: the database (segment) that holds it, and its number there.
    struct Located {
        Xapian::WritableDatabase* db;
        Xapian::docid docid;
        bool operator<(const Located& o) const { return db != o.db ? db < o.db : docid < o.docid; }
        bool operator==(const Located& o) const { return db == o.db && docid == o.docid; }
    };
    std::optional<Located> find(const std::string& id);
    // A document the index does not hold yet, into the segment being written.
    void add_new_document(const Xapian::Document& doc);
    // Where the marks of the files read go: with the tweets they gave.
    Xapian::WritableDatabase& files_database() { return segment_names_.empty() ? db_ : current_segment(); }
    void start_fresh_segment();
    // Adding into a fresh segment, each batch's changes to the older segments (a notice's marks,
    // a fuller copy, a superseded version, the registry) are also written, as a journal, into
    // the fresh segment, which is committed first: a kill before the older segments' commits
    // leaves the journal, which the next writer replays, so no revision of the index holds half
    // a batch. Cleared at the end of the run, before any merge.
    struct Journal {
        std::vector<std::tuple<std::string, Xapian::docid, std::string>> documents;  // segment, number, serialised
        std::vector<std::pair<std::string, std::string>> registry;                 // the first segment's metadata
    };
    bool journaling() const { return !segment_names_.empty() && segment_count() > listed_; }
    // Replaces a stored document, in the journal too when it is in an older segment.
    void replace_stored(Xapian::WritableDatabase& db, Xapian::docid docid, const Xapian::Document& doc);
    void replay_journals();
    void clear_journal();
    // Replaces segments [first, end) of the list by their merge.
    void merge_segments(std::size_t first, std::size_t end);
    Xapian::WritableDatabase& segment(std::size_t k) { return k == 0 ? db_ : later_segments_[k - 1]; }
    std::size_t segment_count() const { return 1 + later_segments_.size(); }
    std::string segment_path(std::size_t k) const;  // PATH, PATH.2, ...; PATH/segN in an index of segments
    Xapian::WritableDatabase& current_segment() { return segment(segment_count() - 1); }
    void seal_current_segment();
    // Versions of an edited tweet: marks the earlier versions in the index superseded, and says
    // whether a later version than this one is there.
    bool supersede_versions(const Tweet& tweet);
    std::optional<bool> index_has_edits_;  // any XEDIT term yet: asked once
    void note_accounts(const Tweet& tweet);
    void flush_accounts();
    void commit_if_due();
    // Between two commits each database this writer writes is inside a Xapian transaction, so
    // Xapian commits nothing on its own: not at its flush threshold (10,000 changes), nor when
    // the database is closed or destroyed after an error (a transaction is then cancelled). A
    // revision holds a batch's tweets with their stems document, their files' marks and the
    // account registry, or none of them; a run that fails adds the batch again next time.
    void begin_batch(Xapian::WritableDatabase& db);
    const Xapian::Stem& stemmer_for(const std::string& lang);
    // Queues an XSTEM term for each word of `doc` this writer has not yet given a stem in
    // `lang`; add_stems_document() writes them. Stems are Xapian's STEM_SOME ones: a word that
    // starts with a letter, stemmed in the tweet's language.
    void note_stems(const Xapian::Document& doc, const std::string& lang, const Xapian::Stem& stemmer);
    void add_stems_document();
    void forget_pending_stems();  // a discarded file's: its words get their stems again later

    std::string path_;
    Options options_;
    // An index of segments (segmented_index.h): the folder names of the segments, in the list's
    // order, the fresh one last; empty for an index of one database. The first `listed_` were
    // there before this run: an id is looked up in each of them.
    std::vector<std::string> segment_names_;
    std::size_t listed_ = 0;
    Xapian::docid fresh_first_docid_ = 0;  // the fresh segment's first document's number
    Journal journal_;
    Xapian::WritableDatabase db_;
    std::vector<Xapian::WritableDatabase> later_segments_;  // Options::segment_docs
    SegmentIds sealed_ids_;                          // the ids in every segment but the current one
    std::unordered_set<std::string> sealed_chains_;  // edit chains (first version's id) with a version there
    Xapian::TermGenerator termgen_;
    std::map<std::string, Xapian::Stem> stemmers_;
    // "lang word" of every word given its stem in this run (cleared past kMaxWordsWithStems, so
    // memory stays bounded: a word seen again is then written again, which changes nothing),
    // and the XSTEM terms of those not yet written, with their keys.
    static constexpr std::size_t kMaxWordsWithStems = 500000;
    std::unordered_set<std::string> words_with_stems_;
    std::vector<std::pair<std::string, std::string>> pending_stems_;
    AccountSightings file_accounts_;     // since the file began (dropped with it in strict mode)
    AccountSightings pending_accounts_;  // since the last commit
    std::size_t pending_docs_ = 0;
    bool in_strict_file_ = false;        // strict mode: the batch is this file, until it ends
    IndexCounts counts_;
    IndexCounts counts_before_file_;     // strict mode: what a discarded file's counts go back to
};

}  // namespace ti

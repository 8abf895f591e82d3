// An index of several databases behind one name: the folder holds Xapian's stub file XAPIANDB,
// one line "auto segN" per segment, and the segments beside it, each a database of our schema.
// Xapian opens such a folder as the segments searched together, so tweet-query, a stub of
// shards, xapian-tcpsrv and xapian-delve read it as one index.
//
// A run that adds to an index writes its new tweets into a fresh segment instead of into the
// B-tree of the whole index, whose full blocks every commit would split (docs/performance.md,
// "Adding into a fresh segment"). Rules that keep it one index:
// - an id lives in one segment: the one that first held it; later copies, notices and edits
//   change it there;
// - document ids are unique across segments and grow with arrival: a fresh segment's first
//   document takes the number after the highest of the others, so merges keep the numbers
//   (Xapian's DBCOMPACT_NO_RENUMBER) and `audit --since-last` keeps its mark
//   (highest_arrival_number);
// - the first segment holds what readers take from metadata (Xapian reads metadata from a stub's
//   first database only): the schema, the identity, the account registry; a segment holds the
//   marks of the files whose tweets it holds;
// - the list changes by one rename of XAPIANDB, so a reader, or a run killed at any point, sees
//   the old list or the new one; a folder not on the list is what a killed run left.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

inline constexpr std::string_view kStubFileName = "XAPIANDB";

// A folder holding XAPIANDB (whatever else it holds).
bool is_segmented_index(const std::string& path);

// "seg" and a number: a segment's folder name.
bool is_segment_folder_name(std::string_view name);

// The segments XAPIANDB lists, in its order (names, relative to the index folder). IndexError
// when it cannot be read or lists anything but our segments.
std::vector<std::string> listed_segments(const std::string& index);

// Replaces XAPIANDB with one listing `segments`, durably (written beside, synced, renamed).
void list_segments(const std::string& index, const std::vector<std::string>& segments);

// A name for a new segment: above every segment folder there, listed or not.
std::string next_segment_name(const std::string& index);

// Removes the segment folders that XAPIANDB does not list (a killed run's, or a merge's inputs
// or output), when they are ours. Only with the index's lock held.
void remove_unlisted_segments(const std::string& index);

// Where convert_to_segments builds the new folder: beside the index, so the exchange is one call.
std::string segmenting_path(const std::string& index);

// Turns an index of one database into an index of segments with that database as its first,
// in place: the database's files are linked into the new folder, which one exchange of folders
// puts at the path. Readers see the one or the other, both whole. False (nothing changed) when
// the filesystem cannot link files; IndexError when the index is locked.
bool convert_to_segments(const std::string& index);

// What Xapian's compactor does with a metadata key that several of the databases it merges hold:
// a file's mark, the one of the latest modification time; anything else, any one (the schema is
// the same in each; the identity, which differs, the caller sets on the merged database). Tests only: TWEET_INDEX_TEST_MERGE_PAUSE_MS makes it wait that long at
// each table it starts, so that a test can kill the process in the middle of a merge.
class SegmentCompactor : public Xapian::Compactor {
  public:
    SegmentCompactor();
    void set_status(const std::string& table, const std::string& status) override;
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;

  private:
    int pause_ms_ = 0;
};

// Segments merge when kMergeFactor neighbours are of one size tier (their documents' count in
// powers of kMergeFactor, within three quarters of a power of the largest), as Lucene's log merge
// policy does: each tweet is copied again about once per tier, and a tier holds fewer than
// kMergeFactor segments. Past kMaxSegments the newest (the smallest) merge too, so a search opens
// a bounded number of databases.
inline constexpr std::size_t kMergeFactor = 4;
inline constexpr std::size_t kMaxSegments = 8;
struct SegmentRun {
    std::size_t first = 0, end = 0;  // [first, end) in the list
};
// The next segments to merge, from the documents of each in the list's order; none when done.
std::optional<SegmentRun> merge_policy(const std::vector<Xapian::doccount>& docs);

// The highest arrival number the index holds (`audit --since-last` keeps it as its mark): a
// document's number in its own database, which is what a Xapian MatchDecider sees, and which in
// an index of segments grows with arrival across them. Xapian numbers the documents of several
// databases searched together by interleaving them (database k's document n is
// (n - 1) * databases + k + 1), so the highest of those is the highest own number.
Xapian::docid highest_arrival_number(const Xapian::Database& db);

}  // namespace ti

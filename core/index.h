// Opening the index: where it is, its schema version, and Xapian's errors turned into ours.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ti {

// An error to show the user as it is (no Xapian class names), with what to do.
class IndexError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// --db, else $TWEET_INDEX_DB, else ./tweets.xapian
std::string resolve_db_path(const std::string& from_option);

// Opens for searching; IndexError when missing (saying how to make one) or of another schema.
Xapian::Database open_index_for_reading(const std::string& path);

// Opens or creates for writing; IndexError when locked or of another schema. A `scratch`
// database (a writer's shard of a new index, which a killed run throws away) is not synced to
// disk at each commit.
Xapian::WritableDatabase open_index_for_writing(const std::string& path, bool scratch = false);

// The one check before tweet-index creates, writes, compacts, swaps or removes a folder: it
// may only when the folder is absent, empty, or a tweet-index index (nothing in it but Xapian's
// files, and our schema key in its metadata, or nothing committed yet: a copy the compactor was
// killed writing). Otherwise the reason, naming the folder: a user's own files are never
// written over or removed.
std::optional<std::string> why_folder_is_not_ours(const std::string& path);
// Removes the folder when why_folder_is_not_ours finds nothing against it; false (and the
// folder left as it is) otherwise.
bool remove_folder_if_ours(const std::string& path);

// A folder holding a Xapian database (its version or lock file): an index, never tweets to read.
bool is_xapian_database_folder(const std::filesystem::path& dir);

bool has_term(const Xapian::Document& doc, std::string_view term);
// The documents of tweets and tombstones: every one but the stems documents (fields.h).
Xapian::doccount tweet_and_tombstone_documents(const Xapian::Database& db);

// A document's tweet id, from its Q term: what `--format ids` prints, without decoding the record.
std::string tweet_id(const Xapian::Document& doc);

// A document's stored record (record.h), the tweet as tweet-query shows it; the one place that
// knows where in the document it is kept. A tombstone's record is {"id", "author_id"} at most.
std::string stored_record(const Xapian::Document& doc);
void set_stored_record(Xapian::Document& doc, const std::string& record);

// Several databases searched together (a stub file of shards): Xapian 1.4 joins their UUIDs
// with ':'.
bool is_sharded(const Xapian::Database& db);

// What tells this index from a rebuilt one at the same path (`audit --since-last` keeps its
// mark per identity): meta::identity, which compaction keeps, else Xapian's uuid. A stub of
// shards is identified by its shards' uuids together; an index of segments (segmented_index.h),
// at `path`, by its first segment's identity.
std::string index_identity(const Xapian::Database& db, const std::string& path);

// Turns a Xapian exception into an IndexError naming the index.
[[noreturn]] void rethrow_as_index_error(const Xapian::Error& e, const std::string& path);

}  // namespace ti

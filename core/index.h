// Opening the index: where it is, its schema version, and Xapian's errors turned into ours.
#pragma once

#include <xapian.h>

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

// Opens or creates for writing; IndexError when locked or of another schema.
Xapian::WritableDatabase open_index_for_writing(const std::string& path);

bool has_term(const Xapian::Document& doc, std::string_view term);

// Several databases searched together (a stub file of shards): Xapian 1.4 joins their UUIDs
// with ':'.
bool is_sharded(const Xapian::Database& db);

// What tells this index from a rebuilt one at the same path (`audit --since-last` keeps its
// mark per identity): meta::identity, which compaction keeps, else Xapian's uuid. A stub of
// shards is identified by its shards' uuids together.
std::string index_identity(const Xapian::Database& db);

// Turns a Xapian exception into an IndexError naming the index.
[[noreturn]] void rethrow_as_index_error(const Xapian::Error& e, const std::string& path);

}  // namespace ti

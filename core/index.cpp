#include "index.h"

#include "fields.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace ti {

std::string resolve_db_path(const std::string& from_option) {
    if (!from_option.empty()) return from_option;
    if (const char* env = std::getenv("TWEET_INDEX_DB"); env && *env) return env;
    return "tweets.xapian";
}

namespace {
void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string stored = db.get_metadata(std::string(meta::schema_version));
    if (stored.empty() && db.get_doccount() == 0) return;
    if (stored != std::to_string(kSchemaVersion)) {
        throw IndexError(fmt::format(
            "{}: index schema version {} but this tweet-index uses version {}; rebuild it: "
            "move it aside and run tweet-index --db {} on your files again",
            path, stored.empty() ? "unknown" : stored, kSchemaVersion, path));
    }
}
}  // namespace

[[noreturn]] void rethrow_as_index_error(const Xapian::Error& e, const std::string& path) {
    if (std::string_view(e.get_type()) == "DatabaseLockError") {
        // Xapian says "already locked" when another writer holds the lock; otherwise the lock
        // file could not be made at all (a read-only filesystem or folder) and it gives why.
        const std::string& msg = e.get_msg();
        if (msg.find("already locked") != std::string::npos || msg.find(": ") == std::string::npos)
            throw IndexError(fmt::format(
                "{}: index is locked by another tweet-index; wait for it to finish, or stop it", path));
        throw IndexError(fmt::format("{}: cannot write the index: {}; it can still be searched, but adding needs a "
                                     "writable folder",
                                     path, msg.substr(msg.rfind(": ") + 2)));
    }
    if (std::string_view(e.get_type()) == "DatabaseCorruptError")
        throw IndexError(fmt::format("{}: index is damaged ({}); rebuild it with tweet-index", path, e.get_msg()));
    throw IndexError(fmt::format("{}: {}", path, e.get_msg().empty() ? e.get_description() : e.get_msg()));
}

bool is_sharded(const Xapian::Database& db) { return db.get_uuid().find(':') != std::string::npos; }

std::string index_identity(const Xapian::Database& db) {
    if (is_sharded(db)) return db.get_uuid();
    std::string stored = db.get_metadata(std::string(meta::identity));
    return stored.empty() ? db.get_uuid() : stored;
}

bool has_term(const Xapian::Document& doc, std::string_view term) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(term));
    return it != doc.termlist_end() && *it == term;
}

Xapian::Database open_index_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw IndexError(fmt::format("{}: no index here. Make one with: tweet-index --db {} FILES...", path, path));
    }
    try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError(fmt::format("{}: not a tweet-index index ({}). Make one with: tweet-index --db {} FILES...",
                                     path, e.get_msg(), path));
    } catch (const Xapian::Error& e) {
        rethrow_as_index_error(e, path);
    }
}

Xapian::WritableDatabase open_index_for_writing(const std::string& path) {
    // A file is a Xapian stub listing shards: Xapian would write new documents round-robin
    // across them, not into the shard their id belongs to (shard.h).
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
        throw IndexError(fmt::format("{}: a file, not an index folder (a stub file of shards is only for reading; "
                                     "index each shard with --db SHARD --shard K/N)", path));
    try {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        check_schema(db, path);
        if (db.get_metadata(std::string(meta::schema_version)).empty()) {
            db.set_metadata(std::string(meta::schema_version), std::to_string(kSchemaVersion));
        }
        // Before any compaction changes the uuid (an index made before this key existed gets
        // the uuid it has now, the one its audits recorded).
        if (db.get_metadata(std::string(meta::identity)).empty())
            db.set_metadata(std::string(meta::identity), db.get_uuid());
        return db;
    } catch (const Xapian::Error& e) {
        rethrow_as_index_error(e, path);
    }
}

}  // namespace ti

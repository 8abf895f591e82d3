#include "index.h"

#include "fields.h"
#include "record_codec.h"
#include "segmented_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

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
    for (int readable = kOldestSchemaRead; readable <= kSchemaVersion; ++readable) {
        if (stored == std::to_string(readable)) return;
    }
    throw IndexError(fmt::format(
        "{}: index schema version {} but this tweet-index uses version {}; rebuild it: "
        "move it aside and run tweet-index --db {} on your files again",
        path, stored.empty() ? "unknown" : stored, kSchemaVersion, path));
}
}  // namespace

namespace {

// The names Xapian 1.4 gives the files of a database folder (glass and chert): its version
// file and lock, each table with its base files and commit temporaries (postlist.glass,
// record.baseA, termlist.tmp), and replication changesets (changes12).
bool is_xapian_file_name(std::string_view name) {
    if (name == "flintlock") return true;
    if (name.starts_with("changes"))
        return name.size() > 7 &&
               std::all_of(name.begin() + 7, name.end(), [](char c) { return c >= '0' && c <= '9'; });
    for (std::string_view stem : {"iamglass", "iamchert", "postlist", "termlist", "position", "spelling", "synonym",
                                  "docdata", "record"}) {
        if (name == stem || (name.starts_with(stem) && name[stem.size()] == '.')) return true;
    }
    return false;
}

// A Xapian stub file: its first line that is not blank or a comment names a backend.
bool is_stub_file(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    for (int read = 0; read < 100 && std::getline(in, line); ++read) {
        auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        std::string word = line.substr(start, line.find_first_of(" \t\r", start) - start);
        for (const char* backend : {"auto", "glass", "chert", "remote", "inmemory"}) {
            if (word == backend) return true;
        }
        return false;
    }
    return false;
}

// --db given a tweet file (`tweet-query --db dell.json`): what it is, and what would index it.
IndexError file_is_not_an_index(const std::string& path) {
    return IndexError(fmt::format("{}: a file, not an index: --db names the folder tweet-index makes. To index this "
                                  "file: tweet-index --db INDEX {}", path, path));
}

// A line of a stub file that names a local database: its number, its backend and the path as
// Xapian reads it (relative to the stub's folder); `path` empty when the line has none.
struct StubShard {
    std::size_t line = 0;
    std::string backend, path;
};

// The local shards of a stub file (lines of `auto`, `glass` or `chert`); `remote` and other
// lines are left out, and `all_local` says whether there were any.
std::vector<StubShard> local_stub_shards(const std::string& stub, bool* all_local = nullptr) {
    namespace fs = std::filesystem;
    std::ifstream in(stub);
    std::string line;
    std::vector<StubShard> shards;
    if (all_local) *all_local = true;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        auto space = line.find_first_of(" \t", start);
        std::string backend = line.substr(start, space - start);
        if (backend != "auto" && backend != "glass" && backend != "chert") {
            if (all_local) *all_local = false;
            continue;
        }
        auto path_start = space == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", space);
        StubShard shard{number, backend, ""};
        if (path_start != std::string::npos) {
            fs::path p(line.substr(path_start));
            if (p.is_relative()) p = fs::path(stub).parent_path() / p;  // as Xapian reads it
            shard.path = p.string();
        }
        shards.push_back(std::move(shard));
    }
    return shards;
}

// The shard of a stub file that does not open, as STUB:LINE: what is wrong with it.
std::optional<std::string> failing_stub_line(const std::string& stub) {
    for (const StubShard& shard : local_stub_shards(stub)) {
        if (shard.path.empty()) return fmt::format("{}:{}: no path after '{}'", stub, shard.line, shard.backend);
        std::error_code ec;
        if (!std::filesystem::exists(shard.path, ec))
            return fmt::format("{}:{}: shard {}: no such index", stub, shard.line, shard.path);
        try {
            Xapian::Database db(shard.path);
        } catch (const Xapian::Error& e) {
            return fmt::format("{}:{}: shard {}: {}", stub, shard.line, shard.path, e.get_msg());
        }
    }
    return std::nullopt;
}

}  // namespace

bool is_xapian_database_folder(const std::filesystem::path& dir) {
    std::error_code ec;
    if (is_segmented_index(dir.string())) return true;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney", "flintlock"}) {
        if (std::filesystem::exists(dir / marker, ec)) return true;
    }
    return false;
}

std::optional<std::string> why_folder_is_not_ours(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) return std::nullopt;
    if (!fs::is_directory(status)) return fmt::format("{}: not a folder", path);
    std::vector<std::string> foreign;
    std::size_t entries = 0;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        ++entries;
        std::string name = it->path().filename().string();
        // An index of segments (segmented_index.h): its list, and segments that are ours.
        if (name == kStubFileName || name == std::string(kStubFileName) + ".new") continue;
        if (is_segment_folder_name(name) && it->is_directory(ec) && !why_folder_is_not_ours(it->path().string()))
            continue;
        if (!is_xapian_file_name(name) || it->is_directory(ec)) foreign.push_back(name);
    }
    if (ec) return fmt::format("{}: cannot look into this folder ({})", path, ec.message());
    if (!foreign.empty()) {
        std::sort(foreign.begin(), foreign.end());
        std::string names = foreign[0];
        if (foreign.size() > 1) names += fmt::format(" and {} more", foreign.size() - 1);
        return fmt::format("{}: holds files that are not a tweet-index index ({})", path, names);
    }
    if (entries == 0) return std::nullopt;
    try {
        Xapian::Database db(path);
        if (!db.get_metadata(std::string(meta::schema_version)).empty()) return std::nullopt;
        if (db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end()) return std::nullopt;
        return fmt::format("{}: a Xapian database of another program (no tweet-index schema key)", path);
    } catch (const Xapian::DatabaseOpeningError&) {
        return std::nullopt;  // only Xapian's files, never committed whole: a copy being built or one left by a kill
    } catch (const Xapian::Error& e) {
        return fmt::format("{}: cannot tell whose Xapian database this is ({})", path, e.get_msg());
    }
}

bool remove_folder_if_ours(const std::string& path) {
    if (why_folder_is_not_ours(path)) return false;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    return !ec;
}

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

std::string index_identity(const Xapian::Database& db, const std::string& path) {
    std::error_code ec;
    if (is_sharded(db) && std::filesystem::is_regular_file(path, ec)) {
        // A stub of shards: its shards' identities, each of which an index of segments keeps
        // while its segments come and go; with a remote shard, the uuids of them all.
        bool all_local = true;
        std::vector<StubShard> shards = local_stub_shards(path, &all_local);
        if (!all_local || shards.empty()) return db.get_uuid();
        std::string joined;
        for (const StubShard& shard : shards) {
            try {
                Xapian::Database one(shard.path);
                joined += (joined.empty() ? "" : ":") + index_identity(one, shard.path);
            } catch (const Xapian::Error&) {
                return db.get_uuid();
            }
        }
        return joined;
    }
    // An index of segments: its first segment keeps the identity, through conversion and merges.
    if (is_sharded(db) && !is_segmented_index(path)) return db.get_uuid();
    std::string stored = db.get_metadata(std::string(meta::identity));
    return stored.empty() ? db.get_uuid() : stored;
}

Xapian::doccount tweet_and_tombstone_documents(const Xapian::Database& db) {
    return db.get_doccount() - db.get_termfreq(std::string(kStemsDocumentTerm));
}

bool has_term(const Xapian::Document& doc, std::string_view term) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(term));
    return it != doc.termlist_end() && *it == term;
}

std::string tweet_id(const Xapian::Document& doc) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(prefix::id));
    if (it == doc.termlist_end()) return {};
    std::string term = *it;
    // No other prefix starts with Q, and an id is digits (formats_json.h's all_digits).
    if (term.size() < 2 || term.compare(0, prefix::id.size(), prefix::id) != 0) return {};
    return term.substr(prefix::id.size());
}

std::string stored_record(const Xapian::Document& doc) {
    try {
        return unpack_record(doc.get_value(kSlotRecord));
    } catch (const IndexError& e) {
        throw IndexError(fmt::format("document {}: {}", doc.get_docid(), e.what()));  // which one, for xapian-delve
    }
}

void set_stored_record(Xapian::Document& doc, const std::string& record) { doc.add_value(kSlotRecord, pack_record(record)); }

Xapian::Database open_index_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw IndexError(fmt::format("{}: no index here. Make one with: tweet-index --db {} FILES...", path, path));
    }
    if (std::filesystem::is_regular_file(path, ec) && !is_stub_file(path)) {
        throw file_is_not_an_index(path);
    }
    // A writer that commits twice between the open and the schema check discards the revision
    // just opened: opening afresh reads the newest.
    constexpr int kOpenAttempts = 5;
    for (int attempt = 1;; ++attempt) try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kOpenAttempts) throw;  // what retried reads (with_reopen) know to retry
    } catch (const Xapian::DatabaseOpeningError& e) {
        // A merge replaced segments between Xapian reading XAPIANDB and opening them.
        if (attempt < kOpenAttempts && is_segmented_index(path)) continue;
        if (std::filesystem::is_regular_file(path, ec)) {
            if (auto shard = failing_stub_line(path)) throw IndexError(*shard);
        }
        throw IndexError(fmt::format("{}: not a tweet-index index ({}). Make one with: tweet-index --db {} FILES...",
                                     path, e.get_msg(), path));
    } catch (const Xapian::Error& e) {
        rethrow_as_index_error(e, path);
    }
}

Xapian::WritableDatabase open_index_for_writing(const std::string& path, bool scratch) {
    // A file is a Xapian stub listing shards: Xapian would write new documents round-robin
    // across them, not into the shard their id belongs to (shard.h).
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        if (!is_stub_file(path))
            throw file_is_not_an_index(path);
        throw IndexError(fmt::format("{}: a file, not an index folder (a stub file of shards is only for reading; "
                                     "index each shard with --db SHARD --shard K/N)", path));
    }
    if (auto why = why_folder_is_not_ours(path))
        throw IndexError(fmt::format("{}; tweet-index writes only into a new or empty folder or an index of its own: "
                                     "give --db another path", *why));
    try {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | (scratch ? Xapian::DB_NO_SYNC : 0));
        check_schema(db, path);
        // New, or of an older schema this one reads: what it writes now is of this one.
        if (db.get_metadata(std::string(meta::schema_version)) != std::to_string(kSchemaVersion)) {
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

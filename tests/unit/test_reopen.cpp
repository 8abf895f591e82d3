// with_reopen (query/command.h) retries on the index opened afresh from its path: tweet-index's
// compaction swaps a new folder in under a running reader, and Xapian's reopen() would read the
// new folder's version file but keep the old folder's open tables.
#include "../../query/command.h"
#include "index.h"
#include "index_writer.h"
#include "tweet.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>

namespace {

void add_tweets(const std::string& path, int from, int to, bool compact) {
    ti::IndexWriter writer(path, {});
    for (int i = from; i < to; ++i) {
        ti::Tweet t;
        t.id = std::to_string(100000 + i);
        t.created_at = 1300000000 + i;
        t.author.id = "42";
        t.author.screen_name = "alice";
        t.text = "hello compacted world " + std::to_string(i);
        t.lang = "en";
        writer.add(std::move(t));
    }
    writer.commit();
    if (compact) REQUIRE_FALSE(writer.compact().has_value());
}

}  // namespace

TEST_CASE("a retried read follows a compaction that swapped the index's folder") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("tweet-index-reopen-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string path = (dir / "index.xapian").string();

    add_tweets(path, 0, 300, false);
    Xapian::Database db = ti::open_index_for_reading(path);
    REQUIRE(ti::tweet_and_tombstone_documents(db) == 300);
    add_tweets(path, 300, 500, true);  // more tweets, then the folder is swapped for a compacted one

    // The first attempt fails as a read does when a writer discarded its revision.
    int attempts = 0;
    auto counted = tq::with_reopen(db, path, [&] {
        if (++attempts == 1) throw Xapian::DatabaseModifiedError("revision discarded (simulated)");
        Xapian::doccount n = 0;
        for (auto p = db.postlist_begin("Aalice"); p != db.postlist_end("Aalice"); ++p) ++n;
        return n;
    });
    CHECK(attempts == 2);
    CHECK(counted == 500);
    CHECK(ti::tweet_and_tombstone_documents(db) == 500);
    CHECK_FALSE(fs::exists(path + ".compacting"));
    fs::remove_all(dir);
}

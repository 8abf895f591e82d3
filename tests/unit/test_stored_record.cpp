// Where a document keeps its stored record: a value slot, not the document data, which glass
// deflates with zlib on every write (and inflates on every read).
#include "fields.h"
#include "index.h"
#include "index_writer.h"
#include "record.h"
#include "tweet.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>

TEST_CASE("the stored record of tweets and tombstones is in its value slot, the document data empty") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("tweet-index-record-" + std::to_string(getpid()));
    fs::remove_all(dir);
    std::string path = dir.string();
    ti::Tweet t;
    t.id = "123456789";
    t.created_at = 1300000000;
    t.author.id = "42";
    t.author.screen_name = "alice";
    t.text = "hello stored record";
    t.lang = "en";
    std::string expected = ti::serialise_record(t);
    ti::ControlRecord notice;  // a delete notice of a tweet not in the index: a tombstone
    notice.kind = ti::ControlRecord::Kind::Delete;
    notice.status_id = "987654321";
    notice.user_id = "43";
    {
        ti::IndexWriter writer(path, {});
        writer.add(t);
        writer.apply(notice);
        writer.commit();
    }
    Xapian::Database db = ti::open_index_for_reading(path);
    REQUIRE(db.get_doccount() == 2);
    for (std::string id : {t.id, notice.status_id}) {
        INFO(id);
        auto p = db.postlist_begin("Q" + id);
        REQUIRE(p != db.postlist_end("Q" + id));
        Xapian::Document doc = db.get_document(*p);
        CHECK(doc.get_data().empty());
        CHECK(doc.get_value(ti::kSlotRecord) == ti::stored_record(doc));
        CHECK_THAT(ti::stored_record(doc), Catch::Matchers::Contains("\"id\":\"" + id + "\""));
        if (id == t.id) CHECK(ti::stored_record(doc) == expected);
    }
    fs::remove_all(dir);
}

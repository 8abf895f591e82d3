// Where a document keeps its stored record: a value slot, not the document data, which glass
// deflates with zlib on every write (and inflates on every read); and how: compressed against the
// dictionary compiled in (record_codec.h), or as it is when that would not shrink it.
#include "fields.h"
#include "index.h"
#include "index_writer.h"
#include "record.h"
#include "record_codec.h"
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
    REQUIRE(ti::tweet_and_tombstone_documents(db) == 2);
    for (std::string id : {t.id, notice.status_id}) {
        INFO(id);
        auto p = db.postlist_begin("Q" + id);
        REQUIRE(p != db.postlist_end("Q" + id));
        Xapian::Document doc = db.get_document(*p);
        CHECK(doc.get_data().empty());
        CHECK(doc.get_value(ti::kSlotRecord) == ti::pack_record(ti::stored_record(doc)));
        CHECK_THAT(ti::stored_record(doc), Catch::Matchers::Contains("\"id\":\"" + id + "\""));
        if (id == t.id) CHECK(ti::stored_record(doc) == expected);
    }
    fs::remove_all(dir);
}

namespace {
ti::Tweet a_tweet(std::string id, std::string text) {
    ti::Tweet t;
    t.id = std::move(id);
    t.created_at = 1300000000;
    t.author.id = "42";
    t.author.screen_name = "alice";
    t.author.name = "Alice Example";
    t.text = std::move(text);
    t.lang = "en";
    t.source = "<a href=\"http://twitter.com/download/iphone\">Twitter for iPhone</a>";
    return t;
}
}  // namespace

TEST_CASE("a tweet's record is kept compressed, smaller than its JSON, and read back to the byte") {
    std::string json = ti::serialise_record(a_tweet("1234567890123", "a tweet about the stored record, kept small"));
    std::string packed = ti::pack_record(json);
    CHECK(packed.size() < json.size());
    CHECK(packed.front() != '{');
    CHECK(ti::unpack_record(packed) == json);
}

TEST_CASE("any bytes go through the record codec unchanged") {
    std::string big = ti::serialise_record(a_tweet("1", std::string(1 << 20, 'x')));
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xff));
    for (const std::string& in : {std::string(), std::string("{}"), std::string("{\"id\":\"1\"}"), big, binary,
                                  std::string("\x28\xb5\x2f\xfd", 4)}) {
        INFO(in.size());
        CHECK(ti::unpack_record(ti::pack_record(in)) == in);
    }
}

TEST_CASE("a record stored as plain JSON (schema 3) reads as it is") {
    std::string json = ti::serialise_record(a_tweet("55", "written by an older tweet-index"));
    Xapian::Document doc;
    doc.add_value(ti::kSlotRecord, json);
    CHECK(ti::stored_record(doc) == json);
}

TEST_CASE("a damaged compressed record is an IndexError that says so, never a crash") {
    std::string packed = ti::pack_record(ti::serialise_record(a_tweet("77", "a record about to be damaged")));
    REQUIRE(packed.size() > 12);
    std::vector<std::string> damaged;
    for (std::size_t cut = 4; cut < packed.size(); cut += 3) damaged.push_back(packed.substr(0, cut));
    for (std::size_t at = 4; at < packed.size(); ++at) {
        std::string flipped = packed;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x5a);
        damaged.push_back(flipped);
    }
    // Every cut and every changed byte is refused (the frame's checksum), never shown as a tweet.
    for (const std::string& bytes : damaged) {
        try {
            std::string out = ti::unpack_record(bytes);
            FAIL_CHECK("read back " << out.size() << " bytes");
        } catch (const ti::IndexError& e) {
            CHECK_THAT(e.what(), Catch::Matchers::Contains("cannot be read"));
        }
    }
}

TEST_CASE("a record too long to decode as a frame is stored as it is, and read back") {
    // Longer than any frame unpack_record accepts (64 MB): a tweet read from one huge line.
    std::string huge = ti::serialise_record(a_tweet("88", std::string((64u << 20) + 1, 'y')));
    std::string packed = ti::pack_record(huge);
    // Parenthesised: Catch would print 64 MB strings on a failure.
    CHECK((packed == huge));
    CHECK((ti::unpack_record(packed) == huge));
}

// The one check before tweet-index writes, compacts, swaps or removes a folder
// (index.h why_folder_is_not_ours): what it lets through, and what it refuses.
#include "fields.h"
#include "index.h"

#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("tweet-index-folders-" + std::to_string(::getpid()));
    TempFolder() { fs::remove_all(path); fs::create_directories(path); }
    ~TempFolder() { fs::remove_all(path); }
};

void write_file(const fs::path& p, const std::string& content) { std::ofstream(p) << content; }

}  // namespace

TEST_CASE("tweet-index touches only absent or empty folders and its own indexes") {
    TempFolder tmp;
    auto ours = [](const fs::path& p) { return !ti::why_folder_is_not_ours(p.string()).has_value(); };

    CHECK(ours(tmp.path / "absent"));
    fs::create_directory(tmp.path / "empty");
    CHECK(ours(tmp.path / "empty"));

    fs::path index = tmp.path / "index";
    {
        Xapian::WritableDatabase db = ti::open_index_for_writing(index.string());
        db.commit();
    }
    CHECK(ours(index));

    // A compactor copy killed before it was whole: only Xapian's table files.
    fs::create_directory(tmp.path / "partial");
    write_file(tmp.path / "partial" / "postlist.glass", std::string(8192, '\0'));
    CHECK(ours(tmp.path / "partial"));

    SECTION("a user's file in the folder") {
        write_file(index / "precious.txt", "mine");
        auto why = ti::why_folder_is_not_ours(index.string());
        REQUIRE(why);
        CHECK_THAT(*why, Catch::Matchers::Contains(index.string()) && Catch::Matchers::Contains("precious.txt"));
        CHECK_FALSE(ti::remove_folder_if_ours(index.string()));
        CHECK(fs::exists(index / "precious.txt"));
        CHECK_THROWS_AS(ti::open_index_for_writing(index.string()), ti::IndexError);
    }
    SECTION("a folder inside it") {
        fs::create_directory(tmp.path / "partial" / "photos");
        CHECK_FALSE(ours(tmp.path / "partial"));
    }
    SECTION("a Xapian database of another program") {
        fs::path other = tmp.path / "other";
        {
            Xapian::WritableDatabase db(other.string(), Xapian::DB_CREATE_OR_OPEN);
            db.add_document(Xapian::Document());
            db.commit();
        }
        CHECK_FALSE(ours(other));
        CHECK_FALSE(ti::remove_folder_if_ours(other.string()));
        CHECK(fs::exists(other));
    }
    SECTION("a file") {
        write_file(tmp.path / "file", "x");
        CHECK_FALSE(ours(tmp.path / "file"));
    }
    SECTION("what is ours is removed") {
        CHECK(ti::remove_folder_if_ours((tmp.path / "partial").string()));
        CHECK_FALSE(fs::exists(tmp.path / "partial"));
    }
}

TEST_CASE("an index folder is recognised whatever its name") {
    TempFolder tmp;
    fs::path index = tmp.path / "not-named-like-an-index";
    { ti::open_index_for_writing(index.string()).commit(); }
    CHECK(ti::is_xapian_database_folder(index));
    CHECK_FALSE(ti::is_xapian_database_folder(tmp.path));
}

#include "query.h"

#include "fields.h"

#include <catch2/catch.hpp>

#include <optional>

using namespace ti;

namespace {
std::string describe(const std::string& q) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    return builder.parse_bare(q).get_description();
}
}  // namespace

TEST_CASE("operators become the terms of the field table") {
    // {input, Xapian's description of the parsed query}: mu's habit for parser tests.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"from:GuyKawasaki", "Query(Aguykawasaki)"},
        {"@Loic", "Query(XMloic)"},
        {"mention:loic", "Query(XMloic)"},
        {"#LeWeb", "Query(Kleweb)"},
        {"$DELL", "Query(XCASHdell)"},
        {"to:loic", "Query(XTOloic)"},
        {"domain:www.AllTop.com", "Query(Halltop.com)"},
        {"lang:FR", "Query(Lfr)"},
        {"is:retweet", "Query(XISretweet)"},
        {"filter:links", "Query(XHASlinks)"},
        {"id:20", "Query(Q20)"},
        {"@a @b", "Query((XMa AND XMb))"},
        {"from:a OR from:b", "Query((Aa OR Ab))"},
        {"from:a -@b", "Query((Aa AND_NOT XMb))"},
        {"from:a NOT @b", "Query((Aa AND_NOT XMb))"},
        {"from:Dell*", "Query(WILDCARD SYNONYM Adell)"},
        {"url:https://www.alltop.com/x", "Query(WILDCARD SYNONYM Ualltop.com/x)"},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(describe(input) == expected);
    }
}

TEST_CASE("every flag of the table is its term, by is:/has: and by its filter: spellings") {
    for (const auto& f : kTweetFlags) {
        std::string expected = "Query(" + std::string(f.term) + ")";
        INFO(f.name);
        CHECK(describe(std::string(f.op) + ":" + std::string(f.name)) == expected);
        for_each_name(f.filter_names, [&](std::string_view name) {
            CHECK(describe("filter:" + std::string(name)) == expected);
        });
    }
}

TEST_CASE("the parser's tree: each node with its column, each value checked and canonical") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    // {input, describe_tree of its parse}
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"from:GuyKawasaki", R"((from@0 "guykawasaki"))"},
        {"from:@loic", R"((from@0 "loic"))"},
        {"@Loic", R"((mention@0 "loic"))"},
        {"#LeWeb $DELL", R"((and@0 (hashtag@0 "leweb") (cashtag@7 "dell")))"},
        {"hashtag:#LeWeb", R"((hashtag@0 "leweb"))"},
        {"from:Dell*", R"((from@0 "dell"*))"},
        {"url:https://www.alltop.com/x", R"((url@0 "alltop.com/x"*))"},
        {"domain:www.AllTop.com", R"((domain@0 "alltop.com"))"},
        {"email:@Example.com", R"((email@0 "@example.com"))"},
        {"lang:FR", R"((lang@0 "fr"))"},
        {"filter:links", R"((filter@0 "XHASlinks"))"},
        {"is:Deleted", R"((is@0 "XSTATEdeleted"))"},
        {"id:20", R"((id@0 "20"))"},
        {"author_status:Suspended", R"((author_status@0 "suspended"))"},
        {"since:2011-06-01 until:2011-07-01",
         R"((and@0 (since@0 2011-06-01T00:00:00Z..) (until@17 ..2011-06-30T23:59:59Z)))"},
        {"date:2011-06-01", R"((date@0 2011-06-01T00:00:00Z..2011-06-01T23:59:59Z))"},
        {"date:..2011-06-01", R"((date@0 ..2011-06-01T23:59:59Z))"},
        {"min_retweets:10", R"((min_retweets@0 10..))"},
        {"max_account_age:1d", R"((max_account_age@0 ..86400))"},
        {"seesmic", R"((word@0 "seesmic"))"},
        {"\"business model\"", R"((phrase@0 "business model"))"},
        {"seesmic -from:loic", R"((and@0 (word@0 "seesmic") (not@8 (from@8 "loic"))))"},
        {"NOT @b", R"((and@0 (not@0 (mention@4 "b"))))"},
        {"NOT -a", R"((and@0 (not@0 (not@4 (word@4 "a")))))"},
        {"-(a b)", R"((and@0 (not@0 (and@2 (word@2 "a") (word@4 "b")))))"},
        {"a OR b c", R"((or@0 (word@0 "a") (and@5 (word@5 "b") (word@7 "c"))))"},
        {"a OR b OR c", R"((or@0 (word@0 "a") (word@5 "b") (word@10 "c")))"},
        {"(a OR b) AND is:retweet", R"((and@0 (or@1 (word@1 "a") (word@6 "b")) (is@13 "XISretweet")))"},
        {"", "(and@0)"},
        {"  ()", "(and@3)"},
        {"10:30 http://x.org", R"((and@0 (word@0 "10:30") (word@6 "http://x.org")))"},
        {"say\x01\"it\"", R"((word@0 "say\x01\"it\""))"},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(describe_tree(builder.parse_tree(input)) == expected);
    }
}

TEST_CASE("a tree of term operators gives its terms to count from postings, others none") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    using Terms = std::optional<std::vector<std::string>>;
    const std::vector<std::pair<std::string, Terms>> cases = {
        {"from:a", Terms{{"Aa"}}},
        {"@a OR #b OR is:reply", Terms{{"XMa", "Kb", "XISreply"}}},
        {"domain:www.example.com", Terms{{"Hexample.com"}}},
        {"email:@example.com", Terms{{"XEMAILDexample.com"}}},
        {"author_status:deleted", Terms{std::vector<std::string>{}}},
        {"from:a*", std::nullopt},
        {"seesmic", std::nullopt},
        {"-from:a", std::nullopt},
        {"from:a @b", std::nullopt},
        {"since:2011-06-01", std::nullopt},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(builder.terms_of(builder.parse_tree(input)) == expected);
    }
}

TEST_CASE("an operator's node made alone is what the parser makes of name:value") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    for (auto [field, value] : {std::pair{FieldId::Author, "Dell*"}, std::pair{FieldId::Domain, "www.example.com"},
                                std::pair{FieldId::Since, "2011-06-01"}}) {
        std::string written = std::string(ti::field(field).name) + ":" + value;
        INFO(written);
        CHECK(describe_tree(QueryBuilder::field_node(field, value)) == describe_tree(builder.parse_tree(written)));
    }
    CHECK_THROWS_AS(QueryBuilder::field_node(FieldId::Domain, "."), QueryError);
}

TEST_CASE("explain shows the parse and the query Xapian runs") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    // {input, include_deleted, include_edits, what --explain prints}
    const std::vector<std::tuple<std::string, bool, bool, std::string>> cases = {
        {"from:a -@b", false, false,
         "parsed: (and@0 (from@0 \"a\") (not@7 (mention@7 \"b\")))\n"
         "xapian: Query(((Aa AND_NOT XMb) FILTER (<alldocuments> AND_NOT (XSTATEtombstone OR XSTATEdeleted OR "
         "XSTATEsuperseded))))\n"},
        {"is:deleted", true, false,
         "parsed: (is@0 \"XSTATEdeleted\")\n"
         "xapian: Query((XSTATEdeleted FILTER (<alldocuments> AND_NOT (XSTATEtombstone OR XSTATEsuperseded))))\n"},
        {"seesmic has:links", false, true,
         "parsed: (and@0 (word@0 \"seesmic\") (has@8 \"XHASlinks\"))\n"
         "xapian: Query(((seesmic FILTER XHASlinks) FILTER (<alldocuments> AND_NOT (XSTATEtombstone OR "
         "XSTATEdeleted))))\n"},
    };
    for (const auto& [input, include_deleted, include_edits, expected] : cases) {
        INFO(input);
        CHECK(builder.explain(input, include_deleted, include_edits) == expected);
    }
    CHECK_THROWS_AS(builder.explain("from:"), QueryError);
}

TEST_CASE("free words and phrases") {
    CHECK(describe("seesmic") == "Query(seesmic)");
    CHECK(describe("\"business model\"") == "Query((business@1 PHRASE 2 model@2))");
    CHECK(describe("seesmic from:loic") == "Query((seesmic FILTER Aloic))");
    CHECK(describe("") == "Query(<alldocuments>)");
}

TEST_CASE("bad queries name the problem and where it is") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    const std::vector<std::tuple<std::string, std::string, std::size_t>> cases = {
        {"frm:dell", "unknown operator 'frm:'", 0},
        {"a (b OR c", "missing ')'", 2},
        {"a b)", "')' without", 3},
        {"x \"open", "unclosed quote", 2},
        {"since:2011-13-01", "not a date", 0},
        {"from:D*ll", "* may only end a name", 0},
        {"min_faves:-1", "whole number", 0},
        {"max_account_age:2x", "a duration like", 0},
        {"a max_account_age:7000000000000000001d", "longer than any account", 2},  // once overflowed
    };
    for (const auto& [input, message, column] : cases) {
        INFO(input);
        try {
            builder.parse_bare(input);
            FAIL("no error");
        } catch (const QueryError& e) {
            CHECK_THAT(e.what(), Catch::Matchers::Contains(message));
            CHECK(e.column() == column);
        }
    }
    std::string deep(200, '(');
    CHECK_THROWS_AS(builder.parse_bare(deep + "a" + std::string(200, ')')), QueryError);
    CHECK_THROWS_AS(builder.parse_bare(std::string(20000, 'a')), QueryError);
}

#include "fields.h"
#include "index.h"

#include <filesystem>

TEST_CASE("an index of another schema version is refused with what to do") {
    auto dir = std::filesystem::temp_directory_path() / "tweet-index-schema-test";
    // A newer index, older ones (the last one before those this one reads too), and a Xapian
    // index of someone else's (no version at all).
    std::string previous = std::to_string(ti::kOldestSchemaRead - 1);
    auto [stored, shown] = GENERATE_COPY(std::pair<std::string, std::string>{"999", "schema version 999"},
                                         std::pair<std::string, std::string>{previous, "schema version " + previous},
                                         std::pair<std::string, std::string>{"0", "schema version 0"},
                                         std::pair<std::string, std::string>{"", "schema version unknown"});
    std::filesystem::remove_all(dir);
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
        if (!stored.empty()) db.set_metadata(std::string(ti::meta::schema_version), stored);
        db.add_document(Xapian::Document());
        db.commit();
    }
    try {
        ti::open_index_for_reading(dir.string());
        FAIL("opened");
    } catch (const ti::IndexError& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains(shown));
        CHECK_THAT(e.what(), Catch::Matchers::Contains("rebuild"));
    }
    CHECK_THROWS_AS(ti::open_index_for_writing(dir.string()), ti::IndexError);
    std::filesystem::remove_all(dir);
}

TEST_CASE("an index of the oldest schema read is searched as it is and says the new schema once written to") {
    auto dir = std::filesystem::temp_directory_path() / "tweet-index-old-schema-test";
    std::filesystem::remove_all(dir);
    std::string old = std::to_string(ti::kOldestSchemaRead);
    REQUIRE(ti::kOldestSchemaRead < ti::kSchemaVersion);
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
        db.set_metadata(std::string(ti::meta::schema_version), old);
        db.add_document(Xapian::Document());
        db.commit();
    }
    CHECK(ti::open_index_for_reading(dir.string()).get_metadata(std::string(ti::meta::schema_version)) == old);
    {
        Xapian::WritableDatabase db = ti::open_index_for_writing(dir.string());
        db.commit();
    }
    CHECK(ti::open_index_for_reading(dir.string()).get_metadata(std::string(ti::meta::schema_version)) ==
          std::to_string(ti::kSchemaVersion));
    std::filesystem::remove_all(dir);
}

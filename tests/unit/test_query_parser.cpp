#include "query.h"

#include "fields.h"

#include <catch2/catch.hpp>

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

TEST_CASE("explain shows the parse and the query Xapian runs") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    QueryBuilder builder(db);
    // {input, include_deleted, include_edits, what --explain prints}
    const std::vector<std::tuple<std::string, bool, bool, std::string>> cases = {
        {"from:a -@b", false, false,
         "parsed: Query((Aa AND_NOT XMb))\n"
         "xapian: Query(((Aa AND_NOT XMb) FILTER (<alldocuments> AND_NOT (XSTATEtombstone OR XSTATEdeleted OR "
         "XSTATEsuperseded))))\n"},
        {"is:deleted", true, false,
         "parsed: Query(XSTATEdeleted)\n"
         "xapian: Query((XSTATEdeleted FILTER (<alldocuments> AND_NOT (XSTATEtombstone OR XSTATEsuperseded))))\n"},
        {"seesmic has:links", false, true,
         "parsed: Query((seesmic FILTER XHASlinks))\n"
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
    // A newer index, older ones (the last schema's too), and a Xapian index of someone else's
    // (no version at all).
    std::string previous = std::to_string(ti::kSchemaVersion - 1);
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

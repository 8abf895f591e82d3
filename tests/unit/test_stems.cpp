// Stems written once per word (XSTEM terms on stems documents) and expanded by the query: a free
// word must find exactly the tweets it found when every tweet carried its own stems (Xapian's
// STEM_SOME with the tweet's language, the Z terms of schema 4): this test indexes the same
// tweets as schema 4 did, with Xapian's TermGenerator, and compares the answers of both indexes
// to every word of a multilingual corpus.
#include "fields.h"
#include "index.h"
#include "index_writer.h"
#include "query.h"
#include "stemming.h"
#include "tweet.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct TempIndex {
    std::string path;
    explicit TempIndex(const std::string& name)
        : path((std::filesystem::temp_directory_path() / ("tweet-index-stems-" + std::to_string(getpid()) + "-" + name))
                   .string()) {
        std::filesystem::remove_all(path);
    }
    ~TempIndex() { std::filesystem::remove_all(path); }
};

// Word families whose members share a stem in their language, words that stem differently in
// another language ("model" in English, "modèl" in French), capitals, digits, elisions, CJK.
const std::map<std::string, std::vector<std::string>> kWordsByLang = {
    {"en", {"running", "runs", "run", "connection", "connected", "connecting", "models", "modèle", "Running",
            "2011s", "happiness", "happy"}},
    {"fr", {"entreprise", "entreprises", "l'entreprise", "économiques", "économique", "modèle", "modèles", "connection"}},
    {"de", {"Häuser", "Haus", "Hauses", "laufen", "läuft", "running"}},
    {"es", {"corriendo", "corre", "correr", "modelos", "modelo"}},
    {"tr", {"evler", "evde", "ev", "kitaplar", "kitap"}},
    {"ja", {"東京", "会議", "running"}},  // no stemmer for Japanese
    {"und", {"runs", "entreprises"}},
    {"", {"connected", "happiness"}},
};

std::vector<ti::Tweet> corpus() {
    std::vector<ti::Tweet> tweets;
    std::vector<std::string> langs;
    for (const auto& [lang, words] : kWordsByLang) langs.push_back(lang);
    unsigned seed = 7;
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    for (int i = 0; i < 400; ++i) {
        ti::Tweet t;
        t.id = std::to_string(1000 + i);
        t.created_at = 1300000000 + i;
        t.author.id = "42";
        t.author.screen_name = "alice";
        t.lang = langs[next() % langs.size()];
        const auto& own = kWordsByLang.at(t.lang);
        const auto& other = kWordsByLang.at(langs[next() % langs.size()]);
        for (int w = 0; w < 3; ++w) t.text += own[next() % own.size()] + " ";
        t.text += other[next() % other.size()];
        tweets.push_back(std::move(t));
    }
    return tweets;
}

// The terms a tweet's text had in schema 4: words and their Z stems in the tweet's language.
std::set<std::string> schema4_terms(const ti::Tweet& t) {
    Xapian::TermGenerator termgen;
    termgen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    termgen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    termgen.set_stemmer(ti::tagged_stemmer(t.lang));
    Xapian::Document doc;
    termgen.set_document(doc);
    termgen.index_text(ti::split_elisions(t.text, t.lang));
    return {doc.termlist_begin(), doc.termlist_end()};
}

// An index as schema 4 wrote one, cut to what a free word reaches: each tweet's Q, language,
// words and Z stems (the first copy of an id), and schema 4's version.
void write_schema4_index(const std::string& path, const std::vector<ti::Tweet>& tweets) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.set_metadata(std::string(ti::meta::schema_version), "4");
    for (const auto& t : tweets) {
        if (db.term_exists("Q" + t.id)) continue;
        Xapian::Document doc;
        doc.add_boolean_term("Q" + t.id);
        if (!t.lang.empty()) doc.add_boolean_term(std::string(ti::prefix::lang) + t.lang);
        for (const auto& term : schema4_terms(t)) doc.add_term(term);
        db.add_document(doc);
    }
    db.commit();
}

// Every word of the tweets, and two that are not in them (nor their stems).
std::set<std::string> words_of(const std::vector<ti::Tweet>& tweets) {
    std::set<std::string> words{"runner", "houses"};
    for (const auto& t : tweets)
        for (const auto& term : schema4_terms(t))
            if (term[0] != 'Z') words.insert(term);
    return words;
}

std::set<std::string> ids_found(const Xapian::Database& db, const std::string& query) {
    ti::QueryBuilder builder(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.parse(query));
    std::set<std::string> ids;
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    for (auto m = mset.begin(); m != mset.end(); ++m) {
        Xapian::Document doc = m.get_document();
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if ((*t)[0] == 'Q') ids.insert((*t).substr(1));
    }
    return ids;
}

}  // namespace

TEST_CASE("a free word finds the tweets its stems found when each tweet held them, in every language") {
    std::vector<ti::Tweet> tweets = corpus();
    TempIndex dir("corpus");
    std::set<std::string> deleted;
    {
        ti::IndexWriter::Options options;
        options.batch_size = 37;  // several commits, so several stems documents
        ti::IndexWriter writer(dir.path, options);
        for (const auto& t : tweets) writer.add(t);
        writer.commit();
        // Deleting the first tweets, which brought most words into the index, and purging them
        // (their documents replaced by tombstones without their words) takes no stem away.
        for (std::size_t i = 0; i < 40; ++i) {
            ti::ControlRecord notice;
            notice.kind = ti::ControlRecord::Kind::Delete;
            notice.status_id = tweets[i].id;
            writer.apply(notice);
            deleted.insert(tweets[i].id);
        }
        writer.commit();
        REQUIRE(writer.purge_deleted() == 40);
        // Copies again: duplicates, in a new commit.
        for (std::size_t i = 100; i < 150; ++i) writer.add(tweets[i]);
        writer.commit();
    }
    Xapian::Database db = ti::open_index_for_reading(dir.path);
    // No tweet holds a Z term any more.
    CHECK(db.allterms_begin(std::string(ti::prefix::stem)) == db.allterms_end(std::string(ti::prefix::stem)));

    // The same live tweets as schema 4 indexed them.
    TempIndex reference_dir("schema4");
    std::vector<ti::Tweet> live;
    for (const auto& t : tweets)
        if (!deleted.count(t.id)) live.push_back(t);
    write_schema4_index(reference_dir.path, live);
    Xapian::Database reference(reference_dir.path);
    std::map<std::string, std::set<std::string>> terms_of;
    for (const auto& t : tweets) terms_of[t.id] = schema4_terms(t);
    std::set<std::string> words = words_of(tweets);
    REQUIRE(words.size() > 30);
    std::size_t found_only_by_stem = 0;
    for (const auto& word : words) {
        INFO("word: " << word);
        std::set<std::string> expected = ids_found(reference, word);
        for (const auto& id : expected) found_only_by_stem += terms_of[id].count(word) == 0;
        CHECK(ids_found(db, word) == expected);
    }
    CHECK(found_only_by_stem > 100);  // the stems are what is compared, not only the words
}

TEST_CASE("a file strict mode discards leaves its words' stems to the next file that has them") {
    TempIndex dir("strict");
    ti::IndexWriter::Options options;
    options.strict = true;
    ti::Tweet first, second;
    first.id = "1";
    second.id = "2";
    for (ti::Tweet* t : {&first, &second}) {
        t->created_at = 1300000000;
        t->author.id = "42";
        t->author.screen_name = "alice";
        t->lang = "en";
        t->text = "swimming lessons";
    }
    {
        ti::IndexWriter writer(dir.path, options);
        ti::FileInfo rejected{"rejected.jsonl", "/rejected.jsonl", "1:1"}, kept{"kept.jsonl", "/kept.jsonl", "1:2"};
        writer.begin_file(rejected);
        writer.add(first);
        writer.end_file(rejected, false, true);
        writer.begin_file(kept);
        writer.add(second);
        writer.end_file(kept, true, false);
        writer.commit();
    }
    Xapian::Database db = ti::open_index_for_reading(dir.path);
    CHECK(ids_found(db, "swim") == std::set<std::string>{"2"});
    CHECK(ids_found(db, "lesson") == std::set<std::string>{"2"});
}

TEST_CASE("an index of schema 4 added to: its tweets' own stems and the new tweets' stems documents both answer") {
    std::vector<ti::Tweet> tweets = corpus();
    std::vector<ti::Tweet> older(tweets.begin(), tweets.begin() + 200), newer(tweets.begin() + 200, tweets.end());
    TempIndex everything_dir("schema4-all"), mixed_dir("schema4-added-to");
    write_schema4_index(everything_dir.path, tweets);
    write_schema4_index(mixed_dir.path, older);
    {
        ti::IndexWriter writer(mixed_dir.path, {});
        for (const auto& t : newer) writer.add(t);
        writer.commit();
    }
    Xapian::Database everything(everything_dir.path), mixed = ti::open_index_for_reading(mixed_dir.path);
    CHECK(mixed.get_metadata(std::string(ti::meta::schema_version)) == std::to_string(ti::kSchemaVersion));
    REQUIRE(mixed.get_termfreq(std::string(ti::kStemsDocumentTerm)) > 0);
    for (const auto& word : words_of(tweets)) {
        INFO("word: " << word);
        CHECK(ids_found(mixed, word) == ids_found(everything, word));
    }
}

// A run that ends without its last commit, killed (`_exit`) or with its writer destroyed (as
// when an error ends the run), while Xapian's flush threshold is low enough for Xapian to have
// committed on its own: no tweet may be left in the index without its stems, since the next run
// finds what is there as duplicates and writes nothing for them.
TEST_CASE("a run ended before its commit leaves no tweet without its stems, and the next run completes the index") {
    std::vector<ti::Tweet> tweets = corpus();
    TempIndex reference_dir("whole");
    write_schema4_index(reference_dir.path, tweets);
    Xapian::Database reference(reference_dir.path);
    for (bool killed : {true, false}) {
        INFO((killed ? "killed" : "writer destroyed"));
        TempIndex dir(killed ? "killed" : "destroyed");
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // The child never returns to Catch: whatever happens, it ends here.
            try {
                setenv("XAPIAN_FLUSH_THRESHOLD", "50", 1);  // read when the database is opened
                ti::IndexWriter::Options options;
                options.batch_size = 1000;
                ti::IndexWriter writer(dir.path, options);
                for (std::size_t i = 0; i < 120; ++i) writer.add(tweets[i]);
                if (killed) _exit(0);
            } catch (...) {
                _exit(2);
            }
            _exit(0);
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        // Nothing of the batch was committed, neither at Xapian's threshold nor by the destructor.
        CHECK(Xapian::Database(dir.path).get_doccount() == 0);
        {
            ti::IndexWriter writer(dir.path, {});
            for (const auto& t : tweets) writer.add(t);
            writer.commit();
        }
        Xapian::Database db = ti::open_index_for_reading(dir.path);
        REQUIRE(db.get_termfreq("Q" + tweets[0].id) == 1);
        for (const auto& word : words_of(tweets)) {
            INFO("word: " << word);
            CHECK(ids_found(db, word) == ids_found(reference, word));
        }
    }
}

// The reference indexer on tweet-index's own reading: each tweet tweet-index would
// index (embedded originals included) becomes a document with only its text, through a
// TermGenerator with positions and English stemming (STEM_SOME), no data, no values, one
// commit. Prints documents per second of the Xapian part (add_document and commit) and of the
// whole run.
//
//   build/bench/plain-indexer FILE DB
#include "sources.h"

#include <fmt/format.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <vector>

namespace {

struct Collect : ti::RecordSink, ti::FileGate {
    std::vector<std::string> texts;
    void tweet(ti::Tweet&& t, const ti::Location&) override { texts.push_back(std::move(t.text)); }
    void control(const ti::ControlRecord&, const ti::Location&) override {}
    void reject(const ti::Location&, std::string_view) override {}
    void notice(const ti::Location&, std::string_view) override {}
    bool already_indexed(const ti::FileInfo&) override { return false; }
    void file_started(const ti::FileInfo&) override {}
    void file_finished(const ti::FileInfo&, bool) override {}
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: plain-indexer FILE DB\n");
        return 2;
    }
    using clk = std::chrono::steady_clock;
    std::filesystem::remove_all(argv[2]);
    auto t0 = clk::now();
    Collect c;
    ti::SourceReader reader(c, c);
    reader.read_input(argv[1]);
    auto t1 = clk::now();
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("en"));
    for (const auto& text : c.texts) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        db.add_document(doc);
    }
    db.commit();
    auto t2 = clk::now();
    double xapian_s = std::chrono::duration<double>(t2 - t1).count();
    double total_s = std::chrono::duration<double>(t2 - t0).count();
    fmt::print("{} documents; Xapian {:.2f} s ({:.0f} docs/s); total {:.2f} s ({:.0f} docs/s)\n", c.texts.size(),
               xapian_s, c.texts.size() / xapian_s, total_s, c.texts.size() / total_s);
}

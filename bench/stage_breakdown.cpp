// Where tweet-index's time goes, stage by stage (issue 6), on one input file:
//
//   build/bench/stage-breakdown FILE DB [MODE]
//
// Reads every tweet of FILE into memory (parse: simdjson and the format readers), completes
// their entities, builds the Xapian documents (terms, positions, values, the stored record),
// looks each id up as tweet-index does before adding (the duplicate check), adds them to a
// fresh index at DB, and commits once. Each stage is timed on its own, so the sum is the cost of
// one pass without the overlap tweet-index has between them. MODE (comma-separated) drops
// parts of the documents to price them: nodata (no stored record), nopos (no positions),
// novalues (no values but the record), nofind (no duplicate lookup), nobool (only free text and
// Q<id>), notext (only boolean terms), datarecord (the record as document data, which glass
// deflates, instead of its value slot: schema 2's way), notermlist (the documents added to a
// database made with DB_NO_TERMLIST: what the term lists cost, which replace_document,
// delete_document and the stored-state reads need).
#include "entity_fill.h"
#include "fields.h"
#include "formats.h"
#include "index.h"
#include "index_writer.h"
#include "sources.h"

#include <fmt/format.h>
#include <xapian.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using clk = std::chrono::steady_clock;

namespace {

struct Collect : ti::RecordSink, ti::FileGate {
    std::vector<ti::Tweet> tweets;
    void tweet(ti::Tweet&& t, const ti::Location&) override { tweets.push_back(std::move(t)); }
    void control(const ti::ControlRecord&, const ti::Location&) override {}
    void reject(const ti::Location&, std::string_view) override {}
    void notice(const ti::Location&, std::string_view) override {}
    bool already_indexed(const ti::FileInfo&) override { return false; }
    void file_started(const ti::FileInfo&) override {}
    void file_finished(const ti::FileInfo&, bool) override {}
};

double secs(clk::time_point a, clk::time_point b) { return std::chrono::duration<double>(b - a).count(); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: stage-breakdown FILE DB [nodata,nopos,novalues,nofind,nobool,notext,datarecord,notermlist]\n");
        return 2;
    }
    std::string mode = argc > 3 ? argv[3] : "";
    auto has = [&](const char* m) { return mode.find(m) != std::string::npos; };
    std::filesystem::remove_all(argv[2]);

    auto t0 = clk::now();
    Collect c;
    ti::SourceReader reader(c, c);
    reader.read_input(argv[1]);
    auto t1 = clk::now();
    for (auto& t : c.tweets) ti::complete_entities(t);
    auto t2 = clk::now();
    // With notermlist the writer only builds the documents, beside DB, which gets them.
    const std::string writer_path = has("notermlist") ? std::string(argv[2]) + ".builder" : argv[2];
    std::filesystem::remove_all(writer_path);
    std::optional<ti::IndexWriter> writer;
    writer.emplace(writer_path, ti::IndexWriter::Options{1u << 30, false, {}, true});
    std::vector<Xapian::Document> docs;
    docs.reserve(c.tweets.size());
    for (auto& t : c.tweets) docs.push_back(writer->build_document(t));
    auto t3 = clk::now();
    for (auto& d : docs) {
        std::string record = ti::stored_record(d);
        if (has("novalues")) {
            d.clear_values();
            ti::set_stored_record(d, record);
        }
        if (has("datarecord")) {
            d.remove_value(ti::kSlotRecord);
            d.set_data(record);
        }
        if (has("nodata")) {
            d.remove_value(ti::kSlotRecord);
            d.set_data("");
        }
        if (has("nobool") || has("notext")) {
            // nobool: only the free text and Q<id>; notext: only the boolean terms.
            Xapian::Document e;
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
                const std::string& name = *t;
                bool boolean = !name.empty() && name[0] >= 'A' && name[0] <= 'Z' && name[0] != 'Z';
                bool keep = has("nobool") ? (!boolean || name[0] == 'Q') : boolean;
                if (!keep) continue;
                e.add_term(name, t.get_wdf());
                for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) e.add_posting(name, *p, 0);
            }
            e.set_data(d.get_data());
            for (auto v = d.values_begin(); v != d.values_end(); ++v) e.add_value(v.get_valueno(), *v);
            d = e;
        }
        if (has("nopos")) {
            Xapian::Document e;
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) e.add_term(*t, t.get_wdf());
            e.set_data(d.get_data());
            for (auto v = d.values_begin(); v != d.values_end(); ++v) e.add_value(v.get_valueno(), *v);
            d = e;
        }
    }
    Xapian::WritableDatabase db = has("notermlist")
                                      ? Xapian::WritableDatabase(argv[2], Xapian::DB_CREATE | Xapian::DB_NO_TERMLIST)
                                      : writer->database();
    double find_s = 0, add_s = 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        auto a = clk::now();
        if (!has("nofind")) {
            std::string q = std::string(ti::prefix::id) + c.tweets[i].id;
            if (db.postlist_begin(q) != db.postlist_end(q)) ++found;
        }
        auto b = clk::now();
        db.add_document(docs[i]);
        auto e = clk::now();
        find_s += secs(a, b);
        add_s += secs(b, e);
    }
    auto t4 = clk::now();
    // The writer's commit: its batch's transaction, and the stems document of the words.
    if (has("notermlist"))
        db.commit();
    else
        writer->commit();
    auto t5 = clk::now();
    double total = secs(t0, t5);
    std::size_t n = c.tweets.size();
    fmt::print("{} documents ({} already there), mode '{}'\n", n, found, mode);
    auto row = [&](const char* name, double s) {
        fmt::print("  {:<34} {:8.2f} s {:5.1f}%  {:9.0f} docs/s\n", name, s, 100 * s / total, s > 0 ? n / s : 0.0);
    };
    row("parse (read + simdjson + formats)", secs(t0, t1));
    row("entity completion", secs(t1, t2));
    row("document building", secs(t2, t3));
    row("duplicate lookup (postlist)", find_s);
    row("add_document", add_s);
    row("commit", secs(t4, t5));
    row("total", total);
    if (writer_path != argv[2]) {
        writer.reset();
        std::filesystem::remove_all(writer_path);
    }
    fmt::print("  index size {:.1f} MB\n", static_cast<double>([&] {
                   std::uintmax_t s = 0;
                   for (auto& f : std::filesystem::directory_iterator(argv[2])) s += f.file_size();
                   return s;
               }()) / 1e6);
}

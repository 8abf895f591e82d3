// What a document of an index costs Xapian to write (issue 6): per document, the terms by
// group, their wdf, the positions, the values and the stored record's size.
//
//   build/bench/doc-stats DB [MAXDOCS]
//
// Groups: "Z <lang>" stemmed terms (STEM_SOME), "text" unstemmed free-text terms (no prefix),
// and each boolean prefix (the longest known prefix of fields.h: XMI before XM). Tombstones
// are counted like any document. A plain TermGenerator index (text only, English stemming,
// positions, no data) can be measured the same way to compare.
#include "fields.h"
#include "index.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

struct Group {
    double terms = 0, wdf = 0, positions = 0;
};

std::string group_of(const std::string& term) {
    static const std::vector<std::string_view> prefixes = [] {
        using namespace ti::prefix;
        std::vector<std::string_view> p{id,      author,      author_id,      reply_to,   mention,
                                        mention_id, hashtag,  cashtag,        url,        domain,
                                        registrable, email,   lang,           is,         has,
                                        state,   retweet_of, quote_of,       reply_to_status};
        std::sort(p.begin(), p.end(), [](auto a, auto b) { return a.size() > b.size(); });
        return p;
    }();
    if (term.empty()) return "?";
    if (term[0] == 'Z') {
        auto colon = term.find(':');
        return colon == std::string::npos ? "Z (untagged)" : "Z " + term.substr(1, colon - 1);
    }
    // Every boolean value is case-folded, so a term starting with a capital is prefixed.
    if (term[0] >= 'A' && term[0] <= 'Z') {
        for (auto p : prefixes)
            if (term.compare(0, p.size(), p) == 0) return std::string(p);
        return "other prefix";
    }
    return "text";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: doc-stats DB [MAXDOCS]\n");
        return 2;
    }
    Xapian::Database db(argv[1]);
    Xapian::doccount max = argc > 2 ? static_cast<Xapian::doccount>(std::strtoul(argv[2], nullptr, 10)) : 0;
    std::map<std::string, Group> groups;
    double docs = 0, data_bytes = 0, values = 0, terms = 0, positions = 0, wdf = 0;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        if (max && docs >= max) break;
        Xapian::Document doc = db.get_document(*d);
        ++docs;
        data_bytes += static_cast<double>(doc.get_value(ti::kSlotRecord).size());  // as stored (compressed)
        values += doc.values_count();
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            Group& g = groups[group_of(*t)];
            double pos = t.positionlist_count();
            g.terms += 1;
            g.wdf += t.get_wdf();
            g.positions += pos;
            terms += 1;
            wdf += t.get_wdf();
            positions += pos;
        }
    }
    if (docs == 0) {
        fmt::print("no documents\n");
        return 0;
    }
    fmt::print("{} documents of {}\n", docs, argv[1]);
    fmt::print("per document: {:.1f} terms, {:.1f} wdf, {:.1f} positions, {:.1f} values, {:.0f} bytes of data\n",
               terms / docs, wdf / docs, positions / docs, values / docs, data_bytes / docs);
    double meta_keys = 0, meta_bytes = 0;
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
        ++meta_keys;
        meta_bytes += static_cast<double>((*k).size() + db.get_metadata(*k).size());
    }
    fmt::print("metadata (account registry, files): {:.0f} keys, {:.1f} MB\n", meta_keys, meta_bytes / 1e6);
    std::vector<std::pair<std::string, Group>> sorted(groups.begin(), groups.end());
    std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second.terms > b.second.terms; });
    fmt::print("{:<14} {:>8} {:>8} {:>10}   (per document)\n", "group", "terms", "wdf", "positions");
    for (auto& [name, g] : sorted)
        fmt::print("{:<14} {:>8.2f} {:>8.2f} {:>10.2f}\n", name, g.terms / docs, g.wdf / docs, g.positions / docs);
}

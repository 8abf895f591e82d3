// tweet-query graph [QUERY] --edges KIND: weighted account-to-account edges (who mentions,
// retweets, replies to or quotes whom) as csv, GEXF 1.2 or GraphML, as DMI-TCAT exports them.
#include "aggregates.h"
#include "command.h"
#include "fields.h"
#include "index.h"
#include "output.h"
#include "text.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

namespace tq {

namespace {

enum class EdgeKind { Mentions, Retweets, Replies, Quotes };

struct Edge {
    std::string source, target;
    std::uint64_t weight = 0;
};


// The account a retweet retweets: "RT @name:" at the start of its text, else its first mention.
std::string retweeted_author(simdjson::dom::parser& parser, const std::string& data) {
    simdjson::dom::object record;
    if (parser.parse(data).get(record)) return {};
    std::string_view text;
    if (!record["text"].get(text) && text.substr(0, 4) == "RT @") {
        std::size_t end = 4;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
        if (end > 4) return ti::fold_case(text.substr(4, end - 4));
    }
    simdjson::dom::array mentions;
    std::string_view first;
    if (!record["mentions"].get(mentions) && mentions.size() > 0 && !mentions.at(0).get(first))
        return ti::fold_case(first);
    return {};
}

std::vector<Edge> collect_edges(Xapian::Database& db, EdgeKind kind, const Xapian::Query& query,
                                std::size_t& unresolved) {
    std::map<std::pair<std::string, std::string>, std::uint64_t> weights;
    std::unordered_map<std::string, std::string> author_of_tweet;  // quoted id -> author, looked up once
    simdjson::dom::parser parser;
    const std::string retweet_flag(ti::tweet_flag(ti::TweetFlag::Retweet).term);
    for_each_match(db, query, nullptr, [&](const Xapian::Document& doc) {
        auto authors = term_values(doc, ti::prefix::author);
        if (authors.empty()) return;
        std::vector<std::string> targets;
        switch (kind) {
            case EdgeKind::Mentions: targets = term_values(doc, ti::prefix::mention); break;
            case EdgeKind::Replies: targets = term_values(doc, ti::prefix::reply_to); break;
            case EdgeKind::Retweets:
                if (ti::has_term(doc, retweet_flag)) targets.push_back(retweeted_author(parser, ti::stored_record(doc)));
                break;
            case EdgeKind::Quotes:
                for (const auto& id : term_values(doc, ti::prefix::quote_of)) {
                    auto [it, fresh] = author_of_tweet.try_emplace(id);
                    if (fresh) {
                        std::string q = std::string(ti::prefix::id) + id;
                        auto p = db.postlist_begin(q);
                        if (p != db.postlist_end(q)) {
                            auto a = term_values(db.get_document(*p), ti::prefix::author);
                            if (!a.empty()) it->second = a.front();
                        }
                    }
                    targets.push_back(it->second);
                }
                break;
        }
        for (const auto& t : targets) {
            if (t.empty()) {
                ++unresolved;
                continue;
            }
            ++weights[{authors.front(), t}];
        }
    });
    std::vector<Edge> edges;
    for (auto& [key, w] : weights) edges.push_back({key.first, key.second, w});
    std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.weight > b.weight; });
    return edges;
}

std::vector<std::string> nodes_of(const std::vector<Edge>& edges) {
    std::set<std::string> nodes;
    for (const auto& e : edges) {
        nodes.insert(e.source);
        nodes.insert(e.target);
    }
    return {nodes.begin(), nodes.end()};
}

void write_gexf(const std::vector<Edge>& edges, const std::string& description) {
    fmt::print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
               "  <meta><creator>tweet-query</creator><description>{}</description></meta>\n"
               "  <graph mode=\"static\" defaultedgetype=\"directed\">\n    <nodes>\n",
               ti::escape_markup(description));
    for (const auto& n : nodes_of(edges)) fmt::print("      <node id=\"{0}\" label=\"{0}\"/>\n", ti::escape_markup(n));
    fmt::print("    </nodes>\n    <edges>\n");
    for (std::size_t i = 0; i < edges.size(); ++i)
        fmt::print("      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"/>\n", i, ti::escape_markup(edges[i].source),
                   ti::escape_markup(edges[i].target), edges[i].weight);
    fmt::print("    </edges>\n  </graph>\n</gexf>\n");
}

void write_graphml(const std::vector<Edge>& edges, const std::string& description) {
    fmt::print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
               "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
               "  <graph id=\"G\" edgedefault=\"directed\">\n    <desc>{}</desc>\n",
               ti::escape_markup(description));
    for (const auto& n : nodes_of(edges)) fmt::print("    <node id=\"{}\"/>\n", ti::escape_markup(n));
    for (const auto& e : edges)
        fmt::print("    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data></edge>\n", ti::escape_markup(e.source),
                   ti::escape_markup(e.target), e.weight);
    fmt::print("  </graph>\n</graphml>\n");
}

class GraphCommand : public Command {
  public:
    std::string name() const override { return "graph"; }
    std::string summary() const override {
        return "account-to-account edges: tweet-query graph '#seesmic' --edges mentions --format gexf";
    }
    void add_options(CLI::App& sub) override {
        sub.add_option("--edges", edges_, "mentions (default), retweets, replies or quotes");
        sub.footer("Edges go from a tweet's author to the account it mentions, retweets, replies to or quotes "
                   "(quotes: when the quoted tweet is in the index); the weight is the number of tweets. "
                   "Account names are case-folded.\n--format: csv (default; source,target,weight), gexf (GEXF 1.2) "
                   "or graphml, directed, for Gephi and networkx.\n"
                   "Example: tweet-query graph 'lang:fr' --edges retweets --format graphml > fr.graphml");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        static const std::map<std::string, EdgeKind> kinds = {{"mentions", EdgeKind::Mentions},
                                                              {"retweets", EdgeKind::Retweets},
                                                              {"replies", EdgeKind::Replies},
                                                              {"quotes", EdgeKind::Quotes}};
        auto kind = kinds.find(edges_);
        if (kind == kinds.end()) {
            print_error(fmt::format("--edges takes mentions, retweets, replies or quotes, not '{}'", edges_));
            return kExitError;
        }
        // The common --format defaults to "text", which here means the plain table: csv.
        std::string format = common.format == "text" ? "csv" : common.format;
        if (format != "csv" && format != "gexf" && format != "graphml") {
            print_error(fmt::format("graph writes csv, gexf or graphml, not '{}'", common.format));
            return kExitError;
        }
        std::string query = join_words(words);
        std::string path = ti::resolve_db_path(common.db);
        Xapian::Database db = ti::open_index_for_reading(path);
        auto q = parse_or_report(db, query);
        if (!q) return kExitError;
        std::size_t unresolved = 0;
        auto edges = with_reopen(db, path, [&] {
            unresolved = 0;
            return collect_edges(db, kind->second, *q, unresolved);
        });
        std::string description = fmt::format("{} edges of tweets matching '{}'", edges_, query);
        if (format == "csv") {
            fmt::print("source,target,weight\r\n");
            for (const auto& e : edges)
                fmt::print("{},{},{}\r\n", csv_field(e.source, common.csv_raw), csv_field(e.target, common.csv_raw), e.weight);
        } else if (format == "gexf") {
            write_gexf(edges, description);
        } else {
            write_graphml(edges, description);
        }
        std::fflush(stdout);
        if (unresolved)
            print_error(fmt::format("{} tweets left out: the account they point at is unknown "
                                    "(a quoted tweet not in the index)", unresolved));
        return kExitOk;
    }

  private:
    std::string edges_ = "mentions";
};

}  // namespace

std::unique_ptr<Command> make_graph_command() { return std::make_unique<GraphCommand>(); }

}  // namespace tq

// tweet-query top KIND [QUERY]: the most frequent mentions, hashtags, domains... of the
// tweets a query matches (aggregates.h).
#include "aggregates.h"
#include "command.h"
#include "index.h"
#include "output.h"

#include <fmt/format.h>

namespace tq {

namespace {

class TopCommand : public Command {
  public:
    std::string name() const override { return "top"; }
    std::string summary() const override { return "most frequent values: tweet-query top domains '@tech4buziness'"; }
    void add_options(CLI::App& sub) override {
        sub.add_option("-n,--limit", limit_, "at most N values (default 10; 0 = all)")->check(count_option());
        sub.footer("KIND: " + top_kind_names() +
                   ".\nCounts tweets matching QUERY (all live tweets when empty), each tweet once per value, "
                   "deleted tweets left out; most frequent first, ties by value.\n"
                   "domains are registrable domains (news.bbc.co.uk counts as bbc.co.uk), hosts the exact hosts "
                   "links point to, sources the client named in each tweet's source.\n"
                   "Example: tweet-query top hashtags 'lang:fr' --limit 5 --format csv");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.empty() || !parse_top_kind(words[0])) {
            print_error(fmt::format("top takes one of {} first{}", top_kind_names(),
                                    words.empty() ? "" : ", not '" + words[0] + "'"));
            return kExitError;
        }
        TopKind kind = *parse_top_kind(words[0]);
        Format format = parse_format(common.format);
        std::string query = join_words({words.begin() + 1, words.end()});
        std::string path = ti::resolve_db_path(common.db);
        Xapian::Database db = ti::open_index_for_reading(path);
        auto q = parse_or_report(db, query);
        if (!q) return kExitError;
        bool everything = query.find_first_not_of(" \t") == std::string::npos;
        auto rows = with_reopen(db, path, [&] { return top_values(db, kind, *q, everything, nullptr, limit_); });
        write_top(stdout, format, rows, common.csv_raw);
        return kExitOk;
    }

  private:
    std::size_t limit_ = 10;
};

}  // namespace

std::unique_ptr<Command> make_top_command() { return std::make_unique<TopCommand>(); }

}  // namespace tq

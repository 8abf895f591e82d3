// tweet-query accounts [PATTERN]: the account registry (accounts.h) with tweet and mention counts.
#include "accounts.h"
#include "command.h"
#include "fields.h"
#include "index.h"
#include "output.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>

namespace tq {

namespace {

int run_accounts(const CommonOptions& common, const std::string& pattern_in, const std::string& sort, std::size_t limit) {
    Format format = parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    std::string pattern = ti::fold_case(pattern_in);
    if (!pattern.empty() && pattern[0] == '@') pattern.erase(0, 1);
    if (pattern.empty()) pattern = "*";
    std::string fixed = pattern.substr(0, pattern.find('*'));
    std::string key_prefix = std::string(ti::meta::account) + fixed;
    bool any_deleted = db.get_termfreq(std::string(ti::kDeletedTerm)) > 0;

    std::vector<AccountRow> rows;
    for (auto it = db.metadata_keys_begin(key_prefix); it != db.metadata_keys_end(key_prefix); ++it) {
        std::string key = *it;
        std::string name = key.substr(ti::meta::account.size());
        if (!glob_match(pattern, name)) continue;
        auto record = ti::parse_account(db.get_metadata(key));
        if (!record) continue;
        AccountRow row{*record};
        row.tweets = count_live(db, std::string(ti::prefix::author) + name, any_deleted);
        row.mentioned = count_live(db, std::string(ti::prefix::mention) + name, any_deleted);
        rows.push_back(std::move(row));
    }
    auto followers = [](const AccountRow& r) { return r.record.followers_count.value_or(-1); };
    if (sort == "followers") {
        std::stable_sort(rows.begin(), rows.end(), [&](auto& a, auto& b) { return followers(a) > followers(b); });
    } else if (sort == "tweets") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.tweets > b.tweets; });
    } else if (sort == "mentions") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.mentioned > b.mentioned; });
    } else if (sort != "name") {
        fmt::print(stderr, "tweet-query: --sort takes followers, tweets, mentions or name, not '{}'\n", sort);
        return kExitError;
    }
    if (limit && rows.size() > limit) rows.resize(limit);
    write_accounts(stdout, format, rows);
    return kExitOk;
}

class AccountsCommand : public Command {
  public:
    std::string name() const override { return "accounts"; }
    std::string summary() const override {
        return "list accounts seen as authors or mentions: tweet-query accounts 'Dell*'";
    }
    void add_options(CLI::App& sub) override {
        sub.add_option("--sort", sort_, "followers, tweets, mentions or name (default)");
        sub.add_option("-n,--limit", limit_, "at most N accounts (0 = all)");
        sub.footer("PATTERN matches screen names, * for any run of characters: "
                   "tweet-query accounts 'Dell*' --sort followers");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.size() > 1) {
            fmt::print(stderr, "tweet-query: accounts takes one pattern, like 'Dell*'\n");
            return kExitError;
        }
        return run_accounts(common, words.empty() ? "" : words[0], sort_, limit_);
    }

  private:
    std::string sort_ = "name";
    std::size_t limit_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_accounts_command() { return std::make_unique<AccountsCommand>(); }

}  // namespace tq

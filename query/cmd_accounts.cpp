// tweet-query accounts [PATTERN] and tweet-query account NAME: the account registry
// (accounts.h) with the tweets each account wrote and the times it was mentioned.
#include "accounts.h"
#include "command.h"
#include "fields.h"
#include "index.h"
#include "live_count.h"
#include "output.h"
#include "query.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>

namespace tq {

// The tweets an account wrote and those that mention it, by every screen name it had and its id.
AccountRow row_for(const LiveCounter& live, ti::AccountRecord record) {
    std::vector<std::string> authored, mentioned;
    for (const auto& n : record.screen_names) {
        authored.push_back(std::string(ti::prefix::author) + ti::fold_case(n.name));
        mentioned.push_back(std::string(ti::prefix::mention) + ti::fold_case(n.name));
    }
    if (!record.id.empty()) {
        authored.push_back(std::string(ti::prefix::author_id) + record.id);
        mentioned.push_back(std::string(ti::prefix::mention_id) + record.id);
    }
    AccountRow row{std::move(record)};
    row.tweets = live.count(authored);
    row.mentioned = live.count(mentioned);
    return row;
}

namespace {

int run_accounts(const CommonOptions& common, const std::string& pattern, const std::string& sort, std::size_t limit) {
    Format format = parse_format(common.format);
    std::string path = ti::resolve_db_path(common.db);
    Xapian::Database db = ti::open_index_for_reading(path);
    auto rows = with_reopen(db, path, [&] {
        std::vector<AccountRow> found;
        LiveCounter live(db, false);
        for (auto& record : ti::AccountDirectory(db).match(pattern)) found.push_back(row_for(live, std::move(record)));
        return found;
    });
    auto followers = [](const AccountRow& r) {
        return r.record.followers.latest ? r.record.followers.latest->value : -1;
    };
    auto by_name = [](const AccountRow& a, const AccountRow& b) {
        return ti::fold_case(a.record.screen_name()) < ti::fold_case(b.record.screen_name());
    };
    std::sort(rows.begin(), rows.end(), by_name);
    if (sort == "followers") {
        std::stable_sort(rows.begin(), rows.end(), [&](auto& a, auto& b) { return followers(a) > followers(b); });
    } else if (sort == "tweets") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.tweets > b.tweets; });
    } else if (sort == "mentions") {
        std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.mentioned > b.mentioned; });
    } else if (sort != "name") {
        print_error(fmt::format("--sort takes followers, tweets, mentions or name, not '{}'", sort));
        return kExitError;
    }
    if (limit && rows.size() > limit) rows.resize(limit);
    write_accounts(stdout, format, rows, common.csv_raw);
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
        sub.add_option("-n,--limit", limit_, "at most N accounts (0 = all)")->check(count_option());
        sub.footer("PATTERN matches any screen name an account had, * for any run of characters: "
                   "tweet-query accounts 'Dell*' --sort followers");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.size() > 1) {
            print_error("accounts takes one pattern, like 'Dell*'");
            return kExitError;
        }
        return run_accounts(common, words.empty() ? "" : words[0], sort_, limit_);
    }

  private:
    std::string sort_ = "name";
    std::size_t limit_ = 0;
};

class AccountCommand : public Command {
  public:
    std::string name() const override { return "account"; }
    std::string summary() const override {
        return "one account in full, with its screen names and follower history: tweet-query account DellOutlet";
    }
    void add_options(CLI::App& sub) override {
        sub.footer("NAME is any screen name the account had. Formats: text (default), jsonl, csv (the columns of "
                   "accounts, then verified, protected, description, location) or ids.");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.size() != 1) {
            print_error("account takes one screen name");
            return kExitError;
        }
        Format format = parse_format(common.format);
        std::string path = ti::resolve_db_path(common.db);
        Xapian::Database db = ti::open_index_for_reading(path);
        auto row = with_reopen(db, path, [&]() -> std::optional<AccountRow> {
            auto record = ti::AccountDirectory(db).find(words[0]);
            if (!record) return std::nullopt;
            return row_for(LiveCounter(db, false), std::move(*record));
        });
        if (!row) {
            print_error(fmt::format("no account @{} in the index", words[0]));
            return kExitFailed;
        }
        write_account_detail(stdout, format, *row, common.csv_raw);
        return kExitOk;
    }
};

}  // namespace

std::unique_ptr<Command> make_accounts_command() { return std::make_unique<AccountsCommand>(); }
std::unique_ptr<Command> make_account_command() { return std::make_unique<AccountCommand>(); }

}  // namespace tq

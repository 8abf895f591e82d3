#include "command.h"

#include "fields.h"
#include "query.h"

namespace tq {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_search_command());
    out.push_back(make_accounts_command());
    out.push_back(make_account_command());
    out.push_back(make_entities_command());
    return out;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

}  // namespace tq

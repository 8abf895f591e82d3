// tweet-query serve's options and the checks made before a server starts (serve_command.h).
#include "serve_command.h"

#include "audit.h"
#include "index.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cmath>

namespace tq {

std::string ServeCommand::summary() const {
    return "the index in a browser, read-only, on this machine: tweet-query serve --port 8080";
}

void ServeCommand::add_options(CLI::App& sub) {
    sub.add_option("--port", port_, "TCP port (default 8080; 0 picks a free one, printed)");
    sub.add_option("--bind", bind_, "address to listen on (default 127.0.0.1: this machine only)");
    sub.add_option("--audit", audits_, "an audit file to offer at /audits (repeatable)");
    sub.add_option("--threads", threads_, "requests answered at once (default 4)");
    sub.add_option("--time-limit", time_limit_, "seconds one request may take (default 10)");
    sub.footer("Pages: / (search: ?q=QUERY&sort=newest|oldest|relevance&page=N), /account/NAME, /audits.\n"
               "JSON: /api/search?q=Q&limit=N&offset=K, /api/top/KIND?q=Q&limit=N, /api/timeline?q=Q&by=month, "
               "/api/account/NAME.\n"
               "Read-only, no authentication: anyone who can reach the address can read the index. Stops on "
               "Ctrl-C or SIGTERM.\nExample: tweet-query serve --db tweets.xapian --audit samples/audits/story.toml");
}

int ServeCommand::run(const CommonOptions& common, const std::vector<std::string>& words) {
    if (!words.empty()) {
        fmt::print(stderr, "tweet-query: serve takes no query (the page asks for one): '{}'\n", join_words(words));
        return kExitError;
    }
    if (port_ < 0 || port_ > 65535 || threads_ < 1 || threads_ > 256 || !(time_limit_ > 0) || time_limit_ > 3600) {
        fmt::print(stderr, "tweet-query: serve: --port takes 0 to 65535, --threads 1 to 256, --time-limit 0 to 3600 "
                           "seconds\n");
        return kExitError;
    }
    serve::Settings settings;
    settings.db_path = ti::resolve_db_path(common.db);
    settings.time_limit = std::chrono::milliseconds(static_cast<long long>(std::ceil(time_limit_ * 1000)));
    ti::open_index_for_reading(settings.db_path);  // there, and of our schema: or the error now
    for (const auto& file : audits_) {
        try {
            load_audit(file);
        } catch (const AuditError& e) {
            fmt::print(stderr, "tweet-query: audit: {}\n", e.what());
            return kExitError;
        }
        settings.audit_files.push_back(file);
    }
    return serve(common, settings);
}

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace tq

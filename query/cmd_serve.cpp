// tweet-query serve: the index in a browser, read-only, on the user's own machine (serve.h).
// This file holds the HTTP server (cpp-httplib, README "Serving" says why that one) and the
// rules every request meets before a page is made: GET and HEAD only, a Host naming this
// server (no DNS rebinding), the security headers, a fixed pool of threads, errors as pages.
#include "audit.h"
#include "command.h"
#include "index.h"
#include "serve.h"
#include "serve_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cmath>
#include <set>
#include <thread>

namespace tq {

namespace {

using serve::Answer;
using serve::Settings;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

bool is_wildcard(const std::string& address) { return address == "0.0.0.0" || address == "::" || address.empty(); }

bool is_ip_literal(const std::string& name) {
    unsigned char buffer[16];
    std::string bare = name.size() > 2 && name.front() == '[' && name.back() == ']' ? name.substr(1, name.size() - 2) : name;
    return inet_pton(AF_INET, bare.c_str(), buffer) == 1 || inet_pton(AF_INET6, bare.c_str(), buffer) == 1;
}

std::string url_host(const std::string& address) {
    return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

// Which Host headers a request may carry. A page of a web site the browser visits could
// otherwise reach this server through a DNS name it points at 127.0.0.1 (DNS rebinding): only
// the bound address, localhost and the loopback addresses are names of this server, with its
// port. Bound to every address (--bind 0.0.0.0), any IP address is: no DNS name is involved.
class HostRule {
  public:
    HostRule(const std::string& bind, int port) : port_(port), any_ip_(is_wildcard(bind)) {
        names_ = {"localhost", "127.0.0.1", "[::1]"};
        if (!is_wildcard(bind)) names_.insert(url_host(bind));
    }
    bool allows(std::string host) const {
        for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string name = host, port;
        if (!host.empty() && host.front() == '[') {
            std::size_t close = host.find(']');
            if (close == std::string::npos) return false;
            name = host.substr(0, close + 1);
            port = host.substr(close + 1);
        } else if (std::size_t colon = host.find(':'); colon != std::string::npos) {
            name = host.substr(0, colon);
            port = host.substr(colon);
        }
        if (port.empty() ? port_ != 80 : port != ":" + std::to_string(port_)) return false;
        return names_.count(name) || (any_ip_ && is_ip_literal(name));
    }

  private:
    std::set<std::string> names_;
    int port_;
    bool any_ip_;
};

// The answer of one page or API call, with every error made an answer of its own kind.
Answer answer(Answer (*make)(const Settings&, const serve::Request&), const Settings& settings,
              const serve::Request& request, bool api) {
    auto fail = [&](int status, const std::string& message) {
        if (status >= 500) fmt::print(stderr, "tweet-query: serve: {}\n", message);
        return api ? serve::api_error(status, message) : serve::error_page(status, message);
    };
    try {
        // Each page opens the index afresh; one that a writer's commits overtook while it parsed
        // or read (past with_reopen's own retries) is made again from the start.
        for (int attempt = 1;; ++attempt) try {
            return make(settings, request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kReopenAttempts) throw;
        }
    } catch (const serve::RequestError& e) {
        return fail(e.status(), e.what());
    } catch (const Xapian::WildcardError&) {
        return fail(400, serve::wildcard_message());
    } catch (const Xapian::DatabaseModifiedError&) {
        return fail(503, fmt::format("the index changed {} times while it was being read (a tweet-index is adding to "
                                     "it); try again",
                                     kReopenAttempts));
    } catch (const ti::IndexError& e) {
        return fail(503, e.what());
    } catch (const Xapian::Error& e) {
        return fail(500, e.get_description());
    } catch (const std::exception& e) {
        return fail(500, e.what());
    }
}

void reply(httplib::Response& res, const Answer& a) {
    res.status = a.status;
    res.set_content(a.body, a.content_type.c_str());
}

}  // namespace

// The server itself: in tweet-query-serve only (serve_command.h).
int ServeCommand::serve(const CommonOptions&, const Settings& settings) {
    // SIGINT and SIGTERM go to one thread that stops the server; every other thread (the
    // pool's too, which inherit this mask) leaves them blocked.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    int threads = threads_;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    // One request per connection: a kept-alive idle connection would hold one of the pool's
    // threads (cpp-httplib serves a connection on one thread) while a browser's next
    // connection waits for it.
    server.set_keep_alive_max_count(1);
    server.set_read_timeout(5, 0);
    server.set_write_timeout(5, 0);
    server.set_payload_max_length(8192);
    server.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"X-Frame-Options", "DENY"},
                                {"Cache-Control", "no-cache"}});

    int port = port_;
    if (port == 0) port = server.bind_to_any_port(bind_);
    else if (!server.bind_to_port(bind_, port)) port = -1;
    if (port < 0) {
        fmt::print(stderr, "tweet-query: serve: cannot listen on {}:{} (in use, or not an address of this machine)\n",
                   bind_, port_);
        return kExitError;
    }
    HostRule hosts(bind_, port);
    server.set_pre_routing_handler([&hosts](const httplib::Request& req, httplib::Response& res) {
        if (req.method != "GET" && req.method != "HEAD") {
            res.status = 405;
            res.set_header("Allow", "GET, HEAD");
            res.set_content("405 method not allowed: this server only reads (GET, HEAD)\n", "text/plain; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!hosts.allows(req.get_header_value("Host"))) {
            res.status = 403;
            res.set_content("403 forbidden: the Host header does not name this server (use the address it printed)\n",
                            "text/plain; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto route = [&settings](Answer (*make)(const Settings&, const serve::Request&), bool api) {
        return [&settings, make, api](const httplib::Request& req, httplib::Response& res) {
            serve::Request request;
            for (const auto& [key, value] : req.params) request.params.emplace(key, value);  // the first of each
            if (req.matches.size() > 1) request.path_arg = req.matches[1].str();
            reply(res, answer(make, settings, request, api));
        };
    };
    server.Get("/", route(serve::search_page, false));
    // A screen name from a file may hold anything, '/' too (the path is decoded before it is matched).
    server.Get("/account/(.+)", route(serve::account_page, false));
    server.Get("/audits", route(serve::audits_page, false));
    server.Get(R"(/audits/(\d+))", route(serve::audit_page, false));
    server.Get("/api/search", route(serve::api_search, true));
    server.Get("/api/top/([^/]+)", route(serve::api_top, true));
    server.Get("/api/timeline", route(serve::api_timeline, true));
    server.Get("/api/account/(.+)", route(serve::api_account, true));
    server.Get("/static/([^/]+)", [](const httplib::Request& req, httplib::Response& res) {
        auto asset = serve::static_asset(req.matches[1].str());
        reply(res, asset ? *asset : serve::error_page(404, "no such file"));
    });
    // Statuses cpp-httplib sets itself (no route: 404; a bad request line: 400) get a page too.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        bool api = req.path.rfind("/api/", 0) == 0;
        std::string message = res.status == 404 ? "no such page" : fmt::format("error {}", res.status);
        reply(res, api ? serve::api_error(res.status, message) : serve::error_page(res.status, message));
        return httplib::Server::HandlerResponse::Handled;
    }));

    std::atomic<bool> listening_done{false};
    std::thread stopper([&] {
        while (!listening_done) {
            timespec tick{0, 100'000'000};
            if (sigtimedwait(&stop_signals, nullptr, &tick) < 0) continue;
            // stop() does nothing until listen_after_bind has started: ask until it returns.
            while (!listening_done) {
                server.stop();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    });
    std::string url = fmt::format("http://{}:{}/", url_host(is_wildcard(bind_) ? "127.0.0.1" : bind_), port);
    fmt::print("tweet-query: serving {} at {} (Ctrl-C stops)\n", settings.db_path, url);
    std::fflush(stdout);
    if (!is_loopback(bind_))
        fmt::print(stderr, "tweet-query: warning: listening on {}, not only this machine: there is no authentication, "
                           "anyone who can reach port {} can read the whole index\n",
                   bind_, port);
    bool ok = server.listen_after_bind();
    listening_done = true;
    stopper.join();
    fmt::print(stderr, "tweet-query: serve: stopped\n");
    return ok ? kExitOk : kExitError;
}

}  // namespace tq

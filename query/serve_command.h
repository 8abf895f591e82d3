// tweet-query serve's options and checks (serve_command.cpp), shared by the two programs that
// run it. The HTTP server is linked into tweet-query-serve alone (cmd_serve.cpp): cpp-httplib
// brings OpenSSL, whose loading and start-up doubled the time of every tweet-query command (1.8
// against 3.4 ms for --help, docs/performance.md). tweet-query's serve checks the command line,
// then hands it to tweet-query-serve beside it (serve_exec.cpp): one process, the same options.
#pragma once

#include "command.h"
#include "serve.h"

#include <string>
#include <vector>

namespace tq {

class ServeCommand : public Command {
  public:
    std::string name() const override { return "serve"; }
    std::string summary() const override;
    void add_options(CLI::App& sub) override;
    int run(const CommonOptions& common, const std::vector<std::string>& words) override;

  private:
    // Serves until SIGINT or SIGTERM: cmd_serve.cpp in tweet-query-serve, serve_exec.cpp in
    // tweet-query.
    int serve(const CommonOptions& common, const serve::Settings& settings);

    int port_ = 8080;
    std::string bind_ = "127.0.0.1";
    std::vector<std::string> audits_;
    int threads_ = 4;
    double time_limit_ = 10;
};

}  // namespace tq

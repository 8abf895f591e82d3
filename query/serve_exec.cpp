// tweet-query's serve: the command line, checked (serve_command.cpp), goes on to
// tweet-query-serve, the program beside this one that links the HTTP server (serve_command.h
// says why). exec keeps the process: its id, its signals, its exit status.
#include "serve_command.h"

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace tq {

namespace {

constexpr const char* kServerProgram = "tweet-query-serve";

std::filesystem::path server_program() {
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return (ec ? std::filesystem::path(".") : self.parent_path()) / kServerProgram;
}

}  // namespace

int ServeCommand::serve(const CommonOptions& common, const serve::Settings&) {
    std::string program = server_program().string();
    std::vector<char*> argv;
    std::vector<std::string> words = common.command_line;
    if (words.empty()) words.push_back("tweet-query");
    words[0] = program;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    print_error(fmt::format("serve: cannot run {} ({}): tweet-query serves through that program, built and "
                            "installed beside tweet-query",
                            program, std::strerror(errno)));
    return kExitError;
}

}  // namespace tq

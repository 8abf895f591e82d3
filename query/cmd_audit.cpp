// tweet-query audit FILE: runs the named checks of a TOML file (audit.h, docs/audits.md).
#include "audit.h"
#include "command.h"
#include "index.h"

#include <fmt/format.h>

#include <fstream>

namespace tq {

namespace {

class AuditCommand : public Command {
  public:
    std::string name() const override { return "audit"; }
    std::string summary() const override { return "run a file of named checks: tweet-query audit weekly.toml"; }
    void add_options(CLI::App& sub) override {
        sub.add_flag("--since-last", since_last_, "only tweets indexed since the previous run of this audit on this index");
        sub.add_option("-o,--output", output_, "write the report to PATH instead of stdout");
        sub.add_option("--state", state_, "keep the --since-last mark in PATH (default: .FILE.state.json next to the "
                                          "audit file); a run given it records its mark there");
        sub.footer("--format: text (default), markdown, json or html (one self-contained page).\n"
                   "Exit status: 0 every expectation holds, 1 one does not, 2 the audit could not run "
                   "(or a check's query or list file is bad).\n"
                   "The file's shape is in docs/audits.md. Example: tweet-query audit samples/audits/story.toml "
                   "--format html -o report.html");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.size() != 1) {
            print_error("audit takes one audit file");
            return kExitError;
        }
        auto format = parse_audit_format(common.format);
        if (!format) {
            print_error(fmt::format("audit writes text, markdown, json or html, not '{}'", common.format));
            return kExitError;
        }
        try {
            AuditSpec spec = load_audit(words[0]);
            if (!state_.empty()) spec.state_file = state_;
            std::string path = ti::resolve_db_path(common.db);
            Xapian::Database db = ti::open_index_for_reading(path);
            AuditResult result = with_reopen(db, path, [&] { return run_audit(spec, db, path, since_last_); });
            std::string report = render_audit(result, *format);
            if (output_.empty()) {
                fmt::print("{}", report);
                std::fflush(stdout);
            } else {
                std::ofstream out(output_, std::ios::binary | std::ios::trunc);
                out << report;
                if (!out.flush()) throw AuditError("cannot write " + output_);
            }
            for (const auto& c : result.checks) {
                if (!c.error.empty())
                    print_error(fmt::format("{}:{}: check '{}': {}", spec.file, c.spec->line, c.spec->name, c.error));
            }
            // The mark is written only when asked (--since-last or --state): a plain run leaves the
            // audit's folder alone, which may be read-only. A run that could not check everything
            // does not move it.
            bool keeps_state = since_last_ || !state_.empty();
            if (keeps_state && result.exit_status() != kExitError) save_state(result);
            return result.exit_status();
        } catch (const AuditError& e) {
            print_error(fmt::format("audit: {}", e.what()));
            return kExitError;
        }
    }

  private:
    bool since_last_ = false;
    std::string output_;
    std::string state_;
};

}  // namespace

std::unique_ptr<Command> make_audit_command() { return std::make_unique<AuditCommand>(); }

}  // namespace tq

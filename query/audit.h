// tweet-query audit FILE: named checks (a query, an expectation, what to report) read from a
// TOML file (docs/audits.md), run against the index and written as text, Markdown, JSON or
// one self-contained HTML page. audit_run.cpp reads and runs, audit_report.cpp writes.
#pragma once

#include "aggregates.h"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tq {

// The audit cannot run (unreadable file, bad TOML, missing list file): exit status 2.
class AuditError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Expectation {
    enum class Kind { Any, None, AtLeast, AtMost } kind = Kind::Any;
    std::uint64_t n = 0;
    bool holds(std::uint64_t count) const;
    std::string describe() const;  // "none", "at least 3", "any number"
};

struct CheckSpec {
    std::string name;
    std::size_t line = 0;        // of the check's query (or its [[check]] header) in the file
    std::string query;           // as written
    std::string accounts_file;   // resolved against the audit file's folder
    std::string domains_file;
    Expectation expect;
    std::vector<std::string> report;  // "tweets", "timeline", "top KIND" ("top accounts" = authors)
    std::optional<Period> timeline_by;  // else chosen from the span of the matches
    std::size_t max_tweets = 100;
    std::size_t top_limit = 10;
};

struct AuditSpec {
    std::string title;
    std::string file;
    std::string state_file;  // where --since-last's mark is kept: state_path(file) unless --state
    std::vector<CheckSpec> checks;
};

// Reads and checks the file's shape; AuditError naming FILE:LINE otherwise.
AuditSpec load_audit(const std::string& path);

// A matching tweet as reports show it.
struct TweetView {
    std::string record_json;  // the stored record (record.h)
    std::string id, created_at, author, text;  // text with its links expanded
};

struct TopReport {
    std::string title;  // "top domains"
    std::vector<ValueCount> rows;
    std::map<std::string, std::int64_t> followers;  // top accounts: latest followers count known
};

struct CheckResult {
    const CheckSpec* spec = nullptr;
    std::string full_query;  // the query with the list files' alternatives
    std::string error;       // a bad query or list file: the check did not run
    std::uint64_t count = 0;
    bool ok = false;
    std::vector<TweetView> tweets;  // newest first, at most spec->max_tweets
    std::vector<TopReport> tops;
    bool has_timeline = false;
    Period period = Period::Day;
    std::vector<PeriodCount> timeline;
};

struct AuditResult {
    const AuditSpec* spec = nullptr;
    std::string index_path;
    std::string identity;  // of the index (ti::index_identity): a rebuilt index is another index
    bool since_last = false;
    std::optional<Xapian::docid> since_docid;  // --since-last with a previous run: docids above it
    std::string previous_run;                  // when that run was (ISO 8601), if known
    Xapian::docid last_docid = 0;
    std::string run_at;
    std::vector<CheckResult> checks;
    int exit_status() const;  // 0 all hold, 1 one fails, 2 one could not run
};

// Runs every check; with since_last, only documents added since the run recorded in
// spec.state_file (which save_state writes, when asked).
AuditResult run_audit(const AuditSpec& spec, Xapian::Database& db, const std::string& index_path, bool since_last);

// The state file of an audit unless --state says: .NAME.state.json next to it.
std::string state_path(const std::string& audit_file);
void save_state(const AuditResult& result);

enum class AuditFormat { Text, Markdown, Json, Html };
std::optional<AuditFormat> parse_audit_format(const std::string& name);
std::string render_audit(const AuditResult& result, AuditFormat format);
// The style sheet the HTML report holds in its <style> (`serve` sends it as a file of its own).
std::string_view audit_html_css();

}  // namespace tq

// Reading an audit file and running its checks (audit.h).
#include "accounts.h"
#include "audit.h"
#include "command.h"
#include "dates.h"
#include "fields.h"
#include "index.h"
#include "json_writer.h"
#include "output.h"
#include "query.h"
#include "segmented_index.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

namespace tq {

namespace fs = std::filesystem;

bool Expectation::holds(std::uint64_t count) const {
    switch (kind) {
        case Kind::Any: return true;
        case Kind::None: return count == 0;
        case Kind::AtLeast: return count >= n;
        case Kind::AtMost: return count <= n;
    }
    return true;
}

std::string Expectation::describe() const {
    switch (kind) {
        case Kind::Any: return "any number";
        case Kind::None: return "none";
        case Kind::AtLeast: return fmt::format("at least {}", n);
        case Kind::AtMost: return fmt::format("at most {}", n);
    }
    return {};
}

int AuditResult::exit_status() const {
    int status = kExitOk;
    for (const auto& c : checks) {
        if (!c.error.empty()) return kExitError;
        if (!c.ok) status = kExitFailed;
    }
    return status;
}

namespace {

std::optional<Expectation> parse_expectation(std::string_view s) {
    Expectation e;
    if (s == "none") {
        e.kind = Expectation::Kind::None;
        return e;
    }
    if (s == "any") return e;
    for (auto [words, kind] : {std::pair{std::string_view("at least "), Expectation::Kind::AtLeast},
                               std::pair{std::string_view("at most "), Expectation::Kind::AtMost}}) {
        if (s.substr(0, words.size()) != words) continue;
        std::string_view number = s.substr(words.size());
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), e.n);
        if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
        e.kind = kind;
        return e;
    }
    return std::nullopt;
}

bool valid_report_item(const std::string& item) {
    if (item == "tweets" || item == "timeline" || item == "top accounts") return true;
    return item.rfind("top ", 0) == 0 && parse_top_kind(item.substr(4));
}

std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

CheckSpec load_check(const toml::table& t, const std::string& file, const fs::path& folder) {
    auto fail = [&](const toml::node& at, const std::string& what) -> AuditError {
        return AuditError(fmt::format("{}:{}: {}", file, line_of(at), what));
    };
    static const std::set<std::string> known = {"name",   "query",       "accounts_file", "domains_file", "expect",
                                                "report", "timeline_by", "max_tweets",    "top_limit"};
    for (const auto& [key, value] : t) {
        if (!known.count(std::string(key.str())))
            throw fail(value, fmt::format("unknown key '{}' in a check (known: name, query, accounts_file, "
                                          "domains_file, expect, report, timeline_by, max_tweets, top_limit)",
                                          key.str()));
    }
    CheckSpec c;
    c.line = line_of(t);
    auto text = [&](std::string_view key) -> std::optional<std::string> {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_string()) throw fail(*n, fmt::format("'{}' must be a string", key));
        return *n->value<std::string>();
    };
    c.name = text("name").value_or("");
    if (c.name.empty()) throw fail(t, "a check needs a name");
    if (const toml::node* q = t.get("query")) c.line = line_of(*q);
    c.query = text("query").value_or("");
    if (auto f = text("accounts_file")) c.accounts_file = (folder / *f).string();
    if (auto f = text("domains_file")) c.domains_file = (folder / *f).string();
    if (auto e = text("expect")) {
        auto parsed = parse_expectation(*e);
        if (!parsed) throw fail(*t.get("expect"), fmt::format("expect '{}': use \"none\", \"at least N\" or \"at most N\"", *e));
        c.expect = *parsed;
    }
    if (const toml::node* r = t.get("report")) {
        auto add = [&](const toml::node& item) {
            auto s = item.value<std::string>();
            if (!s || !valid_report_item(*s))
                throw fail(item, fmt::format("report items are \"tweets\", \"timeline\", \"top accounts\" or \"top KIND\" "
                                             "(KIND: {})", top_kind_names()));
            c.report.push_back(*s);
        };
        if (const toml::array* items = r->as_array()) {
            for (const auto& item : *items) add(item);
        } else {
            add(*r);
        }
    } else {
        c.report = {"tweets"};
    }
    if (auto by = text("timeline_by")) {
        c.timeline_by = parse_period(*by);
        if (!c.timeline_by) throw fail(*t.get("timeline_by"), "timeline_by takes hour, day, week, month or year");
    }
    for (auto [key, target] : {std::pair{"max_tweets", &c.max_tweets}, std::pair{"top_limit", &c.top_limit}}) {
        if (const toml::node* n = t.get(key)) {
            auto v = n->value<std::int64_t>();
            if (!v || *v < 0) throw fail(*n, fmt::format("'{}' must be a number, 0 or more", key));
            *target = static_cast<std::size_t>(*v);
        }
    }
    return c;
}

// One name a line; '#' starts a comment. Accounts may be written with '@' and end in '*'.
std::vector<std::string> read_list(const std::string& path, bool accounts) {
    std::ifstream in(path);
    if (!in) throw AuditError(fmt::format("cannot read the list file {}", path));
    std::vector<std::string> out;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        line = line.substr(0, line.find('#'));
        std::size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
        if (b == std::string::npos) continue;
        std::string item = line.substr(b, e - b + 1);
        if (accounts && item[0] == '@') item.erase(0, 1);
        // Kept to the characters names are made of, so an entry cannot change the query's shape.
        bool ok = !item.empty();
        for (std::size_t i = 0; i < item.size(); ++i) {
            auto c = static_cast<unsigned char>(item[i]);
            bool word = std::isalnum(c) || c == '_' || c >= 0x80;
            if (accounts ? !(word || (c == '*' && i + 1 == item.size())) : !(word || c == '.' || c == '-')) ok = false;
        }
        if (!ok) throw AuditError(fmt::format("{}:{}: '{}' is not {}", path, n, item, accounts ? "an account name" : "a domain"));
        out.push_back(item);
    }
    if (out.empty()) throw AuditError(fmt::format("the list file {} names nothing", path));
    return out;
}

// A list file's entries as an OR of the operator's nodes, and as the full query shows them.
struct AnyOf {
    ti::QueryNode tree;
    std::string shown;
};

AnyOf any_of(const std::vector<std::string>& items, ti::FieldId field) {
    AnyOf out{{ti::QueryNode::Kind::Or}, "("};
    for (const auto& item : items) {
        if (out.shown.size() > 1) out.shown += " OR ";
        out.shown += fmt::format("{}:{}", ti::field(field).name, item);
        out.tree.children.push_back(ti::QueryBuilder::field_node(field, item));
    }
    out.shown += ")";
    if (out.tree.children.size() == 1) {
        ti::QueryNode only = std::move(out.tree.children[0]);  // not assigned from inside itself
        out.tree = std::move(only);
    }
    return out;
}

TweetView view_of(simdjson::dom::parser& parser, std::string data) {
    TweetView v;
    v.record_json = std::move(data);
    simdjson::dom::object record;
    if (parser.parse(v.record_json).get(record)) return v;
    auto str = [&](std::string_view key) {
        std::string_view s;
        return record[key].get(s) ? std::string() : std::string(s);
    };
    v.id = str("id");
    v.created_at = str("created_at");
    v.author = str("author");
    v.text = expanded_text(record);
    return v;
}

void run_check(CheckResult& r, Xapian::Database& db, DocFilter filter) {
    const CheckSpec& c = *r.spec;
    ti::QueryBuilder builder(db);
    // The check's query and each list file's alternatives, all of them at once.
    ti::QueryNode all{ti::QueryNode::Kind::And};
    std::vector<std::string> shown;
    try {
        if (c.query.find_first_not_of(" \t") != std::string::npos) {
            all.children.push_back(builder.parse_tree(c.query));
            shown.push_back("(" + c.query + ")");
        }
    } catch (const ti::QueryError& e) {
        r.error = bad_query_message(c.query, e.what(), e.column());
        return;
    }
    try {
        for (auto [file, accounts, field] : {std::tuple{&c.accounts_file, true, ti::FieldId::Author},
                                             std::tuple{&c.domains_file, false, ti::FieldId::Domain}}) {
            if (file->empty()) continue;
            AnyOf any = any_of(read_list(*file, accounts), field);
            all.children.push_back(std::move(any.tree));
            shown.push_back(std::move(any.shown));
        }
    } catch (const ti::QueryError& e) {  // an entry the list's characters allow but the operator refuses
        r.error = e.what();
        return;
    } catch (const AuditError& e) {
        r.error = e.what();
        return;
    }
    r.full_query = join_words(shown);
    Xapian::Query q;
    try {
        q = builder.lower(all, false, false);
    } catch (const ti::QueryError& e) {  // a word of the check's query Xapian cannot parse
        r.error = bad_query_message(c.query, e.what(), e.column());
        return;
    }
    bool everything = r.full_query.empty() && !filter;

    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    bool want_tweets = std::find(c.report.begin(), c.report.end(), "tweets") != c.report.end();
    // Checking every document makes the match count exact.
    Xapian::MSet mset = get_mset_by_date(enquire, true, want_tweets ? static_cast<Xapian::doccount>(c.max_tweets) : 0,
                                         db.get_doccount(), filter);
    r.count = mset.get_matches_estimated();
    r.ok = c.expect.holds(r.count);
    simdjson::dom::parser parser;
    for (auto it = mset.begin(); it != mset.end(); ++it) r.tweets.push_back(view_of(parser, ti::stored_record(it.get_document())));

    for (const auto& item : c.report) {
        if (item == "timeline") {
            r.has_timeline = true;
            r.period = c.timeline_by.value_or(Period::Day);
            try {
                r.timeline = timeline(db, r.period, q, everything, filter);
            } catch (const TimelineTooLong& e) {
                if (c.timeline_by) {
                    r.error = fmt::format("{}: timeline_by = \"{}\" would fit", e.what(), period_name(e.fits));
                    return;
                }
                r.timeline = timeline(db, r.period = auto_period(e.first, e.last), q, everything, filter);
            }
            if (!c.timeline_by && !r.timeline.empty()) {
                Period fits = auto_period(r.timeline.front().start, r.timeline.back().start);
                if (fits != r.period) r.timeline = timeline(db, r.period = fits, q, everything, filter);
            }
        } else if (item.rfind("top ", 0) == 0) {
            std::string kind_name = item.substr(4);
            bool accounts = kind_name == "accounts";
            TopReport top{item, top_values(db, accounts ? ti::FieldId::Author : *parse_top_kind(kind_name), q, everything,
                                           filter, c.top_limit), {}};
            if (accounts) {
                ti::AccountDirectory directory(db);
                for (const auto& row : top.rows) {
                    auto record = directory.find(row.value);
                    if (record && record->followers.latest) top.followers[row.value] = record->followers.latest->value;
                }
            }
            r.tops.push_back(std::move(top));
        }
    }
}

struct PreviousRun {
    Xapian::docid last_docid = 0;
    std::string run_at;
};

// The run recorded for this index in the state file, if it was of this index (not of one rebuilt
// at the same path since).
std::optional<PreviousRun> previous_run(const std::string& state_file, const std::string& index_path,
                                        const std::string& identity) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.load(state_file).get(root)) return std::nullopt;
    simdjson::dom::object run;
    std::string_view recorded_uuid, at;
    std::uint64_t last = 0;
    if (root["runs"][index_path].get(run) || run["uuid"].get(recorded_uuid) || recorded_uuid != identity ||
        run["last_docid"].get(last))
        return std::nullopt;
    if (run["run_at"].get(at)) at = "";
    return PreviousRun{static_cast<Xapian::docid>(last), std::string(at)};
}

}  // namespace

AuditSpec load_audit(const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        if (!fs::exists(path)) throw AuditError(fmt::format("cannot read {}", path));
        throw AuditError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
    }
    AuditSpec spec;
    spec.file = path;
    spec.state_file = state_path(path);
    spec.title = root["title"].value_or(fs::path(path).stem().string());
    fs::path folder = fs::path(path).parent_path();
    const toml::array* checks = root["check"].as_array();
    if (!checks || checks->empty()) throw AuditError(fmt::format("{}: no [[check]] in the file", path));
    for (const auto& node : *checks) {
        const toml::table* t = node.as_table();
        if (!t) throw AuditError(fmt::format("{}:{}: a check is a [[check]] table", path, line_of(node)));
        spec.checks.push_back(load_check(*t, path, folder));
    }
    return spec;
}

std::string state_path(const std::string& audit_file) {
    fs::path p(audit_file);
    return (p.parent_path() / ("." + p.filename().string() + ".state.json")).string();
}

AuditResult run_audit(const AuditSpec& spec, Xapian::Database& db, const std::string& index_path, bool since_last) {
    AuditResult result;
    result.spec = &spec;
    result.index_path = fs::absolute(index_path).lexically_normal().string();
    result.identity = ti::index_identity(db, index_path);
    result.since_last = since_last;
    result.last_docid = ti::highest_arrival_number(db);
    result.run_at = ti::format_iso_date(std::time(nullptr));
    if (since_last) {
        if (auto prev = previous_run(spec.state_file, result.index_path, result.identity)) {
            result.since_docid = prev->last_docid;
            result.previous_run = prev->run_at;
        }
    }
    std::optional<DocidAbove> above;
    if (result.since_docid) above.emplace(*result.since_docid);
    for (const auto& c : spec.checks) {
        CheckResult& r = result.checks.emplace_back();
        r.spec = &c;
        run_check(r, db, above ? &*above : nullptr);
    }
    return result;
}

void save_state(const AuditResult& result) {
    // Other indexes' runs are kept as they are.
    const std::string& path = result.spec->state_file;
    ti::JsonWriter w;
    w.begin_object().key("runs").begin_object();
    simdjson::dom::parser parser;
    simdjson::dom::object runs;
    simdjson::dom::element root;
    if (!parser.load(path).get(root) && !root["runs"].get(runs)) {
        for (auto [key, value] : runs) {
            if (key != result.index_path) w.key(key).raw(simdjson::minify(value));
        }
    }
    w.key(result.index_path).begin_object();
    w.key("uuid").value(result.identity);  // the key's old name: state files stay readable
    w.key("last_docid").value(static_cast<std::int64_t>(result.last_docid));
    w.key("run_at").value(result.run_at);
    w.end_object().end_object().end_object();
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << w.str() << '\n';
        if (!out) throw AuditError(fmt::format("cannot write the state file {}", path));
    }
    fs::rename(tmp, path);
}

}  // namespace tq

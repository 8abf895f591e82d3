// Writing an audit's results: text for the terminal, Markdown, JSON, and one self-contained
// HTML page (inline CSS, an inline SVG chart per timeline, nothing fetched from the network).
#include "audit.h"
#include "json_writer.h"
#include "output.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace tq {

namespace {

const char* status_word(const CheckResult& c) { return !c.error.empty() ? "ERROR" : c.ok ? "PASS" : "FAIL"; }

std::string scope(const AuditResult& r) {
    if (!r.since_last) return "every tweet in the index";
    if (!r.since_docid) return "every tweet (no previous run of this audit on this index)";
    return fmt::format("tweets indexed since the previous run{}",
                       r.previous_run.empty() ? "" : " (" + r.previous_run + ")");
}

std::string followers_of(const TopReport& top, const std::string& value) {
    auto it = top.followers.find(value);
    return it == top.followers.end() ? std::string() : std::to_string(it->second);
}

std::string one_line(std::string s) {
    for (auto& c : s) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
}

// "2011-06-01 11:58" from "2011-06-01T11:58:00Z".
std::string when(const TweetView& t) {
    return t.created_at.size() >= 16 ? t.created_at.substr(0, 10) + " " + t.created_at.substr(11, 5) : t.created_at;
}

// The author percent-encoded beyond [A-Za-z0-9_] (all a screen name holds), so a hostile one
// cannot end a Markdown link or an HTML attribute early.
std::string tweet_url(const TweetView& t) {
    std::string author;
    for (unsigned char c : t.author) {
        if (std::isalnum(c) || c == '_') author.push_back(static_cast<char>(c));
        else author += fmt::format("%{:02X}", c);
    }
    return fmt::format("https://twitter.com/{}/status/{}", author.empty() ? "i" : author, t.id);
}

// --- text ---------------------------------------------------------------------------------

std::string render_text(const AuditResult& r) {
    std::string out = fmt::format("{}\n{}\nindex: {}\nscope: {}\n", r.spec->title, std::string(r.spec->title.size(), '='),
                                  r.index_path, scope(r));
    for (const auto& c : r.checks) {
        const CheckSpec& s = *c.spec;
        out += fmt::format("\n{:<5}  {}  ({}:{})\n", status_word(c), s.name, r.spec->file, s.line);
        if (!c.error.empty()) {
            out += "  " + c.error + "\n";
            continue;
        }
        out += fmt::format("  query: {}\n  {} tweets; expected {}\n", c.full_query.empty() ? "(every tweet)" : c.full_query,
                           c.count, s.expect.describe());
        for (const auto& top : c.tops) {
            out += fmt::format("  {}:\n", top.title);
            for (const auto& row : top.rows) {
                std::string f = followers_of(top, row.value);
                // Padded as shown: the value made safe first, or its escapes would widen the row.
                out += fmt::format("    {} {:>6}{}\n", ti::pad_to_width(ti::terminal_safe(row.value), 30), row.count,
                                   f.empty() ? "" : "  followers " + f);
            }
        }
        if (c.has_timeline) {
            std::uint64_t max = 0;
            for (const auto& p : c.timeline) max = std::max(max, p.count);
            out += "  timeline:\n";
            for (const auto& p : c.timeline)
                out += fmt::format("    {:<17} {:>6}  {}\n", p.label, p.count, text_bar(p.count, max, 40));
        }
        if (!c.tweets.empty()) {
            out += "  tweets:\n";
            for (const auto& t : c.tweets)
                out += fmt::format("    {}  @{}  {}\n      {}\n", when(t), t.author, one_line(t.text),
                                   tweet_url(t));
            if (c.tweets.size() < c.count) out += fmt::format("    ({} of {} shown)\n", c.tweets.size(), c.count);
        }
    }
    std::size_t failed = 0, errors = 0;
    for (const auto& c : r.checks) {
        if (!c.error.empty()) ++errors;
        else if (!c.ok) ++failed;
    }
    out += fmt::format("\n{} checks: {} passed, {} failed, {} could not run\n", r.checks.size(),
                       r.checks.size() - failed - errors, failed, errors);
    return out;
}

// --- Markdown -----------------------------------------------------------------------------

std::string md_cell(std::string s) {
    std::string out;
    for (char c : one_line(std::move(s))) {
        if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '[' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

std::string render_markdown(const AuditResult& r) {
    std::string out = fmt::format("# {}\n\nIndex `{}`, {}, run {}.\n\n| check | result | tweets | expected |\n"
                                  "| --- | --- | ---: | --- |\n",
                                  md_cell(r.spec->title), r.index_path, scope(r), r.run_at);
    for (const auto& c : r.checks)
        out += fmt::format("| {} | {} | {} | {} |\n", md_cell(c.spec->name), status_word(c),
                           c.error.empty() ? std::to_string(c.count) : "", c.spec->expect.describe());
    for (const auto& c : r.checks) {
        out += fmt::format("\n## {}: {}\n\n", status_word(c), md_cell(c.spec->name));
        if (!c.error.empty()) {
            out += fmt::format("Line {} of `{}`:\n\n```\n{}\n```\n", c.spec->line, r.spec->file, c.error);
            continue;
        }
        out += fmt::format("Query `{}`: {} tweets, expected {}.\n", c.full_query, c.count, c.spec->expect.describe());
        for (const auto& top : c.tops) {
            bool followers = !top.followers.empty();
            out += fmt::format("\n### {}\n\n| value | tweets |{}\n| --- | ---: |{}\n", top.title, followers ? " followers |" : "",
                               followers ? " ---: |" : "");
            for (const auto& row : top.rows)
                out += fmt::format("| {} | {} |{}\n", md_cell(row.value), row.count,
                                   followers ? " " + followers_of(top, row.value) + " |" : "");
        }
        if (c.has_timeline) {
            out += "\n### timeline\n\n| period | tweets |\n| --- | ---: |\n";
            for (const auto& p : c.timeline) out += fmt::format("| {} | {} |\n", p.label, p.count);
        }
        if (!c.tweets.empty()) {
            out += "\n### tweets\n\n";
            for (const auto& t : c.tweets)
                out += fmt::format("- {} **@{}**: {} ([tweet]({}))\n", when(t), md_cell(t.author),
                                   md_cell(t.text), tweet_url(t));
            if (c.tweets.size() < c.count) out += fmt::format("\n{} of {} shown.\n", c.tweets.size(), c.count);
        }
    }
    return out;
}

// --- JSON ---------------------------------------------------------------------------------

std::string render_json(const AuditResult& r) {
    ti::JsonWriter w;
    w.begin_object();
    w.key("title").value(r.spec->title).key("file").value(r.spec->file).key("index").value(r.index_path);
    w.key("run_at").value(r.run_at).key("since_last").value(r.since_last);
    if (r.since_docid) w.key("since_docid").value(static_cast<std::int64_t>(*r.since_docid));
    else w.key("since_docid").null();
    w.key("last_docid").value(static_cast<std::int64_t>(r.last_docid));
    w.key("status").value(static_cast<std::int64_t>(r.exit_status()));
    w.key("checks").begin_array();
    for (const auto& c : r.checks) {
        w.begin_object();
        w.key("name").value(c.spec->name).key("line").value(static_cast<std::int64_t>(c.spec->line));
        w.key("query").value(c.spec->query).key("full_query").value(c.full_query);
        w.key("expect").value(c.spec->expect.describe()).key("result").value(status_word(c));
        if (!c.error.empty()) {
            w.key("error").value(c.error).end_object();
            continue;
        }
        w.key("count").value(static_cast<std::int64_t>(c.count)).key("ok").value(c.ok);
        w.key("tops").begin_object();
        for (const auto& top : c.tops) {
            w.key(top.title.substr(4)).begin_array();
            for (const auto& row : top.rows) {
                w.begin_object().key("value").value(row.value).key("count").value(static_cast<std::int64_t>(row.count));
                auto f = top.followers.find(row.value);
                if (f != top.followers.end()) w.key("followers").value(f->second);
                w.end_object();
            }
            w.end_array();
        }
        w.end_object();
        if (c.has_timeline) {
            w.key("timeline").begin_object().key("by").value(period_name(c.period)).key("periods").begin_array();
            for (const auto& p : c.timeline)
                w.begin_object().key("period").value(p.label).key("count").value(static_cast<std::int64_t>(p.count)).end_object();
            w.end_array().end_object();
        }
        w.key("tweets").begin_array();
        for (const auto& t : c.tweets) w.raw(t.record_json);
        w.end_array();
        w.end_object();
    }
    w.end_array().end_object();
    return w.take() + "\n";
}

// --- HTML ---------------------------------------------------------------------------------


// Escaped text with each http(s) link made a link.
std::string html_linkified(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t a = std::min(text.find("http://", i), text.find("https://", i));
        if (a == std::string_view::npos) break;
        std::size_t b = text.find_first_of(" \t\r\n", a);
        if (b == std::string_view::npos) b = text.size();
        std::string url = ti::escape_markup(text.substr(a, b - a));
        out += ti::escape_markup(text.substr(i, a - i)) + "<a href=\"" + url + "\">" + url + "</a>";
        i = b;
    }
    return out + ti::escape_markup(text.substr(i));
}

// Bars of a timeline, scaled to the highest; each bar's <title> gives its period and count.
std::string svg_timeline(const std::vector<PeriodCount>& periods, std::string_view label) {
    constexpr double width = 760, height = 160, top = 16, bottom = 24;
    std::uint64_t max = 1;
    for (const auto& p : periods) max = std::max(max, p.count);
    double step = width / static_cast<double>(std::max<std::size_t>(periods.size(), 1));
    std::string out = fmt::format("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
                                  "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
                                  width, height, width, height, ti::escape_markup(label));
    out += fmt::format("<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"axis\"/>\n", height - bottom, width);
    for (std::size_t i = 0; i < periods.size(); ++i) {
        double h = (height - top - bottom) * static_cast<double>(periods[i].count) / static_cast<double>(max);
        out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{}: {}</title></rect>\n",
                           static_cast<double>(i) * step + step * 0.1, height - bottom - h, std::max(step * 0.8, 0.5), h,
                           ti::escape_markup(periods[i].label), periods[i].count);
    }
    if (!periods.empty()) {
        out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", height - 6, ti::escape_markup(periods.front().label));
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", width, height - 6,
                           ti::escape_markup(periods.back().label));
    }
    out += fmt::format("<text x=\"0\" y=\"11\">max {} a {}</text>\n</svg>\n", max, label);
    return out;
}

constexpr std::string_view kCss = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 820px; color: #1d2329; padding: 0 1em; }
h1 { margin-bottom: .2em; } .meta { color: #5b6670; }
table { border-collapse: collapse; margin: .6em 0; } td, th { padding: .2em .8em; border-bottom: 1px solid #e3e7eb; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
section.check { border: 1px solid #d5dbe0; border-radius: 8px; padding: .4em 1.2em 1em; margin: 1.4em 0; }
.badge { display: inline-block; padding: .05em .6em; border-radius: 1em; color: #fff; font-size: .8em; font-weight: 600; vertical-align: middle; }
.PASS { background: #23843a; } .FAIL { background: #c62f2f; } .ERROR { background: #8a5a00; }
code, pre { background: #f2f4f6; padding: .1em .3em; border-radius: 4px; }
svg.timeline rect { fill: #3b7dd8; } svg.timeline .axis { stroke: #98a3ad; } svg.timeline text { font-size: 11px; fill: #5b6670; }
ol.tweets li { margin: .5em 0; } .when { color: #5b6670; font-size: .9em; }
)";

}  // namespace

std::string_view audit_html_css() { return kCss; }

namespace {

std::string render_html(const AuditResult& r) {
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
                                  "<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n"
                                  "<p class=\"meta\">Index <code>{}</code>, {}, run {}.</p>\n",
                                  ti::escape_markup(r.spec->title), kCss, ti::escape_markup(r.spec->title), ti::escape_markup(r.index_path),
                                  ti::escape_markup(scope(r)), ti::escape_markup(r.run_at));
    out += "<table class=\"summary\">\n<tr><th>check</th><th>result</th><th class=\"n\">tweets</th><th>expected</th></tr>\n";
    for (const auto& c : r.checks)
        out += fmt::format("<tr><td>{}</td><td><span class=\"badge {}\">{}</span></td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                           ti::escape_markup(c.spec->name), status_word(c), status_word(c),
                           c.error.empty() ? std::to_string(c.count) : "", c.spec->expect.describe());
    out += "</table>\n";
    for (const auto& c : r.checks) {
        out += fmt::format("<section class=\"check\">\n<h2 class=\"check-name\">{} <span class=\"badge {}\">{}</span></h2>\n",
                           ti::escape_markup(c.spec->name), status_word(c), status_word(c));
        if (!c.error.empty()) {
            out += fmt::format("<p>Line {} of <code>{}</code>:</p>\n<pre>{}</pre>\n</section>\n", c.spec->line,
                               ti::escape_markup(r.spec->file), ti::escape_markup(c.error));
            continue;
        }
        out += fmt::format("<p>Query <code>{}</code>: <strong>{}</strong> tweets, expected {}.</p>\n",
                           ti::escape_markup(c.full_query.empty() ? "(every tweet)" : c.full_query), c.count, c.spec->expect.describe());
        if (c.has_timeline) {
            out += fmt::format("<h3>timeline, by {}</h3>\n", period_name(c.period));
            out += svg_timeline(c.timeline, period_name(c.period));
        }
        for (const auto& top : c.tops) {
            bool followers = !top.followers.empty();
            out += fmt::format("<h3>{}</h3>\n<table>\n<tr><th>value</th><th class=\"n\">tweets</th>{}</tr>\n",
                               ti::escape_markup(top.title), followers ? "<th class=\"n\">followers</th>" : "");
            for (const auto& row : top.rows)
                out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td>{}</tr>\n", ti::escape_markup(row.value), row.count,
                                   followers ? "<td class=\"n\">" + followers_of(top, row.value) + "</td>" : "");
            out += "</table>\n";
        }
        if (!c.tweets.empty()) {
            out += "<h3>tweets</h3>\n<ol class=\"tweets\">\n";
            for (const auto& t : c.tweets)
                out += fmt::format("<li><span class=\"when\">{}</span> <strong>@{}</strong> {} <a class=\"permalink\" "
                                   "href=\"{}\">tweet</a></li>\n",
                                   ti::escape_markup(when(t)), ti::escape_markup(t.author), html_linkified(t.text),
                                   ti::escape_markup(tweet_url(t)));
            out += "</ol>\n";
            if (c.tweets.size() < c.count) out += fmt::format("<p>{} of {} shown.</p>\n", c.tweets.size(), c.count);
        }
        out += "</section>\n";
    }
    return out + "</body>\n</html>\n";
}

}  // namespace

std::optional<AuditFormat> parse_audit_format(const std::string& name) {
    if (name == "text") return AuditFormat::Text;
    if (name == "markdown" || name == "md") return AuditFormat::Markdown;
    if (name == "json") return AuditFormat::Json;
    if (name == "html") return AuditFormat::Html;
    return std::nullopt;
}

std::string render_audit(const AuditResult& result, AuditFormat format) {
    switch (format) {
        // Text and Markdown are read on terminals: made safe whole, at this one boundary (HTML
        // escapes with escape_markup, JSON with its writer, both of which neutralise the same).
        case AuditFormat::Text: return ti::terminal_safe(render_text(result), ti::LineBreaks::Keep);
        case AuditFormat::Markdown: return ti::terminal_safe(render_markdown(result), ti::LineBreaks::Keep);
        case AuditFormat::Json: return render_json(result);
        case AuditFormat::Html: return render_html(result);
    }
    return {};
}

}  // namespace tq

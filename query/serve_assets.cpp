// The files the pages of `tweet-query serve` load, held in the binary: nothing is fetched from
// anywhere else (the Content-Security-Policy says so too).
#include "audit.h"
#include "serve.h"

namespace tq::serve {

namespace {

constexpr std::string_view kCss = R"(
:root { --ink: #1d2329; --dim: #5b6670; --line: #e3e7eb; --accent: #2a63b8; --bar: #3b7dd8; --warn: #b3261e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: var(--ink); background: #fafbfc; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { display: flex; flex-wrap: wrap; gap: .6em 1.2em; align-items: center; padding: .7em 1.2em;
  background: #fff; border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; color: var(--ink); }
form.search { display: flex; flex-wrap: wrap; gap: .4em; align-items: center; flex: 1; }
form.search input[type=search] { flex: 1; min-width: 16em; font: inherit; padding: .35em .6em; border: 1px solid #b8c1ca; border-radius: 6px; }
form.search select, form.search button { font: inherit; padding: .3em .6em; }
header.top nav a { margin-left: .8em; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 1.5em; max-width: 1180px; margin: 0 auto; padding: 1em 1.2em; }
@media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
main { min-width: 0; }
.total { font-size: 1.05em; margin: .2em 0 .6em; } .sorts a, .sorts strong { margin-left: .6em; }
pre.error { background: #fdecea; color: var(--warn); padding: .8em 1em; border-radius: 6px; overflow-x: auto;
  font: 14px/1.4 ui-monospace, monospace; }
.help { color: var(--dim); font-size: .9em; } .help dt { font-family: ui-monospace, monospace; } .help dd { margin: 0 0 .3em 1.2em; }
article.tweet { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .6em .9em; margin: .6em 0; }
article.tweet.deleted { border-color: #e8b4b0; background: #fff8f7; }
article.tweet header { display: flex; flex-wrap: wrap; gap: .2em .6em; align-items: baseline; }
.author .name { font-weight: 600; color: var(--ink); } .author .handle, time { color: var(--dim); }
.mark { font-size: .78em; padding: .05em .5em; border-radius: 1em; background: #eef1f4; color: #3d4852; }
.mark.deleted, .mark.withheld { background: #fbe1de; color: var(--warn); }
p.text { margin: .35em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
span.unsafe-link { color: var(--warn); }
article.tweet footer { display: flex; flex-wrap: wrap; gap: .2em 1em; font-size: .86em; color: var(--dim); }
article.tweet footer .permalink { margin-left: auto; }
nav.pages { display: flex; gap: 1em; justify-content: center; margin: 1em 0; }
aside.facets section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .4em .8em; margin-bottom: 1em; }
aside.facets h2 { font-size: .95em; margin: .2em 0 .4em; text-transform: capitalize; }
aside.facets ol { list-style: none; margin: 0; padding: 0; }
aside.facets li { display: flex; flex-wrap: wrap; gap: 0 .4em; align-items: baseline; padding: .1em 0; }
aside.facets li .add { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
aside.facets .n { font-variant-numeric: tabular-nums; color: var(--dim); }
aside.facets .followers { order: 3; flex-basis: 100%; font-size: .8em; color: var(--dim); margin-top: -.2em; }
aside.facets .exclude { color: var(--warn); padding: 0 .3em; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart rect.bar { fill: var(--bar); } svg.chart a:hover rect.bar { fill: #1f4f99; }
svg.chart rect.hit { fill: transparent; } svg.chart a:hover rect.hit { fill: #eef3fb; }
svg.chart .axis { stroke: #98a3ad; } svg.chart text { font-size: 11px; fill: var(--dim); }
svg.chart polyline { fill: none; stroke: var(--bar); stroke-width: 2; } svg.chart circle { fill: var(--bar); }
table { border-collapse: collapse; margin: .4em 0 1em; } td, th { padding: .2em .8em; border-bottom: 1px solid var(--line); text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.account h1 { margin-bottom: 0; } .account .handle { color: var(--dim); }
.empty { color: var(--dim); }
)";

// Progressive enhancement only: every page works without it.
constexpr std::string_view kScript = R"(
"use strict";
document.documentElement.classList.add("js");
for (const select of document.querySelectorAll("form.search select")) {
  select.addEventListener("change", () => select.form.submit());
}
document.addEventListener("keydown", (event) => {
  const box = document.querySelector("form.search input[type=search]");
  if (event.key === "/" && box && document.activeElement !== box) {
    event.preventDefault();
    box.focus();
  }
});
)";

// The page icon: a bar chart, as the timeline draws them.
constexpr std::string_view kIcon = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">)"
                                   R"(<rect x="1" y="8" width="3" height="7" fill="#3b7dd8"/>)"
                                   R"(<rect x="6.5" y="3" width="3" height="12" fill="#3b7dd8"/>)"
                                   R"(<rect x="12" y="6" width="3" height="9" fill="#3b7dd8"/></svg>)";

}  // namespace

std::optional<Answer> static_asset(std::string_view name) {
    if (name == "serve.css") return Answer{200, "text/css; charset=utf-8", std::string(kCss)};
    if (name == "audit.css") return Answer{200, "text/css; charset=utf-8", std::string(audit_html_css())};
    if (name == "icon.svg") return Answer{200, "image/svg+xml", std::string(kIcon)};
    if (name == "serve.js") return Answer{200, "text/javascript; charset=utf-8", std::string(kScript)};
    return std::nullopt;
}

}  // namespace tq::serve

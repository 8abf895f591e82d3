#include "entity_fill.h"

#include "entities.h"
#include "text.h"
#include "urls.h"

#include <algorithm>

namespace ti {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

// True when the entity runs into a final "…": the text was cut there, so was the entity.
bool cut_by_ellipsis(const ExtractedEntity& e, std::string_view text, std::size_t text_code_points) {
    if (text.size() < kEllipsis.size() || text.substr(text.size() - kEllipsis.size()) != kEllipsis) return false;
    return e.end + 1 >= text_code_points;
}

Span span_of(const ExtractedEntity& e) {
    return {static_cast<std::uint32_t>(e.start), static_cast<std::uint32_t>(e.end)};
}

bool is_tco_link(std::string_view url) { return normalise_url(url).host == "t.co"; }

bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

}  // namespace

void complete_entities(Tweet& t) {
    if (t.text.empty()) return;
    // Most tweets hold none of these; the extractor is skipped for them.
    if (t.text.find_first_of("@#$.\xEF") == std::string::npos) return;
    ExtractedEntities found = extract_entities(t.text);
    std::size_t length = count_code_points(t.text);
    auto keep = [&](const ExtractedEntity& e) { return !cut_by_ellipsis(e, t.text, length); };

    for (const auto& e : found.emails) {
        if (keep(e)) t.emails.push_back({e.value, span_of(e)});
    }
    if (!t.entities_given) {
        for (const auto& e : found.mentions) {
            if (!keep(e) || !e.list_slug.empty()) continue;
            t.mentions.push_back({e.value, "", "", span_of(e)});
        }
        for (const auto& e : found.hashtags) {
            if (keep(e)) t.hashtags.push_back({e.value, span_of(e)});
        }
        for (const auto& e : found.cashtags) {
            if (keep(e)) t.cashtags.push_back({e.value, span_of(e)});
        }
    }
    for (const auto& e : found.urls) {
        if (!keep(e)) continue;
        // The file's expanded URLs (Grailbird CSV) stand for the t.co links in its text.
        if (!t.extra_urls.empty() && is_tco_link(e.value)) continue;
        Span span = span_of(e);
        bool covered = std::any_of(t.urls.begin(), t.urls.end(), [&](const Url& u) {
            return overlaps(u.span, span) || u.url == e.value || u.expanded_url == e.value;
        });
        // A photo's or video's t.co link is media (has:media), never a link.
        covered = covered || std::any_of(t.media.begin(), t.media.end(), [&](const Media& m) {
            return overlaps(m.span, span) || m.url == e.value;
        });
        if (!covered) t.urls.push_back({e.value, e.value, span});
    }
}

}  // namespace ti

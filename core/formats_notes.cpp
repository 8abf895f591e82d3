// An archive's long posts: note-tweet.js (deleted-note-tweet.js) holds the full text of the posts
// whose tweets.js (deleted-tweets.js) entry is cut, without naming the tweet.
#include "formats.h"

#include "dates.h"
#include "formats_json.h"
#include "text.h"

#include <algorithm>
#include <cstdlib>

namespace ti {

using namespace json;

namespace {

// A note and its tweet are written by the same request: their times differ by a second or so.
constexpr std::int64_t kNoteTimeSlack = 2;

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_end(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The text a cut long post keeps: what comes before its closing "… https://t.co/XXXX", or
// nullopt when the text does not end that way (a whole tweet, which needs no note).
std::optional<std::string_view> cut_prefix(std::string_view text) {
    text = trim_end(text);
    std::size_t link = text.rfind("https://t.co/");
    if (link == std::string_view::npos) return std::nullopt;
    std::string_view tail = text.substr(link + 13);
    if (tail.empty() || std::any_of(tail.begin(), tail.end(), is_space)) return std::nullopt;
    std::string_view before = trim_end(text.substr(0, link));
    if (before.size() < kEllipsis.size() || before.substr(before.size() - kEllipsis.size()) != kEllipsis)
        return std::nullopt;
    return trim_end(before.substr(0, before.size() - kEllipsis.size()));
}

// An entity's place: the archive's `fromIndex`/`toIndex` (strings), code points of the text.
Span note_span(object e, const std::vector<std::uint32_t>& offset_map) {
    return map_span(int_field(e, "fromIndex").value_or(0), int_field(e, "toIndex").value_or(0), offset_map);
}

// An entity list is under `core` in the archives seen; the note itself is looked at too.
std::optional<array> note_list(object note, std::optional<object> core, std::string_view key) {
    if (core) {
        if (auto list = array_field(*core, key)) return list;
    }
    return array_field(note, key);
}

}  // namespace

void ArchiveNotes::read(element value, const std::string& file, bool deleted) {
    // [{"noteTweet": {"noteTweetId", "createdAt", "core": {"text", "urls", "mentions", "hashtags",
    //   "cashtags", "styletags"}, "updatedAt", "lifecycle"}}, ...]
    if (std::find(files_.begin(), files_.end(), file) != files_.end()) return;
    files_.push_back(file);
    if (!value.is_array()) return;
    for (element item : array(value)) {
        if (!item.is_object()) continue;
        auto note = object_field(object(item), "noteTweet");
        if (!note) continue;
        ArchiveNote n;
        n.id = std::string(string_field(*note, "noteTweetId"));
        n.file = file;
        n.deleted = deleted;
        // A note without a readable time or text joins nothing; it is kept to be told as such.
        n.created_at = parse_iso_date(string_field(*note, "createdAt")).value_or(0);
        auto core = object_field(*note, "core");
        std::string_view escaped = core ? string_field(*core, "text") : std::string_view{};
        if (escaped.empty()) escaped = string_field(*note, "text");
        std::vector<std::uint32_t> offset_map;
        n.text = unescape_html(escaped, &offset_map);
        read_url_list(note_list(*note, core, "urls"), {"shortUrl", {"expandedUrl"}}, note_span, offset_map, n.urls);
        read_mention_list(note_list(*note, core, "mentions"), {"screenName", ""}, note_span, offset_map, n.mentions);
        read_tag_list(note_list(*note, core, "hashtags"), {"hashtag", "text"}, note_span, offset_map, n.hashtags);
        read_tag_list(note_list(*note, core, "cashtags"), {"cashtag", "text"}, note_span, offset_map, n.cashtags);
        by_time_.emplace(n.created_at, std::move(n));
    }
}

bool ArchiveNotes::join(Tweet& t) {
    if (by_time_.empty() || t.created_at == 0) return false;
    auto prefix = cut_prefix(t.text);
    if (!prefix) return false;
    // The closest in time of the notes the cut text begins, one not joined yet before one that is
    // (the same tweet read again).
    ArchiveNote* best = nullptr;
    auto better = [&](const ArchiveNote& n) {
        if (!best) return true;
        if (n.joined != best->joined) return !n.joined;
        return std::llabs(n.created_at - t.created_at) < std::llabs(best->created_at - t.created_at);
    };
    for (auto it = by_time_.lower_bound(t.created_at - kNoteTimeSlack);
         it != by_time_.end() && it->first <= t.created_at + kNoteTimeSlack; ++it) {
        ArchiveNote& n = it->second;
        if (n.deleted != t.deleted) continue;
        if (n.text.size() <= prefix->size() || n.text.compare(0, prefix->size(), *prefix) != 0) continue;
        if (better(n)) best = &n;
    }
    if (!best) return false;
    best->joined = true;
    t.text = best->text;
    t.mentions = best->mentions;
    t.urls = best->urls;
    t.hashtags = best->hashtags;
    t.cashtags = best->cashtags;
    t.entities_given = true;
    t.text_truncated = false;
    // The media's places were in the cut text.
    for (Media& m : t.media) m.span = {};
    return true;
}

std::vector<ArchiveNote*> ArchiveNotes::unjoined() {
    std::vector<ArchiveNote*> out;
    for (auto& [when, n] : by_time_) {
        if (!n.joined && (n.deleted ? deleted_tweets_read_ : tweets_read_)) out.push_back(&n);
    }
    return out;
}

}  // namespace ti

#include "record.h"

#include "dates.h"
#include "json_writer.h"
#include "text.h"

#include <unordered_set>

namespace ti {

namespace {

template <typename T, typename Value>
void add_unique(std::vector<std::string>& out, std::unordered_set<std::string>& seen, const std::vector<T>& items,
                Value value_of) {
    for (const auto& item : items) {
        const std::string& v = value_of(item);
        if (v.empty()) continue;
        if (seen.insert(fold_case(v)).second) out.push_back(v);
    }
}

void write_span(JsonWriter& w, const Span& s) {
    w.key("indices").begin_array().value(std::int64_t(s.start)).value(std::int64_t(s.end)).end_array();
}

}  // namespace

SearchableEntities searchable_entities(const Tweet& t) {
    SearchableEntities out;
    std::unordered_set<std::string> seen;
    auto screen_name = [](const Mention& m) -> const std::string& { return m.screen_name; };
    auto expanded = [](const Url& u) -> const std::string& { return u.expanded_url; };
    auto tag_text = [](const Tag& tag) -> const std::string& { return tag.text; };
    add_unique(out.mentions, seen, t.mentions, screen_name);
    add_unique(out.mentions, seen, t.retweeted_mentions, screen_name);
    seen.clear();
    add_unique(out.urls, seen, t.urls, expanded);
    add_unique(out.urls, seen, t.retweeted_urls, expanded);
    add_unique(out.urls, seen, t.extra_urls, [](const std::string& u) -> const std::string& { return u; });
    seen.clear();
    add_unique(out.hashtags, seen, t.hashtags, tag_text);
    add_unique(out.hashtags, seen, t.retweeted_hashtags, tag_text);
    seen.clear();
    add_unique(out.cashtags, seen, t.cashtags, tag_text);
    add_unique(out.cashtags, seen, t.retweeted_cashtags, tag_text);
    return out;
}

std::string serialise_record(const Tweet& t) {
    SearchableEntities se = searchable_entities(t);
    JsonWriter w;
    w.begin_object();
    w.key("id").value(t.id);
    if (t.created_at) w.key("created_at").value(format_iso_date(t.created_at));
    else w.key("created_at").null();
    if (t.created_at_derived) w.key("created_at_derived").value(true);
    w.key("author").value(t.author.screen_name);
    w.key("author_id").value(t.author.id);
    w.key("author_name").value(t.author.name);
    if (t.author.followers_count) w.key("author_followers").value(*t.author.followers_count);
    w.key("text").value(t.text);
    w.key("lang").value(t.lang);
    w.key("source").value(t.source);
    auto list = [&](std::string_view key, const std::vector<std::string>& values) {
        w.key(key).begin_array();
        for (const auto& v : values) w.value(v);
        w.end_array();
    };
    list("mentions", se.mentions);
    list("hashtags", se.hashtags);
    list("cashtags", se.cashtags);
    list("urls", se.urls);
    w.key("emails").begin_array();
    for (const auto& e : t.emails) w.value(e.text);
    w.end_array();
    if (!t.in_reply_to_status_id.empty() || !t.in_reply_to_user_id.empty() || !t.in_reply_to_screen_name.empty()) {
        w.key("in_reply_to").begin_object();
        w.key("status_id").value(t.in_reply_to_status_id);
        w.key("user_id").value(t.in_reply_to_user_id);
        w.key("screen_name").value(t.in_reply_to_screen_name);
        w.end_object();
    } else {
        w.key("in_reply_to").null();
    }
    if (!t.retweet_of.empty()) w.key("retweet_of").value(t.retweet_of);
    else w.key("retweet_of").null();
    if (!t.quote_of.empty()) w.key("quote_of").value(t.quote_of);
    else w.key("quote_of").null();
    w.key("is_retweet").value(t.is_retweet);
    w.key("is_quote").value(t.is_quote);
    w.key("has_media").value(t.has_media);
    if (t.withheld) w.key("withheld").value(true);
    if (t.liked) w.key("liked").value(true);
    if (t.community) w.key("community").value(true);
    if (t.circle) w.key("circle").value(true);
    if (!t.author_former_names.empty()) list("author_former_names", t.author_former_names);
    if (!t.edit_ids.empty()) list("edit_ids", t.edit_ids);
    w.key("counts").begin_object();
    w.key("retweets").value(t.retweet_count);
    w.key("favorites").value(t.favorite_count);
    w.key("replies").value(t.reply_count);
    w.key("quotes").value(t.quote_count);
    if (t.view_count) w.key("views").value(*t.view_count);
    w.end_object();
    // The tweet's own entities with their place in `text`.
    w.key("entities").begin_object();
    w.key("mentions").begin_array();
    for (const auto& m : t.mentions) {
        w.begin_object().key("screen_name").value(m.screen_name).key("id").value(m.user_id);
        write_span(w, m.span);
        w.end_object();
    }
    w.end_array();
    w.key("urls").begin_array();
    for (const auto& u : t.urls) {
        w.begin_object().key("url").value(u.url).key("expanded_url").value(u.expanded_url);
        write_span(w, u.span);
        w.end_object();
    }
    w.end_array();
    if (!t.media.empty()) {
        w.key("media").begin_array();
        for (const auto& m : t.media) {
            w.begin_object().key("url").value(m.url).key("expanded_url").value(m.expanded_url);
            w.key("media_url").value(m.media_url).key("type").value(m.type);
            if (!m.variants.empty()) list("variants", m.variants);
            write_span(w, m.span);
            w.end_object();
        }
        w.end_array();
    }
    for (auto [key, tags] : {std::pair{"hashtags", &t.hashtags}, std::pair{"cashtags", &t.cashtags}}) {
        w.key(key).begin_array();
        for (const auto& tag : *tags) {
            w.begin_object().key("text").value(tag.text);
            write_span(w, tag.span);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    w.end_object();
    return w.take();
}

std::string serialise_tombstone_record(std::string_view id, std::optional<std::string_view> author_id) {
    JsonWriter w;
    w.begin_object();
    w.key("id").value(id);
    if (author_id) w.key("author_id").value(*author_id);
    w.end_object();
    return w.take();
}

}  // namespace ti

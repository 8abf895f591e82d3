// The mention, link and tag lists that API v1.1, API v2, the X web client and the archive's
// long posts all give as arrays of objects; only the field names differ (formats_json.h).
#include "formats_json.h"

namespace ti::json {

Span v2_span(object entity, const std::vector<std::uint32_t>& offset_map) {
    return map_span(int_field(entity, "start").value_or(0), int_field(entity, "end").value_or(0), offset_map);
}

void read_mention_list(std::optional<array> list, const MentionFieldNames& names, SpanReader span,
                       const std::vector<std::uint32_t>& offset_map, std::vector<Mention>& into) {
    if (!list) return;
    for (element e : *list) {
        if (!e.is_object()) continue;
        object m(e);
        Mention mention;
        mention.screen_name = std::string(string_field(m, names.screen_name));
        if (mention.screen_name.empty()) continue;
        mention.user_id = id_field(m, "id");  // may be "-1": unknown (Mention::has_known_id)
        if (!names.name.empty()) mention.name = std::string(string_field(m, names.name));
        mention.span = span(m, offset_map);
        into.push_back(std::move(mention));
    }
}

void read_url_list(std::optional<array> list, const UrlFieldNames& names, SpanReader span,
                   const std::vector<std::uint32_t>& offset_map, std::vector<Url>& into) {
    if (!list) return;
    for (element e : *list) {
        if (!e.is_object()) continue;
        object u(e);
        Url url;
        url.url = std::string(string_field(u, names.short_url));
        for (std::string_view key : names.target) {
            if (url.expanded_url.empty()) url.expanded_url = std::string(string_field(u, key));
        }
        if (url.expanded_url.empty()) url.expanded_url = url.url;
        if (url.expanded_url.empty()) continue;
        url.span = span(u, offset_map);
        into.push_back(std::move(url));
    }
}

void read_tag_list(std::optional<array> list, std::initializer_list<std::string_view> text_keys, SpanReader span,
                   const std::vector<std::uint32_t>& offset_map, std::vector<Tag>& into) {
    if (!list) return;
    for (element e : *list) {
        if (!e.is_object()) continue;
        object t(e);
        Tag tag;
        for (std::string_view key : text_keys) {
            if (tag.text.empty()) tag.text = std::string(string_field(t, key));
        }
        if (tag.text.empty()) continue;
        tag.span = span(t, offset_map);
        into.push_back(std::move(tag));
    }
}

}  // namespace ti::json

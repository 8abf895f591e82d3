// Media entities (photos, videos, GIFs) of the v1.1 shape, which archives and the web client's
// `legacy` share.
#include "formats_json.h"

namespace ti::json {

std::vector<Media> read_v1_media(array list, const std::vector<std::uint32_t>& offset_map) {
    std::vector<Media> out;
    for (element e : list) {
        if (!e.is_object()) continue;
        object m(e);
        Media media;
        media.url = std::string(string_field(m, "url"));
        media.expanded_url = std::string(string_field(m, "expanded_url"));
        media.media_url = std::string(string_field(m, "media_url_https"));
        if (media.media_url.empty()) media.media_url = std::string(string_field(m, "media_url"));
        media.type = std::string(string_field(m, "type"));
        if (auto video = object_field(m, "video_info")) {
            if (auto variants = array_field(*video, "variants")) {
                for (element v : *variants) {
                    if (!v.is_object()) continue;
                    if (auto url = string_field(object(v), "url"); !url.empty()) media.variants.emplace_back(url);
                }
            }
        }
        media.span = span_of(m, offset_map);
        if (media.url.empty() && media.media_url.empty()) continue;
        out.push_back(std::move(media));
    }
    return out;
}

}  // namespace ti::json

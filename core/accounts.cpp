#include "accounts.h"

#include "json_writer.h"

#include <simdjson.h>

namespace ti {

namespace {
void widen_seen(AccountRecord& r, std::int64_t first, std::int64_t last) {
    if (first && (!r.first_seen || first < r.first_seen)) r.first_seen = first;
    if (last && last > r.last_seen) r.last_seen = last;
}
}  // namespace

void merge_sighting(AccountRecord& r, const User& user, std::int64_t when) {
    if (!user.screen_name.empty() && (r.screen_name.empty() || when >= r.last_seen)) r.screen_name = user.screen_name;
    if (!user.id.empty()) r.id = user.id;
    if (!user.name.empty() && (r.name.empty() || when >= r.last_seen)) r.name = user.name;
    if (user.followers_count && (!r.followers_count || when >= r.followers_at)) {
        r.followers_count = user.followers_count;
        r.followers_at = when;
    }
    widen_seen(r, when, when);
}

void merge_records(AccountRecord& into, const AccountRecord& from) {
    bool newer = from.last_seen >= into.last_seen;
    if (!from.screen_name.empty() && (into.screen_name.empty() || newer)) into.screen_name = from.screen_name;
    if (!from.id.empty()) into.id = from.id;
    if (!from.name.empty() && (into.name.empty() || newer)) into.name = from.name;
    if (from.followers_count && (!into.followers_count || from.followers_at >= into.followers_at)) {
        into.followers_count = from.followers_count;
        into.followers_at = from.followers_at;
    }
    widen_seen(into, from.first_seen, from.last_seen);
}

std::string serialise_account(const AccountRecord& r) {
    JsonWriter w;
    w.begin_object();
    w.key("screen_name").value(r.screen_name);
    w.key("id").value(r.id);
    w.key("name").value(r.name);
    if (r.followers_count) w.key("followers_count").value(*r.followers_count);
    w.key("followers_at").value(r.followers_at);
    w.key("first_seen").value(r.first_seen);
    w.key("last_seen").value(r.last_seen);
    w.end_object();
    return w.take();
}

std::optional<AccountRecord> parse_account(std::string_view json) {
    simdjson::dom::parser parser;
    simdjson::dom::object o;
    if (parser.parse(json.data(), json.size(), true).get(o)) return std::nullopt;
    AccountRecord r;
    std::string_view s;
    if (!o["screen_name"].get(s)) r.screen_name = s;
    if (!o["id"].get(s)) r.id = s;
    if (!o["name"].get(s)) r.name = s;
    std::int64_t n;
    if (!o["followers_count"].get(n)) r.followers_count = n;
    if (!o["followers_at"].get(n)) r.followers_at = n;
    if (!o["first_seen"].get(n)) r.first_seen = n;
    if (!o["last_seen"].get(n)) r.last_seen = n;
    return r;
}

}  // namespace ti

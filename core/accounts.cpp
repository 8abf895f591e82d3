#include "accounts.h"

#include "fields.h"
#include "json_writer.h"
#include "text.h"

#include <simdjson.h>

#include <algorithm>
#include <set>

namespace ti {

// --- merging ------------------------------------------------------------------------

void CountHistory::observe(std::int64_t value, std::int64_t at) {
    Observation o{value, at};
    if (!first || at < first->at) first = o;
    if (!latest || at >= latest->at) latest = o;
    if (!min || value < min->value) min = o;
    if (!max || value > max->value) max = o;
}

void CountHistory::merge(const CountHistory& other) {
    for (const auto* o : {&other.first, &other.latest, &other.min, &other.max}) {
        if (*o) observe((*o)->value, (*o)->at);
    }
}

namespace {

void widen(std::int64_t& first, std::int64_t& last, std::int64_t f, std::int64_t l) {
    if (f && (!first || f < first)) first = f;
    if (l > last) last = l;
}

void note_name(std::vector<NameSighting>& names, const std::string& name, std::int64_t first, std::int64_t last) {
    if (name.empty()) return;
    std::string folded = fold_case(name);
    for (auto& n : names) {
        if (fold_case(n.name) == folded) {
            if (last >= n.last_seen) n.name = name;  // the spelling last written
            widen(n.first_seen, n.last_seen, first, last);
            return;
        }
    }
    names.push_back({name, first, last});
}

const NameSighting* latest_of(const std::vector<NameSighting>& names) {
    const NameSighting* best = nullptr;
    for (const auto& n : names) {
        if (!best || n.last_seen >= best->last_seen) best = &n;
    }
    return best;
}

const std::string kEmpty;

// Two accounts (two ids) seen with one screen name, one after the other took it: the name points
// to the one seen with it last, whatever order their sightings are stored in (one writer or
// several, one commit or many). Equal times: the higher id, the newer account.
bool holds_name_over(const AccountRecord& mine, const AccountRecord& theirs, const std::string& folded) {
    auto last_seen_as = [&](const AccountRecord& r) {
        std::int64_t last = -1;
        for (const auto& n : r.screen_names) {
            if (fold_case(n.name) == folded) last = std::max(last, n.last_seen);
        }
        return last;
    };
    std::int64_t a = last_seen_as(mine), b = last_seen_as(theirs);
    if (a != b) return a > b;
    if (mine.id.size() != theirs.id.size()) return mine.id.size() > theirs.id.size();  // decimal ids
    return mine.id >= theirs.id;
}

}  // namespace

const std::string& AccountRecord::screen_name() const {
    const auto* n = latest_of(screen_names);
    return n ? n->name : kEmpty;
}

const std::string& AccountRecord::name() const {
    const auto* n = latest_of(display_names);
    return n ? n->name : kEmpty;
}

// A profile comes only with a full user object, which merge_sighting knows by its followers
// count: so every record that took a profile has a followers history, and no other has.
bool AccountRecord::profile_known() const { return followers.latest.has_value(); }

std::string AccountRecord::key() const { return id.empty() ? "@" + fold_case(screen_name()) : id; }

void merge_sighting(AccountRecord& r, const User& user, std::int64_t when) {
    if (!user.id.empty()) r.id = user.id;
    note_name(r.screen_names, user.screen_name, when, when);
    note_name(r.display_names, user.name, when, when);
    if (user.followers_count) r.followers.observe(*user.followers_count, when);
    if (user.friends_count) r.friends.observe(*user.friends_count, when);
    if (user.statuses_count && (!r.statuses || when >= r.statuses->at)) r.statuses = Observation{*user.statuses_count, when};
    if (user.created_at) r.created_at = user.created_at;
    bool has_profile = user.followers_count.has_value();  // a full user object, not a mention
    if (has_profile && when >= r.profile_at) {
        r.verified = user.verified;
        r.protected_ = user.protected_;
        r.description = user.description;
        r.location = user.location;
        r.profile_at = when;
    }
    widen(r.first_seen, r.last_seen, when, when);
}

void merge_records(AccountRecord& into, const AccountRecord& from) {
    if (!from.id.empty()) into.id = from.id;
    for (const auto& n : from.screen_names) note_name(into.screen_names, n.name, n.first_seen, n.last_seen);
    for (const auto& n : from.display_names) note_name(into.display_names, n.name, n.first_seen, n.last_seen);
    into.followers.merge(from.followers);
    into.friends.merge(from.friends);
    if (from.statuses && (!into.statuses || from.statuses->at >= into.statuses->at)) into.statuses = from.statuses;
    if (from.created_at) into.created_at = from.created_at;
    if (from.profile_at && from.profile_at >= into.profile_at) {
        into.verified = from.verified;
        into.protected_ = from.protected_;
        into.description = from.description;
        into.location = from.location;
        into.profile_at = from.profile_at;
    }
    if (!from.status.empty()) into.status = from.status;  // the last word wins
    widen(into.first_seen, into.last_seen, from.first_seen, from.last_seen);
}

// --- JSON ---------------------------------------------------------------------------

namespace {

void write_observation(JsonWriter& w, std::string_view key, const std::optional<Observation>& o) {
    if (!o) return;
    w.key(key).begin_array().value(o->value).value(o->at).end_array();
}

void write_history(JsonWriter& w, std::string_view key, const CountHistory& h) {
    w.key(key).begin_object();
    write_observation(w, "first", h.first);
    write_observation(w, "latest", h.latest);
    write_observation(w, "min", h.min);
    write_observation(w, "max", h.max);
    w.end_object();
}

void write_names(JsonWriter& w, std::string_view key, const std::vector<NameSighting>& names) {
    w.key(key).begin_array();
    for (const auto& n : names) {
        w.begin_object().key("name").value(n.name).key("first_seen").value(n.first_seen);
        w.key("last_seen").value(n.last_seen).end_object();
    }
    w.end_array();
}

std::optional<Observation> read_observation(simdjson::dom::object o, std::string_view key) {
    simdjson::dom::array a;
    if (o[key].get(a) || a.size() != 2) return std::nullopt;
    Observation obs;
    if (a.at(0).get(obs.value) || a.at(1).get(obs.at)) return std::nullopt;
    return obs;
}

CountHistory read_history(simdjson::dom::object o, std::string_view key) {
    CountHistory h;
    simdjson::dom::object sub;
    if (o[key].get(sub)) return h;
    h.first = read_observation(sub, "first");
    h.latest = read_observation(sub, "latest");
    h.min = read_observation(sub, "min");
    h.max = read_observation(sub, "max");
    return h;
}

std::vector<NameSighting> read_names(simdjson::dom::object o, std::string_view key) {
    std::vector<NameSighting> out;
    simdjson::dom::array a;
    if (o[key].get(a)) return out;
    for (auto e : a) {
        simdjson::dom::object n;
        if (e.get(n)) continue;
        NameSighting s;
        std::string_view name;
        if (n["name"].get(name)) continue;
        s.name = name;
        if (n["first_seen"].get(s.first_seen)) s.first_seen = 0;
        if (n["last_seen"].get(s.last_seen)) s.last_seen = 0;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

std::string serialise_account(const AccountRecord& r) {
    JsonWriter w;
    w.begin_object();
    w.key("id").value(r.id);
    write_names(w, "screen_names", r.screen_names);
    write_names(w, "display_names", r.display_names);
    write_history(w, "followers", r.followers);
    write_history(w, "friends", r.friends);
    write_observation(w, "statuses", r.statuses);
    if (r.created_at) w.key("created_at").value(*r.created_at);
    w.key("verified").value(r.verified);
    w.key("protected").value(r.protected_);
    w.key("description").value(r.description);
    w.key("location").value(r.location);
    w.key("profile_at").value(r.profile_at);
    w.key("status").value(r.status);
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
    if (!o["id"].get(s)) r.id = s;
    r.screen_names = read_names(o, "screen_names");
    r.display_names = read_names(o, "display_names");
    r.followers = read_history(o, "followers");
    r.friends = read_history(o, "friends");
    r.statuses = read_observation(o, "statuses");
    std::int64_t n;
    if (!o["created_at"].get(n)) r.created_at = n;
    bool b;
    if (!o["verified"].get(b)) r.verified = b;
    if (!o["protected"].get(b)) r.protected_ = b;
    if (!o["description"].get(s)) r.description = s;
    if (!o["location"].get(s)) r.location = s;
    if (o["profile_at"].get(r.profile_at)) r.profile_at = 0;
    if (!o["status"].get(s)) r.status = s;
    if (o["first_seen"].get(r.first_seen)) r.first_seen = 0;
    if (o["last_seen"].get(r.last_seen)) r.last_seen = 0;
    return r;
}

// --- writing ------------------------------------------------------------------------

void AccountSightings::author(const User& user, std::int64_t when) {
    if (user.screen_name.empty() && user.id.empty()) return;
    AccountRecord seen;
    merge_sighting(seen, user, when);
    merge_records(pending_[seen.key()], seen);
}

void AccountSightings::mention(const Mention& m, std::int64_t when) {
    User u;
    u.screen_name = m.screen_name;
    if (m.has_known_id()) u.id = m.user_id;
    u.name = m.name;
    author(u, when);
}

void AccountSightings::status(const std::string& user_id, const std::string& screen_name, std::string_view status) {
    AccountRecord seen;
    seen.id = user_id;
    if (!screen_name.empty()) seen.screen_names.push_back({screen_name, 0, 0});
    if (seen.id.empty() && seen.screen_names.empty()) return;
    seen.status = std::string(status);
    merge_records(pending_[seen.key()], seen);
}

void AccountSightings::former_name(const User& user, const std::string& former) {
    if (former.empty() || (user.id.empty() && user.screen_name.empty())) return;
    AccountRecord seen;
    seen.id = user.id;
    if (!user.screen_name.empty()) seen.screen_names.push_back({user.screen_name, 0, 0});
    std::string key = seen.key();
    seen.screen_names.push_back({former, 0, 0});
    merge_records(pending_[key], seen);
}

void AccountSightings::merge_from(AccountSightings& other) {
    for (auto& [key, record] : other.pending_) merge_records(pending_[key], record);
    other.pending_.clear();
}

void AccountSightings::store(Xapian::WritableDatabase& db, std::vector<std::pair<std::string, std::string>>* written) {
    const std::string record_prefix(meta::account), alias_prefix(meta::account_name);
    auto load = [&](const std::string& key) {
        std::string stored = db.get_metadata(record_prefix + key);
        if (stored.empty()) return AccountRecord{};
        return parse_account(stored).value_or(AccountRecord{});
    };
    std::vector<AccountRecord*> by_id, by_name;
    for (auto& [key, record] : pending_) (record.id.empty() ? by_name : by_id).push_back(&record);

    // Nothing is written that would not change: each key set dirties its block of the index,
    // which the commit then writes out whole (docs/performance.md, "Registry writes").
    auto set = [&](const std::string& key, const std::string& value) {
        db.set_metadata(key, value);
        if (written) written->emplace_back(key, value);
    };
    auto set_if_changed = [&](const std::string& key, const std::string& value, const std::string& stored) {
        if (value != stored) set(key, value);
    };
    for (AccountRecord* seen : by_id) {
        const std::string stored = db.get_metadata(record_prefix + seen->id);
        AccountRecord merged = stored.empty() ? AccountRecord{} : parse_account(stored).value_or(AccountRecord{});
        merge_records(merged, *seen);
        // A record of one of its names made before the id was known joins it.
        for (const auto& n : merged.screen_names) {
            std::string alias_key = alias_prefix + fold_case(n.name);
            std::string target = db.get_metadata(alias_key);
            if (!target.empty() && target[0] == '@') {
                merge_records(merged, load(target));
                set(record_prefix + target, "");
            }
        }
        for (const auto& n : merged.screen_names) {
            std::string folded = fold_case(n.name);
            std::string holder = db.get_metadata(alias_prefix + folded);
            if (holder.empty() || holder[0] == '@' || holder == merged.id ||
                holds_name_over(merged, load(holder), folded))
                set_if_changed(alias_prefix + folded, merged.id, holder);
        }
        set_if_changed(record_prefix + merged.id, serialise_account(merged), stored);
    }
    for (AccountRecord* seen : by_name) {
        std::string folded = fold_case(seen->screen_name());
        const std::string alias = db.get_metadata(alias_prefix + folded);
        std::string target = alias.empty() ? "@" + folded : alias;
        const std::string stored = db.get_metadata(record_prefix + target);
        AccountRecord merged = stored.empty() ? AccountRecord{} : parse_account(stored).value_or(AccountRecord{});
        merge_records(merged, *seen);
        set_if_changed(alias_prefix + folded, target, alias);
        set_if_changed(record_prefix + target, serialise_account(merged), stored);
    }
    pending_.clear();
}

// --- reading ------------------------------------------------------------------------

std::optional<AccountRecord> AccountDirectory::find(std::string_view screen_name) const {
    std::string folded = fold_case(screen_name);
    if (!folded.empty() && folded[0] == '@') folded.erase(0, 1);
    std::string target = db_.get_metadata(std::string(meta::account_name) + folded);
    if (target.empty()) return std::nullopt;
    return parse_account(db_.get_metadata(std::string(meta::account) + target));
}

std::vector<AccountRecord> AccountDirectory::match(std::string_view pattern_in) const {
    std::string pattern = fold_case(pattern_in);
    if (!pattern.empty() && pattern[0] == '@') pattern.erase(0, 1);
    if (pattern.empty()) pattern = "*";
    std::string prefix = std::string(meta::account_name) + pattern.substr(0, pattern.find('*'));
    std::set<std::string> targets;
    for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
        std::string name = (*it).substr(meta::account_name.size());
        if (glob_match(pattern, name)) targets.insert(db_.get_metadata(*it));
    }
    std::vector<AccountRecord> out;
    for (const auto& target : targets) {
        if (auto r = parse_account(db_.get_metadata(std::string(meta::account) + target))) out.push_back(std::move(*r));
    }
    return out;
}

bool glob_match(std::string_view pattern, std::string_view s) {
    // '*' matches any run; iterative, backtracking to the last star.
    std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
    while (i < s.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = i;
        } else if (p < pattern.size() && pattern[p] == s[i]) {
            ++p;
            ++i;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace ti

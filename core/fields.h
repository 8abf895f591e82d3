// The field table: what the index holds for each tweet and how a query reaches it. kFields has a
// row per prefix and value slot (the operator that finds it, what `top` calls it, its help),
// kTweetFlags a row per is:/has: flag. Indexing (index_writer.cpp), query parsing (query.cpp),
// the counts of tweet-query (aggregates.cpp) and the operator help of `--help` and serve all
// read them from here.
//
// Index schema (version kSchemaVersion):
//   one document per tweet, identified by the term Q<id>;
//   boolean terms (wdf 0, values case-folded) per the prefixes below;
//   free text with positions, unprefixed, and no stems on the tweet: each word once per
//   database, with its stem in the tweet's language, on a stems document (XSTEM<stem> <word>,
//   below), so a query expands a stem to the words the index holds; indexes of schema 4 and
//   before hold the stems on each tweet, prefixed Z (Xapian's STEM_SOME), and are read as they
//   are;
//   values in the slots of `Slot`, numbered for good: never renumber them; the stored record
//   (record.h), the tweet as tweet-query shows it, compressed (record_codec.h), in kSlotRecord
//   (index.h's stored_record());
//   document data: none;
//   metadata: schema version, indexed files (for skipping unchanged ones), accounts.
// The flags (XIS..., XHAS...) are kTweetFlags' terms. The states (XSTATE...) are the k...Term
// constants below: a delete notice marks its tweet with XSTATEdeleted; a notice whose tweet is
// not yet in the index leaves a tombstone document (Q<id>, XSTATEdeleted, XSTATEtombstone) that
// the tweet replaces when it arrives, still marked deleted. A status_withheld notice does the
// same with XSTATEwithheld. `tweet-index --purge-deleted` turns every deleted tweet into a
// tombstone with XSTATEpurged, which no later copy of the tweet replaces. A tweet known only by
// a cut copy of its text has XSTATEtruncated. Versions of an edited tweet carry XEDIT<first
// version's id> and XISedited; all but the one with the highest id in the index also
// XSTATEsuperseded. What is not a live tweet is query.h's not_live_terms().
// A shard (`tweet-index --shard K/N`) holds the documents whose id shard.h routes to it, and the
// whole account registry.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ti {

// 2: slots 7 and 8 (URL keys, source) for top lists.
// 3: the stored record in slot 9 instead of the document data.
// 4: the stored record compressed (record_codec.h). An index of 3 is read as it is (its records
//    are the JSON, which unpack_record passes through).
// 5: stems as XSTEM terms of stems documents, not Z terms on each tweet. An index of 3 or 4 is
//    read as it is (the query asks for both) and says 5 once written to.
inline constexpr int kSchemaVersion = 5;
inline constexpr int kOldestSchemaRead = 3;

namespace prefix {
// Omega's conventions: single capitals for standard meanings, X... for our own. Every
// value after a prefix is case-folded (starts lowercase or non-letter), so no term of one
// prefix can be mistaken for another's (XH + "as..." never equals XHAS...).
inline constexpr std::string_view id = "Q";
inline constexpr std::string_view author = "A";          // screen name
inline constexpr std::string_view author_id = "XAI";
inline constexpr std::string_view reply_to = "XTO";      // screen name replied to
inline constexpr std::string_view mention = "XM";
inline constexpr std::string_view mention_id = "XMI";     // user id of a mentioned account
inline constexpr std::string_view hashtag = "K";
inline constexpr std::string_view cashtag = "XCASH";
inline constexpr std::string_view url = "U";             // normalised URL (urls.h)
inline constexpr std::string_view domain = "H";          // host and each parent domain
inline constexpr std::string_view registrable = "XRD";   // registrable domain of a link's host (a facet)
inline constexpr std::string_view email = "XEMAIL";
inline constexpr std::string_view email_domain = "XEMAILD";  // the domain of an email address (email:@DOMAIN)
inline constexpr std::string_view lang = "L";
inline constexpr std::string_view is = "XIS";            // flags (kTweetFlags): retweet, reply, ...
inline constexpr std::string_view has = "XHAS";          // flags (kTweetFlags): links, mentions, ...
inline constexpr std::string_view state = "XSTATE";      // deleted, tombstone, withheld, purged, truncated, superseded, stems
inline constexpr std::string_view retweet_of = "XRT";
inline constexpr std::string_view quote_of = "XQT";
inline constexpr std::string_view reply_to_status = "XRE";
inline constexpr std::string_view stem = "Z";              // schema 4 and before: on each tweet
inline constexpr std::string_view stem_of_word = "XSTEM";  // "XSTEMen:run running", on a stems document
}  // namespace prefix

inline constexpr std::string_view kDeletedTerm = "XSTATEdeleted";
inline constexpr std::string_view kTombstoneTerm = "XSTATEtombstone";
inline constexpr std::string_view kTruncatedTerm = "XSTATEtruncated";  // only a cut copy of the text is known
inline constexpr std::string_view kWithheldTerm = "XSTATEwithheld";    // withheld in some country (is:withheld)
// `tweet-index --purge-deleted` dropped its content: the tombstone stays and nothing revives it.
inline constexpr std::string_view kPurgedTerm = "XSTATEpurged";
inline constexpr std::string_view kLikedTerm = "XISliked";             // an archive's like (is:liked)
inline constexpr std::string_view kCommunityTerm = "XIScommunity";     // community-tweet.js (is:community)
inline constexpr std::string_view kCircleTerm = "XIScircle";           // twitter-circle-tweet.js (is:circle)
// Edits: every version of an edited tweet is a document of its own with XEDIT + the first
// version's id and XISedited; one whose later version is in the index too is also superseded,
// and left out of answers and counts unless --include-edits.
inline constexpr std::string_view kEditChainPrefix = "XEDIT";
inline constexpr std::string_view kEditedTerm = "XISedited";
inline constexpr std::string_view kSupersededTerm = "XSTATEsuperseded";
// A stems document holds no tweet: the XSTEM terms of the words a commit brought into its
// database, with XSTATEtombstone (so every answer and count leaves it out as it leaves out a
// tombstone) and XSTATEstems (what tells it from one). No Q term: no id lookup meets it.
inline constexpr std::string_view kStemsDocumentTerm = "XSTATEstems";

// Value slots. Explicit numbers that never change.
enum Slot : unsigned {
    kSlotDate = 0,           // sortable_serialise(epoch seconds)
    kSlotRetweetCount = 1,   // sortable_serialise(count)
    kSlotFavoriteCount = 2,
    kSlotIdSort = 3,         // id zero-padded to 20 digits: sorts like the number
    kSlotReplyCount = 4,
    kSlotQuoteCount = 5,
    kSlotAuthorAge = 6,      // seconds from the author's account creation to the tweet, when both are known
    // Facets with too many distinct values for counting by posting lists, or no term at all:
    // `top urls|hosts|sources` read them from the value streams.
    kSlotUrlKeys = 7,        // the values of the tweet's U terms, each once, pack_values()
    kSlotSource = 8,         // the client's name, tags stripped
    // A value, not the document data: glass deflates document data with zlib on every write
    // (tweet-index now stops that, indexer/term_lists_stored_plain.cpp, but tweet-query's
    // readers and older indexes had it), values it stores as they are; the record is
    // compressed by record_codec.h instead.
    kSlotRecord = 9,         // the stored record (record.h)
};

// Several strings in one value slot: each preceded by its length as a varint.
inline std::string pack_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        for (std::size_t n = v.size(); ; n >>= 7) {
            if (n < 0x80) {
                out += static_cast<char>(n);
                break;
            }
            out += static_cast<char>((n & 0x7f) | 0x80);
        }
        out += v;
    }
    return out;
}

// Calls fn(std::string_view) for each string of a pack_values() value; stops at a damaged one.
template <typename Fn>
void for_each_packed(std::string_view packed, Fn&& fn) {
    std::size_t i = 0;
    while (i < packed.size()) {
        std::size_t n = 0;
        for (int shift = 0; i < packed.size() && shift < 64; shift += 7) {
            auto byte = static_cast<unsigned char>(packed[i++]);
            n |= std::size_t{byte & 0x7fu} << shift;
            if (!(byte & 0x80)) break;
        }
        if (n > packed.size() - i) return;
        fn(packed.substr(i, n));
        i += n;
    }
}

// Metadata keys.
namespace meta {
inline constexpr std::string_view schema_version = "tweet-index:schema";
// Which index this is: Xapian's uuid when the index was made. Compaction gives the folder a new
// uuid but keeps documents and their numbers; this key goes with them (index.h index_identity).
inline constexpr std::string_view identity = "tweet-index:identity";
// An index of segments: a batch's changes to its older segments, in the fresh segment (index_writer.h).
inline constexpr std::string_view journal = "tweet-index:journal";
inline constexpr std::string_view file = "file:";        // + absolute path -> "size:mtime_ns"
inline constexpr std::string_view account = "acct:";          // + id or "@" + folded name -> record (accounts.h)
inline constexpr std::string_view account_name = "acctname:"; // + folded screen name -> id or "@name"
}  // namespace meta

// The flags of a tweet: one boolean term each. The document builder sets them (index_writer.cpp,
// flag_holds(): one line each), is: and has: find them by name and filter: by Twitter's
// spellings (query.cpp), `tweet-query search --help` lists them. A new flag is a value of
// TweetFlag, its row here (in the same place) and its line in flag_holds().
enum class TweetFlag {
    Retweet, Reply, Quote, Edited, Liked, Community, Circle, Withheld, Deleted,
    Links, Mentions, Hashtags, Cashtags, Media, Email,
};

// Calls fn(std::string_view) for each name of a space-separated list.
template <typename Fn>
constexpr void for_each_name(std::string_view names, Fn&& fn) {
    while (!names.empty()) {
        std::size_t space = names.find(' ');
        if (space != 0) fn(names.substr(0, space));
        if (space == std::string_view::npos) break;
        names.remove_prefix(space + 1);
    }
}

struct FlagRow {
    TweetFlag flag;
    std::string_view op;    // the operator that finds it: "is" or "has"
    std::string_view name;  // as typed after the operator
    std::string_view term;
    std::string_view filter_names;  // Twitter's filter: spellings, space-separated, if any
    std::string_view help;
};

inline constexpr std::array kTweetFlags = {
    FlagRow{TweetFlag::Retweet, "is", "retweet", "XISretweet", "retweets nativeretweets", "a retweet"},
    FlagRow{TweetFlag::Reply, "is", "reply", "XISreply", "replies", "a reply"},
    FlagRow{TweetFlag::Quote, "is", "quote", "XISquote", "quote", "a quote tweet"},
    FlagRow{TweetFlag::Edited, "is", "edited", kEditedTerm, "",
            "an edited tweet: its latest version in the index (--include-edits for the earlier ones)"},
    FlagRow{TweetFlag::Liked, "is", "liked", kLikedTerm, "", "an archive's like"},
    FlagRow{TweetFlag::Community, "is", "community", kCommunityTerm, "", "posted in a community (an archive's community-tweet.js)"},
    FlagRow{TweetFlag::Circle, "is", "circle", kCircleTerm, "", "posted to a Twitter Circle (an archive's twitter-circle-tweet.js)"},
    FlagRow{TweetFlag::Withheld, "is", "withheld", kWithheldTerm, "", "withheld in some country"},
    FlagRow{TweetFlag::Deleted, "is", "deleted", kDeletedTerm, "", "deleted (found only with --include-deleted)"},
    FlagRow{TweetFlag::Links, "has", "links", "XHASlinks", "links", "with a link"},
    FlagRow{TweetFlag::Mentions, "has", "mentions", "XHASmentions", "mentions", "mentioning an account"},
    FlagRow{TweetFlag::Hashtags, "has", "hashtags", "XHAShashtags", "hashtags", "with a hashtag"},
    FlagRow{TweetFlag::Cashtags, "has", "cashtags", "XHAScashtags", "", "with a cashtag"},
    FlagRow{TweetFlag::Media, "has", "media", "XHASmedia", "media images videos", "with a photo or video"},
    FlagRow{TweetFlag::Email, "has", "email", "XHASemail", "", "with an email address in the text"},
};

constexpr const FlagRow& tweet_flag(TweetFlag f) { return kTweetFlags[static_cast<std::size_t>(f)]; }

namespace flag_checks {
constexpr bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
// Rows in the order of TweetFlag, so tweet_flag() is an index.
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < kTweetFlags.size(); ++i)
        if (static_cast<std::size_t>(kTweetFlags[i].flag) != i) return false;
    return true;
}
// is: and has: with their own prefix; a state (deleted, withheld) may answer to is:. A term named
// by its prefix is that prefix and the flag's name, so the index's terms stay as they were.
constexpr bool terms_follow_prefixes() {
    for (const auto& f : kTweetFlags) {
        std::string_view own = f.op == "is" ? prefix::is : f.op == "has" ? prefix::has : std::string_view{};
        if (own.empty()) return false;
        if (starts_with(f.term, own) && f.term.substr(own.size()) != f.name) return false;
        if (!starts_with(f.term, own) && !(f.op == "is" && starts_with(f.term, prefix::state))) return false;
    }
    return true;
}
// No name answers twice to one operator, no term is two flags.
constexpr bool names_and_terms_unique() {
    for (std::size_t i = 0; i < kTweetFlags.size(); ++i)
        for (std::size_t j = i + 1; j < kTweetFlags.size(); ++j) {
            const auto &a = kTweetFlags[i], &b = kTweetFlags[j];
            if (a.term == b.term || (a.op == b.op && a.name == b.name)) return false;
            bool shared = false;
            for_each_name(a.filter_names, [&](std::string_view x) {
                for_each_name(b.filter_names, [&](std::string_view y) { shared = shared || x == y; });
            });
            if (shared) return false;
        }
    return true;
}
static_assert(rows_in_enum_order(), "kTweetFlags: one row per TweetFlag, in its order");
static_assert(terms_follow_prefixes(), "kTweetFlags: a flag's term is its operator's prefix + its name");
static_assert(names_and_terms_unique(), "kTweetFlags: a name, filter: name or term used twice");
}  // namespace flag_checks

// The field table: every prefix and value slot of the index, with the operator that finds it,
// the `top` list that counts it and the help `tweet-query search --help` prints. query.cpp looks
// operators up here, aggregates.cpp top's kinds; a new operator is a row (and, for a new way of
// reading its value, an OperatorKind the parser handles). The flags of is:/has:/filter: are the
// rows of kTweetFlags above.
enum class FieldKind {
    Boolean,   // boolean terms of a prefix, values case-folded
    FreeText,  // words with positions (unprefixed) and their stems
    Value,     // a number in a value slot, found by a range
    Facet,     // counted by `top` only; no operator finds it
};

// How an operator reads its value.
enum class OperatorKind {
    None,        // no operator
    Account,     // boolean term on a case-folded screen name
    Tag,         // boolean term on a case-folded tag
    UrlPrefix,   // a link whose normalised URL starts with the value
    Domain,      // host or any subdomain
    Term,        // exact boolean term, case-folded
    DateFrom,    // since: inclusive
    DateUntil,   // until: exclusive
    DateRange,   // date:A..B
    Flag,        // is: / has: / filter:
    MinCount,    // min_retweets: / min_faves:
    MaxAge,      // max_account_age: a duration (90m, 24h, 1d, 2w)
    Id,
    AccountStatus,  // authors the registry knows as suspended, deleted, protected or withheld
};

// What author_status: takes: the registry's account statuses (accounts.h AccountRecord::status).
inline constexpr std::array<std::string_view, 4> kAccountStatuses = {"suspended", "deleted", "protected", "withheld"};

enum class FieldId {
    Author, ReplyTo, Mention, Hashtag, Cashtag, Url, Domain, Email, Lang, Since, Until, Date, Is, Has, Filter,
    MinRetweets, MinFaves, MaxAccountAge, Id, AuthorStatus,
    Text, Stem, StemOfWord, AuthorId, MentionId, EmailDomain, Registrable, Host, Source, State, RetweetOf, QuoteOf, ReplyToStatus,
    EditChain,
};

inline constexpr unsigned kNoSlot = 0xffffffffu;

struct Field {
    FieldId id;
    std::string_view name;     // the operator as typed before ':' ("" for none)
    std::string_view sigil;    // its other spelling: "@" for mention:, "#", "$"; or ""
    FieldKind kind;
    OperatorKind op;
    std::string_view prefix;   // the terms' prefix, or ""
    unsigned slot;             // the value slot, or kNoSlot
    bool wildcard;             // a trailing * widens the value (from:Dell*)
    std::string_view top;      // what `tweet-query top` calls it, or ""
    std::string_view help;
    std::string_view example;
};

// Operators first, in the order --help lists them.
inline constexpr std::array kFields = {
    Field{FieldId::Author, "from", "", FieldKind::Boolean, OperatorKind::Account, prefix::author, kNoSlot, true,
          "authors", "tweets by an account", "from:guykawasaki"},
    Field{FieldId::ReplyTo, "to", "", FieldKind::Boolean, OperatorKind::Account, prefix::reply_to, kNoSlot, true, "",
          "replies to an account", "to:loic"},
    Field{FieldId::Mention, "mention", "@", FieldKind::Boolean, OperatorKind::Account, prefix::mention, kNoSlot, true,
          "mentions", "tweets mentioning an account", "@tech4buziness"},
    Field{FieldId::Hashtag, "hashtag", "#", FieldKind::Boolean, OperatorKind::Tag, prefix::hashtag, kNoSlot, true,
          "hashtags", "tweets with a hashtag", "#seesmic"},
    Field{FieldId::Cashtag, "cashtag", "$", FieldKind::Boolean, OperatorKind::Tag, prefix::cashtag, kNoSlot, true,
          "cashtags", "tweets with a cashtag", "$DELL"},
    // The slot holds each URL key once per tweet: `top urls` over a query reads it.
    Field{FieldId::Url, "url", "", FieldKind::Boolean, OperatorKind::UrlPrefix, prefix::url, kSlotUrlKeys, false,
          "urls", "a link whose expanded URL starts with the text (scheme and www. ignored)", "url:alltop.com/"},
    Field{FieldId::Domain, "domain", "", FieldKind::Boolean, OperatorKind::Domain, prefix::domain, kNoSlot, false, "",
          "a link to a host or any subdomain of it", "domain:alltop.com"},
    Field{FieldId::Email, "email", "", FieldKind::Boolean, OperatorKind::Term, prefix::email, kNoSlot, false, "emails",
          "an email address in the text, or any at a domain (email:@example.com)", "email:anna@example.com"},
    Field{FieldId::Lang, "lang", "", FieldKind::Boolean, OperatorKind::Term, prefix::lang, kNoSlot, false, "lang",
          "the tweet's language code", "lang:fr"},
    Field{FieldId::Since, "since", "", FieldKind::Value, OperatorKind::DateFrom, "", kSlotDate, false, "",
          "on or after a date (UTC)", "since:2011-06-01"},
    Field{FieldId::Until, "until", "", FieldKind::Value, OperatorKind::DateUntil, "", kSlotDate, false, "",
          "before a date (UTC, exclusive)", "until:2011-07-01"},
    Field{FieldId::Date, "date", "", FieldKind::Value, OperatorKind::DateRange, "", kSlotDate, false, "",
          "a date range, either end open", "date:2011-06-01..2011-06-30"},
    Field{FieldId::Is, "is", "", FieldKind::Boolean, OperatorKind::Flag, prefix::is, kNoSlot, false, "",
          "a kind or state of tweet (flags below)", "is:retweet"},
    Field{FieldId::Has, "has", "", FieldKind::Boolean, OperatorKind::Flag, prefix::has, kNoSlot, false, "",
          "a tweet with links, media... (flags below)", "has:links"},
    Field{FieldId::Filter, "filter", "", FieldKind::Boolean, OperatorKind::Flag, "", kNoSlot, false, "",
          "Twitter's spellings of some flags (below)", "-filter:retweets"},
    Field{FieldId::MinRetweets, "min_retweets", "", FieldKind::Value, OperatorKind::MinCount, "", kSlotRetweetCount,
          false, "", "at least N retweets", "min_retweets:10"},
    Field{FieldId::MinFaves, "min_faves", "", FieldKind::Value, OperatorKind::MinCount, "", kSlotFavoriteCount, false,
          "", "at least N likes", "min_faves:10"},
    Field{FieldId::MaxAccountAge, "max_account_age", "", FieldKind::Value, OperatorKind::MaxAge, "", kSlotAuthorAge,
          false, "", "the author's account was at most this old when it tweeted (s, m, h, d, w)", "max_account_age:1d"},
    Field{FieldId::Id, "id", "", FieldKind::Boolean, OperatorKind::Id, prefix::id, kSlotIdSort, false, "",
          "one tweet by id", "id:20"},
    Field{FieldId::AuthorStatus, "author_status", "", FieldKind::Boolean, OperatorKind::AccountStatus, "", kNoSlot, false, "",
          "by an account a source said is suspended, deleted, protected or withheld (whenever it said so)",
          "author_status:suspended"},
    // Without an operator of their own.
    Field{FieldId::Text, "", "", FieldKind::FreeText, OperatorKind::None, "", kNoSlot, false, "",
          "free words and \"phrases\"", "seesmic"},
    Field{FieldId::Stem, "", "", FieldKind::FreeText, OperatorKind::None, prefix::stem, kNoSlot, false, "",
          "the stems of the words, in the tweet's language (indexes of schema 4 and before)", ""},
    Field{FieldId::StemOfWord, "", "", FieldKind::Boolean, OperatorKind::None, prefix::stem_of_word, kNoSlot, false,
          "", "a word of the index and its stem in a tweet's language, on a stems document: free words match "
          "the words of their stem", ""},
    Field{FieldId::AuthorId, "", "", FieldKind::Boolean, OperatorKind::None, prefix::author_id, kNoSlot, false, "",
          "the author's user id (from: a known account finds it too)", ""},
    Field{FieldId::MentionId, "", "", FieldKind::Boolean, OperatorKind::None, prefix::mention_id, kNoSlot, false, "",
          "a mentioned account's user id (@ a known account finds it too)", ""},
    Field{FieldId::EmailDomain, "", "", FieldKind::Boolean, OperatorKind::None, prefix::email_domain, kNoSlot, false,
          "", "the domain of an email address (email:@DOMAIN)", ""},
    Field{FieldId::Registrable, "", "", FieldKind::Facet, OperatorKind::None, prefix::registrable, kNoSlot, false,
          "domains", "the registrable domain of a link's host", ""},
    // The host part of the URL keys: the H terms would give the same hosts plus every parent
    // domain, which is what domain: matches but not where links point.
    Field{FieldId::Host, "", "", FieldKind::Facet, OperatorKind::None, "", kSlotUrlKeys, false, "hosts",
          "the host a link points to", ""},
    Field{FieldId::Source, "", "", FieldKind::Facet, OperatorKind::None, "", kSlotSource, false, "sources",
          "the client the tweet was sent from", ""},
    Field{FieldId::State, "", "", FieldKind::Boolean, OperatorKind::None, prefix::state, kNoSlot, false, "",
          "deleted, tombstone, withheld, purged, truncated, superseded (is: finds some)", ""},
    Field{FieldId::RetweetOf, "", "", FieldKind::Boolean, OperatorKind::None, prefix::retweet_of, kNoSlot, false, "",
          "the id of the tweet retweeted", ""},
    Field{FieldId::QuoteOf, "", "", FieldKind::Boolean, OperatorKind::None, prefix::quote_of, kNoSlot, false, "",
          "the id of the tweet quoted", ""},
    Field{FieldId::ReplyToStatus, "", "", FieldKind::Boolean, OperatorKind::None, prefix::reply_to_status, kNoSlot,
          false, "", "the id of the tweet replied to", ""},
    Field{FieldId::EditChain, "", "", FieldKind::Boolean, OperatorKind::None, kEditChainPrefix, kNoSlot, false, "",
          "the first version's id, on every version of an edited tweet", ""},
};

constexpr const Field& field(FieldId id) { return kFields[static_cast<std::size_t>(id)]; }

namespace field_checks {
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < kFields.size(); ++i)
        if (static_cast<std::size_t>(kFields[i].id) != i) return false;
    return true;
}
// Values after a prefix are case-folded, so a prefix of capitals that begins another (XM, XMI)
// still never makes one term of the two: the next character tells them apart.
constexpr bool prefixes_capitals_and_unique() {
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        for (char c : kFields[i].prefix)
            if (c < 'A' || c > 'Z') return false;
        for (std::size_t j = i + 1; j < kFields.size(); ++j)
            if (!kFields[i].prefix.empty() && kFields[i].prefix == kFields[j].prefix) return false;
    }
    return true;
}
constexpr bool names_and_sigils_unique() {
    for (std::size_t i = 0; i < kFields.size(); ++i)
        for (std::size_t j = i + 1; j < kFields.size(); ++j) {
            const auto &a = kFields[i], &b = kFields[j];
            if (!a.name.empty() && a.name == b.name) return false;
            if (!a.sigil.empty() && a.sigil == b.sigil) return false;
            if (!a.top.empty() && a.top == b.top) return false;
        }
    return true;
}
// Each kind has what it needs: an operator its name (and a sigil one char); a boolean field
// its prefix (filter: and author_status: find other rows' terms); a value its slot; a `top` kind a prefix or a
// slot to count; a wildcard only where the parser widens names.
constexpr bool kinds_complete() {
    for (const auto& f : kFields) {
        if ((f.op == OperatorKind::None) != f.name.empty()) return false;
        if (f.sigil.size() > 1 || (!f.sigil.empty() && f.name.empty())) return false;
        if (f.wildcard && f.op != OperatorKind::Account && f.op != OperatorKind::Tag) return false;
        if (!f.top.empty() && f.prefix.empty() && f.slot == kNoSlot) return false;
        switch (f.kind) {
            case FieldKind::Boolean:
                if (f.prefix.empty() && f.op != OperatorKind::Flag && f.op != OperatorKind::AccountStatus) return false;
                break;
            case FieldKind::FreeText: break;
            case FieldKind::Value:
                if (f.slot == kNoSlot || !f.prefix.empty()) return false;
                break;
            case FieldKind::Facet:
                if (f.top.empty() || f.op != OperatorKind::None) return false;
                break;
            default: return false;
        }
    }
    return true;
}
// Every prefix of the index is a row.
constexpr bool every_prefix_a_row() {
    for (std::string_view p : {prefix::id, prefix::author, prefix::author_id, prefix::reply_to, prefix::mention,
                               prefix::mention_id, prefix::hashtag, prefix::cashtag, prefix::url, prefix::domain,
                               prefix::registrable, prefix::email, prefix::email_domain, prefix::lang, prefix::is,
                               prefix::has, prefix::state, prefix::retweet_of, prefix::quote_of, prefix::reply_to_status,
                               prefix::stem, prefix::stem_of_word, kEditChainPrefix}) {
        bool found = false;
        for (const auto& f : kFields) found = found || f.prefix == p;
        if (!found) return false;
    }
    return true;
}
static_assert(rows_in_enum_order(), "kFields: one row per FieldId, in its order");
static_assert(prefixes_capitals_and_unique(), "kFields: a prefix used twice, or not all capitals");
static_assert(names_and_sigils_unique(), "kFields: an operator name, sigil or top kind used twice");
static_assert(kinds_complete(), "kFields: a row lacks what its kind needs");
static_assert(every_prefix_a_row(), "kFields: a prefix of the index without its row");
}  // namespace field_checks

}  // namespace ti

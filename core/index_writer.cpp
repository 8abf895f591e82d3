#include "index_writer.h"

#include "fields.h"
#include "index.h"
#include "entity_fill.h"
#include "merge.h"
#include "record.h"
#include "segmented_index.h"
#include "snowflake.h"
#include "stemming.h"
#include "text.h"
#include "urls.h"

#include <fmt/format.h>

#include <fcntl.h>     // AT_FDCWD
#include <stdio.h>     // renameat2, RENAME_EXCHANGE (Linux)
#include <unistd.h>    // _exit

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <functional>

namespace ti {

namespace {

// Whether a tweet carries a flag of kTweetFlags (fields.h): one line for each.
bool flag_holds(TweetFlag flag, const Tweet& t, const SearchableEntities& se) {
    switch (flag) {
        case TweetFlag::Retweet: return t.is_retweet;
        case TweetFlag::Reply: return !t.in_reply_to_status_id.empty() || !t.in_reply_to_screen_name.empty();
        case TweetFlag::Quote: return t.is_quote;
        case TweetFlag::Edited: return !t.edit_ids.empty();
        case TweetFlag::Liked: return t.liked;
        case TweetFlag::Community: return t.community;
        case TweetFlag::Circle: return t.circle;
        case TweetFlag::Withheld: return t.withheld;
        case TweetFlag::Deleted: return t.deleted;
        case TweetFlag::Links: return !se.urls.empty();
        case TweetFlag::Mentions: return !se.mentions.empty();
        case TweetFlag::Hashtags: return !se.hashtags.empty();
        case TweetFlag::Cashtags: return !se.cashtags.empty();
        case TweetFlag::Media: return t.has_media;
        case TweetFlag::Email: return !t.emails.empty();
    }
    return false;
}

std::string term(std::string_view prefix, std::string_view value) {
    return limit_term_length(std::string(prefix) + fold_case(value));
}

std::string padded_id(const std::string& id) {
    return std::string(id.size() < 20 ? 20 - id.size() : 0, '0') + id;
}

// What the index holds for an id: its document, where, when there is one, and its state read once.
struct Held {
    Xapian::WritableDatabase* db = nullptr;
    Xapian::docid docid = 0;
    Xapian::Document doc;
    std::optional<StoredState> state;

    template <class Located>
    explicit Held(const std::optional<Located>& found) {
        if (!found) return;
        db = found->db;
        docid = found->docid;
        doc = db->get_document(docid);
        state = read_stored_state(doc);
    }
};

// An earlier version of an edited tweet: hidden unless --include-edits, and edited.
void add_superseded_marks(Xapian::Document& doc) {
    doc.add_boolean_term(std::string(kSupersededTerm));
    doc.add_boolean_term(std::string(kEditedTerm));
}

// The document that holds a tweet's id without its content: a notice's placeholder until the
// tweet comes, or what --purge-deleted leaves.
Xapian::Document make_tombstone(const std::string& id, std::optional<std::string_view> author_id,
                                const Marks& marks) {
    Xapian::Document tomb;
    tomb.add_boolean_term(std::string(prefix::id) + id);
    add_mark_terms(tomb, marks);
    tomb.add_boolean_term(std::string(kTombstoneTerm));
    tomb.add_value(kSlotIdSort, padded_id(id));
    set_stored_record(tomb, serialise_tombstone_record(id, author_id));
    return tomb;
}

// Where compact() builds the copy: beside the index, so the swap is one rename.
std::string compacting_path(const std::string& index_path) {
    std::filesystem::path p(index_path);
    if (p.filename().empty()) p = p.parent_path();  // "tweets.xapian/"
    return p.string() + ".compacting";
}

}  // namespace

namespace {

// The segments to open, when the index is or becomes one of segments (segmented_index.h).
std::vector<std::string> segments_to_open(const std::string& path, const IndexWriter::Options& options) {
    if (options.scratch) return {};
    if (is_segmented_index(path)) return listed_segments(path);
    if (!options.add_in_new_segment || why_folder_is_not_ours(path)) return {};
    try {
        if (Xapian::Database(path).get_doccount() == 0) return {};
    } catch (const Xapian::Error&) {
        return {};  // not an index yet: opening it for writing says what it is
    }
    if (!convert_to_segments(path)) return {};  // no hard links here: added to in place
    return listed_segments(path);
}

std::string first_database(const std::string& path, const std::vector<std::string>& segments) {
    return segments.empty() ? path : (std::filesystem::path(path) / segments.front()).string();
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, Options options)
    : path_(path),
      options_(options),
      segment_names_(segments_to_open(path, options)),
      listed_(segment_names_.size()),
      db_(open_index_for_writing(first_database(path, segment_names_), options.scratch)) {
    begin_batch(db_);
    termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);  // stems: note_stems
    // A run killed while compacting leaves the copy, or after the swap the old index, beside
    // this one. The lock we hold keeps any other compaction of this index out. A folder of that
    // name holding anything else is left alone (compact() then says so).
    std::error_code ec;
    std::string real = std::filesystem::canonical(path_, ec).string();  // where compact() and a conversion work
    if (ec) real = path_;
    remove_folder_if_ours(compacting_path(real));
    remove_folder_if_ours(segmenting_path(real));  // the same, of a conversion (segmented_index.h)
    if (!segment_names_.empty()) {
        // The first segment's lock, held from here on, keeps other writers of the index out;
        // unless another writer's merge replaced that segment before we got it.
        if (listed_segments(path_) != segment_names_)
            throw IndexError(fmt::format("{}: another tweet-index has just merged its segments; run again", path_));
        remove_unlisted_segments(path_);
        for (std::size_t k = 1; k < segment_names_.size(); ++k) {
            if (!is_xapian_database_folder(segment_path(k)))
                throw IndexError(fmt::format("{}: listed in {} but not there; the index is damaged",
                                             segment_path(k), kStubFileName));
            later_segments_.push_back(open_index_for_writing(segment_path(k)));
            begin_batch(later_segments_.back());
        }
        replay_journals();
        if (options_.add_in_new_segment) start_fresh_segment();
    }
}

namespace {

void append_field(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

// The next field of a journal from `at`; nullopt at its end or where it is not one (a journal
// cut short is no journal: nothing of it is replayed).
std::optional<std::string_view> read_field(std::string_view in, std::size_t& at) {
    std::size_t colon = in.find(':', at);
    if (colon == std::string_view::npos || colon == at) return std::nullopt;
    std::size_t size = 0;
    for (std::size_t k = at; k < colon; ++k) {
        if (in[k] < '0' || in[k] > '9') return std::nullopt;
        size = size * 10 + static_cast<std::size_t>(in[k] - '0');
    }
    if (colon + 1 + size > in.size()) return std::nullopt;
    at = colon + 1 + size;
    return in.substr(colon + 1, size);
}

}  // namespace

void IndexWriter::replace_stored(Xapian::WritableDatabase& db, Xapian::docid docid, const Xapian::Document& doc) {
    db.replace_document(docid, doc);
    if (!journaling() || &db == &current_segment()) return;
    for (std::size_t k = 0; k < segment_count(); ++k) {
        if (&segment(k) == &db) journal_.documents.emplace_back(segment_names_[k], docid, doc.serialise());
    }
}

void IndexWriter::replay_journals() {
    const std::string key(meta::journal);
    for (std::size_t k = 0; k < segment_count(); ++k) {
        std::string journal = segment(k).get_metadata(key);
        if (journal.empty()) continue;
        std::string_view in(journal);
        std::size_t at = 0;
        std::vector<std::function<void()>> changes;
        while (at < in.size()) {
            auto kind = read_field(in, at);
            auto a = kind ? read_field(in, at) : std::nullopt;
            auto b = a ? read_field(in, at) : std::nullopt;
            auto c = (b && *kind == "D") ? read_field(in, at) : std::nullopt;
            if (!b || (*kind == "D" && !c) || (*kind != "D" && *kind != "M"))
                throw IndexError(fmt::format("{}: its journal ({}) is damaged; the index may hold part of a batch",
                                             segment_path(k), key));
            if (*kind == "M") {
                changes.push_back([this, key = std::string(*a), value = std::string(*b)] { db_.set_metadata(key, value); });
                continue;
            }
            auto name = std::find(segment_names_.begin(), segment_names_.end(), *a);
            Xapian::docid docid = 0;
            auto [end, error] = std::from_chars(b->data(), b->data() + b->size(), docid);
            if (error != std::errc() || end != b->data() + b->size() || docid == 0)
                throw IndexError(fmt::format("{}: its journal ({}) is damaged; the index may hold part of a batch",
                                             segment_path(k), key));
            if (name == segment_names_.end()) continue;  // merged away since: its changes went with it
            Xapian::WritableDatabase* db = &segment(static_cast<std::size_t>(name - segment_names_.begin()));
            changes.push_back([db, docid, doc = std::string(*c)] { db->replace_document(docid, Xapian::Document::unserialise(doc)); });
        }
        for (auto& change : changes) change();
        // The older segments first, then the journal's own segment lets it go.
        for (std::size_t s = 0; s < segment_count(); ++s) {
            if (s == k) continue;
            segment(s).commit_transaction();
            segment(s).commit();
            begin_batch(segment(s));
        }
        segment(k).set_metadata(key, "");
        segment(k).commit_transaction();
        segment(k).commit();
        begin_batch(segment(k));
    }
}

void IndexWriter::clear_journal() {
    if (!journaling()) return;
    Xapian::WritableDatabase& fresh = current_segment();
    fresh.set_metadata(std::string(meta::journal), "");
    fresh.commit_transaction();
    fresh.commit();
    begin_batch(fresh);
}

void IndexWriter::start_fresh_segment() {
    Xapian::docid highest = 0;
    for (std::size_t k = 0; k < segment_count(); ++k) highest = std::max(highest, segment(k).get_lastdocid());
    fresh_first_docid_ = highest + 1;
    segment_names_.push_back(next_segment_name(path_));
    later_segments_.push_back(open_index_for_writing(segment_path(segment_count())));
    begin_batch(later_segments_.back());
    // Listed from the start: searched as it grows, and a killed run's commits are kept.
    list_segments(path_, segment_names_);
}

void IndexWriter::add_new_document(const Xapian::Document& doc) {
    Xapian::WritableDatabase& db = current_segment();
    // A fresh segment's first document takes the number after every other segment's: document
    // numbers stay unique across segments and grow with arrival (segmented_index.h).
    if (fresh_first_docid_ > 1 && db.get_lastdocid() == 0)
        db.replace_document(fresh_first_docid_, doc);
    else
        db.add_document(doc);
}

bool IndexWriter::already_indexed(const FileInfo& file) {
    if (file.key.empty()) return false;
    std::string key = std::string(meta::file) + file.key;
    for (std::size_t k = 0; k < segment_count(); ++k) {
        if (segment(k).get_metadata(key) == file.signature) return true;
    }
    return false;
}

void IndexWriter::begin_file(const FileInfo&) {
    file_accounts_.clear();
    if (options_.strict) {
        // The batch's transaction, begun afresh by the commit, holds this file alone: a
        // rejected file takes only itself away.
        commit();
        in_strict_file_ = true;
        counts_before_file_ = counts_;
    }
}

void IndexWriter::end_file(const FileInfo& file, bool complete, bool discard) {
    if (in_strict_file_ && discard) {
        for (std::size_t k = 0; k < segment_count(); ++k) {
            segment(k).cancel_transaction();
            begin_batch(segment(k));
        }
        forget_pending_stems();
        journal_ = {};
        in_strict_file_ = false;
        file_accounts_.clear();
        counts_ = counts_before_file_;  // the summary tells what the index holds
        pending_docs_ = 0;
        return;
    }
    pending_accounts_.merge_from(file_accounts_);
    if (complete && !file.key.empty()) files_database().set_metadata(std::string(meta::file) + file.key, file.signature);
    in_strict_file_ = false;  // its changes stay in the batch, committed before the next file
    commit_if_due();
}

std::optional<IndexWriter::Located> IndexWriter::find(const std::string& id) {
    std::string q = std::string(prefix::id) + id;
    auto in = [&](Xapian::WritableDatabase& db) -> std::optional<Located> {
        auto it = db.postlist_begin(q);
        if (it == db.postlist_end(q)) return std::nullopt;
        return Located{&db, *it};
    };
    if (auto found = in(current_segment())) return found;
    for (std::size_t k = 0; k < listed_; ++k) {
        if (auto found = in(segment(k))) return found;
    }
    std::optional<Located> found;
    sealed_ids_.each_segment_of(id, [&](std::size_t k) {
        if (!found) found = in(segment(k));
    });
    return found;
}

void IndexWriter::seal_current_segment() {
    Xapian::WritableDatabase& sealed = current_segment();
    std::size_t k = segment_count() - 1;
    if (k + 1 >= SegmentIds::kMaxSegments) return;  // the last one then grows past segment_docs
    std::string id_prefix(prefix::id), chain_prefix(kEditChainPrefix);
    for (auto t = sealed.allterms_begin(id_prefix); t != sealed.allterms_end(id_prefix); ++t)
        sealed_ids_.add(std::string_view(*t).substr(id_prefix.size()), k);
    sealed_ids_.sealed();
    for (auto t = sealed.allterms_begin(chain_prefix); t != sealed.allterms_end(chain_prefix); ++t)
        sealed_chains_.insert((*t).substr(chain_prefix.size()));
    later_segments_.push_back(open_index_for_writing(segment_path(k + 1), options_.scratch));
    begin_batch(later_segments_.back());
}

void IndexWriter::begin_batch(Xapian::WritableDatabase& db) {
    db.begin_transaction(false);  // not flushed: commit() commits it
}

std::string IndexWriter::segment_path(std::size_t k) const {
    if (!segment_names_.empty()) return (std::filesystem::path(path_) / segment_names_[k]).string();
    return k == 0 ? path_ : fmt::format("{}.{}", path_, k + 1);
}

std::vector<std::string> IndexWriter::segment_paths() const {
    std::vector<std::string> paths;
    for (std::size_t k = 0; k < segment_count(); ++k) paths.push_back(segment_path(k));
    return paths;
}

void IndexWriter::close() {
    for (std::size_t k = 0; k < segment_count(); ++k) segment(k).close();
}


const Xapian::Stem& IndexWriter::stemmer_for(const std::string& lang) {
    auto it = stemmers_.find(lang);
    if (it != stemmers_.end()) return it->second;
    return stemmers_.emplace(lang, tagged_stemmer(lang)).first->second;
}

void IndexWriter::note_stems(const Xapian::Document& doc, const std::string& lang, const Xapian::Stem& stemmer) {
    std::string key;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string& word = *it;
        // The unprefixed terms are the words (a prefix is capitals); Xapian's STEM_SOME stems
        // those that start with a letter, not a digit or a sign.
        if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;
        constexpr unsigned kStemmedCategories = 1u << Xapian::Unicode::LOWERCASE_LETTER |
                                                1u << Xapian::Unicode::TITLECASE_LETTER |
                                                1u << Xapian::Unicode::MODIFIER_LETTER |
                                                1u << Xapian::Unicode::OTHER_LETTER;
        if (!((kStemmedCategories >> Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word))) & 1u)) continue;
        key.assign(lang).append(1, ' ').append(word);
        if (words_with_stems_.count(key)) continue;
        std::string stem_term = std::string(prefix::stem_of_word) + stemmer(word) + ' ' + word;
        if (stem_term.size() > kMaxTermBytes) continue;  // longer than Xapian takes (words are at most 64 bytes)
        if (words_with_stems_.size() >= kMaxWordsWithStems) words_with_stems_.clear();
        words_with_stems_.insert(key);
        pending_stems_.emplace_back(key, std::move(stem_term));
    }
}

void IndexWriter::add_stems_document() {
    if (pending_stems_.empty()) return;
    Xapian::Document stems;
    for (const auto& [key, stem_term] : pending_stems_) stems.add_boolean_term(stem_term);
    stems.add_boolean_term(std::string(kTombstoneTerm));
    stems.add_boolean_term(std::string(kStemsDocumentTerm));
    add_new_document(stems);
    pending_stems_.clear();
}

void IndexWriter::forget_pending_stems() {
    for (const auto& [key, stem_term] : pending_stems_) words_with_stems_.erase(key);
    pending_stems_.clear();
}

Xapian::Document IndexWriter::build_document(const Tweet& t) {
    Xapian::Document doc;
    set_stored_record(doc, serialise_record(t));
    doc.add_boolean_term(std::string(prefix::id) + t.id);

    SearchableEntities se = searchable_entities(t);
    if (!t.author.screen_name.empty()) doc.add_boolean_term(term(prefix::author, t.author.screen_name));
    if (!t.author.id.empty()) doc.add_boolean_term(term(prefix::author_id, t.author.id));
    if (!t.in_reply_to_screen_name.empty()) doc.add_boolean_term(term(prefix::reply_to, t.in_reply_to_screen_name));
    for (const auto& m : se.mentions) doc.add_boolean_term(term(prefix::mention, m));
    for (const auto* list : {&t.mentions, &t.retweeted_mentions}) {
        for (const auto& m : *list) {
            if (m.has_known_id()) doc.add_boolean_term(std::string(prefix::mention_id) + m.user_id);
        }
    }
    for (const auto& h : se.hashtags) doc.add_boolean_term(term(prefix::hashtag, h));
    for (const auto& c : se.cashtags) doc.add_boolean_term(term(prefix::cashtag, c));
    std::vector<std::string> url_keys;
    for (const auto& u : se.urls) {
        NormalisedUrl n = normalise_url(u);
        if (n.key.empty()) continue;
        std::string url_term = limit_term_length(std::string(prefix::url) + n.key);
        url_keys.push_back(url_term.substr(prefix::url.size()));
        doc.add_boolean_term(std::move(url_term));
        for (const auto& d : domain_and_parents(n.host)) doc.add_boolean_term(term(prefix::domain, d));
        if (!n.host.empty()) doc.add_boolean_term(term(prefix::registrable, registrable_domain(n.host)));
    }
    for (const auto& e : t.emails) {
        doc.add_boolean_term(term(prefix::email, e.text));
        if (auto at = e.text.rfind('@'); at != std::string::npos && at + 1 < e.text.size())
            doc.add_boolean_term(term(prefix::email_domain, std::string_view(e.text).substr(at + 1)));
    }
    if (!t.lang.empty()) doc.add_boolean_term(term(prefix::lang, t.lang));

    for (const auto& f : kTweetFlags) {
        if (flag_holds(f.flag, t, se)) doc.add_boolean_term(std::string(f.term));
    }
    if (!t.retweet_of.empty()) doc.add_boolean_term(std::string(prefix::retweet_of) + t.retweet_of);
    if (!t.quote_of.empty()) doc.add_boolean_term(std::string(prefix::quote_of) + t.quote_of);
    if (!t.in_reply_to_status_id.empty())
        doc.add_boolean_term(std::string(prefix::reply_to_status) + t.in_reply_to_status_id);
    if (t.text_truncated) doc.add_boolean_term(std::string(kTruncatedTerm));
    // Former screen names answer from:.
    for (const auto& former : t.author_former_names) doc.add_boolean_term(term(prefix::author, former));
    if (!t.edit_ids.empty()) doc.add_boolean_term(std::string(kEditChainPrefix) + t.edit_ids.front());

    // Free text with positions (phrases); a gap keeps a phrase from spanning the two texts.
    // Most retweets were not cut: their text is exactly "RT @author: " + the original's, and
    // indexing it twice would find nothing more (docs/performance.md, "Cheaper documents").
    // No stems on the tweet (the term generator has no stemmer): they are half a text's terms
    // and a fifth of the indexing time; each word's stem is written once per database instead
    // (note_stems, docs/performance.md, "Stems once per word").
    termgen_.set_document(doc);
    std::string lang = fold_case(t.lang);
    termgen_.index_text(split_elisions(t.text, lang));
    if (!t.retweeted_text.empty() && t.retweeted_text != t.text) {
        termgen_.increase_termpos(100);
        termgen_.index_text(split_elisions(t.retweeted_text, lang));
    }
    if (const Xapian::Stem& stemmer = stemmer_for(lang); !stemmer.is_none()) note_stems(doc, lang, stemmer);

    if (t.created_at) doc.add_value(kSlotDate, Xapian::sortable_serialise(static_cast<double>(t.created_at)));
    doc.add_value(kSlotRetweetCount, Xapian::sortable_serialise(static_cast<double>(t.retweet_count)));
    doc.add_value(kSlotFavoriteCount, Xapian::sortable_serialise(static_cast<double>(t.favorite_count)));
    doc.add_value(kSlotReplyCount, Xapian::sortable_serialise(static_cast<double>(t.reply_count)));
    doc.add_value(kSlotQuoteCount, Xapian::sortable_serialise(static_cast<double>(t.quote_count)));
    doc.add_value(kSlotIdSort, padded_id(t.id));
    if (!url_keys.empty()) {
        std::sort(url_keys.begin(), url_keys.end());
        url_keys.erase(std::unique(url_keys.begin(), url_keys.end()), url_keys.end());
        doc.add_value(kSlotUrlKeys, pack_values(url_keys));
    }
    if (std::string source = strip_tags(t.source); !source.empty()) doc.add_value(kSlotSource, source);
    if (t.created_at && t.author.created_at && *t.author.created_at <= t.created_at)
        doc.add_value(kSlotAuthorAge, Xapian::sortable_serialise(static_cast<double>(t.created_at - *t.author.created_at)));
    return doc;
}

void IndexWriter::note_accounts(const Tweet& t) {
    if (!options_.accounts) return;
    file_accounts_.author(t.author, t.created_at);
    for (const auto& former : t.author_former_names) file_accounts_.former_name(t.author, former);
    for (const auto& m : t.mentions) file_accounts_.mention(m, t.created_at);
}

void IndexWriter::add(Tweet tweet) {
    bool mine = options_.shard.holds(tweet.id);
    if (!mine && !options_.accounts) {
        ++counts_.other_shard;
        return;
    }
    complete_entities(tweet);
    // A like (like.js) or any tweet without a date: its snowflake id tells when it was made.
    if (!tweet.created_at) {
        if (auto when = snowflake_time(tweet.id)) {
            tweet.created_at = *when;
            tweet.created_at_derived = true;
        }
    }
    if (!mine) {
        // Another shard's tweet still tells about its accounts: every shard keeps the whole
        // registry, as one index would (the sightings are idempotent), so `accounts` on any
        // shard, or on a stub of them, lists the same accounts with the same profiles.
        note_accounts(tweet);
        ++counts_.other_shard;
        return;
    }
    Held stored(find(tweet.id));
    MergeAction action = decide_merge(stored.state, Incoming::of(tweet));
    switch (action.write) {
        case MergeAction::Write::Nothing: break;
        case MergeAction::Write::AddTweet: {
            Xapian::Document doc = build_document(tweet);
            if (supersede_versions(tweet)) add_superseded_marks(doc);
            add_new_document(doc);
            break;
        }
        case MergeAction::Write::ReplaceWithTweet: {
            Tweet merged = tweet;
            merged.deleted = action.marks.deleted;
            merged.withheld = action.marks.withheld;
            merged.liked = action.marks.liked;
            Xapian::Document doc = build_document(merged);
            // A version once superseded stays so (ids only grow), whether or not this copy
            // lists the chain that says it.
            if (has_term(stored.doc, kSupersededTerm) || supersede_versions(merged)) add_superseded_marks(doc);
            replace_stored(*stored.db, stored.docid, doc);
            break;
        }
        case MergeAction::Write::MarkStored:
            add_mark_terms(stored.doc, action.marks);
            replace_stored(*stored.db, stored.docid, stored.doc);
            break;
        case MergeAction::Write::AddTombstone: break;  // only for a notice
    }
    if (action.note_accounts) note_accounts(tweet);
    if (action.count == MergeAction::Count::Duplicate) ++counts_.duplicates;
    if (action.count == MergeAction::Count::Added) {
        ++counts_.added;
        ++pending_docs_;
        if (!in_strict_file_) commit_if_due();
    }
}

bool IndexWriter::supersede_versions(const Tweet& t) {
    std::string chain_prefix(kEditChainPrefix);
    if (!index_has_edits_) {
        index_has_edits_ = !sealed_chains_.empty();
        for (std::size_t k = 0; k < segment_count() && !*index_has_edits_; ++k)
            index_has_edits_ = segment(k).allterms_begin(chain_prefix) != segment(k).allterms_end(chain_prefix);
    }
    // A version met before anyone knew of its edits lists no chain: it is found by its id, or,
    // met after its later versions, by the chain term they carry (the first version's id).
    if (t.edit_ids.empty() && !*index_has_edits_) return false;
    index_has_edits_ = true;
    std::vector<Located> others;
    const std::string& first = t.edit_ids.empty() ? t.id : t.edit_ids.front();
    std::string chain = chain_prefix + first;
    auto versions_in = [&](Xapian::WritableDatabase& db) {
        for (auto p = db.postlist_begin(chain); p != db.postlist_end(chain); ++p) others.push_back({&db, *p});
    };
    versions_in(current_segment());
    if (sealed_chains_.count(first) || listed_ > 0) {
        for (std::size_t k = 0; k + 1 < segment_count(); ++k) versions_in(segment(k));
    }
    for (const auto& id : t.edit_ids) {
        if (id == t.id) continue;
        if (auto d = find(id)) others.push_back(*d);
    }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    bool superseded = false;
    std::string mine = padded_id(t.id);
    for (const Located& other : others) {
        Xapian::Document doc = other.db->get_document(other.docid);
        if (has_term(doc, kTombstoneTerm)) continue;
        std::string theirs = doc.get_value(kSlotIdSort);
        if (theirs > mine) {
            superseded = true;  // ids only grow: the later version
        } else if (theirs < mine && !has_term(doc, kSupersededTerm)) {
            add_superseded_marks(doc);
            replace_stored(*other.db, other.docid, doc);
        }
    }
    return superseded;
}

void IndexWriter::apply(const ControlRecord& c) {
    switch (c.kind) {
        case ControlRecord::Kind::Delete:
        case ControlRecord::Kind::StatusWithheld: {
            // A delete or status_withheld notice: marks the tweet, or leaves a tombstone the
            // tweet replaces.
            if (!options_.shard.holds(c.status_id)) {
                ++counts_.other_shard;
                break;
            }
            ++(c.kind == ControlRecord::Kind::Delete ? counts_.delete_notices : counts_.withheld_notices);
            Held stored(find(c.status_id));
            MergeAction action = decide_merge(stored.state, Incoming::of(c));
            if (action.write == MergeAction::Write::MarkStored) {
                add_mark_terms(stored.doc, action.marks);
                replace_stored(*stored.db, stored.docid, stored.doc);
            } else if (action.write == MergeAction::Write::AddTombstone) {
                add_new_document(make_tombstone(c.status_id, c.user_id, action.marks));
            }
            if (action.count == MergeAction::Count::Tombstone) ++counts_.tombstones;
            ++pending_docs_;
            break;
        }
        case ControlRecord::Kind::Limit: counts_.limit_dropped += static_cast<std::size_t>(c.count); break;
        case ControlRecord::Kind::UserWithheld:
            ++counts_.withheld_notices;
            account_status(c.user_id, "", "withheld");
            break;
        default: ++counts_.other_controls; break;
    }
}

void IndexWriter::account(const User& user, std::int64_t when) {
    if (options_.accounts) file_accounts_.author(user, when);
}

void IndexWriter::account_status(const std::string& user_id, const std::string& screen_name,
                                 std::string_view status) {
    if (options_.accounts) file_accounts_.status(user_id, screen_name, status);
}

std::size_t IndexWriter::purge_deleted() {
    std::size_t purged = 0;
    std::string term(kDeletedTerm);
    for (std::size_t k = 0; k < segment_count(); ++k) {
        Xapian::WritableDatabase& db = segment(k);
        std::vector<Xapian::docid> deleted;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) deleted.push_back(*it);
        for (Xapian::docid id : deleted) {
            Xapian::Document doc = db.get_document(id);
            if (has_term(doc, kPurgedTerm)) continue;
            std::string id_of_tweet = tweet_id(doc);
            if (id_of_tweet.empty()) continue;
            Marks marks;
            marks.deleted = marks.purged = true;
            // Its author goes with its content.
            replace_stored(db, id, make_tombstone(id_of_tweet, std::nullopt, marks));
            ++purged;
        }
    }
    commit();
    return purged;
}

void IndexWriter::flush_accounts() {
    pending_accounts_.merge_from(file_accounts_);
    if (options_.accounts_to) {
        options_.accounts_to->give(pending_accounts_);
        return;
    }
    if (options_.accounts_from) options_.accounts_from->take_into(pending_accounts_);
    pending_accounts_.store(db_, journaling() ? &journal_.registry : nullptr);
}

std::optional<std::string> IndexWriter::compact() {
    commit();
    clear_journal();  // not into the compacted copy
    std::error_code ec;
    // A symlink to the index: compact the folder it names, not the link.
    std::string index = std::filesystem::canonical(path_, ec).string();
    if (ec) return ec.message();
    std::string copy = compacting_path(index);
    // The swap must not take away anything but our index, nor the copy's place anything else.
    for (const std::string& folder : {index, copy}) {
        if (auto why = why_folder_is_not_ours(folder))
            throw IndexError(fmt::format("not compacted, the index is whole as it is: {}; tweet-index removes "
                                         "only what it made: move it away and run again", *why));
    }
    remove_folder_if_ours(copy);
    try {
        // An index of segments becomes one database again; document numbers are unique across
        // its segments, so they are kept (segmented_index.h).
        SegmentCompactor compactor;
        Xapian::Database(index).compact(copy, Xapian::DBCOMPACT_NO_RENUMBER, kCompactedBlockSize, compactor);
        if (!segment_names_.empty()) {
            Xapian::WritableDatabase merged(copy, Xapian::DB_OPEN);
            merged.set_metadata(std::string(meta::identity), db_.get_metadata(std::string(meta::identity)));
            merged.commit();
        }
    } catch (const Xapian::Error& e) {
        remove_folder_if_ours(copy);
        return e.get_msg();
    }
    // The lock on the old index, held until the swap, keeps other writers out meanwhile.
    if (renameat2(AT_FDCWD, copy.c_str(), AT_FDCWD, index.c_str(), RENAME_EXCHANGE) != 0) {
        std::string why = fmt::format("cannot swap folders here ({})", std::strerror(errno));
        remove_folder_if_ours(copy);
        return why;
    }
    close();
    remove_folder_if_ours(copy);  // the old index now
    return std::nullopt;
}

void IndexWriter::finish() {
    commit();
    if (segment_names_.empty()) return;
    clear_journal();  // every batch is whole in every segment now
    // A segment of nothing (this run's fresh one when it added nothing, or one a killed run left)
    // goes off the list; not the first, which holds the registry.
    std::string files(meta::file);
    for (std::size_t k = segment_count(); k-- > 1;) {
        Xapian::WritableDatabase& db = segment(k);
        if (db.get_doccount() == 0 && db.metadata_keys_begin(files) == db.metadata_keys_end(files))
            merge_segments(k, k + 1);
    }
    std::vector<Xapian::doccount> docs;
    for (std::size_t k = 0; k < segment_count(); ++k) docs.push_back(segment(k).get_doccount());
    while (auto merge = merge_policy(docs)) {
        merge_segments(merge->first, merge->end);
        docs.clear();
        for (std::size_t k = 0; k < segment_count(); ++k) docs.push_back(segment(k).get_doccount());
    }
}

void IndexWriter::merge_segments(std::size_t first, std::size_t end) {
    std::vector<Xapian::WritableDatabase> all;
    for (std::size_t k = 0; k < segment_count(); ++k) all.push_back(segment(k));
    std::vector<std::string> names(segment_names_.begin(), segment_names_.begin() + static_cast<std::ptrdiff_t>(first));
    std::vector<Xapian::WritableDatabase> kept(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(first));
    if (end - first > 1 || segment(first).get_doccount() > 0) {
        Xapian::Database inputs;
        for (std::size_t k = first; k < end; ++k) inputs.add_database(Xapian::Database(segment_path(k)));
        std::string name = next_segment_name(path_);
        std::string out = (std::filesystem::path(path_) / name).string();
        try {
            SegmentCompactor compactor;
            inputs.compact(out, Xapian::DBCOMPACT_NO_RENUMBER, kCompactedBlockSize, compactor);
        } catch (const Xapian::Error& e) {
            remove_folder_if_ours(out);
            throw IndexError(fmt::format("{}: cannot merge its segments: {}; the index is whole as it is", path_,
                                         e.get_msg()));
        }
        names.push_back(name);
        kept.push_back(open_index_for_writing(out));  // its lock, before anyone can see it listed
        if (first == 0) {
            // The index's identity is the first segment's (audit --since-last); each segment has
            // one of its own, and the compactor keeps any of them.
            kept.back().set_metadata(std::string(meta::identity), db_.get_metadata(std::string(meta::identity)));
            kept.back().commit();
        }
        begin_batch(kept.back());
    }
    names.insert(names.end(), segment_names_.begin() + static_cast<std::ptrdiff_t>(end), segment_names_.end());
    kept.insert(kept.end(), all.begin() + static_cast<std::ptrdiff_t>(end), all.end());
    list_segments(path_, names);
    for (std::size_t k = first; k < end; ++k) {
        all[k].close();
        remove_folder_if_ours(segment_path(k));
    }
    segment_names_ = std::move(names);
    listed_ = segment_names_.size();
    db_ = kept.front();
    later_segments_.assign(kept.begin() + 1, kept.end());
}

void IndexWriter::commit_if_due() {
    if (pending_docs_ >= options_.batch_size) commit();
}

void IndexWriter::commit() {
    if (in_strict_file_) return;  // strict mode commits before each file
    flush_accounts();
    add_stems_document();
    // The sealed segments too: a later copy or notice changed a tweet they hold (Xapian
    // commits nothing, cheaply, in one without changes). Adding into a fresh segment, that one
    // first, with the journal of the older segments' changes.
    std::vector<std::size_t> order;
    if (journaling()) {
        std::string journal;
        for (const auto& [segment_name, docid, doc] : journal_.documents) {
            append_field(journal, "D");
            append_field(journal, segment_name);
            append_field(journal, std::to_string(docid));
            append_field(journal, doc);
        }
        for (const auto& [key, value] : journal_.registry) {
            append_field(journal, "M");
            append_field(journal, key);
            append_field(journal, value);
        }
        current_segment().set_metadata(std::string(meta::journal), journal);
        order.push_back(segment_count() - 1);
    }
    for (std::size_t k = 0; k < segment_count(); ++k) {
        if (order.empty() || k != order.front()) order.push_back(k);
    }
    // Tests only: the run ends between the fresh segment's commit and the older ones', at the
    // first batch whose journal holds a change, as a kill there would end it.
    static const bool exit_between_commits = std::getenv("TWEET_INDEX_TEST_EXIT_BETWEEN_COMMITS") != nullptr;
    bool exit_after_first = exit_between_commits && journaling() && !journal_.documents.empty();
    for (std::size_t k : order) {
        Xapian::WritableDatabase& db = segment(k);
        db.commit_transaction();
        try {
            db.commit();
        } catch (...) {
            // Inside a transaction again, so that the destructor cancels the batch instead of
            // committing it a second time (glass would merge its postings in once more). The
            // first error is the one to report.
            try {
                begin_batch(db);
            } catch (...) {
            }
            throw;
        }
        if (exit_after_first) _exit(9);
        begin_batch(db);
    }
    journal_ = {};
    pending_docs_ = 0;
    if (options_.segment_docs > 0 && current_segment().get_doccount() >= options_.segment_docs) seal_current_segment();
}

}  // namespace ti

#include "sources.h"

#include "dates.h"
#include "index.h"
#include "json_salvage.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace fs = std::filesystem;

namespace ti {

namespace {

// Each container and each compression layer is a level: a zip in a tar.gz in a zip is 4 deep.
constexpr int kMaxContainerDepth = 8;

std::string file_signature(const fs::path& p) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    auto mtime = fs::last_write_time(p, ec);
    return fmt::format("{}:{}", size, mtime.time_since_epoch().count());
}

std::string_view skip_bom_and_space(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    return s;
}

// A first line that fails to parse but ends like the opening of a pretty-printed document.
bool opens_multiline_document(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) return false;
    char last = line.back();
    return last == '{' || last == '[' || last == ',' || last == ':';
}

// An input error's message without the "FILE: " it may start with, for a message that names the file.
std::string without_prefix(const std::string& what, const std::string& display) {
    return what.rfind(display + ": ", 0) == 0 ? what.substr(display.size() + 2) : what;
}

}  // namespace

void SourceReader::read_input(const std::string& path) {
    if (path == "-") {
        FileInfo info{"<stdin>", "", ""};
        gate_.file_started(info);
        bool complete = true;
        try {
            if (!read_stream(open_file_reader("-"), "<stdin>", {}, 0, nullptr)) {
                sink_.reject({"<stdin>"}, "not a tweet file: unrecognised content");
            }
            ++stats_.files_read;
        } catch (const InputError& e) {
            sink_.reject({"<stdin>"}, e.what());
            ++stats_.files_failed;
            complete = false;
        }
        gate_.file_finished(info, complete);
        return;
    }
    fs::path p(path);
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) throw InputError(fmt::format("{}: {}", path, missing_input_reason(path)));
    if (fs::is_directory(status)) {
        if (is_xapian_database_folder(p)) {
            sink_.reject({path}, "a Xapian index, not tweets: not read");
            return;
        }
        FolderContents contents = list_folder(p);
        for (const auto& [folder, why] : contents.unreadable) {
            sink_.reject({folder.string()}, fmt::format("cannot read this folder: {}", why));
            ++stats_.folders_unreadable;
        }
        for (const auto& index : contents.indexes)
            sink_.notice({index.string()}, "skipped: a Xapian index, not tweets");
        for (const auto& [link, why] : contents.broken_links) sink_.notice({link.string()}, "skipped: " + why);
        for (const auto& f : contents.files) read_file(f, f.string(), false);
    } else {
        read_file(p, path, true);
    }
    // An unpacked archive's notes: joined while its tweets files were read.
    for (auto& [dir, facts] : facts_by_dir_) report_unjoined_notes(facts.notes.get(), "");
}

void SourceReader::report_unjoined_notes(ArchiveNotes* notes, const std::string& prefix) {
    if (!notes) return;
    for (ArchiveNote* n : notes->unjoined()) {
        if (n->reported) continue;
        n->reported = true;
        sink_.notice({prefix + n->file},
                     fmt::format("warning: long post note {} ({}) matches no cut tweet of the archive "
                                 "(same time within 2 seconds, its text beginning the note's): its text is not indexed",
                                 n->id.empty() ? "without noteTweetId" : n->id,
                                 n->created_at ? format_iso_date(n->created_at) : "no createdAt"));
    }
}

std::string missing_input_reason(const std::string& path) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return "no such file or folder";
    (void)fs::status(path, ec);  // follows the links: ELOOP when they go round
    if (ec == std::errc::too_many_symbolic_link_levels) return "a symlink loop (the links lead back to themselves)";
    return fmt::format("a symlink to {}, which does not exist", fs::read_symlink(path, ec).string());
}

FolderContents list_folder(const fs::path& folder) {
    FolderContents contents;
    std::vector<fs::path> pending{folder};
    while (!pending.empty()) {
        fs::path dir = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            std::error_code entry_ec;
            if (it->is_symlink(entry_ec)) {
                if (it->is_regular_file(entry_ec)) contents.files.push_back(it->path());
                else if (entry_ec) contents.broken_links.emplace_back(it->path(), missing_input_reason(it->path()));
            } else if (it->is_directory(entry_ec)) {
                if (is_xapian_database_folder(it->path())) contents.indexes.push_back(it->path());
                else pending.push_back(it->path());
            } else if (it->is_regular_file(entry_ec)) {
                contents.files.push_back(it->path());
            }
        }
        if (ec) contents.unreadable.emplace_back(dir, ec.message());
    }
    std::sort(contents.files.begin(), contents.files.end());
    std::sort(contents.unreadable.begin(), contents.unreadable.end());
    std::sort(contents.indexes.begin(), contents.indexes.end());
    std::sort(contents.broken_links.begin(), contents.broken_links.end());
    return contents;
}

void SourceReader::read_file(const fs::path& path, const std::string& display, bool named_by_user) {
    std::error_code ec;
    FileInfo info{display, fs::absolute(path, ec).lexically_normal().string(), file_signature(path)};
    if (gate_.already_indexed(info)) {
        ++stats_.files_unchanged;
        return;
    }
    gate_.file_started(info);
    bool complete = true;
    file_without_tweets_ = false;
    try {
        auto reader = std::make_unique<PeekableReader>(open_file_reader(path.string()));
        if (sniff_stream(reader->peek(512)) == StreamKind::Zip) {
            reader.reset();
            // A ZIP on disk is read through its central directory; what the archive says of
            // itself (owner, manifest, Grailbird layout) first.
            ArchiveFacts facts;
            bool central_directory = true;
            try {
                auto scan = ArchiveEntries::open_file(path.string());
                std::string name;
                long long size;
                std::vector<std::string> names;
                while (scan->next(name, size)) {
                    if (ArchiveFacts::wants(name)) facts.learn(name, read_all(*scan->entry_reader(), 64u << 20));
                    else facts.learn(name, {});
                    names.push_back(name);
                }
                // A part the manifest lists and the ZIP lacks: tweets missing from the download.
                for (const auto& [part, count] : facts.manifest_counts) {
                    const std::string& listed = part;  // clang 14: a lambda cannot capture a structured binding
                    bool found = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
                        return n == listed || (n.ends_with(listed) && n[n.size() - listed.size() - 1] == '/');
                    });
                    if (!found)
                        sink_.notice({display}, fmt::format("warning: manifest.js lists {} ({} entries) but the "
                                                            "archive has no such file", listed, count));
                }
            } catch (const InputError& e) {
                // No central directory (a download or copy cut short) or a damaged one: the local
                // entries before the damage are still whole, and read one after another as stdin
                // reads them. The archive's own files are then learnt as they come.
                sink_.notice({display}, fmt::format("warning: the ZIP's central directory is missing or damaged ({}): "
                                                    "reading its entries one after another instead",
                                                    without_prefix(e.what(), display)));
                central_directory = false;
            }
            if (central_directory) {
                read_container(ArchiveEntries::open_file(path.string()), display, 1, facts);
                report_unjoined_notes(facts.notes.get(), display + "!");
            } else {
                // The stream ends in an error at the damage, which is reported; the entries before
                // it were indexed, so the file counts as read.
                try {
                    read_container(ArchiveEntries::open_stream(open_file_reader(path.string())), display, 1, {});
                } catch (const InputError& e) {
                    sink_.reject({display}, without_prefix(e.what(), display));
                    complete = false;
                }
            }
            ++stats_.files_read;
        } else if (read_stream(std::move(reader), display, {}, 0, &path)) {
            ++(file_without_tweets_ ? stats_.files_ignored : stats_.files_read);
        } else if (named_by_user) {
            sink_.reject({display}, "not a tweet file: unrecognised content (expected JSON, JSON lines, an archive's "
                                    ".js, ZIP, tar or a compressed file)");
            ++stats_.files_ignored;
        } else {
            ++stats_.files_ignored;
        }
    } catch (const InputError& e) {
        sink_.reject({display}, without_prefix(e.what(), display));
        ++stats_.files_failed;
        complete = false;
    }
    gate_.file_finished(info, complete);
}

void SourceReader::read_container(std::unique_ptr<ArchiveEntries> entries, const std::string& display, int depth,
                                  ArchiveFacts facts) {
    const ArchiveFacts* outer = container_facts_;
    container_facts_ = &facts;
    struct Restore {
        const ArchiveFacts*& slot;
        const ArchiveFacts* value;
        ~Restore() { slot = value; }
    } restore{container_facts_, outer};
    const ArchiveNotes* notes_before = facts.notes.get();
    std::string name;
    long long size;
    while (entries->next(name, size)) {
        std::string entry_display = name.empty() ? display : display + "!" + name;
        // An entry's failure (a corrupt member) is reported; the next entries are still read.
        try {
            // A streamed container (tar, a ZIP inside another) is read once: the archive's own
            // files are learnt as they come, which covers the usual order (data/account.js
            // before data/tweets.js). A ZIP on disk had them read before.
            facts.learn(name, {});
            if (ArchiveFacts::wants(name)) {
                facts.learn(name, read_all(*entries->entry_reader(), 64u << 20));
                continue;
            }
            read_stream(entries->entry_reader(), entry_display, facts.context(), depth, nullptr);
        } catch (const InputError& e) {
            sink_.reject({entry_display}, e.what());
            if (name.empty()) throw;
        }
    }
    // Notes met in this container's stream (a ZIP on disk had them from its first pass).
    if (facts.notes.get() != notes_before) report_unjoined_notes(facts.notes.get(), display + "!");
}

bool SourceReader::read_stream(std::unique_ptr<ByteReader> in, const std::string& display,
                               const FormatContext& context, int depth, const fs::path* disk_path) {
    auto peekable = std::make_unique<PeekableReader>(std::move(in));
    StreamKind kind = sniff_stream(peekable->peek(512));
    if (kind != StreamKind::Text && depth >= kMaxContainerDepth) {
        sink_.reject({display}, fmt::format("containers nested more than {} deep", kMaxContainerDepth));
        return true;
    }
    switch (kind) {
        case StreamKind::Gzip:
            return read_stream(make_gzip_reader(std::move(peekable)), display, context, depth + 1, disk_path);
        case StreamKind::Zip:
        case StreamKind::OtherCompressedOrTar: {
            // A stream is read once: the facts are those of the container around it, if any.
            ArchiveFacts facts = container_facts_ ? *container_facts_ : ArchiveFacts{};
            if (!container_facts_ && context.archive_owner) facts.owner = *context.archive_owner;
            read_container(ArchiveEntries::open_stream(std::move(peekable)), display, depth + 1, facts);
            return true;
        }
        case StreamKind::Text: return read_text(*peekable, display, context, disk_path);
    }
    return false;
}

bool SourceReader::read_text(PeekableReader& in, const std::string& display, const FormatContext& context,
                             const fs::path* disk_path) {
    std::string_view head = in.peek(4096);
    std::string_view start = skip_bom_and_space(head);
    if (start.empty()) {
        if (head.size() < 4096) {
            sink_.notice({display}, "empty file");
            return true;
        }
    }
    // Archive scripts: X's "window.YTD.tweets.part0 = [", Grailbird's "Grailbird.data.tweets_2011_08 ="
    // and "var user_details =".
    if (start.rfind("window.", 0) == 0 || start.rfind("Grailbird.data.", 0) == 0 || start.rfind("var ", 0) == 0) {
        return read_archive_script(read_all(in), display, context, disk_path);
    }
    // Grailbird's tweets.csv, known by its header.
    if (start.rfind("\"tweet_id\",", 0) == 0 || start.rfind("tweet_id,", 0) == 0) {
        read_tweets_csv(in, display, context, disk_path);
        return true;
    }
    if (!start.empty() && (start.front() == '{' || start.front() == '[')) {
        read_json_lines(in, display, context);
        return true;
    }
    return false;
}

void SourceReader::read_json_lines(PeekableReader& in, const std::string& display, const FormatContext& context) {
    LineReader lines(in);
    std::string_view line;
    bool too_long = false;
    bool first = true;
    while (lines.next(line, too_long)) {
        Location where{display, lines.line_number()};
        if (too_long) {
            sink_.reject(where, "line longer than the limit of 256 MiB");
            continue;
        }
        std::string_view content = skip_bom_and_space(line);
        if (content.empty()) continue;  // keep-alive newlines of a stream
        simdjson::dom::element value;
        if (auto error = parse_json_record(parser_, content, display, where.line, sink_, value)) {
            if (first && opens_multiline_document(content)) {
                // A pretty-printed document: read it whole.
                std::string whole(line);
                whole += '\n';
                whole += lines.rest();
                read_json_document(whole, display, where.line, context);
                return;
            }
            first = false;
            if (read_json_array_entries(parser_, content, display, where.line, context, sink_)) continue;
            std::string reason = fmt::format("invalid JSON: {}", simdjson::error_message(error));
            // A line that stops mid-object is the usual sign of an interrupted download or write.
            char last = content.back();
            if (last != '}' && last != ']') reason += " (the line is cut off)";
            sink_.reject(where, reason);
            continue;
        }
        first = false;
        read_json_value(value, where, context, sink_);
    }
}

void SourceReader::read_json_document(const std::string& content, const std::string& display, std::size_t first_line,
                                      const FormatContext& context) {
    simdjson::dom::element value;
    auto error = parse_json_record(parser_, content, display, first_line, sink_, value);
    if (!error) {
        read_json_value(value, {display, first_line}, context, sink_);
        return;
    }
    if (read_json_array_entries(parser_, content, display, first_line, context, sink_)) return;
    // Several pretty-printed documents one after another.
    simdjson::dom::document_stream stream;
    if (parser_.parse_many(content).get(stream) == simdjson::SUCCESS) {
        bool any = false;
        for (auto it = stream.begin(); it != stream.end(); ++it) {
            std::size_t offset = it.current_index();
            std::size_t line = first_line + static_cast<std::size_t>(
                                                std::count(content.begin(), content.begin() + static_cast<long>(
                                                                                   std::min(offset, content.size())),
                                                           '\n'));
            auto doc = *it;
            if (doc.error()) {
                sink_.reject({display, line},
                             fmt::format("invalid JSON: {}", simdjson::error_message(doc.error())));
                return;
            }
            any = true;
            read_json_value(doc.value_unsafe(), {display, line}, context, sink_);
        }
        if (any) return;
    }
    sink_.reject({display, first_line}, fmt::format("invalid JSON document: {}", simdjson::error_message(error)));
}

bool SourceReader::read_archive_script(const std::string& content, const std::string& display,
                                       const FormatContext& context, const fs::path* disk_path) {
    auto script = parse_archive_script(content);
    if (!script) return false;
    if (script->kind == ArchiveScript::Kind::AccountSuspension) note_owner_suspension(*script, display, context, disk_path);
    if (script->kind != ArchiveScript::Kind::Tweets) {
        if (disk_path) file_without_tweets_ = true;  // account.js, manifest.js, direct messages, ...
        return true;
    }
    FormatContext with_owner = context;
    const ArchiveFacts* facts = facts_for(disk_path);
    if (facts) {
        with_owner = facts->context();
        if (!with_owner.archive_owner) with_owner.archive_owner = context.archive_owner;
    }
    with_owner.community_tweets = script->community;
    with_owner.circle_tweets = script->circle;
    if (with_owner.archive_notes) with_owner.archive_notes->tweets_file_read(script->deleted);
    if (!with_owner.archive_owner && !script->grailbird)
        sink_.notice({display}, "archive owner unknown (no account.js or manifest.js beside it): tweets have no author");
    // Line of the '=' so messages point into the file.
    std::size_t first_line = 1 + static_cast<std::size_t>(std::count(
                                     content.begin(), content.begin() + (script->json.data() - content.data()), '\n'));
    simdjson::dom::element value;
    std::optional<std::size_t> entries;
    if (auto error = parse_json_record(parser_, script->json, display, first_line, sink_, value)) {
        // Cut short (an interrupted copy) or with a bad entry: the complete entries are read.
        entries = read_json_array_entries(parser_, script->json, display, first_line, with_owner, sink_);
        if (!entries) {
            sink_.reject({display, first_line}, fmt::format("invalid JSON after {} =: {}", script->global_name,
                                                            simdjson::error_message(error)));
            return true;
        }
    } else {
        read_json_value(value, {display, first_line}, with_owner, sink_);
        if (value.is_array()) entries = simdjson::dom::array(value).size();
    }
    // manifest.js says how many entries each file holds: a difference means a part is cut or
    // the archive was changed.
    if (facts && entries) {
        std::size_t got = *entries;
        for (const auto& [name, expected] : facts->manifest_counts) {
            bool same_file = display == name || (display.size() > name.size() && display.ends_with(name) &&
                                                 (display[display.size() - name.size() - 1] == '/' ||
                                                  display[display.size() - name.size() - 1] == '!'));
            if (same_file && static_cast<std::int64_t>(got) != expected)
                sink_.notice({display}, fmt::format("warning: manifest.js says {} holds {} entries, {} were read",
                                                    name, expected, got));
        }
    }
    return true;
}

namespace {

// One RFC 4180 record: fields separated by commas, quoted fields may hold commas, doubled
// quotes and line breaks. False at the end of the stream.
bool next_csv_record(LineReader& lines, std::vector<std::string>& fields, bool& unterminated) {
    fields.clear();
    unterminated = false;
    std::string_view line;
    bool too_long = false;
    if (!lines.next(line, too_long)) return false;
    std::string field;
    bool quoted = false;
    while (true) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        ++i;
                    } else {
                        quoted = false;
                    }
                } else {
                    field += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.push_back(std::move(field));
                field.clear();
            } else {
                field += c;
            }
        }
        if (!quoted) break;
        if (field.size() > (64u << 20)) {  // no tweet is this long: a quote that is never closed
            unterminated = true;
            break;
        }
        // A line break inside quotes belongs to the field.
        if (!lines.next(line, too_long)) {
            unterminated = true;
            break;
        }
        field += '\n';
    }
    fields.push_back(std::move(field));
    return true;
}

}  // namespace

void SourceReader::read_tweets_csv(PeekableReader& in, const std::string& display, const FormatContext& context,
                                   const fs::path* disk_path) {
    // The CSV is Grailbird's fallback: with the JSON tweets in the same archive it adds nothing.
    const ArchiveFacts* facts = facts_for(disk_path);
    if (facts && facts->grailbird_json) {
        sink_.notice({display}, "skipped: the archive's data/js/tweets/*.js hold these tweets with their entities");
        if (disk_path) file_without_tweets_ = true;
        return;
    }
    FormatContext with_owner = facts ? facts->context() : context;
    if (!with_owner.archive_owner) with_owner.archive_owner = context.archive_owner;
    LineReader lines(in);
    std::vector<std::string> header, fields;
    bool unterminated = false;
    if (!next_csv_record(lines, header, unterminated)) return;
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
    auto get = [&](std::string_view name) -> std::string {
        auto it = column.find(std::string(name));
        return it != column.end() && it->second < fields.size() ? fields[it->second] : std::string{};
    };
    if (!column.count("tweet_id") || !column.count("text")) {
        sink_.reject({display, 1}, "CSV without tweet_id and text columns");
        return;
    }
    while (true) {
        std::size_t first_line = lines.line_number() + 1;
        if (!next_csv_record(lines, fields, unterminated)) break;
        Location where{display, first_line};
        if (fields.size() == 1 && fields[0].empty()) continue;
        if (unterminated) {
            sink_.reject(where, "a quoted field is never closed (the file is cut off)");
            break;
        }
        if (fields.size() != header.size()) {
            sink_.reject(where, fmt::format("{} fields where the header has {}", fields.size(), header.size()));
            continue;
        }
        read_csv_tweet(get, where, with_owner, sink_);
    }
}

void ArchiveFacts::learn(const std::string& name, const std::string& content) {
    // Grailbird's monthly tweet files: data/js/tweets/YYYY_MM.js
    if (name.find("data/js/tweets/") != std::string::npos && name.ends_with(".js")) grailbird_json = true;
    if (content.empty()) return;
    auto script = parse_archive_script(content);
    if (!script) return;
    simdjson::dom::parser parser;
    auto parsed = parser.parse(script->json.data(), script->json.size(), true);
    if (parsed.error()) return;
    switch (script->kind) {
        case ArchiveScript::Kind::Account:
        case ArchiveScript::Kind::GrailbirdUser:
            if (auto u = read_archive_owner(parsed.value_unsafe()); u && !owner) owner = u;
            break;
        case ArchiveScript::Kind::Manifest:
            if (auto u = read_archive_owner(parsed.value_unsafe()); u && !owner) owner = u;
            manifest_counts = read_manifest_counts(parsed.value_unsafe());
            break;
        case ArchiveScript::Kind::ScreenNameChange:
            former_names = read_former_screen_names(parsed.value_unsafe());
            break;
        case ArchiveScript::Kind::Notes:
            if (!notes) notes = std::make_shared<ArchiveNotes>();
            notes->read(parsed.value_unsafe(), name, script->deleted);
            break;
        default: break;
    }
}

bool ArchiveFacts::wants(const std::string& name) {
    for (std::string_view f : kArchiveFactFiles) {
        if (name == f || (name.ends_with(f) && name[name.size() - f.size() - 1] == '/')) return true;
    }
    return false;
}

FormatContext ArchiveFacts::context() const {
    FormatContext c;
    if (owner) c.archive_owner = &*owner;
    if (!former_names.empty()) c.owner_former_names = &former_names;
    c.archive_notes = notes.get();
    return c;
}

// account-suspension.js: the owner's fate, for author_status:suspended.
void SourceReader::note_owner_suspension(const ArchiveScript& script, const std::string& display,
                                         const FormatContext& context, const fs::path* disk_path) {
    auto parsed = parser_.parse(script.json.data(), script.json.size(), true);
    if (parsed.error()) {
        sink_.reject({display}, fmt::format("invalid JSON after {} =: {}", script.global_name,
                                            simdjson::error_message(parsed.error())));
        return;
    }
    if (!read_owner_suspended(parsed.value_unsafe())) return;
    const ArchiveFacts* facts = facts_for(disk_path);
    const User* owner = facts && facts->owner ? &*facts->owner : context.archive_owner;
    if (!owner) {
        sink_.notice({display}, "the archive's owner was suspended, but who the owner is is unknown (no account.js)");
        return;
    }
    sink_.account_status(owner->id, owner->screen_name, "suspended", {display});
}

const ArchiveFacts* SourceReader::facts_for(const fs::path* disk_path) {
    if (disk_path) return facts_near(*disk_path);
    return container_facts_;
}

// The archive an unpacked file belongs to: the nearest of its folder and three above it (data/,
// data/js/, data/js/tweets/ and the archive's root) where archive files are found.
const ArchiveFacts* SourceReader::facts_near(const fs::path& file) {
    std::error_code ec;
    fs::path dir = fs::absolute(file, ec).parent_path();
    for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
        auto cached = facts_by_dir_.find(dir.string());
        if (cached == facts_by_dir_.end()) {
            ArchiveFacts facts;
            // File by file in the table's order, in every folder it is in (account.js first: the
            // first owner read is kept).
            for (std::string_view name : kArchiveFactFiles) {
                for (std::string_view folder : kArchiveFactFolders) {
                    fs::path candidate = dir / folder / name;
                    if (!fs::is_regular_file(candidate, ec)) continue;
                    try {
                        auto reader = open_file_reader(candidate.string());
                        // By its path: the notes that join no tweet are told by it.
                        facts.learn(candidate.lexically_normal().string(), read_all(*reader, 64u << 20));
                    } catch (const InputError&) {
                    }
                }
            }
            for (fs::directory_iterator it(dir / "data/js/tweets", ec), end; !ec && it != end; it.increment(ec)) {
                if (it->path().extension() == ".js") facts.grailbird_json = true;
            }
            cached = facts_by_dir_.emplace(dir.string(), std::move(facts)).first;
        }
        const ArchiveFacts& f = cached->second;
        if (f.owner || f.grailbird_json || !f.manifest_counts.empty()) return &f;
    }
    return nullptr;
}

}  // namespace ti

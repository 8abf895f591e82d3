#include "sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace fs = std::filesystem;

namespace ti {

namespace {

constexpr int kMaxContainerDepth = 4;

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
    if (ec || !fs::exists(status)) throw InputError(fmt::format("{}: no such file or folder", path));
    if (fs::is_directory(status)) {
        std::vector<fs::path> files;
        // Symlinked folders are not followed: a link loop must not hang the walk.
        for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            if (it->is_regular_file(ec)) files.push_back(it->path());
        }
        if (ec) sink_.notice({path}, fmt::format("folder not read completely: {}", ec.message()));
        std::sort(files.begin(), files.end());
        for (const auto& f : files) read_file(f, f.string(), false);
        return;
    }
    read_file(p, path, true);
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
    try {
        auto reader = std::make_unique<PeekableReader>(open_file_reader(path.string()));
        if (sniff_stream(reader->peek(512)) == StreamKind::Zip) {
            reader.reset();
            // A ZIP on disk is read through its central directory; the archive's owner first.
            std::optional<User> owner;
            {
                auto scan = ArchiveEntries::open_file(path.string());
                std::string name;
                long long size;
                while (scan->next(name, size)) {
                    if (name.ends_with("account.js") || name.ends_with("manifest.js")) {
                        auto content = read_all(*scan->entry_reader(), 64u << 20);
                        if (auto u = owner_from_script(content); u && !owner) owner = u;
                    }
                }
            }
            read_container(ArchiveEntries::open_file(path.string()), display, 1, owner);
            ++stats_.files_read;
        } else if (read_stream(std::move(reader), display, {}, 0, &path)) {
            ++stats_.files_read;
        } else if (named_by_user) {
            sink_.reject({display}, "not a tweet file: unrecognised content (expected JSON, JSON lines, an archive's "
                                    ".js, ZIP, tar or a compressed file)");
            ++stats_.files_ignored;
        } else {
            ++stats_.files_ignored;
        }
    } catch (const InputError& e) {
        std::string what = e.what();
        sink_.reject({display}, what.rfind(display, 0) == 0 ? what.substr(display.size() + 2) : what);
        ++stats_.files_failed;
        complete = false;
    }
    gate_.file_finished(info, complete);
}

void SourceReader::read_container(std::unique_ptr<ArchiveEntries> entries, const std::string& display, int depth,
                                  const std::optional<User>& owner) {
    FormatContext context;
    if (owner) context.archive_owner = &*owner;
    std::string name;
    long long size;
    while (entries->next(name, size)) {
        std::string entry_display = name.empty() ? display : display + "!" + name;
        // An entry's failure (a corrupt member) is reported; the next entries are still read.
        try {
            read_stream(entries->entry_reader(), entry_display, context, depth, nullptr);
        } catch (const InputError& e) {
            sink_.reject({entry_display}, e.what());
            if (name.empty()) throw;
        }
    }
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
            std::optional<User> owner;
            if (context.archive_owner) owner = *context.archive_owner;
            read_container(ArchiveEntries::open_stream(std::move(peekable)), display, depth + 1, owner);
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
    if (start.rfind("window.", 0) == 0) {
        return read_archive_script(read_all(in), display, context, disk_path);
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
        auto parsed = parser_.parse(content.data(), content.size(), true);
        if (parsed.error()) {
            if (first && opens_multiline_document(content)) {
                // A pretty-printed document: read it whole.
                std::string whole(line);
                whole += '\n';
                whole += lines.rest();
                read_json_document(whole, display, where.line, context);
                return;
            }
            std::string reason = fmt::format("invalid JSON: {}", simdjson::error_message(parsed.error()));
            if (!in.peek(1).empty() || lines.line_number() > 1) {
                // A last line cut off mid-object is the usual sign of an interrupted download.
                std::string_view tail = content.substr(content.size() > 0 ? content.size() - 1 : 0);
                if (tail != "}" && tail != "]") reason += " (the line is cut off)";
            }
            sink_.reject(where, reason);
            first = false;
            continue;
        }
        first = false;
        read_json_value(parsed.value_unsafe(), where, context, sink_);
    }
}

void SourceReader::read_json_document(const std::string& content, const std::string& display, std::size_t first_line,
                                      const FormatContext& context) {
    auto parsed = parser_.parse(content);
    if (!parsed.error()) {
        read_json_value(parsed.value_unsafe(), {display, first_line}, context, sink_);
        return;
    }
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
    sink_.reject({display, first_line}, fmt::format("invalid JSON document: {}", simdjson::error_message(parsed.error())));
}

bool SourceReader::read_archive_script(const std::string& content, const std::string& display,
                                       const FormatContext& context, const fs::path* disk_path) {
    auto script = parse_archive_script(content);
    if (!script) return false;
    if (script->kind != ArchiveScript::Kind::Tweets) {
        ++stats_.files_ignored;  // account.js, manifest.js, direct messages, ...: no tweets in them
        return true;
    }
    FormatContext with_owner = context;
    std::optional<User> owner;
    if (!with_owner.archive_owner && disk_path) {
        owner = owner_near(*disk_path);
        if (owner) with_owner.archive_owner = &*owner;
    }
    if (!with_owner.archive_owner)
        sink_.notice({display}, "archive owner unknown (no account.js or manifest.js beside it): tweets have no author");
    // Line of the '=' so messages point into the file.
    std::size_t first_line = 1 + static_cast<std::size_t>(std::count(
                                     content.begin(), content.begin() + (script->json.data() - content.data()), '\n'));
    auto parsed = parser_.parse(script->json.data(), script->json.size(), true);
    if (parsed.error()) {
        sink_.reject({display, first_line}, fmt::format("invalid JSON after {} =: {}", script->global_name,
                                                        simdjson::error_message(parsed.error())));
        return true;
    }
    read_json_value(parsed.value_unsafe(), {display, first_line}, with_owner, sink_);
    return true;
}

std::optional<User> SourceReader::owner_from_script(const std::string& content) {
    auto script = parse_archive_script(content);
    if (!script) return std::nullopt;
    if (script->kind != ArchiveScript::Kind::Account && script->kind != ArchiveScript::Kind::Manifest)
        return std::nullopt;
    simdjson::dom::parser parser;
    auto parsed = parser.parse(script->json.data(), script->json.size(), true);
    if (parsed.error()) return std::nullopt;
    return read_archive_owner(parsed.value_unsafe());
}

// The owner of an unpacked archive: account.js or manifest.js beside the tweets file or one
// folder up (data/ and the archive's root).
std::optional<User> SourceReader::owner_near(const fs::path& file) {
    fs::path dir = fs::absolute(file).parent_path();
    for (int up = 0; up < 2 && !dir.empty(); ++up, dir = dir.parent_path()) {
        auto cached = owner_by_dir_.find(dir.string());
        if (cached != owner_by_dir_.end()) {
            if (cached->second) return cached->second;
            continue;
        }
        std::optional<User> found;
        for (const char* name : {"account.js", "data/account.js", "manifest.js", "data/manifest.js"}) {
            fs::path candidate = dir / name;
            std::error_code ec;
            if (!fs::is_regular_file(candidate, ec)) continue;
            try {
                auto reader = open_file_reader(candidate.string());
                found = owner_from_script(read_all(*reader, 64u << 20));
            } catch (const InputError&) {
            }
            if (found) break;
        }
        owner_by_dir_[dir.string()] = found;
        if (found) return found;
    }
    return std::nullopt;
}

}  // namespace ti

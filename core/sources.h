// Inputs as the user names them (files, folders, "-") turned into records for a RecordSink:
// walks folders, opens containers and compressed streams, recognises each stream's format
// by its content, and splits JSON lines from whole JSON documents.
#pragma once

#include "formats.h"
#include "input.h"

#include <simdjson.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ti {

// A file as the index remembers it, so an unchanged one is skipped next time.
struct FileInfo {
    std::string display;    // path as given, for messages
    std::string key;        // absolute path; empty for stdin (never skipped)
    std::string signature;  // "size:mtime_ns"
};

class FileGate {
  public:
    virtual ~FileGate() = default;
    virtual bool already_indexed(const FileInfo& file) = 0;
    virtual void file_started(const FileInfo& file) = 0;
    // `complete`: every byte was read (records may still have been rejected).
    virtual void file_finished(const FileInfo& file, bool complete) = 0;
};

// What an archive tells about itself beside its tweets: the owner (account.js, manifest.js or
// Grailbird's user_details.js), the owner's earlier screen names (screen-name-change.js), the
// tweet counts manifest.js promises per file, and whether it holds Grailbird's JSON tweets
// (data/js/tweets/*.js), which make its tweets.csv redundant.
struct ArchiveFacts {
    std::optional<User> owner;
    std::vector<std::string> former_names;
    std::map<std::string, std::int64_t> manifest_counts;  // "data/tweets.js" -> 13
    bool grailbird_json = false;
    // Its long posts (note-tweet.js, deleted-note-tweet.js), shared by the copies of these facts
    // that one archive's entries are read with.
    std::shared_ptr<ArchiveNotes> notes;
    // Folds in what one archive file (its path and content) says.
    void learn(const std::string& name, const std::string& content);
    static bool wants(const std::string& name);  // a file whose content `learn` reads
    FormatContext context() const;
};

// Every file given or found in a folder (stdin too) is counted once, in one of the four: the
// summary's counts add up to the files seen. Entries inside an archive are not files here.
struct SourceStats {
    std::size_t files_read = 0;
    std::size_t files_unchanged = 0;  // skipped: indexed before and unchanged
    std::size_t files_ignored = 0;    // not tweet files (media, other archive data)
    std::size_t files_failed = 0;     // could not be read to the end
    std::size_t folders_unreadable = 0;  // folders that could not be listed (their files unseen)
    std::size_t files_seen() const { return files_read + files_unchanged + files_ignored + files_failed; }
};

// A folder as tweet-index walks it: its regular files (symlinks to files followed, symlinked
// folders not: a link loop must not hang the walk), in path order; the folders below it that
// could not be listed, with why; and the Xapian index folders met, which are never read as
// input (the default ./tweets.xapian under `tweet-index .`).
struct FolderContents {
    std::vector<std::filesystem::path> files;
    std::vector<std::pair<std::filesystem::path, std::string>> unreadable;
    std::vector<std::filesystem::path> indexes;
    // Symlinks that lead nowhere (a loop, a missing target), with missing_input_reason's words.
    std::vector<std::pair<std::filesystem::path, std::string>> broken_links;
};
FolderContents list_folder(const std::filesystem::path& folder);

// What is wrong with an input that cannot be opened as a file or folder: "no such file or
// folder", or a symlink loop, or a symlink whose target is missing.
std::string missing_input_reason(const std::string& path);

class SourceReader {
  public:
    SourceReader(RecordSink& sink, FileGate& gate) : sink_(sink), gate_(gate) {}
    // Throws InputError when the input does not exist.
    void read_input(const std::string& path);
    const SourceStats& stats() const { return stats_; }

  private:
    void read_file(const std::filesystem::path& path, const std::string& display, bool named_by_user);
    // Returns false when the stream held nothing this tool reads.
    bool read_stream(std::unique_ptr<ByteReader> in, const std::string& display, const FormatContext& context,
                     int depth, const std::filesystem::path* disk_path);
    bool read_text(PeekableReader& in, const std::string& display, const FormatContext& context,
                   const std::filesystem::path* disk_path);
    void read_json_lines(PeekableReader& in, const std::string& display, const FormatContext& context);
    void read_json_document(const std::string& content, const std::string& display, std::size_t first_line,
                            const FormatContext& context);
    bool read_archive_script(const std::string& content, const std::string& display, const FormatContext& context,
                             const std::filesystem::path* disk_path);
    void read_tweets_csv(PeekableReader& in, const std::string& display, const FormatContext& context,
                         const std::filesystem::path* disk_path);
    void read_container(std::unique_ptr<ArchiveEntries> entries, const std::string& display, int depth,
                        ArchiveFacts facts);
    // The facts of the archive a file on disk belongs to (its folder or up to 3 folders up).
    const ArchiveFacts* facts_near(const std::filesystem::path& file);
    // The facts of the archive being read: the one on disk, else the container being read.
    const ArchiveFacts* facts_for(const std::filesystem::path* disk_path);
    // Tells each note of `notes` that joined no tweet (once), when the archive's tweets were read.
    void report_unjoined_notes(ArchiveNotes* notes, const std::string& prefix);
    void note_owner_suspension(const ArchiveScript& script, const std::string& display, const FormatContext& context,
                               const std::filesystem::path* disk_path);

    RecordSink& sink_;
    FileGate& gate_;
    SourceStats stats_;
    simdjson::dom::parser parser_;
    std::map<std::string, ArchiveFacts> facts_by_dir_;
    const ArchiveFacts* container_facts_ = nullptr;  // while reading a container's entries
    bool file_without_tweets_ = false;  // the file on disk being read holds none (account.js, ...)
};

}  // namespace ti

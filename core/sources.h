// Inputs as the user names them (files, folders, "-") turned into records for a RecordSink:
// walks folders, opens containers and compressed streams, recognises each stream's format
// by its content, and splits JSON lines from whole JSON documents.
#pragma once

#include "formats.h"
#include "input.h"

#include <simdjson.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

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

struct SourceStats {
    std::size_t files_read = 0;
    std::size_t files_unchanged = 0;  // skipped: indexed before and unchanged
    std::size_t files_ignored = 0;    // not tweet files (media, other archive data)
    std::size_t files_failed = 0;     // could not be read to the end
};

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
    void read_container(std::unique_ptr<ArchiveEntries> entries, const std::string& display, int depth,
                        const std::optional<User>& owner);
    std::optional<User> owner_near(const std::filesystem::path& file);
    std::optional<User> owner_from_script(const std::string& content);

    RecordSink& sink_;
    FileGate& gate_;
    SourceStats stats_;
    simdjson::dom::parser parser_;
    std::map<std::string, std::optional<User>> owner_by_dir_;
};

}  // namespace ti

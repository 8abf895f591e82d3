// What connects the readers to the index: the records a SourceReader yields go to an
// IndexTarget (one IndexWriter on this thread, or the writer threads of parallel_writers.h);
// the sink reports rejected records and keeps the tallies for the summary.
#pragma once

#include "index_writer.h"
#include "progress.h"
#include "sources.h"

#include <cstddef>
#include <string>

namespace ti {

// Where the records of the input are written.
class IndexTarget {
  public:
    virtual ~IndexTarget() = default;
    virtual bool already_indexed(const FileInfo& file) = 0;
    virtual void begin_file(const FileInfo& file) = 0;
    virtual void end_file(const FileInfo& file, bool complete, bool discard) = 0;
    virtual void add(Tweet&& tweet) = 0;
    virtual void apply(const ControlRecord& record) = 0;
    virtual void account(const User& user, std::int64_t when) = 0;
    virtual void account_status(const std::string& user_id, const std::string& screen_name,
                                std::string_view status) = 0;
    // Tweets indexed so far, for the progress display.
    virtual std::size_t tweets_added() const = 0;
};

// One IndexWriter written on the reading thread.
class SingleWriterTarget final : public IndexTarget {
  public:
    explicit SingleWriterTarget(IndexWriter& writer) : writer_(writer) {}
    bool already_indexed(const FileInfo& file) override { return writer_.already_indexed(file); }
    void begin_file(const FileInfo& file) override { writer_.begin_file(file); }
    void end_file(const FileInfo& file, bool complete, bool discard) override {
        writer_.end_file(file, complete, discard);
    }
    void add(Tweet&& tweet) override { writer_.add(std::move(tweet)); }
    void apply(const ControlRecord& record) override { writer_.apply(record); }
    void account(const User& user, std::int64_t when) override { writer_.account(user, when); }
    void account_status(const std::string& user_id, const std::string& screen_name,
                        std::string_view status) override {
        writer_.account_status(user_id, screen_name, status);
    }
    std::size_t tweets_added() const override { return writer_.counts().added; }

  private:
    IndexWriter& writer_;
};

class IndexingSink : public RecordSink, public FileGate {
  public:
    IndexingSink(IndexTarget& target, bool strict, Progress& progress)
        : target_(target), strict_(strict), progress_(progress) {}

    void tweet(Tweet&& tweet, const Location&) override;
    void control(const ControlRecord& record, const Location&) override;
    void reject(const Location& where, std::string_view reason) override;
    void notice(const Location& where, std::string_view message) override;
    void account(const User& user, std::int64_t when, const Location&) override;
    void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status,
                        const Location&) override;

    bool already_indexed(const FileInfo& file) override;
    void file_started(const FileInfo& file) override;
    void file_finished(const FileInfo& file, bool complete) override;

    std::size_t rejected() const { return rejected_; }
    bool strict_stop() const { return strict_stop_; }

  private:
    IndexTarget& target_;
    bool strict_;
    Progress& progress_;
    bool file_failed_ = false;
    bool strict_stop_ = false;
    std::size_t rejected_ = 0;
};

}  // namespace ti

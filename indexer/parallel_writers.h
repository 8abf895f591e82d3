// A new index written by N writer threads fed by the one reading thread: each tweet, and each
// delete or status_withheld notice, goes to the writer of its id's shard (shard.h), so a tweet,
// its duplicates and its notices meet in one database (the versions of an edited tweet go to the
// shard of its chain's first id, once a version listing the chain was read); everything else (files read, user
// lookups, account statuses, other notices) goes to writer 1, which also keeps the one account
// registry: the other writers hand it their sightings at each commit. Each writer owns one
// IndexWriter on its own databases in the work folder (a fresh one, a segment, every
// kSegmentDocs documents); no Xapian object is shared between threads. At the end Xapian's
// compactor merges every writer's segments.
#pragma once

#include "sink.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

namespace ti {

// The reading thread stops on this when a writer has failed; the writer's error is what
// ParallelWriters::finish throws.
struct WritersStopped {};

class ParallelWriters final : public IndexTarget {
  public:
    // Records per batch handed to a writer, and batches a writer's queue holds: the reading
    // thread waits when a writer is that far behind, so memory stays bounded.
    static constexpr std::size_t kBatchRecords = 256;
    static constexpr std::size_t kQueueBatches = 4;
    // Documents a writer puts in one database before it starts the next (IndexWriter::Options::
    // segment_docs): the cost of a tweet stays that of a small index however large the input.
    static constexpr std::size_t kSegmentDocs = 250000;

    // Creates the shard databases work/shard1..N (the folder must exist) and starts the
    // writers. Throws IndexError or Xapian::Error, having stopped the writers it started.
    ParallelWriters(const std::string& work, unsigned writers, std::size_t batch_size);
    ~ParallelWriters();  // stops and joins the writers when finish() was not called
    ParallelWriters(const ParallelWriters&) = delete;
    ParallelWriters& operator=(const ParallelWriters&) = delete;

    bool already_indexed(const FileInfo& file) override;
    void begin_file(const FileInfo& file) override;
    void end_file(const FileInfo& file, bool complete, bool discard) override;
    void add(Tweet&& tweet) override;
    void apply(const ControlRecord& record) override;
    void account(const User& user, std::int64_t when) override;
    void account_status(const std::string& user_id, const std::string& screen_name,
                        std::string_view status) override;
    std::size_t tweets_added() const override;

    // The input is over: every writer commits, the registry's last; joins them and returns their
    // counts summed. Throws the first writer's error (after joining them all).
    IndexCounts finish();
    // Merges the writers' segments (finish() first) into `folder`, which must not exist.
    void merge_into(const std::string& folder) const;

  private:
    struct FileEnd {
        FileInfo file;
        bool complete;
    };
    struct AccountSeen {
        User user;
        std::int64_t when;
    };
    struct AccountStatus {
        std::string user_id, screen_name, status;
    };
    using Op = std::variant<Tweet, ControlRecord, FileInfo, FileEnd, AccountSeen, AccountStatus>;
    using Batch = std::vector<Op>;

    class Queue {
      public:
        bool push(Batch&& batch);        // false when closed
        std::optional<Batch> pop();      // nullopt when closed and drained
        void close();                    // what is queued is still written
        void abort();                    // what is queued is dropped
      private:
        std::mutex mutex_;
        std::condition_variable not_full_, not_empty_;
        std::deque<Batch> batches_;
        bool closed_ = false;
    };

    struct Writer {
        std::unique_ptr<IndexWriter> index;
        Queue queue;
        Batch pending;  // being filled by the reading thread
        std::atomic<std::size_t> added{0};
        std::thread thread;
    };

    void send(std::size_t writer, Op&& op);
    void flush(std::size_t writer);
    void run(std::size_t writer);
    void fail(std::exception_ptr error);
    void stop_and_join();
    std::size_t writer_of(const std::string& id) const;
    // The writer of a tweet or notice: its id's shard, or for any version of an edited tweet
    // whose chain was met, the shard of the chain's first id, where the other versions are.
    std::size_t route(const std::string& id) const;

    std::vector<std::unique_ptr<Writer>> writers_;
    std::unordered_map<std::string, std::size_t> chain_writer_;  // versions not in their id's shard
    SightingsInbox registry_inbox_;
    std::map<std::string, std::string> files_recorded_;  // key -> signature this run: a file named twice is read once
    std::mutex error_mutex_;
    std::exception_ptr error_;
    std::atomic<bool> failed_{false};
    bool finished_ = false;
};

// Builds a new index at `db_path` with `writers` writer threads: `read` (run on this thread) feeds
// the target it is given. The shards are written in a work folder beside the index
// (db_path.jobs-PID), merged by the compactor into a folder inside it, and that folder is renamed
// to `db_path`: a kill at any moment leaves `db_path` absent or whole. Only what the run made is
// removed, and what killed runs left in work folders of theirs (index.h's rules for each folder).
// Throws IndexError when a folder cannot be made, used or moved, or a writer's Xapian::Error.
IndexCounts build_new_index(const std::string& db_path, unsigned writers, std::size_t batch_size,
                            const std::function<void(IndexTarget&)>& read);

}  // namespace ti

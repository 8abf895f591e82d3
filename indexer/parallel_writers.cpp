#include "parallel_writers.h"

#include "index.h"
#include "segmented_index.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace ti {

bool ParallelWriters::Queue::push(Batch&& batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || batches_.size() < kQueueBatches; });
    if (closed_) return false;
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
}

std::optional<ParallelWriters::Batch> ParallelWriters::Queue::pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !batches_.empty(); });
    if (batches_.empty()) return std::nullopt;
    Batch batch = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return batch;
}

void ParallelWriters::Queue::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
}

void ParallelWriters::Queue::abort() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    batches_.clear();
    not_full_.notify_all();
    not_empty_.notify_all();
}

namespace {

// Tests only: TWEET_INDEX_TEST_SEGMENT_DOCS sets the documents per segment, so that a small input
// makes several.
std::size_t segment_docs() {
    if (const char* docs = std::getenv("TWEET_INDEX_TEST_SEGMENT_DOCS")) return std::strtoul(docs, nullptr, 10);
    return ParallelWriters::kSegmentDocs;
}

}  // namespace

ParallelWriters::ParallelWriters(const std::string& work, unsigned writers, std::size_t batch_size) {
    try {
        for (unsigned k = 1; k <= writers; ++k) {
            auto writer = std::make_unique<Writer>();
            std::string path = fmt::format("{}/shard{}", work, k);
            IndexWriter::Options options;
            options.batch_size = batch_size;
            options.scratch = true;  // the merge's output is synced before it becomes the index
            options.segment_docs = segment_docs();
            // The first writer keeps the registry; the others hand it their sightings.
            if (k == 1) options.accounts_from = &registry_inbox_;
            else options.accounts_to = &registry_inbox_;
            writer->index = std::make_unique<IndexWriter>(path, options);
            writer->pending.reserve(kBatchRecords);
            writers_.push_back(std::move(writer));
        }
        for (std::size_t k = 0; k < writers_.size(); ++k) writers_[k]->thread = std::thread([this, k] { run(k); });
    } catch (...) {
        stop_and_join();
        throw;
    }
}

ParallelWriters::~ParallelWriters() { stop_and_join(); }

void ParallelWriters::stop_and_join() {
    for (auto& w : writers_) w->queue.abort();
    for (auto& w : writers_) {
        if (w->thread.joinable()) w->thread.join();
    }
}

std::size_t ParallelWriters::writer_of(const std::string& id) const {
    return static_cast<std::size_t>(fnv1a64(id) % writers_.size());  // Shard::holds, 0-based
}

std::size_t ParallelWriters::route(const std::string& id) const {
    auto it = chain_writer_.find(id);
    return it == chain_writer_.end() ? writer_of(id) : it->second;
}

void ParallelWriters::send(std::size_t k, Op&& op) {
    if (failed_.load(std::memory_order_relaxed)) throw WritersStopped{};
    auto& w = *writers_[k];
    w.pending.push_back(std::move(op));
    if (w.pending.size() >= kBatchRecords) flush(k);
}

void ParallelWriters::flush(std::size_t k) {
    auto& w = *writers_[k];
    if (w.pending.empty()) return;
    Batch batch;
    batch.reserve(kBatchRecords);
    std::swap(batch, w.pending);
    if (!w.queue.push(std::move(batch))) throw WritersStopped{};
}

void ParallelWriters::run(std::size_t k) {
    auto& w = *writers_[k];
    IndexWriter& index = *w.index;
    struct Apply {
        IndexWriter& index;
        void operator()(Tweet& t) { index.add(std::move(t)); }
        void operator()(ControlRecord& c) { index.apply(c); }
        void operator()(FileInfo& f) { index.begin_file(f); }
        void operator()(FileEnd& e) { index.end_file(e.file, e.complete, false); }
        void operator()(AccountSeen& a) { index.account(a.user, a.when); }
        void operator()(AccountStatus& s) { index.account_status(s.user_id, s.screen_name, s.status); }
    };
    try {
        while (auto batch = w.queue.pop()) {
            if (failed_.load(std::memory_order_relaxed)) return;
            for (auto& op : *batch) std::visit(Apply{index}, op);
            w.added.store(index.counts().added, std::memory_order_relaxed);
        }
        if (!failed_.load()) index.commit();
    } catch (...) {
        fail(std::current_exception());
    }
}

void ParallelWriters::fail(std::exception_ptr error) {
    {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = error;
    }
    failed_ = true;
    for (auto& w : writers_) w->queue.abort();
}

bool ParallelWriters::already_indexed(const FileInfo& file) {
    if (file.key.empty()) return false;
    auto it = files_recorded_.find(file.key);
    return it != files_recorded_.end() && it->second == file.signature;
}

void ParallelWriters::begin_file(const FileInfo& file) { send(0, file); }

void ParallelWriters::end_file(const FileInfo& file, bool complete, bool) {
    if (complete && !file.key.empty()) files_recorded_[file.key] = file.signature;
    send(0, FileEnd{file, complete});
}

void ParallelWriters::add(Tweet&& tweet) {
    std::size_t k = route(tweet.edit_ids.empty() ? tweet.id : tweet.edit_ids.front());
    for (const auto& version : tweet.edit_ids) {
        if (writer_of(version) != k) chain_writer_.emplace(version, k);
    }
    send(k, std::move(tweet));
}

void ParallelWriters::apply(const ControlRecord& record) {
    bool by_id = record.kind == ControlRecord::Kind::Delete || record.kind == ControlRecord::Kind::StatusWithheld;
    send(by_id ? route(record.status_id) : 0, ControlRecord(record));
}

void ParallelWriters::account(const User& user, std::int64_t when) { send(0, AccountSeen{user, when}); }

void ParallelWriters::account_status(const std::string& user_id, const std::string& screen_name,
                                     std::string_view status) {
    send(0, AccountStatus{user_id, screen_name, std::string(status)});
}

std::size_t ParallelWriters::tweets_added() const {
    std::size_t added = 0;
    for (const auto& w : writers_) added += w->added.load(std::memory_order_relaxed);
    return added;
}

IndexCounts ParallelWriters::finish() {
    finished_ = true;
    try {
        for (std::size_t k = 0; k < writers_.size(); ++k) flush(k);
    } catch (const WritersStopped&) {
    }
    for (auto& w : writers_) w->queue.close();
    for (auto& w : writers_) w->thread.join();
    if (!error_) {
        try {
            // The other writers' last sightings, handed over after the registry's writer ended.
            writers_[0]->index->commit();
        } catch (...) {
            error_ = std::current_exception();
        }
    }
    if (error_) std::rethrow_exception(error_);
    IndexCounts total;
    for (const auto& w : writers_) total += w->index->counts();
    return total;
}


void ParallelWriters::merge_into(const std::string& folder) const {
    for (const auto& w : writers_) w->index->close();
    Xapian::Database shards;
    for (const auto& w : writers_) {
        for (const auto& path : w->index->segment_paths()) shards.add_database(Xapian::Database(path));
    }
    // Metadata keys in several segments (the schema, the identity) are the same or any one will
    // do; the compactor keeps the first's. The account registry and the files read are only in
    // the first writer's first segment.
    SegmentCompactor compactor;
    shards.compact(folder, 0, IndexWriter::kCompactedBlockSize, compactor);
}

namespace {

constexpr std::string_view kWorkSuffix = ".jobs-";
constexpr std::string_view kMergedName = "merged";

// "shardK" or "shardK.S": a writer's first segment, or a later one (IndexWriter::segment_paths).
bool is_segment_name(const std::string& name) {
    if (name.rfind("shard", 0) != 0) return false;
    std::size_t dot = name.find('.');
    auto all_digits = [&](std::size_t from, std::size_t to) {
        return to > from && name.find_first_not_of("0123456789", from) >= to;
    };
    if (dot == std::string::npos) return all_digits(5, name.size());
    return all_digits(5, dot) && all_digits(dot + 1, name.size());
}

// What is in a work folder that a run makes: segment databases and the merge's folder. Removes
// those that are ours, then the folder if that emptied it.
void remove_work_folder(const std::filesystem::path& work) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> made;
    for (const auto& entry : fs::directory_iterator(work, ec)) {
        std::string name = entry.path().filename().string();
        if (name == kMergedName || is_segment_name(name)) made.push_back(entry.path());
    }
    for (const auto& folder : made) remove_folder_if_ours(folder.string());
    fs::remove(work, ec);  // only when empty: a user's file in it keeps it
}

// Work folders of this index left by runs that were killed (their process is gone).
void remove_stale_work_folders(const std::filesystem::path& index) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path parent = index.has_parent_path() ? index.parent_path() : fs::path(".");
    std::string prefix = index.filename().string() + std::string(kWorkSuffix);
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        std::string pid_text = name.substr(prefix.size());
        if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos)
            continue;
        pid_t pid = static_cast<pid_t>(std::stol(pid_text));
        if (pid > 0 && kill(pid, 0) != 0 && errno == ESRCH && entry.is_directory(ec)) stale.push_back(entry.path());
    }
    for (const auto& work : stale) remove_work_folder(work);
}

// The compactor syncs the merged index; this makes its rename into place durable too.
void sync_folder_of(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;  // the index is in place; only its durability at a power cut is at stake
    ::fsync(fd);
    ::close(fd);
}

// Each open segment holds about four files open: 100M tweets make a thousand segments, past the
// 1,024 a shell gives by default; the hard limit is usually far above.
void raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);  // if refused, a writer that runs out says so
}

}  // namespace

IndexCounts build_new_index(const std::string& db_path, unsigned writers, std::size_t batch_size,
                            const std::function<void(IndexTarget&)>& read) {
    namespace fs = std::filesystem;
    remove_stale_work_folders(db_path);
    raise_open_file_limit();
    std::string work = db_path + std::string(kWorkSuffix) + std::to_string(getpid());
    std::error_code ec;
    // A folder of that name made by anyone else is not ours to fill or remove.
    if (!fs::create_directory(work, ec))
        throw IndexError(fmt::format("{}: cannot make a folder for the shards: {}", work,
                                     ec ? ec.message() : "it exists already"));
    try {
        IndexCounts counts;
        {
            ParallelWriters parallel(work, writers, batch_size);
            try {
                read(parallel);
            } catch (const WritersStopped&) {
                // finish() throws the writer's error.
            }
            counts = parallel.finish();
            std::string merged = fmt::format("{}/{}", work, kMergedName);
            try {
                parallel.merge_into(merged);
            } catch (const Xapian::Error& e) {
                throw IndexError(fmt::format("{}: cannot merge the shards: {}", db_path, e.get_msg()));
            }
            // One rename: until it, the index path is absent; after it, whole.
            if (std::rename(merged.c_str(), db_path.c_str()) != 0)
                throw IndexError(fmt::format("{}: cannot move the merged index into place: {}", db_path,
                                             std::strerror(errno)));
            sync_folder_of(db_path);
        }
        remove_work_folder(work);
        return counts;
    } catch (...) {
        remove_work_folder(work);
        throw;
    }
}

}  // namespace ti

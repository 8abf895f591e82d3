#include "segmented_index.h"

#include "fields.h"
#include "index.h"

#include <fmt/format.h>

#include <fcntl.h>   // AT_FDCWD, open
#include <stdio.h>   // renameat2, RENAME_EXCHANGE (Linux)
#include <unistd.h>  // fsync, link

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace ti {

namespace fs = std::filesystem;

namespace {

void sync_path(const fs::path& path, int flags) {
    int fd = ::open(path.empty() ? "." : path.c_str(), flags);
    if (fd < 0) return;  // durability at a power cut is at stake, not the index's wholeness
    ::fsync(fd);
    ::close(fd);
}

std::optional<unsigned long> segment_number(std::string_view name) {
    if (!is_segment_folder_name(name)) return std::nullopt;
    return std::stoul(std::string(name.substr(3)));
}

}  // namespace

bool is_segmented_index(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / kStubFileName, ec);
}

bool is_segment_folder_name(std::string_view name) {
    return name.size() > 3 && name.size() <= 12 && name.substr(0, 3) == "seg" &&
           name.find_first_not_of("0123456789", 3) == std::string_view::npos;
}

std::vector<std::string> listed_segments(const std::string& index) {
    fs::path stub = fs::path(index) / kStubFileName;
    std::ifstream in(stub);
    if (!in) throw IndexError(fmt::format("{}: cannot read the list of segments", stub.string()));
    std::vector<std::string> segments;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.empty()) continue;
        if (line.rfind("auto ", 0) != 0 || !is_segment_folder_name(std::string_view(line).substr(5)))
            throw IndexError(fmt::format("{}:{}: not a segment of tweet-index (\"auto segN\" expected); the index "
                                         "is only searched as it is",
                                         stub.string(), number));
        segments.push_back(line.substr(5));
    }
    if (segments.empty()) throw IndexError(fmt::format("{}: lists no segment", stub.string()));
    return segments;
}

void list_segments(const std::string& index, const std::vector<std::string>& segments) {
    fs::path stub = fs::path(index) / kStubFileName;
    fs::path fresh = stub;
    fresh += ".new";
    {
        std::ofstream out(fresh, std::ios::trunc);
        for (const auto& name : segments) out << "auto " << name << '\n';
        out.flush();
        if (!out) throw IndexError(fmt::format("{}: cannot write the list of segments", fresh.string()));
    }
    sync_path(fresh, O_RDONLY);
    if (std::rename(fresh.c_str(), stub.c_str()) != 0)
        throw IndexError(fmt::format("{}: cannot replace the list of segments: {}", stub.string(), std::strerror(errno)));
    sync_path(index, O_RDONLY | O_DIRECTORY);
}

std::string next_segment_name(const std::string& index) {
    unsigned long highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(index, ec), end; !ec && it != end; it.increment(ec)) {
        if (auto n = segment_number(it->path().filename().string())) highest = std::max(highest, *n);
    }
    return fmt::format("seg{}", highest + 1);
}

void remove_unlisted_segments(const std::string& index) {
    std::vector<std::string> listed = listed_segments(index);
    std::vector<fs::path> unlisted;
    std::error_code ec;
    for (fs::directory_iterator it(index, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (is_segment_folder_name(name) && std::find(listed.begin(), listed.end(), name) == listed.end())
            unlisted.push_back(it->path());
    }
    for (const auto& folder : unlisted) remove_folder_if_ours(folder.string());
}

std::string segmenting_path(const std::string& index) {
    fs::path p(index);
    if (p.filename().empty()) p = p.parent_path();  // "tweets.xapian/"
    return p.string() + ".segmenting";
}

bool convert_to_segments(const std::string& index) {
    // A symlink to the index: convert the folder it names, not the link.
    std::error_code ec;
    fs::path path = fs::canonical(index, ec);
    if (ec) return false;
    // Our lock on the database keeps every other writer out until the exchange is done: the
    // lock file is linked too, so it is the same lock at the new path. Opened as it is and
    // changed in nothing, so that nothing is committed at the old path.
    Xapian::WritableDatabase lock;
    try {
        lock = Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN);
    } catch (const Xapian::Error& e) {
        rethrow_as_index_error(e, index);
    }
    // Another run may have converted it while we waited for the lock.
    if (is_segmented_index(path.string())) return true;
    if (!fs::exists(path / "iamglass", ec)) return false;  // not glass: added to in place
    fs::path work = segmenting_path(path.string());
    // A run killed converting left it (its links or, after the exchange, the old folder's names).
    if (!remove_folder_if_ours(work.string()))
        throw IndexError(fmt::format("{}: holds files that are not tweet-index's; move it away and run again",
                                     work.string()));
    fs::path first = work / "seg1";
    if (!fs::create_directories(first, ec)) return false;  // a folder we cannot write beside: in place
    // The new folder as the user had the old one (a private index stays private).
    fs::permissions(work, fs::status(path, ec).permissions(), ec);
    for (const auto& entry : fs::directory_iterator(path)) {
        if (!entry.is_regular_file()) continue;
        fs::path to = first / entry.path().filename();
        if (::link(entry.path().c_str(), to.c_str()) != 0) {
            remove_folder_if_ours(work.string());
            return false;  // no hard links here: the caller adds in place
        }
    }
    list_segments(work.string(), {"seg1"});
    sync_path(first, O_RDONLY | O_DIRECTORY);
    if (renameat2(AT_FDCWD, work.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
        remove_folder_if_ours(work.string());
        return false;
    }
    sync_path(path.parent_path(), O_RDONLY | O_DIRECTORY);
    lock.close();
    remove_folder_if_ours(work.string());  // the old folder's names; its files live on in seg1
    return true;
}

SegmentCompactor::SegmentCompactor() {
    if (const char* ms = std::getenv("TWEET_INDEX_TEST_MERGE_PAUSE_MS")) pause_ms_ = std::atoi(ms);
}

void SegmentCompactor::set_status(const std::string&, const std::string&) {
    if (pause_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms_));
}

std::string SegmentCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                         const std::string tags[]) {
    // The tags do not come in the databases' order (glass merges the tables' cursors in a heap),
    // so a file's mark is chosen by itself: the latest modification time ("size:mtime_ns").
    if (key.rfind(meta::file, 0) == 0) {
        auto mtime = [](const std::string& signature) {
            auto colon = signature.rfind(':');
            return colon == std::string::npos ? 0LL : std::strtoll(signature.c_str() + colon + 1, nullptr, 10);
        };
        const std::string* newest = &tags[0];
        for (size_t k = 1; k < num_tags; ++k) {
            if (mtime(tags[k]) > mtime(*newest)) newest = &tags[k];
        }
        return *newest;
    }
    return tags[0];  // the schema (the same in each); the identity is set by the caller
}

std::optional<SegmentRun> merge_policy(const std::vector<Xapian::doccount>& docs) {
    std::vector<double> level;
    for (Xapian::doccount d : docs) level.push_back(std::log(std::max<double>(d, 1)) / std::log(double(kMergeFactor)));
    // From the oldest: the segments down to kLevelSpan below the largest of those left are one
    // tier (so that sizes either side of a power of kMergeFactor are not told apart), and
    // kMergeFactor neighbours in a tier merge.
    constexpr double kLevelSpan = 0.75;
    for (std::size_t i = 0; i < docs.size();) {
        double top = *std::max_element(level.begin() + static_cast<std::ptrdiff_t>(i), level.end());
        std::size_t end = i;
        for (std::size_t k = i; k < docs.size(); ++k) {
            if (level[k] >= top - kLevelSpan) end = k + 1;
        }
        if (end - i >= kMergeFactor) return SegmentRun{i, i + kMergeFactor};
        i = end;
    }
    if (docs.size() > kMaxSegments) return SegmentRun{kMaxSegments - 1, docs.size()};
    return std::nullopt;
}

Xapian::docid highest_arrival_number(const Xapian::Database& db) {
    std::string uuid = db.get_uuid();  // Xapian joins the databases' uuids with ':'
    auto databases = static_cast<Xapian::docid>(std::count(uuid.begin(), uuid.end(), ':') + 1);
    Xapian::docid last = db.get_lastdocid();
    return last ? (last - 1) / databases + 1 : 0;
}

}  // namespace ti

#include "progress.h"

#include "input.h"
#include "sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace ti {

InputTotals input_totals(const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    InputTotals totals;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (input == "-") {
            totals.bytes.reset();
            ++totals.files;
        } else if (fs::is_directory(input, ec)) {
            for (const auto& file : list_folder(input).files) {
                ++totals.files;
                if (auto size = fs::file_size(file, ec); !ec && totals.bytes) *totals.bytes += size;
            }
        } else {
            ++totals.files;
            if (auto size = fs::file_size(input, ec); !ec && totals.bytes) *totals.bytes += size;
        }
    }
    return totals;
}

void Progress::file_started() { file_start_bytes_ = file_bytes_read(); }

void Progress::file_done(const std::string& path) {
    ++files_done_;
    std::error_code ec;
    auto size = path.empty() ? std::uintmax_t(0) : std::filesystem::file_size(path, ec);
    finished_bytes_ += ec ? 0 : size;
    if (path.empty()) finished_bytes_ += file_bytes_read() - file_start_bytes_;  // stdin
    file_start_bytes_ = file_bytes_read();
    update(tweets_);
}

void Progress::update(std::size_t tweets) {
    tweets_ = tweets;
    if (!enabled_) return;
    auto now = Clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
    last_draw_ = now;
    drawn_ = true;
    double seconds = std::chrono::duration<double>(now - started_).count();
    double rate = seconds > 0 ? static_cast<double>(tweets) / seconds : 0.0;
    std::uint64_t done = finished_bytes_ + (file_bytes_read() - file_start_bytes_);
    std::string line;
    if (totals_.bytes) {
        std::uint64_t total = std::max<std::uint64_t>(*totals_.bytes, 1);
        done = std::min(done, total);
        line = fmt::format("{:.1f} of {:.1f} MB ({:.0f}%), {} of {} files, {} tweets, {:.0f} tweets/s",
                           static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6,
                           100.0 * static_cast<double>(done) / static_cast<double>(total), files_done_,
                           totals_.files, tweets, rate);
        if (done > 0 && seconds >= 1) {
            double left = seconds * static_cast<double>(total - done) / static_cast<double>(done);
            line += fmt::format(", {} left", duration(left));
        }
    } else {
        line = fmt::format("{:.1f} MB, {} of {} files, {} tweets, {:.0f} tweets/s", static_cast<double>(done) / 1e6,
                           files_done_, totals_.files, tweets, rate);
    }
    // \r back to the start of the line, ESC[K clears what a longer line left behind.
    fmt::print(stderr, "\r{}\x1b[K", line);
    std::fflush(stderr);
}

void Progress::clear() {
    if (!enabled_ || !drawn_) return;
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
}

std::string Progress::duration(double seconds) {
    auto s = static_cast<long long>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
    if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

}  // namespace ti

// tweet-index's progress display: one line on stderr redrawn in place.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ti {

// What is left to read, as bytes and files, for the progress display: the inputs' sizes as
// they are before reading (folders walked as SourceReader walks them); stdin makes it unknown.
struct InputTotals {
    std::optional<std::uint64_t> bytes = 0;
    std::size_t files = 0;
};

InputTotals input_totals(const std::vector<std::string>& inputs);

// One line on stderr redrawn in place (at most 4 times a second): bytes and files done of the
// total, tweets per second, time left. Only on a terminal and without --quiet. Used by the
// reading thread only (the tweet count it is given is read across the writer threads).
class Progress {
  public:
    Progress(bool enabled, InputTotals totals) : enabled_(enabled), totals_(totals) {}
    ~Progress() { clear(); }  // also when an error ends the run: its message gets a clean line
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void file_started();
    // A file read (or skipped as unchanged) to its end: all its bytes count as done.
    void file_done(const std::string& path);
    void update(std::size_t tweets);
    // Before any other message, and at the end: the line goes away.
    void clear();
    bool enabled() const { return enabled_; }

  private:
    using Clock = std::chrono::steady_clock;
    static std::string duration(double seconds);

    bool enabled_;
    InputTotals totals_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_draw_{};
    bool drawn_ = false;
    std::size_t files_done_ = 0;
    std::size_t tweets_ = 0;
    std::uint64_t finished_bytes_ = 0;
    std::uint64_t file_start_bytes_ = 0;
};

}  // namespace ti

#include "sink.h"

#include "text.h"

#include <fmt/format.h>

#include <cstdio>

namespace ti {

void IndexingSink::tweet(Tweet&& tweet, const Location&) {
    if (file_failed_) return;
    target_.add(std::move(tweet));
    if (progress_.enabled()) progress_.update(target_.tweets_added());
}

void IndexingSink::control(const ControlRecord& record, const Location&) {
    if (file_failed_) return;
    target_.apply(record);
}

void IndexingSink::reject(const Location& where, std::string_view reason) {
    ++rejected_;
    if (strict_) file_failed_ = true;
    progress_.clear();
    fmt::print(stderr, "{}\n", terminal_safe(fmt::format("{}: {}", where.describe(), reason)));
}

void IndexingSink::notice(const Location& where, std::string_view message) {
    progress_.clear();
    fmt::print(stderr, "{}\n", terminal_safe(fmt::format("{}: note: {}", where.describe(), message)));
}

void IndexingSink::account(const User& user, std::int64_t when, const Location&) {
    if (file_failed_) return;
    target_.account(user, when);
}

void IndexingSink::account_status(const std::string& user_id, const std::string& screen_name,
                                  std::string_view status, const Location&) {
    if (file_failed_) return;
    target_.account_status(user_id, screen_name, status);
}

bool IndexingSink::already_indexed(const FileInfo& file) {
    bool unchanged = target_.already_indexed(file);
    if (unchanged) progress_.file_done(file.key);
    return unchanged;
}

void IndexingSink::file_started(const FileInfo& file) {
    file_failed_ = false;
    progress_.file_started();
    target_.begin_file(file);
}

void IndexingSink::file_finished(const FileInfo& file, bool complete) {
    target_.end_file(file, complete && !file_failed_, file_failed_);
    progress_.file_done(file.key);
    if (file_failed_) {
        progress_.clear();
        fmt::print(stderr, "{}: --strict: nothing of this file was indexed\n", terminal_safe(file.display));
        strict_stop_ = true;
    }
}

}  // namespace ti

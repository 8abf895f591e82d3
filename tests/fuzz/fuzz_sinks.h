// What the reader fuzz targets hand SourceReader: a sink that touches every record's text and
// location (so reading them is not optimised away) and keeps nothing, and a gate that lets
// every file through.
#pragma once

#include "sources.h"

#include <cstddef>
#include <string_view>

struct DiscardSink : ti::RecordSink {
    std::size_t n = 0;
    void tweet(ti::Tweet&& t, const ti::Location& where) override { n += t.text.size() + where.describe().size(); }
    void control(const ti::ControlRecord&, const ti::Location& where) override { n += where.describe().size(); }
    void reject(const ti::Location& where, std::string_view reason) override {
        n += where.describe().size() + reason.size();
    }
    void notice(const ti::Location& where, std::string_view message) override {
        n += where.describe().size() + message.size();
    }
};

struct NoGate : ti::FileGate {
    bool already_indexed(const ti::FileInfo&) override { return false; }
    void file_started(const ti::FileInfo&) override {}
    void file_finished(const ti::FileInfo&, bool) override {}
};

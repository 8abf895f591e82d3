// The salvage paths, which only damaged input takes: a ZIP cut short on disk (read through its
// local entries when the central directory is gone), a JSON array or archive script cut short
// (its complete entries read one by one), and the repair of numbers out of range and lone
// surrogates. The first byte picks the case, the second where the input is cut.
//   0: a ZIP, cut, read from disk       1: a JSON array, cut, read entry by entry
//   2: an archive script, cut, read     3: a JSON record repaired (checked, see below)
#include "json_salvage.h"
#include "fuzz_sinks.h"
#include "sources.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

std::filesystem::path work_dir() {
    static std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("fuzz_salvage." + std::to_string(getpid()));
        std::filesystem::create_directories(d / "data");
        return d;
    }();
    return dir;
}

void read_from_disk(const std::string& name, std::string_view content) {
    auto path = work_dir() / name;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
    }
    DiscardSink sink;
    NoGate gate;
    ti::SourceReader reader(sink, gate);
    try {
        reader.read_input(path.string());
    } catch (const ti::InputError&) {
    }
    std::filesystem::remove(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    std::string_view input(reinterpret_cast<const char*>(data + 2), size - 2);
    // Cut at data[1]/255 of the input: 255 keeps it whole.
    std::string_view cut = input.substr(0, input.size() * data[1] / 255);
    switch (data[0] % 4) {
        case 0: read_from_disk("in.zip", cut); break;
        case 1: {
            simdjson::dom::parser parser;
            DiscardSink sink;
            ti::read_json_array_entries(parser, cut, "in.json", 1, {}, sink);
            break;
        }
        case 2: read_from_disk("data/tweets.js", cut); break;
        case 3: {
            // Valid JSON needs no repair, and a repaired text needs none again.
            std::vector<ti::ValueRepair> repairs;
            simdjson::dom::parser parser;
            if (!parser.parse(input.data(), input.size(), true).error()) {
                ti::repair_json_values(input, repairs);
                if (!repairs.empty()) std::abort();
            }
            std::string repaired = ti::repair_json_values(input, repairs);
            if (!repairs.empty()) {
                ti::repair_json_values(repaired, repairs);
                if (!repairs.empty()) std::abort();
            }
            simdjson::dom::element value;
            DiscardSink sink;
            (void)ti::parse_json_record(parser, input, "in.jsonl", 1, sink, value);
            break;
        }
    }
    return 0;
}

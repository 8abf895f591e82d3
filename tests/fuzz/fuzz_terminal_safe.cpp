// Bytes -> terminal_safe (both line-break modes), escape_markup and append_json_string: what
// comes out is valid UTF-8 and holds no control, DEL, C1 or bidi override/isolate character
// (tab always allowed, newline only where kept), and neutralising it again changes nothing.
#include "json_writer.h"
#include "text.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

// `allowed`: the controls this output may hold (tab always).
void check_safe(const std::string& out, std::string_view allowed) {
    for (std::size_t i = 0; i < out.size();) {
        char32_t cp = 0;
        std::size_t n = ti::decode_utf8(out, i, cp);
        if (n == 0) std::abort();  // invalid UTF-8 came out
        if (ti::is_unsafe_code_point(cp) && cp != '\t' && (cp >= 0x80 || allowed.find(static_cast<char>(cp)) == std::string_view::npos))
            std::abort();
        i += n;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string one_line = ti::terminal_safe(text);
    check_safe(one_line, "");
    if (ti::terminal_safe(one_line) != one_line) std::abort();
    std::string report = ti::terminal_safe(text, ti::LineBreaks::Keep);
    check_safe(report, "\n");
    if (ti::terminal_safe(report, ti::LineBreaks::Keep) != report) std::abort();
    check_safe(ti::escape_markup(text), "\n");
    std::string json;
    ti::append_json_string(json, text);
    check_safe(json, "");  // JSON escapes every control, newline included
    check_safe(ti::json_escape_unsafe(text), "\n\r");  // JSON's whitespace
    return 0;
}

// Entity extraction after twitter-text's Java reference implementation (Regex.java and
// Extractor.java; conformance suite in tests/data/twitter-text/).
//
// Each extractor is a hand-rolled scanner over code points that reproduces one of
// twitter-text's regexes, including how a regex engine searches left to right: a match
// consumes its preceding character, and the next search starts where the previous match
// ended, even when the match was then rejected by a post-check. Comments name the regex
// pieces (URL_VALID_DOMAIN, INVALID_MENTION_MATCH_END, ...) so the two can be compared.
#include "entities.h"
#include "punycode.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace ti {
namespace tlds {
#include "tlds.inc"
}  // namespace tlds

namespace {

constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

// Returned for positions past the end of the text; it belongs to no character class.
constexpr char32_t kPastEnd = 0x110000;

// ---------------------------------------------------------------------------------------
// The text, decoded once.

// Decodes the code point starting at byte `at` of `utf8` into `out`; returns its length in
// bytes. Rejects what utf8proc_iterate rejects (overlong forms, surrogates, values past
// U+10FFFF, truncated sequences), decoding each offending byte as U+FFFD.
inline std::size_t decode_one(std::string_view utf8, std::size_t at, char32_t& out) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(utf8[i]); };
    const unsigned lead = byte(at);
    if (lead < 0x80) {
        out = lead;
        return 1;
    }
    out = 0xFFFD;
    std::size_t length = 0;
    char32_t value = 0, minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, value = lead & 0x1F, minimum = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, value = lead & 0x0F, minimum = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, value = lead & 0x07, minimum = 0x10000;
    else return 1;
    if (at + length > utf8.size()) return 1;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned continuation = byte(at + i);
        if ((continuation & 0xC0) != 0x80) return 1;
        value = (value << 6) | (continuation & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 1;
    out = value;
    return length;
}

// Code points of a UTF-8 text and the byte offset where each starts. Invalid UTF-8 bytes
// count as one U+FFFD each. The buffers are reused across calls on the same thread, since
// extraction runs once per tweet and allocation would dominate on short texts.
class CodePointText {
public:
    explicit CodePointText(std::string_view utf8) : utf8_(utf8) {
        static thread_local std::vector<char32_t> code_points;
        static thread_local std::vector<std::uint32_t> byte_offsets;
        // At most one code point per byte: fill by index, then trim.
        code_points.resize(utf8.size());
        byte_offsets.resize(utf8.size() + 1);
        std::size_t count = 0;
        for (std::size_t at = 0; at < utf8.size(); ++count) {
            byte_offsets[count] = static_cast<std::uint32_t>(at);
            at += decode_one(utf8, at, code_points[count]);
        }
        byte_offsets[count] = static_cast<std::uint32_t>(utf8.size());
        code_points.resize(count);
        code_points_ = &code_points;
        static thread_local std::vector<std::int32_t> memo;
        memo_ = &memo;
        memo_ready_ = false;
        byte_offsets_ = &byte_offsets;
    }

    std::size_t size() const { return code_points_->size(); }
    char32_t operator[](std::size_t i) const { return i < size() ? (*code_points_)[i] : kPastEnd; }

    // The UTF-8 text of code points [begin, end).
    std::string_view slice(std::size_t begin, std::size_t end) const {
        const auto first = (*byte_offsets_)[begin];
        return utf8_.substr(first, (*byte_offsets_)[end] - first);
    }

private:
    std::string_view utf8_;
    const std::vector<char32_t>* code_points_ = nullptr;
    const std::vector<std::uint32_t>* byte_offsets_ = nullptr;

public:
    // `compute(pos)` for a position, computed once per text. Host-name matching asks for the
    // TLD at the same positions again from every start in a dotted chain ("a.b.c.d..."),
    // which would otherwise make it quadratic in TLD lookups.
    template <typename Compute>
    std::size_t memoized(std::size_t pos, Compute compute) const {
        if (!memo_ready_) {
            memo_->assign(size() + 1, -1);
            memo_ready_ = true;
        }
        auto& slot = (*memo_)[std::min(pos, size())];
        if (slot < 0) slot = static_cast<std::int32_t>(compute(pos));
        return static_cast<std::size_t>(slot);
    }

private:
    std::vector<std::int32_t>* memo_ = nullptr;  // -1: not computed yet
    mutable bool memo_ready_ = false;
};

// ---------------------------------------------------------------------------------------
// Character classes. twitter-text's regexes are compiled CASE_INSENSITIVE without
// UNICODE_CASE, so case folding applies to ASCII letters only.

// A set of ASCII characters, for the many "[...]" classes of the regexes.
class AsciiSet {
public:
    constexpr AsciiSet(std::string_view members, bool with_alnum = false) {
        for (char c : members) add(static_cast<unsigned char>(c));
        if (with_alnum) {
            for (unsigned c = '0'; c <= '9'; ++c) add(c);
            for (unsigned c = 'a'; c <= 'z'; ++c) add(c), add(c - 'a' + 'A');
        }
    }
    constexpr bool contains(char32_t c) const { return c < 128 && ((bits_[c / 64] >> (c % 64)) & 1U); }

private:
    constexpr void add(unsigned c) { bits_[c / 64] |= std::uint64_t{1} << (c % 64); }
    std::array<std::uint64_t, 2> bits_{};
};

constexpr AsciiSet kAsciiAlnum("", true);
constexpr bool is_ascii_alnum(char32_t c) { return kAsciiAlnum.contains(c); }
constexpr bool is_ascii_alpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' && c < 128; }
constexpr char32_t ascii_lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

constexpr bool is_at_sign(char32_t c) { return c == '@' || c == 0xFF20; }    // AT_SIGNS
constexpr bool is_hash_sign(char32_t c) { return c == '#' || c == 0xFF03; }  // '#' or '＃'

// LATIN_ACCENTS_CHARS.
constexpr bool is_latin_accent(char32_t c) {
    if (c < 0xC0) return false;
    if (c <= 0x24F) return c != 0xD7 && c != 0xF7;
    switch (c) {
        case 0x253: case 0x254: case 0x256: case 0x257: case 0x259: case 0x25B: case 0x263:
        case 0x268: case 0x26F: case 0x272: case 0x289: case 0x28B:  // IPA extensions
        case 0x2BB:                                                  // Hawaiian okina
            return true;
        default:
            break;
    }
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

constexpr bool is_cyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }  // CYRILLIC_CHARS

// UNICODE_SPACES.
constexpr bool is_unicode_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

// DIRECTIONAL_CHARACTERS: bidi marks, embeddings and isolates.
constexpr bool is_directional(char32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

// Java's \s without UNICODE_CHARACTER_CLASS, and \p{Punct} (ASCII punctuation).
constexpr AsciiSet kJavaSpace(" \t\n\x0B\f\r");
constexpr AsciiSet kJavaPunct("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

utf8proc_category_t category(char32_t c) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

// --- Hashtags ---

// HASHTAG_LETTERS_AND_MARKS: \p{L}\p{M}, plus code points twitter-text added for Unicode
// versions newer than Java's. utf8proc's tables are newer still and cover all of them
// except these private-use ranges, which twitter-text counts as letters.
bool is_hashtag_letter(char32_t c) {
    if (c < 128) return is_ascii_alpha(c);
    const auto cat = category(c);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) return true;
    return (c >= 0xF870 && c <= 0xF87F) || c == 0xF882 || (c >= 0xF884 && c <= 0xF89F) ||
           c == 0xF8B8 || (c >= 0xF8C1 && c <= 0xF8D6);
}

// HASHTAG_SPECIAL_CHARS.
constexpr bool is_hashtag_special(char32_t c) {
    switch (c) {
        case '_':
        case 0x200C: case 0x200D:                    // zero width non-joiner, joiner
        case 0xA67E:                                 // Cyrillic kavyka
        case 0x05BE: case 0x05F3: case 0x05F4:       // Hebrew maqaf, geresh, gershayim
        case 0xFF5E: case 0x301C:                    // fullwidth tilde, wave dash
        case 0x309B: case 0x309C: case 0x30A0:       // kana voiced sound marks, double hyphen
        case 0x30FB: case 0x3003:                    // katakana middle dot, ditto mark
        case 0x0F0B: case 0x0F0C:                    // Tibetan tsheg
        case 0x00B7:                                 // middle dot
            return true;
        default:
            return false;
    }
}

// HASHTAG_LETTERS_NUMERALS: letters and marks, decimal digits, special characters.
bool is_hashtag_char(char32_t c) {
    if (c < 128) return is_ascii_alnum(c) || c == '_';
    return is_hashtag_letter(c) || is_hashtag_special(c) || category(c) == UTF8PROC_CATEGORY_ND;
}

// --- URLs ---

// URL_VALID_PRECEDING_CHARS: anything but ASCII alphanumerics, @ $ # (and fullwidth
// forms) and INVALID_CHARACTERS.
constexpr AsciiSet kUrlInvalidPreceding("@$#", true);
constexpr bool is_url_preceding_char(char32_t c) {
    return !kUrlInvalidPreceding.contains(c) && c != 0xFF20 && c != 0xFF03 && c != 0xFFFE &&
           c != 0xFEFF && c != 0xFFFF;
}

// URL_VALID_CHARS: what domain labels are made of (plus '-' and, in subdomains, '_').
constexpr bool is_url_label_char(char32_t c) { return is_ascii_alnum(c) || is_latin_accent(c); }

// URL_VALID_UNICODE_CHARS: anything but PUNCTUATION_CHARS, \s, \p{Z} and the General
// Punctuation block. Used for host names right after "http(s)://".
constexpr AsciiSet kUrlPunctuation("-_!\"#$%&'()*+,./:;<=>?@[]^`{|}~");
bool is_url_unicode_char(char32_t c) {
    if (c < 128) return !kUrlPunctuation.contains(c) && !kJavaSpace.contains(c);
    if (c >= 0x2000 && c <= 0x206F) return false;
    const auto cat = category(c);
    return cat != UTF8PROC_CATEGORY_ZS && cat != UTF8PROC_CATEGORY_ZL && cat != UTF8PROC_CATEGORY_ZP;
}

// The lookahead after a TLD, (?=[^a-z0-9@+-]|$): a TLD must not run into more of a name.
constexpr AsciiSet kNotAfterTld("@+-", true);
constexpr bool may_follow_tld(char32_t c) { return !kNotAfterTld.contains(c); }

// URL_VALID_GENERAL_PATH_CHARS and URL_VALID_PATH_ENDING_CHARS (without the parentheses).
constexpr AsciiSet kPathChars("!*';:=+,.$/%#[]-_~|&@", true);
constexpr AsciiSet kPathEndingChars("=_#/-+", true);
constexpr bool is_path_char(char32_t c) {
    return kPathChars.contains(c) || c == 0x2013 || is_latin_accent(c) || is_cyrillic(c);
}
constexpr bool is_path_ending_char(char32_t c) {
    return kPathEndingChars.contains(c) || is_latin_accent(c) || is_cyrillic(c);
}

// URL_VALID_URL_QUERY_CHARS and URL_VALID_URL_QUERY_ENDING_CHARS.
constexpr AsciiSet kQueryChars("!?*'();:&=+$/%#[]-_.,~|@", true);
constexpr AsciiSet kQueryEndingChars("-_&=#/", true);

// --- Mentions ---

// VALID_MENTION_OR_LIST: the character before '@' must not be one of these...
constexpr AsciiSet kMentionInvalidPreceding("_!#$%&*@", true);
// ...and the character before "RT:" must not be one of these.
constexpr AsciiSet kRetweetInvalidPreceding("_+~.-", true);
constexpr AsciiSet kScreenNameChars("_", true);
constexpr AsciiSet kListSlugChars("_-", true);
constexpr std::size_t kMaxScreenNameLength = 20;
constexpr std::size_t kMaxListSlugTailLength = 24;  // after its first letter

// --- Emails (not in twitter-text) ---
constexpr AsciiSet kEmailLocalChars("._%+-", true);

// Scripts written without spaces between words: CJK ideographs, kana, Hangul, fullwidth forms.
constexpr bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// ---------------------------------------------------------------------------------------
// Helpers shared by several extractors.

// True when the text at `pos` starts with the ASCII `word`, ignoring ASCII case.
bool starts_with_ascii_ci(const CodePointText& text, std::size_t pos, std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i)
        if (ascii_lower(text[pos + i]) != static_cast<char32_t>(word[i])) return false;
    return true;
}

// End of the run of characters satisfying `pred` that starts at `pos`.
template <typename Pred>
std::size_t run_end(const CodePointText& text, std::size_t pos, Pred pred) {
    while (pos < text.size() && pred(text[pos])) ++pos;
    return pos;
}

// INVALID_MENTION_MATCH_END: a mention or reply must not run into '@', a Latin accented
// letter or "://".
bool is_invalid_mention_end(const CodePointText& text, std::size_t pos) {
    const char32_t next = text[pos];
    return is_at_sign(next) || is_latin_accent(next) ||
           (next == ':' && text[pos + 1] == '/' && text[pos + 2] == '/');
}

// Length in code points of the longest TLD of `list` starting at `pos` and followed by a
// character a TLD may be followed by; 0 if none. TLDs are letters, compared ASCII-lowercased.
std::size_t match_tld(const CodePointText& text, std::size_t pos, std::span<const std::string_view> list) {
    std::size_t longest_candidate = 0;
    while (longest_candidate < tlds::kMaxTldCodePoints) {
        const char32_t c = text[pos + longest_candidate];
        if (c == kPastEnd || (c < 128 && !is_ascii_alpha(c))) break;
        ++longest_candidate;
    }
    std::array<char, tlds::kMaxTldBytes> key{};
    for (std::size_t length = longest_candidate; length > 0; --length) {
        if (!may_follow_tld(text[pos + length])) continue;
        const std::string_view written = text.slice(pos, pos + length);
        if (written.size() > key.size()) continue;
        std::transform(written.begin(), written.end(), key.begin(),
                       [](char c) { return static_cast<char>(ascii_lower(static_cast<unsigned char>(c))); });
        if (std::binary_search(list.begin(), list.end(), std::string_view(key.data(), written.size())))
            return length;
    }
    return 0;
}

// gTLD, then ccTLD, then punycode, as URL_VALID_DOMAIN orders them; 0 if none.
std::size_t match_tld_or_punycode(const CodePointText& text, std::size_t pos) {
    if (const auto length = match_tld(text, pos, tlds::kGenericTlds)) return length;
    if (const auto length = match_tld(text, pos, tlds::kCountryTlds)) return length;
    // URL_PUNYCODE: xn--[-0-9a-z]+ (no lookahead)
    if (starts_with_ascii_ci(text, pos, "xn--")) {
        const auto end = run_end(text, pos + 4, [](char32_t c) { return is_ascii_alnum(c) || c == '-'; });
        if (end > pos + 4) return end - pos;
    }
    return 0;
}

struct DomainLabel {
    std::size_t end;           // position of the '.' after it
    bool has_underscore;       // allowed in subdomains, not in the domain name
};

// URL_VALID_SUBDOMAIN* URL_VALID_DOMAIN_NAME (gTLD|ccTLD|punycode), the host-name form that
// needs no protocol. Returns the end of the TLD, or kNotFound.
std::size_t match_ascii_domain(const CodePointText& text, std::size_t start) {
    // Labels: runs of label characters, '-' and '_', starting and ending with a label
    // character, each followed by '.'.
    static thread_local std::vector<DomainLabel> labels;
    labels.clear();
    std::size_t pos = start;
    while (true) {
        bool has_underscore = false;
        const auto end = run_end(text, pos, [&](char32_t c) {
            has_underscore |= c == '_';
            return is_url_label_char(c) || c == '-' || c == '_';
        });
        if (end == pos || text[end] != '.' || !is_url_label_char(text[pos]) || !is_url_label_char(text[end - 1]))
            break;
        labels.push_back({end, has_underscore});
        pos = end + 1;
    }
    // The regex takes as many subdomains as it can, then backtracks: the domain name is the
    // last label that is followed by a TLD.
    for (std::size_t k = labels.size(); k-- > 0;) {
        if (labels[k].has_underscore) continue;
        const auto tld_start = labels[k].end + 1;
        const auto length = text.memoized(tld_start, [&](std::size_t pos) { return match_tld_or_punycode(text, pos); });
        if (length > 0) return tld_start + length;
    }
    return kNotFound;
}

// ---------------------------------------------------------------------------------------
// URLs (VALID_URL and the checks of Extractor.extractURLsWithIndices).

constexpr std::size_t kMaxUrlLength = 4096;
constexpr std::size_t kMaxTcoSlugLength = 40;
constexpr std::size_t kMaxDnsLabelLength = 63;

// Extractor.isValidHostAndLength: the host must survive IDN.toASCII (every label 1 to 63
// characters once Punycode-encoded; a non-ASCII label must not already claim to be
// Punycode), and the URL with a protocol must fit in 4096 characters. Java also applies
// nameprep before encoding; lowercasing stands in for it, which matters only for labels
// within a character or two of the limit.
bool is_valid_host_and_length(const CodePointText& text, std::size_t host_begin, std::size_t host_end,
                              std::size_t url_length, bool has_protocol) {
    std::size_t encoded_host_length = 0;
    std::vector<char32_t> label;
    for (std::size_t label_begin = host_begin; label_begin <= host_end;) {
        std::size_t label_end = label_begin;
        while (label_end < host_end && text[label_end] != '.') ++label_end;
        label.clear();
        bool ascii = true;
        for (std::size_t i = label_begin; i < label_end; ++i) {
            label.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(text[i]))));
            ascii &= text[i] < 0x80;
        }
        std::size_t encoded_length = label.size();
        if (!ascii) {
            if (starts_with_ascii_ci(text, label_begin, "xn--")) return false;
            encoded_length = 4 + punycode::encoded_length(label);
        }
        if (encoded_length == 0 || encoded_length > kMaxDnsLabelLength) return false;
        encoded_host_length += encoded_length + (label_end < host_end ? 1 : 0);
        label_begin = label_end + 1;
    }
    const std::size_t protocol_allowance = has_protocol ? 0 : std::string_view("https://").size();
    return url_length - (host_end - host_begin) + encoded_host_length + protocol_allowance <= kMaxUrlLength;
}

struct UrlMatch {
    std::size_t begin = 0;
    std::size_t end = 0;        // end of the URL as reported (t.co links cut after the slug)
    std::size_t match_end = 0;  // where the regex match ends; the next search starts here
    bool has_protocol = false;
    bool rejected = false;      // matched, but a post-check drops it
};

// URL_VALID_DOMAIN at `start`; returns the end of the host or kNotFound.
std::size_t match_url_domain(const CodePointText& text, std::size_t start) {
    if (const auto end = match_ascii_domain(text, start); end != kNotFound) return end;
    // (?<=https?://) URL_VALID_UNICODE_DOMAIN_NAME (gTLD|ccTLD): a single label of almost
    // anything, allowed only right after a protocol. (The other protocol-only alternative,
    // domain name + ccTLD, and the "domain + ccTLD + '/'" one are covered above.)
    const bool after_protocol = (start >= 7 && starts_with_ascii_ci(text, start - 7, "http://")) ||
                                (start >= 8 && starts_with_ascii_ci(text, start - 8, "https://"));
    if (!after_protocol) return kNotFound;
    const auto label_end = run_end(text, start, [](char32_t c) { return c == '-' || is_url_unicode_char(c); });
    if (label_end == start || text[label_end] != '.' || !is_url_unicode_char(text[start]) ||
        !is_url_unicode_char(text[label_end - 1]))
        return kNotFound;
    const auto tld_start = label_end + 1;
    if (const auto length = match_tld(text, tld_start, tlds::kGenericTlds)) return tld_start + length;
    if (const auto length = match_tld(text, tld_start, tlds::kCountryTlds)) return tld_start + length;
    return kNotFound;
}

// End of "\\?" URL_VALID_URL_QUERY_CHARS* URL_VALID_URL_QUERY_ENDING_CHARS at `pos`, or
// `pos` when there is no query string.
std::size_t match_query(const CodePointText& text, std::size_t pos) {
    if (text[pos] != '?') return pos;
    std::size_t end = pos;
    for (std::size_t i = pos + 1; kQueryChars.contains(text[i]); ++i)
        if (kQueryEndingChars.contains(text[i])) end = i + 1;
    return end;
}

// URL_BALANCED_PARENS at `pos` (up to one nested level); returns its end or kNotFound.
std::size_t match_balanced_parens(const CodePointText& text, std::size_t pos) {
    if (text[pos] != '(') return kNotFound;
    const auto first_run = run_end(text, pos + 1, is_path_char);
    if (text[first_run] == ')') return first_run > pos + 1 ? first_run + 1 : kNotFound;
    if (text[first_run] != '(') return kNotFound;
    const auto inner_run = run_end(text, first_run + 1, is_path_char);
    if (inner_run == first_run + 1 || text[inner_run] != ')') return kNotFound;
    const auto last_run = run_end(text, inner_run + 1, is_path_char);
    return text[last_run] == ')' ? last_run + 1 : kNotFound;
}

// End of the path after the '/' at `pos - 1`. URL_VALID_PATH reduces to: the longest run of
// path characters and balanced parentheses that ends with a path-ending character or a
// closing parenthesis.
std::size_t match_path(const CodePointText& text, std::size_t pos) {
    std::size_t end = pos;
    while (true) {
        const char32_t c = text[pos];
        if (is_path_char(c)) {
            ++pos;
            if (is_path_ending_char(c)) end = pos;
        } else if (const auto parens_end = match_balanced_parens(text, pos); parens_end != kNotFound) {
            pos = end = parens_end;
        } else {
            return end;
        }
    }
}

// VALID_TCO_URL: a t.co link is cut after its slug and optional query string; a slug over
// 40 characters rejects the URL.
void apply_tco_rules(const CodePointText& text, UrlMatch& url) {
    std::size_t slug_begin = url.begin;
    if (starts_with_ascii_ci(text, url.begin, "http://t.co/")) slug_begin += 12;
    else if (starts_with_ascii_ci(text, url.begin, "https://t.co/")) slug_begin += 13;
    else return;
    const auto slug_end = run_end(text, slug_begin, is_ascii_alnum);
    if (slug_end == slug_begin) return;
    if (slug_end - slug_begin > kMaxTcoSlugLength) {
        url.rejected = true;
        return;
    }
    url.end = match_query(text, slug_end);
}

// VALID_URL from the protocol or host at `start`.
std::optional<UrlMatch> match_url_at(const CodePointText& text, std::size_t start) {
    UrlMatch url;
    url.begin = start;
    std::size_t protocol_length = 0;
    if (starts_with_ascii_ci(text, start, "http://")) protocol_length = 7;
    else if (starts_with_ascii_ci(text, start, "https://")) protocol_length = 8;

    std::size_t host_begin = start + protocol_length;
    std::size_t host_end = protocol_length ? match_url_domain(text, host_begin) : kNotFound;
    if (host_end == kNotFound) {  // (https?://)? gives up the protocol
        host_begin = start;
        host_end = match_url_domain(text, host_begin);
        if (host_end == kNotFound) return std::nullopt;
    } else {
        url.has_protocol = true;
    }

    std::size_t pos = host_end;
    if (text[pos] == ':' && is_ascii_alnum(text[pos + 1]) && text[pos + 1] <= '9') {  // port
        pos = run_end(text, pos + 1, [](char32_t c) { return c >= '0' && c <= '9'; });
    }
    if (text[pos] == '/') pos = match_path(text, pos + 1);
    pos = match_query(text, pos);
    url.end = url.match_end = pos;

    apply_tco_rules(text, url);
    if (!url.rejected)
        url.rejected = !is_valid_host_and_length(text, host_begin, host_end, url.end - url.begin, url.has_protocol);
    return url;
}

// Finds where a URL may start: every host name has a '.', and nothing before that '.' (protocol,
// labels) may be a space. So a URL cannot start in a stretch of text whose next space comes
// before its next '.', which lets the search skip whole words.
class UrlStartFilter {
public:
    explicit UrlStartFilter(const CodePointText& text) : text_(text) {}

    // True when no URL can start at or after `pos`.
    bool none_from(std::size_t pos) {
        advance(pos);
        return next_dot_ >= text_.size();
    }
    // The first position at or after `pos` where a URL may start (`pos` if unsure).
    std::size_t next_candidate(std::size_t pos) {
        advance(pos);
        return next_space_ < next_dot_ ? next_space_ + 1 : pos;
    }

private:
    static bool is_space(char32_t c) { return kJavaSpace.contains(c) || c == 0xA0 || c == 0x3000; }
    void advance(std::size_t pos) {
        if (next_dot_ < pos || next_dot_ == kUnset) next_dot_ = find_from(pos, [](char32_t c) { return c == '.'; });
        if (next_space_ < pos || next_space_ == kUnset) next_space_ = find_from(pos, is_space);
    }
    template <typename Pred>
    std::size_t find_from(std::size_t pos, Pred pred) const {
        while (pos < text_.size() && !pred(text_[pos])) ++pos;
        return pos;
    }
    static constexpr std::size_t kUnset = kNotFound;
    const CodePointText& text_;
    std::size_t next_dot_ = kUnset;
    std::size_t next_space_ = kUnset;
};

void extract_urls(const CodePointText& text, std::vector<ExtractedEntity>& out) {
    UrlStartFilter filter(text);
    std::size_t search_from = 0;
    while (search_from < text.size()) {
        // The leftmost match: a preceding character then the URL, or the URL at the very start.
        std::optional<UrlMatch> url;
        bool preceded_by_separator = false;  // INVALID_URL_WITHOUT_PROTOCOL_MATCH_BEGIN: [-_./]
        for (std::size_t i = search_from; i < text.size() && !url; ++i) {
            if (filter.none_from(i)) return;
            if (const auto candidate = filter.next_candidate(i); candidate > i + 1) {
                i = candidate - 2;  // the loop's ++i makes `i` the preceding character of `candidate`
                continue;
            }
            if (is_url_preceding_char(text[i]) && (url = match_url_at(text, i + 1))) {
                const char32_t before = text[i];
                preceded_by_separator = before == '-' || before == '_' || before == '.' || before == '/';
            } else if (i == 0) {
                url = match_url_at(text, 0);
            }
        }
        if (!url) return;
        search_from = url->match_end;
        if (url->rejected || (!url->has_protocol && preceded_by_separator)) continue;
        out.push_back({std::string(text.slice(url->begin, url->end)), {}, url->begin, url->end});
    }
}

// ---------------------------------------------------------------------------------------
// Mentions and lists (VALID_MENTION_OR_LIST).

// Whether an '@' at `at` may start a mention, given that the regex match (which includes the
// character before the '@', or "RT:" and the character before it) cannot start before
// `search_from`.
bool may_start_mention(const CodePointText& text, std::size_t at, std::size_t search_from) {
    if (at == 0) return true;
    if (at - 1 >= search_from && !kMentionInvalidPreceding.contains(text[at - 1]) && text[at - 1] != 0xFF20)
        return true;
    // (?:^|[^a-z0-9_+~.-])RT:?
    for (std::size_t retweet_length : {3, 2}) {
        if (at < retweet_length) continue;
        const std::size_t rt = at - retweet_length;
        if (!starts_with_ascii_ci(text, rt, retweet_length == 3 ? "rt:" : "rt")) continue;
        if (rt == 0 || (rt - 1 >= search_from && !kRetweetInvalidPreceding.contains(text[rt - 1]))) return true;
    }
    return false;
}

void extract_mentions(const CodePointText& text, std::vector<ExtractedEntity>& out) {
    std::size_t search_from = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (!is_at_sign(text[at]) || !may_start_mention(text, at, search_from)) continue;
        const auto name_begin = run_end(text, at, is_at_sign);  // [@＠]+
        std::size_t name_end = name_begin;
        while (name_end - name_begin < kMaxScreenNameLength && kScreenNameChars.contains(text[name_end])) ++name_end;
        if (name_end == name_begin) continue;
        std::size_t end = name_end;
        if (text[name_end] == '/' && is_ascii_alpha(text[name_end + 1])) {  // list slug
            end = name_end + 2;
            while (end - (name_end + 2) < kMaxListSlugTailLength && kListSlugChars.contains(text[end])) ++end;
        }
        search_from = end;
        if (!is_invalid_mention_end(text, end)) {
            out.push_back({std::string(text.slice(name_begin, name_end)), std::string(text.slice(name_end, end)),
                           name_begin - 1, end});
        }
        at = end - 1;
    }
}

// ---------------------------------------------------------------------------------------
// Hashtags (VALID_HASHTAG).

void extract_hashtags(const CodePointText& text, std::vector<ExtractedEntity>& out) {
    std::size_t search_from = 0;
    for (std::size_t hash = 0; hash < text.size(); ++hash) {
        if (!is_hash_sign(text[hash])) continue;
        if (hash > 0) {
            // (^|\uFE0E|\uFE0F|[^&HASHTAG_LETTERS_NUMERALS]): variation selectors are marks,
            // hence hashtag characters, but may end an emoji right before the '#'.
            const char32_t before = text[hash - 1];
            if (hash - 1 < search_from) continue;
            if (before != 0xFE0E && before != 0xFE0F && (before == '&' || is_hashtag_char(before))) continue;
        }
        if (text[hash + 1] == 0xFE0F || text[hash + 1] == 0x20E3) continue;  // keycap "#️⃣"
        bool has_letter = false;
        const auto end = run_end(text, hash + 1, [&](char32_t c) {
            if (!is_hashtag_char(c)) return false;
            has_letter = has_letter || is_hashtag_letter(c);
            return true;
        });
        if (!has_letter) continue;
        search_from = end;
        // INVALID_HASHTAG_MATCH_END
        const bool runs_into_url_or_tag =
            is_hash_sign(text[end]) || (text[end] == ':' && text[end + 1] == '/' && text[end + 2] == '/');
        if (!runs_into_url_or_tag) out.push_back({std::string(text.slice(hash + 1, end)), {}, hash, end});
        hash = end - 1;
    }
}

// ---------------------------------------------------------------------------------------
// Cashtags (VALID_CASHTAG): "$" then 1-6 ASCII letters, optionally "." or "_" and 1-2 more,
// after a space (or at the start) and before a space, punctuation or the end.

constexpr std::size_t kMaxCashtagLetters = 6;
constexpr std::size_t kMaxCashtagSuffixLetters = 2;

bool may_end_cashtag(char32_t c) { return c == kPastEnd || kJavaSpace.contains(c) || kJavaPunct.contains(c); }

void extract_cashtags(const CodePointText& text, std::vector<ExtractedEntity>& out) {
    for (std::size_t dollar = 0; dollar < text.size(); ++dollar) {
        if (text[dollar] != '$') continue;
        if (dollar > 0 && !is_unicode_space(text[dollar - 1]) && !is_directional(text[dollar - 1])) continue;
        const auto letters_end = run_end(text, dollar + 1, is_ascii_alpha);
        const auto letters = letters_end - (dollar + 1);
        if (letters == 0 || letters > kMaxCashtagLetters) continue;  // more letters cannot be followed by an end
        std::size_t end = kNotFound;
        if (text[letters_end] == '.' || text[letters_end] == '_') {
            const auto suffix_end = run_end(text, letters_end + 1, is_ascii_alpha);
            const auto suffix = suffix_end - (letters_end + 1);
            if (suffix >= 1 && suffix <= kMaxCashtagSuffixLetters && may_end_cashtag(text[suffix_end])) end = suffix_end;
        }
        if (end == kNotFound && may_end_cashtag(text[letters_end])) end = letters_end;
        if (end == kNotFound) continue;
        out.push_back({std::string(text.slice(dollar + 1, end)), {}, dollar, end});
        dollar = end - 1;
    }
}

// ---------------------------------------------------------------------------------------
// Email addresses (our addition): local part, '@', then a host name with a valid TLD as URL
// extraction without protocol would accept it.

void extract_emails(const CodePointText& text, std::vector<ExtractedEntity>& out) {
    std::size_t search_from = 0;
    for (std::size_t at = 1; at < text.size(); ++at) {
        if (text[at] != '@') continue;
        std::size_t local_begin = at;
        while (local_begin > search_from && kEmailLocalChars.contains(text[local_begin - 1])) --local_begin;
        while (local_begin < at && !is_ascii_alnum(text[local_begin])) ++local_begin;  // "...anna@" is "anna@"
        if (local_begin == at || text[at - 1] == '.') continue;
        if (local_begin > 0) {
            // Not the tail of a longer word ("émile@" is not "mile@") nor of a mention
            // ("@anna@"); CJK text runs into addresses without a space ("連絡はanna@").
            const char32_t before = text[local_begin - 1];
            const auto cat = category(before);
            const bool word_char = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
            if (is_at_sign(before) || (word_char && !is_cjk(before))) continue;
        }
        const auto end = match_ascii_domain(text, at + 1);
        if (end == kNotFound) continue;
        out.push_back({std::string(text.slice(local_begin, end)), {}, local_begin, end});
        search_from = end;
        at = end - 1;
    }
}

// ---------------------------------------------------------------------------------------

// Extractor.removeOverlappingEntities: where entities overlap, the one starting first wins
// (a URL over the hashtag or mention inside it); at equal starts, the kind listed first.
void remove_overlapping(ExtractedEntities& entities) {
    std::vector<ExtractedEntity>* kinds[] = {&entities.emails, &entities.urls, &entities.hashtags,
                                             &entities.mentions, &entities.cashtags};
    struct Ref {
        std::size_t start, end, kind, index;
    };
    std::vector<Ref> refs;
    for (std::size_t kind = 0; kind < std::size(kinds); ++kind)
        for (std::size_t i = 0; i < kinds[kind]->size(); ++i)
            refs.push_back({(*kinds[kind])[i].start, (*kinds[kind])[i].end, kind, i});
    if (refs.size() < 2) return;
    std::stable_sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) { return a.start < b.start; });

    std::vector<std::vector<bool>> keep;
    for (auto* kind : kinds) keep.emplace_back(kind->size(), true);
    std::size_t kept_end = refs.front().end;
    for (std::size_t r = 1; r < refs.size(); ++r) {
        if (refs[r].start < kept_end) keep[refs[r].kind][refs[r].index] = false;
        else kept_end = refs[r].end;
    }
    for (std::size_t kind = 0; kind < std::size(kinds); ++kind) {
        auto& list = *kinds[kind];
        std::size_t kept = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!keep[kind][i]) continue;
            if (kept != i) list[kept] = std::move(list[i]);  // a self-move would empty the strings
            ++kept;
        }
        list.resize(kept);
    }
}

// Which extractors can possibly find something, judged from the bytes alone: one table
// lookup per byte, no branches.
enum Trigger : std::uint8_t { kAt = 1, kHash = 2, kDollar = 4, kDot = 8 };

constexpr std::array<std::uint8_t, 256> kTriggerOfByte = [] {
    std::array<std::uint8_t, 256> table{};
    table['@'] = kAt;
    table['#'] = kHash;
    table['$'] = kDollar;
    table['.'] = kDot;
    table[0xEF] = kAt | kHash;  // lead byte of fullwidth '＠' and '＃'
    return table;
}();

unsigned find_triggers(std::string_view utf8) {
    unsigned found = 0;
    for (char c : utf8) found |= kTriggerOfByte[static_cast<unsigned char>(c)];
    return found;
}

}  // namespace

ExtractedEntities extract_entities(std::string_view text) {
    ExtractedEntities entities;
    const unsigned triggers = find_triggers(text);
    if (triggers == 0) return entities;

    const CodePointText code_points(text);
    if (triggers & kDot) extract_urls(code_points, entities.urls);  // every host name has a '.'
    if (triggers & kHash) extract_hashtags(code_points, entities.hashtags);
    if (triggers & kAt) extract_mentions(code_points, entities.mentions);
    if (triggers & kDollar) extract_cashtags(code_points, entities.cashtags);
    if ((triggers & kAt) && (triggers & kDot)) extract_emails(code_points, entities.emails);
    remove_overlapping(entities);
    return entities;
}

std::optional<std::string> extract_reply_screen_name(std::string_view text) {
    const CodePointText code_points(text);
    // VALID_REPLY: ^(?:UNICODE_SPACES|DIRECTIONAL_CHARACTERS)*[@＠]([a-z0-9_]{1,20})
    const auto at = run_end(code_points, 0, [](char32_t c) { return is_unicode_space(c) || is_directional(c); });
    if (!is_at_sign(code_points[at])) return std::nullopt;
    std::size_t name_end = at + 1;
    while (name_end - (at + 1) < kMaxScreenNameLength && kScreenNameChars.contains(code_points[name_end])) ++name_end;
    if (name_end == at + 1 || is_invalid_mention_end(code_points, name_end)) return std::nullopt;
    return std::string(code_points.slice(at + 1, name_end));
}

}  // namespace ti

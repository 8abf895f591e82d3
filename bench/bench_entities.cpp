// Throughput of ti::extract_entities on a synthetic, deterministic corpus of tweet-like
// texts, against a trivial pass over the same texts (counting code points with utf8proc)
// as the floor any extractor pays.
//
// Usage: bench-entities [number of texts, default 200000] [repetitions, default 5]
#include "entities.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::uint64_t kSeed = 20240601;

// Pieces a tweet is made of; one text mixes words with a few of the others.
constexpr std::array kWords = {
    "the", "a", "and", "to", "of", "in", "is", "it", "you", "that", "for", "on", "this", "with", "my",
    "just", "so", "me", "what", "all", "be", "have", "not", "are", "new", "today", "love", "great",
    "people", "time", "know", "really", "thanks", "check", "out", "video", "game", "night", "morning",
    "vote", "free", "win", "now", "live", "week", "best", "happy", "again", "never", "always", "e.g.",
    "(really)", "it's", "don't", "Hello,", "well...", "OK!", "why?", "3.5", "10:30", "100%", "-", "&amp;",
};
constexpr std::array kMentions = {"@jack", "@BarackObama", "@nytimes", "@some_user_42", "@NASA",
                                  ".@elonmusk", "@user/friends-list", "RT @bbcworld:"};
constexpr std::array kHashtags = {"#news", "#FollowFriday", "#COVID19", "#日本", "#café", "#100DaysOfCode",
                                  "#السعودية", "#MeToo"};
constexpr std::array kUrlsWithScheme = {"https://t.co/aB3dE5fG7h", "http://t.co/xYz12345", "https://example.com/a/b?c=d",
                                        "https://en.wikipedia.org/wiki/Primer_(film)", "https://youtu.be/dQw4w9WgXcQ"};
constexpr std::array kUrlsWithoutScheme = {"bit.ly/3xyzAbc", "example.com", "www.gov.uk/news", "t.co/abcde",
                                           "shop.example.co.jp/item/42"};
constexpr std::array kEmails = {"anna@escort-girls.example.com", "contact@company.org", "john.doe+promo@gmail.com"};
constexpr std::array kCashtags = {"$AAPL", "$TSLA", "$BTC", "$GOOG.O"};
constexpr std::array kEmoji = {"😀", "😂", "🎉", "❤️", "👍🏽", "🔥", "👨‍👩‍👧", "✌️"};
constexpr std::array kCjkPhrases = {"今日はいい天気ですね", "我们明天见", "오늘 뭐 해요", "ありがとうございます！",
                                    "这是一个测试。"};
constexpr std::array kArabicPhrases = {"صباح الخير", "شكرا جزيلا لكم", "مرحبا بالعالم"};

template <typename Pieces>
std::string_view pick(std::mt19937_64& random, const Pieces& pieces) {
    return pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random)];
}

std::string make_text(std::mt19937_64& random) {
    std::bernoulli_distribution cjk(0.10), arabic(0.05), mention(0.30), hashtag(0.20), url_with_scheme(0.25),
        url_without_scheme(0.05), email(0.02), cashtag(0.03), emoji(0.25);
    std::vector<std::string_view> pieces;
    const int words = std::uniform_int_distribution<int>(5, 35)(random);
    for (int i = 0; i < words; ++i) pieces.push_back(pick(random, kWords));
    if (cjk(random)) pieces.push_back(pick(random, kCjkPhrases));
    if (arabic(random)) pieces.push_back(pick(random, kArabicPhrases));
    if (mention(random)) pieces.push_back(pick(random, kMentions));
    if (hashtag(random)) pieces.push_back(pick(random, kHashtags));
    if (url_with_scheme(random)) pieces.push_back(pick(random, kUrlsWithScheme));
    if (url_without_scheme(random)) pieces.push_back(pick(random, kUrlsWithoutScheme));
    if (email(random)) pieces.push_back(pick(random, kEmails));
    if (cashtag(random)) pieces.push_back(pick(random, kCashtags));
    if (emoji(random)) pieces.push_back(pick(random, kEmoji));
    // Entities mostly sit among the words, replies start with a mention.
    std::shuffle(pieces.begin() + 1, pieces.end(), random);
    std::string text;
    for (auto piece : pieces) {
        if (!text.empty()) text += ' ';
        text += piece;
    }
    return text;
}

struct Timing {
    double seconds;
    std::size_t checksum;  // keeps the work observable so it cannot be optimized away
};

// Best of `repetitions` passes of `work` over all texts.
Timing time_best(const std::vector<std::string>& texts, int repetitions,
                 const std::function<std::size_t(std::string_view)>& work) {
    Timing best{1e300, 0};
    for (int r = 0; r < repetitions; ++r) {
        std::size_t checksum = 0;
        const auto start = std::chrono::steady_clock::now();
        for (const auto& text : texts) checksum += work(text);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = {std::min(best.seconds, elapsed.count()), checksum};
    }
    return best;
}

std::size_t count_code_points(std::string_view text) {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t count = 0;
    for (std::size_t at = 0; at < text.size(); ++count) {
        utf8proc_int32_t code_point = 0;
        const auto used = utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size() - at), &code_point);
        at += used > 0 ? static_cast<std::size_t>(used) : 1;
    }
    return count;
}

std::size_t count_entities(std::string_view text) {
    const auto entities = ti::extract_entities(text);
    return entities.mentions.size() + entities.urls.size() + entities.hashtags.size() + entities.cashtags.size() +
           entities.emails.size();
}

void report(const char* corpus, const std::vector<std::string>& texts, int repetitions) {
    std::size_t bytes = 0;
    for (const auto& text : texts) bytes += text.size();
    const auto baseline = time_best(texts, repetitions, count_code_points);
    const auto extraction = time_best(texts, repetitions, count_entities);
    const double megabytes = static_cast<double>(bytes) / 1e6;
    const double count = static_cast<double>(texts.size());
    std::printf("%s: %zu texts, %.1f MB, %zu entities\n", corpus, texts.size(), megabytes, extraction.checksum);
    std::printf("  count code points (baseline): %8.1f MB/s %12.0f texts/s\n", megabytes / baseline.seconds,
                count / baseline.seconds);
    std::printf("  extract_entities:             %8.1f MB/s %12.0f texts/s\n", megabytes / extraction.seconds,
                count / extraction.seconds);
    std::printf("  extract_entities takes %.1fx the baseline's time\n", extraction.seconds / baseline.seconds);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t text_count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
    const int repetitions = argc > 2 ? std::atoi(argv[2]) : 5;

    std::mt19937_64 random(kSeed);
    std::vector<std::string> texts;
    texts.reserve(text_count);
    for (std::size_t i = 0; i < text_count; ++i) texts.push_back(make_text(random));

    // Tweets without entities are the common case the extractor runs on.
    std::vector<std::string> entity_free;
    for (const auto& text : texts)
        if (count_entities(text) == 0) entity_free.push_back(text);

    std::printf("seed %llu, best of %d runs\n", static_cast<unsigned long long>(kSeed), repetitions);
    report("mixed corpus", texts, repetitions);
    report("texts without entities", entity_free, repetitions);
    return 0;
}

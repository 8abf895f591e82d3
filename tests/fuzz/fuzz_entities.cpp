// Bytes as a tweet's text -> the entity extractor, then complete_entities on a tweet of that text.
#include "entities.h"
#include "entity_fill.h"
#include "tweet.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto found = ti::extract_entities(text);
    (void)found;
    ti::Tweet tweet;
    tweet.id = "1";
    tweet.text = text;
    ti::complete_entities(tweet);
    return 0;
}

// tweet-query entities TEXT: what indexing finds in a text that comes without entities.
#include "command.h"
#include "entities.h"
#include "entity_fill.h"
#include "json_writer.h"

#include <fmt/format.h>

#include <tuple>

namespace tq {

namespace {

// What indexing finds in a text that comes without entities (entity_fill.h: the extractor,
// less what a final "…" cut off), as JSON with code-point indices.
int run_entities(const std::string& text) {
    ti::Tweet tweet;
    tweet.text = text;
    ti::complete_entities(tweet);
    ti::JsonWriter w;
    w.begin_object();
    auto span = [&](const ti::Span& s) {
        w.key("indices").begin_array().value(std::int64_t(s.start)).value(std::int64_t(s.end)).end_array();
    };
    w.key("mentions").begin_array();
    for (const auto& m : tweet.mentions) {
        w.begin_object().key("screen_name").value(m.screen_name);
        span(m.span);
        w.end_object();
    }
    w.end_array();
    w.key("urls").begin_array();
    for (const auto& u : tweet.urls) {
        w.begin_object().key("url").value(u.url);
        span(u.span);
        w.end_object();
    }
    w.end_array();
    for (auto [key, value_key, tags] : {std::tuple{"hashtags", "hashtag", &tweet.hashtags},
                                        std::tuple{"cashtags", "cashtag", &tweet.cashtags},
                                        std::tuple{"emails", "email", &tweet.emails}}) {
        w.key(key).begin_array();
        for (const auto& tag : *tags) {
            w.begin_object().key(value_key).value(tag.text);
            span(tag.span);
            w.end_object();
        }
        w.end_array();
    }
    if (auto reply = ti::extract_reply_screen_name(text)) w.key("reply_to").value(*reply);
    else w.key("reply_to").null();
    w.end_object();
    fmt::print("{}\n", w.str());
    return kExitOk;
}

class EntitiesCommand : public Command {
  public:
    std::string name() const override { return "entities"; }
    std::string summary() const override { return "print what the entity extractor finds in a text, as JSON"; }
    void add_options(CLI::App& sub) override {
        sub.footer("Example: tweet-query entities -- 'Hi @loic, see alltop.com/x #seesmic or mail anna@example.com'");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        if (words.empty()) {
            print_error("entities takes a text: tweet-query entities -- 'Hi @loic #seesmic'");
            return kExitError;
        }
        if (common.format_given && common.format != "jsonl" && common.format != "json") {
            print_error(fmt::format("entities writes one JSON object, not '{}'", common.format));
            return kExitError;
        }
        return run_entities(join_words(words));
    }
};

}  // namespace

std::unique_ptr<Command> make_entities_command() { return std::make_unique<EntitiesCommand>(); }

}  // namespace tq

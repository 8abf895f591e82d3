#include "stemming.h"

namespace ti {

namespace {

class TaggedStem : public Xapian::StemImplementation {
  public:
    TaggedStem(Xapian::Stem inner, std::string tag) : inner_(std::move(inner)), tag_(std::move(tag)) {}
    std::string operator()(const std::string& word) override { return tag_ + inner_(word); }
    std::string get_description() const override { return "tagged " + tag_ + " " + inner_.get_description(); }

  private:
    Xapian::Stem inner_;
    std::string tag_;
};

}  // namespace

Xapian::Stem tagged_stemmer(std::string_view lang) {
    if (lang.empty() || lang == "und") return {};
    try {
        Xapian::Stem inner{std::string(lang)};
        // Xapian's Stem owns its implementation through an intrusive reference count.
        return Xapian::Stem(new TaggedStem(inner, std::string(lang) + ":"));
    } catch (const Xapian::InvalidArgumentError&) {
        return {};
    }
}

bool elides(std::string_view lang) { return lang == "fr" || lang == "it" || lang == "ca"; }

std::string split_elisions(std::string_view text, std::string_view lang) {
    std::string out(text);
    if (!elides(lang)) return out;
    static constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // ’
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\'') {
            out[i] = ' ';
        } else if (out.compare(i, kRightQuote.size(), kRightQuote) == 0) {
            out.replace(i, kRightQuote.size(), "   ");  // same length: offsets elsewhere stay
            i += kRightQuote.size() - 1;
        }
    }
    return out;
}

}  // namespace ti

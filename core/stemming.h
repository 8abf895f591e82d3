// Stemming by language, shared by the index writer and the query parser so both make the
// same terms.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace ti {

// A stemmer for a tweet's language whose stems carry the language ("fr:entrepris"): a
// French stem never meets an English word ("modèle" stems to "model" in French). An empty
// Stem (no stemming) where Xapian has no stemmer for the language.
Xapian::Stem tagged_stemmer(std::string_view lang);

// Text as the term generator should see it: for languages that elide articles with an
// apostrophe (French, Italian, Catalan), "l'entreprise" becomes "l entreprise".
std::string split_elisions(std::string_view text, std::string_view lang);

bool elides(std::string_view lang);

}  // namespace ti

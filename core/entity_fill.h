// Completes a tweet's entities with what the extractor (entities.h) finds in its text.
// The file's entities are authoritative; extraction fills only what is missing:
//  - a tweet with no entities at all (Grailbird CSV, like.js): everything;
//  - a tweet with entities: URLs in the text that no given entity covers (2010-era tweets
//    carry plain URLs without a `urls` entity);
//  - email addresses, which no file gives, always.
// Nothing cut off by a truncation ellipsis at the end of a text is added: "@Yu…" is not a
// mention of @Yu.
#pragma once

#include "tweet.h"

namespace ti {

void complete_entities(Tweet& tweet);

}  // namespace ti

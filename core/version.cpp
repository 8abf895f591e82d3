#include "version.h"

#include "fields.h"

#include <fmt/format.h>
#include <xapian.h>

namespace ti {

const char* version() { return TWEET_INDEX_VERSION; }

std::string version_text(std::string_view program) {
    // The Xapian that is loaded, which may be newer than the headers built against.
    return fmt::format("{} {} (Xapian {}, index schema {})", program, version(), Xapian::version_string(),
                       kSchemaVersion);
}

}  // namespace ti

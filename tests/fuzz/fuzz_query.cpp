// Bytes as a search query -> QueryBuilder::parse_bare over an empty in-memory Xapian database.
// A QueryError is the parser's answer to a bad query; anything else is a finding.
#include "query.h"

#include <xapian.h>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    static ti::QueryBuilder builder(db);
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto q = builder.parse_bare(text);
        (void)q.get_description();
    } catch (const ti::QueryError&) {
    }
    return 0;
}

// Bytes as a URL -> normalise_url; as a host -> host_to_unicode and registrable_domain.
#include "urls.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto n = ti::normalise_url(text);
    (void)n;
    auto unicode = ti::host_to_unicode(text);
    auto domain = ti::registrable_domain(text);
    (void)unicode, (void)domain;
    return 0;
}

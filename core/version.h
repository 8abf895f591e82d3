// What `--version` of both programs says: this program's version, the Xapian library it runs
// with, and the index schema it reads and writes.
#pragma once

#include <string>
#include <string_view>

namespace ti {

const char* version();  // the project version of CMakeLists.txt
// "tweet-index 0.1.0 (Xapian 1.4.22, index schema 2)"
std::string version_text(std::string_view program);

}  // namespace ti

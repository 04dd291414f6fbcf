#include "nightly/scratch_database.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "bouncekit/history.hpp"

namespace bouncekit::nightly {

ScratchDatabase::ScratchDatabase() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / "bouncekit-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw history::DatabaseError("cannot create a temporary database under " + base.string() + ": " +
                                 std::strerror(errno));
  folder_ = pattern;
}

ScratchDatabase::~ScratchDatabase() {
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

}  // namespace bouncekit::nightly

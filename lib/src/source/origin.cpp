#include "bouncekit/source.hpp"

namespace bouncekit::source {

std::string Origin::to_string() const {
  if (!offset) return path;
  return path + "#" + std::to_string(index) + "@" + std::to_string(*offset);
}

}  // namespace bouncekit::source

// The status a decoder stated, for decoder tests. Inferred X.0.9NN placeholders live in their own
// field (Record::inferred_status) now; this stays as a guard that none leaks into `status`.
#pragma once

#include <string>

#include "classify/status_codes.hpp"

namespace bouncekit::decode::test {

/// "" for an inferred X.0.9NN placeholder, the status itself otherwise.
inline std::string stated_status(const std::string& status) {
  return bouncekit::classify::is_inferred_status(status) ? std::string() : status;
}

}  // namespace bouncekit::decode::test

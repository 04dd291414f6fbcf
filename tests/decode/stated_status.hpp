// The status a decoder stated, for decoder tests: decode() runs the classifier, which fills an inferred
// X.0.9NN placeholder when the message stated no status (docs/classifier.md).
#pragma once

#include <string>

#include "classify/status_codes.hpp"

namespace bouncekit::decode::test {

/// "" for an inferred X.0.9NN placeholder, the status itself otherwise.
inline std::string stated_status(const std::string& status) {
  return bouncekit::classify::is_inferred_status(status) ? std::string() : status;
}

}  // namespace bouncekit::decode::test

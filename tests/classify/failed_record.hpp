// A failed record made from the fields the classifier reads, and its reason: shared by the
// classifier tests that state evidence and expect a reason.
#pragma once

#include <string>

#include "bouncekit/classify.hpp"

namespace bouncekit::test {

inline Record rec(std::string diagnostic, std::string status = "", std::string reply = "",
                  std::string command = "") {
  Record r;
  r.diagnostic = std::move(diagnostic);
  r.status = std::move(status);
  r.reply_code = std::move(reply);
  r.smtp_command = std::move(command);
  r.action = "failed";
  return r;
}

inline std::string reason(const Record& r) { return std::string(vocabulary::name(classify::classify(r).reason)); }

}  // namespace bouncekit::test

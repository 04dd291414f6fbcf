// The reason vocabulary (DESIGN.md): who must act for each reason, what it means, what to do,
// and the placeholder status code a record gets when its bounce stated none.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::classify {

struct ReasonInfo {
  std::string_view name;     ///< Sisimai vocabulary: userunknown, mailboxfull, ...
  std::string_view owner;    ///< recipient | sender | message | remote | "" (not a bounce, or unknown)
  int inferred_detail;       ///< N of X.0.N for a record without a stated status; 0 = never inferred
  std::string_view meaning;  ///< one sentence
  std::string_view advice;   ///< what the sender should do
};

/// Every reason, in the order DESIGN.md lists them.
std::span<const ReasonInfo> all_reasons();

/// The entry for a reason name, nullptr if it is not in the vocabulary.
const ReasonInfo* find_reason(std::string_view name);

}  // namespace bouncekit::classify

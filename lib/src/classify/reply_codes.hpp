// SMTP reply codes (RFC 5321, RFC 7504, the extensions' codes, and the codes mail tools and
// articles commonly quote): class, meaning, advice, and the reason a code alone suggests.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::classify {

struct ReplyCodeInfo {
  int code;
  std::string_view reason;   ///< reason the code alone suggests, "" if it is too vague to decide
  std::string_view meaning;  ///< what the code says
  std::string_view advice;   ///< what a sender should do
};

/// Every known code, ascending.
std::span<const ReplyCodeInfo> all_reply_codes();

/// The entry for a three-digit code ("550"), nullptr if unknown or not three digits.
const ReplyCodeInfo* find_reply_code(std::string_view code);

/// Class of a code by its first digit: positive-preliminary, positive, intermediate, transient,
/// permanent; "" if it is not a reply code.
std::string_view reply_class(std::string_view code);

/// What the second digit says (syntax, information, connection, unspecified, mail system).
std::string_view reply_category(std::string_view code);

}  // namespace bouncekit::classify

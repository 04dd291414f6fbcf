// The original message returned inside a report, and the headers we keep of it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

struct OriginalMessage {
  bool found = false;
  std::string message_id;
  std::string from;     ///< address only
  std::string to;       ///< address only (first)
  std::string subject;  ///< RFC 2047 decoded, UTF-8
  std::string date;     ///< UTC ISO 8601
  std::string list_id;
  std::vector<std::pair<std::string, std::string>> extra;  ///< the headers the user asked for
};

/// Finds the returned message (message/rfc822, message/global, text/rfc822-headers,
/// message/global-headers) in the tree and reads its headers.
OriginalMessage find_original_message(const mime::Part& root, const std::vector<std::string>& extra_headers);

/// Reads the headers of an original message given as a field list.
OriginalMessage read_original_headers(const std::vector<mime::Field>& fields,
                                      const std::vector<std::string>& extra_headers);

}  // namespace bouncekit::decode

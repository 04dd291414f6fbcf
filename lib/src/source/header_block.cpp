// header_block.cpp — opens_with_header_field (RFC 5322 sections 2.2, 3.6.8 and 4.5).
#include "source/header_block.hpp"

#include <cstddef>

namespace bouncekit::source::detail {

bool opens_with_header_field(std::string_view message) {
  std::size_t i = 0;
  // field-name = 1*ftext; ftext = %d33-57 / %d59-126 (printable US-ASCII except ':')
  while (i < message.size()) {
    unsigned char c = static_cast<unsigned char>(message[i]);
    if (c < 33 || c > 126 || c == ':') break;
    ++i;
  }
  if (i == 0) return false;
  // obs-optional: white space between the name and the colon
  while (i < message.size() && (message[i] == ' ' || message[i] == '\t')) ++i;
  return i < message.size() && message[i] == ':';
}

}  // namespace bouncekit::source::detail

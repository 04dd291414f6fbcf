#include "mime/transfer_decoding.hpp"

#include <mimetic/codec/base64.h>
#include <mimetic/codec/code.h>
#include <mimetic/codec/qp.h>

#include <iterator>

#include "mime/quoted_printable.hpp"

namespace bouncekit::mime {

std::string transfer_decode(std::string_view body, std::string_view encoding) {
  std::string out;
  try {
    if (encoding == "base64") {
      out.reserve(body.size() * 3 / 4 + 4);
      mimetic::Base64::Decoder decoder;
      mimetic::decode(body.begin(), body.end(), decoder, std::back_inserter(out));
      return out;
    }
    if (encoding == "quoted-printable") return decode_quoted_printable(body);
  } catch (const std::exception&) {
    // A codec that gives up mid-way keeps what it decoded; the raw body would be worse.
    if (!out.empty()) return out;
  }
  return std::string(body);
}

bool transfer_decoding_changes(std::string_view encoding) {
  return encoding == "base64" || encoding == "quoted-printable";
}

}  // namespace bouncekit::mime

namespace bouncekit::mime::detail {

std::string mimetic_decode_quoted_printable(std::string_view body) {
  std::string out;
  mimetic::QP::Decoder decoder;
  mimetic::decode(body.begin(), body.end(), decoder, std::back_inserter(out));
  return out;
}

}  // namespace bouncekit::mime::detail

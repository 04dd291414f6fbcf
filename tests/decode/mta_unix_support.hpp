// Shared by the tests of the Unix MTA decoders (mta/unix.hpp): decode a
// testdata message or an inline text, list recipients, check who claimed it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"

namespace bouncekit::decode::test {

/// Decodes an inline message.
inline Result decode_text(std::string bytes) { return bouncekit::pipeline::decode_and_classify(raw_message(std::move(bytes))); }

/// Decodes testdata/decode/<name> after converting its LF line ends with `convert` (to_crlf, to_cr).
template <typename Convert>
Result decode_file_converted(const std::string& name, Convert convert) {
  return bouncekit::pipeline::decode_and_classify(raw_message(convert(bouncekit::test::read_file(decode_path(name)))));
}

/// The recipients of a result, in order.
inline std::vector<std::string> recipients_of(const Result& r) {
  std::vector<std::string> out;
  for (const bouncekit::Record& record : r.records) out.push_back(record.recipient);
  return out;
}

/// Every record names `decoder` in decoded_by.
inline void expect_decoded_by(const Result& r, const std::string& decoder) {
  for (const bouncekit::Record& record : r.records) EXPECT_EQ(record.decoded_by, decoder) << record.recipient;
}

/// True if `needle` occurs in `text`.
inline bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace bouncekit::decode::test

// Helpers for the tests of the provider decoders (mta/providers.hpp): decode a
// testdata message and compare its records with a short list of expectations.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decode/decode_support.hpp"

namespace bouncekit::decode::test {

struct Want {
  std::string recipient;
  std::string status;
  std::string reply_code;
  std::vector<std::string> words;  ///< must all appear in the diagnostic
  std::string action = "failed";
  std::string command = {};  ///< smtp_command; checked only if not empty
};

inline void expect_records(const Result& result, Kind kind, const std::string& decoder,
                           const std::vector<Want>& wants) {
  ASSERT_EQ(result.kind, kind) << dump(result);
  ASSERT_EQ(result.records.size(), wants.size()) << dump(result);
  for (std::size_t i = 0; i < wants.size(); ++i) {
    const Record& r = result.records[i];
    const Want& w = wants[i];
    SCOPED_TRACE("record " + std::to_string(i) + "\n" + dump(result));
    EXPECT_EQ(r.decoded_by, decoder);
    EXPECT_EQ(r.recipient, w.recipient);
    EXPECT_EQ(stated_status(r.status), w.status);
    EXPECT_EQ(r.reply_code, w.reply_code);
    EXPECT_EQ(r.action, w.action);
    if (!w.command.empty()) {
      EXPECT_EQ(r.smtp_command, w.command);
    }
    for (const std::string& word : w.words) EXPECT_NE(r.diagnostic.find(word), std::string::npos) << word;
  }
}

/// The message decodes to a bounce by `decoder` with these records.
inline void expect_bounce(const std::string& file, const std::string& decoder, const std::vector<Want>& wants) {
  SCOPED_TRACE(file);
  expect_records(decode_file(file), Kind::bounce, decoder, wants);
}

/// The same message with CRLF and CR-only line ends gives the same records.
inline void expect_same_with_other_line_ends(const std::string& file) {
  SCOPED_TRACE(file);
  std::string lf = bouncekit::test::read_file(decode_path(file));
  Result a = bouncekit::pipeline::decode_and_classify(raw_message(lf));
  for (const std::string& other : {to_crlf(lf), to_cr(lf)}) {
    Result b = bouncekit::pipeline::decode_and_classify(raw_message(other));
    ASSERT_EQ(a.kind, b.kind);
    ASSERT_EQ(a.records.size(), b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i)
      EXPECT_EQ(fields_of(a.records[i]), fields_of(b.records[i])) << "record " << i;
  }
}

}  // namespace bouncekit::decode::test

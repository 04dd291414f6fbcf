// The same message with LF, CRLF and CR-only line ends gives identical records.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/source.hpp"
#include "decode/decode_support.hpp"
#include "test_support.hpp"

namespace {

using bouncekit::decode::decode;
using bouncekit::decode::DecodeOptions;
using bouncekit::decode::Result;
using bouncekit::decode::test::decode_path;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::fields_of;
using bouncekit::decode::test::raw_message;
using bouncekit::decode::test::to_cr;
using bouncekit::decode::test::to_crlf;
using bouncekit::source::RawMessage;
using bouncekit::source::Reader;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

const std::vector<std::string> kMessages = {
    "01_postfix_user_unknown.eml",   "02_sendmail_three_recipients.eml", "03_rfc822_headers_encoded.eml",
    "04_global_delivery_status.eml", "05_success_dsn.eml",               "06_arf_abuse.eml",
    "07_vacation.eml",               "08_newsletter.eml",                "09_unclosed_inner_multipart.eml",
    "10_base64_delivery_status.eml", "11_latin1_8bit.eml",               "12_no_per_message_block.eml"};

DecodeOptions options() {
  DecodeOptions o;
  o.extra_headers = {"X-Campaign-Id"};
  return o;
}

void expect_same(const Result& a, const Result& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.kind, b.kind);
  ASSERT_EQ(a.records.size(), b.records.size()) << "LF:\n" << dump(a) << "other:\n" << dump(b);
  for (std::size_t i = 0; i < a.records.size(); ++i)
    EXPECT_EQ(fields_of(a.records[i], false), fields_of(b.records[i], false))
        << "record " << i << "\nLF:\n" << dump(a) << "other:\n" << dump(b);
}

// The source stage normalises line ends: a file with CRLF or CR line ends,
// read through source::Reader, decodes exactly like the LF original.
TEST(DecodeLineEnds, CrlfAndCrFilesReadThroughSourceGiveIdenticalRecords) {
  TempDir tmp;
  for (const auto& name : kMessages) {
    const std::string lf = read_file(decode_path(name));
    Result expected = bouncekit::pipeline::decode_and_classify(raw_message(lf, decode_path(name)), options());
    for (const auto& [suffix, bytes] : {std::pair{"crlf", to_crlf(lf)}, std::pair{"cr", to_cr(lf)}}) {
      const auto path = tmp.path() / (name + "." + suffix);
      write_file(path, bytes);
      Reader reader({path.string()});
      RawMessage m;
      ASSERT_TRUE(reader.next(m)) << path;
      EXPECT_EQ(m.bytes, lf) << name << " " << suffix;
      expect_same(expected, bouncekit::pipeline::decode_and_classify(m, options()), name + " " + suffix);
      EXPECT_FALSE(reader.next(m));
      EXPECT_TRUE(reader.errors().empty());
    }
  }
}

// A library user who builds RawMessage from CRLF bytes (as they come off an
// SMTP session or an IMAP fetch) gets the same records as with LF.
TEST(DecodeLineEnds, CrlfBytesGivenDirectlyGiveIdenticalRecords) {
  for (const auto& name : kMessages) {
    const std::string lf = read_file(decode_path(name));
    Result expected = bouncekit::pipeline::decode_and_classify(raw_message(lf, decode_path(name)), options());
    expect_same(expected, bouncekit::pipeline::decode_and_classify(raw_message(to_crlf(lf), decode_path(name)), options()), name + " crlf direct");
  }
}

}  // namespace

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

TEST(ParseContentType, TypeSubtypeAndParamNamesAreLowerCased) {
  const auto ct = parse_content_type("Multipart/REPORT; Report-Type=delivery-status;\n\tBOUNDARY=\"=_Ab:Cd\"");
  EXPECT_EQ(ct.type, "multipart");
  EXPECT_EQ(ct.subtype, "report");
  EXPECT_EQ(ct.mime_type(), "multipart/report");
  EXPECT_EQ(ct.param("report-type"), "delivery-status");
  EXPECT_EQ(ct.param("boundary"), "=_Ab:Cd");
  EXPECT_EQ(ct.param("Boundary"), "=_Ab:Cd");
  EXPECT_EQ(ct.param("charset"), "");
  EXPECT_EQ(ct.params.size(), 2u);
}

TEST(ParseContentType, QuotedStringsWithEscapes) {
  const auto ct = parse_content_type(R"(text/plain; c="quoted \"x\" \\ y"; d="semi;colon")");
  EXPECT_EQ(ct.param("c"), R"(quoted "x" \ y)");
  EXPECT_EQ(ct.param("d"), "semi;colon");
}

TEST(ParseContentType, MissingOrGarbageTypeDefaultsToTextPlain) {
  EXPECT_EQ(parse_content_type("").mime_type(), "text/plain");
  EXPECT_EQ(parse_content_type("   ").mime_type(), "text/plain");
  EXPECT_EQ(parse_content_type("text").mime_type(), "text/plain");
  EXPECT_EQ(parse_content_type("/html").mime_type(), "text/plain");
  EXPECT_EQ(parse_content_type("<<garbage>>").mime_type(), "text/plain");
  EXPECT_EQ(parse_content_type("t\xE9xt/html").mime_type(), "text/plain");
  const auto ct = parse_content_type("; charset=koi8-r");
  EXPECT_EQ(ct.mime_type(), "text/plain");
  EXPECT_EQ(ct.param("charset"), "koi8-r");
}

TEST(ParseContentType, CommentsAreIgnored) {
  const auto ct = parse_content_type(
      "(lead) text (a comment (nested)) / html (more); charset=us-ascii (Plain text); format=flowed");
  EXPECT_EQ(ct.mime_type(), "text/html");
  EXPECT_EQ(ct.param("charset"), "us-ascii");
  EXPECT_EQ(ct.param("format"), "flowed");
  EXPECT_EQ(ct.params.size(), 2u);
}

TEST(ParseContentType, MissingSemicolons) {
  const auto ct = parse_content_type("text/plain charset=utf-8 format=flowed delsp = yes");
  EXPECT_EQ(ct.mime_type(), "text/plain");
  EXPECT_EQ(ct.param("charset"), "utf-8");
  EXPECT_EQ(ct.param("format"), "flowed");
  EXPECT_EQ(ct.param("delsp"), "yes");
}

TEST(ParseContentType, UnquotedValuesWithOddCharacters) {
  const auto ct = parse_content_type(
      "multipart/mixed; boundary=----=_Part_7_1.2@host/x?y; name=my report (v2).txt; x=\"a\"b");
  EXPECT_EQ(ct.param("boundary"), "----=_Part_7_1.2@host/x?y");
  EXPECT_EQ(ct.param("name"), "my report");
  EXPECT_EQ(ct.param("x"), "a");
  const auto ct2 = parse_content_type("application/octet-stream; name=my file.txt");
  EXPECT_EQ(ct2.param("name"), "my file.txt");
}

TEST(ParseContentType, DuplicateParamsFirstWins) {
  const auto ct = parse_content_type("text/plain; charset=iso-8859-1; CHARSET=utf-8; charset=\"x\"");
  EXPECT_EQ(ct.param("charset"), "iso-8859-1");
}

TEST(ParseContentType, EmptyValueAndBareWords) {
  const auto ct = parse_content_type("text/plain; junk; a=; b=\"\"; =c; d=1");
  EXPECT_EQ(ct.param("a"), "");
  EXPECT_EQ(ct.params.count("a"), 1u);
  EXPECT_EQ(ct.param("b"), "");
  EXPECT_EQ(ct.param("d"), "1");
  EXPECT_EQ(ct.params.count("junk"), 0u);
}

TEST(ParseContentType, Rfc2231ExtendedValue) {
  const auto ct = parse_content_type("application/pdf; name*=utf-8''%E2%82%AC%20rate.pdf");
  EXPECT_EQ(ct.param("name"), "\xE2\x82\xAC rate.pdf");
}

TEST(ParseContentType, Rfc2231ExtendedValueWithLanguageAndCharset) {
  const auto ct = parse_content_type("text/plain; title*=iso-8859-1'de'Gr%FC%DFe");
  EXPECT_EQ(ct.param("title"), "Gr\xC3\xBC\xC3\x9F" "e");
  const auto ct2 = parse_content_type("text/plain; title*=koi8-r''%F0%D2%C9%D7%C5%D4");
  EXPECT_EQ(ct2.param("title"), "Привет");
}

TEST(ParseContentType, Rfc2231ContinuationsJoinedInNumericOrder) {
  const auto ct = parse_content_type(
      "message/external-body; e*1=\"def\"; e*0=\"abc\"; e*10=\"!\"; e*2=ghi; "
      "f*0*=us-ascii'en'x%20y; f*1=z; f*2*=%21");
  EXPECT_EQ(ct.param("e"), "abcdefghi!");
  EXPECT_EQ(ct.param("f"), "x yz!");
}

TEST(ParseContentType, Rfc2231ContinuationsWithMultibyteCharset) {
  // A UTF-8 character split across two sections survives the join.
  const auto ct = parse_content_type("attachment; filename*0*=UTF-8''%E6%97; filename*1*=%A5%E6%9C%AC.txt");
  EXPECT_EQ(ct.param("filename"), "日本.txt");
  const auto sjis = parse_content_type("application/octet-stream; name*0*=shift_jis''%94z; name*1*=%90M");
  EXPECT_EQ(sjis.param("name"), "配信");
}

TEST(ParseContentType, Rfc2231FormWinsOverPlainFallback) {
  const auto ct = parse_content_type("text/plain; name=\"fallback.txt\"; name*=utf-8''r%C3%A9el.txt");
  EXPECT_EQ(ct.param("name"), "r\xC3\xA9" "el.txt");
}

TEST(ParseContentType, Rfc2231WithoutCharsetQuotesIsStillPercentDecoded) {
  const auto ct = parse_content_type("text/plain; a*=%41%42%zz; b*=''%C3%A9");
  EXPECT_EQ(ct.param("a"), "AB%zz");
  EXPECT_EQ(ct.param("b"), "\xC3\xA9");
}

TEST(ParseContentType, EightBitPlainValuesBecomeValidUtf8) {
  const auto ct = parse_content_type("text/plain; name=\"caf\xE9.txt\"");
  EXPECT_EQ(ct.param("name"), "caf\xC3\xA9.txt");
}

TEST(ParseContentType, UnclosedQuoteAndComment) {
  EXPECT_EQ(parse_content_type("text/plain; a=\"open").param("a"), "open");
  const auto ct = parse_content_type("text/html (never closed; charset=x");
  EXPECT_EQ(ct.mime_type(), "text/html");
  EXPECT_TRUE(ct.params.empty());
}

// Past a handful of names the parameters are looked up through an index: the first value of each
// name still wins, RFC 2231 sections still join, and a value with very many parameters stays fast.
TEST(ParseContentType, ManyParameters) {
  std::string value = "text/plain";
  for (int i = 0; i < 40; ++i) value += "; P" + std::to_string(i) + "=v" + std::to_string(i);
  value += "; p3=second; title*1=\"b\"; title*0=\"a\"; P39=again";
  const ContentType ct = parse_content_type(value);
  ASSERT_EQ(ct.params.size(), 41u);
  EXPECT_EQ(ct.param("p0"), "v0");
  EXPECT_EQ(ct.param("p3"), "v3");
  EXPECT_EQ(ct.param("p39"), "v39");
  EXPECT_EQ(ct.param("title"), "ab");

  std::string hostile = "multipart/mixed";
  for (int i = 0; i < 60000; ++i) hostile += ";n" + std::to_string(i) + "=x";
  EXPECT_EQ(parse_content_type(hostile).params.size(), 60000u);
}

// ContentType::is answers what comparing mime_type() would, without building the string.
TEST(ContentTypeIs, AgreesWithMimeTypeComparison) {
  const std::vector<std::pair<std::string, std::string>> types{
      {"multipart", "report"}, {"message", "delivery-status"}, {"text", "plain"}, {"multi", "part/report"},
      {"", ""}, {"multipart", ""}, {"", "report"}};
  const std::vector<std::string_view> asked{"multipart/report", "message/delivery-status", "text/plain", "/",
                                            "multipart/", "/report", "multipart/reports", "multipart-report", ""};
  for (const auto& [type, subtype] : types) {
    ContentType ct;
    ct.type = type;
    ct.subtype = subtype;
    for (std::string_view t : asked) EXPECT_EQ(ct.is(t), ct.mime_type() == t) << type << "/" << subtype << " vs " << t;
  }
}

}  // namespace
}  // namespace bouncekit::mime

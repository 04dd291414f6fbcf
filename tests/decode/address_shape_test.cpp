// Addresses are checked on the way in (RFC 5321 section 4.1.2, RFC 6531 section 3.3): a
// recipient that is not an address's shape is not produced, so it is never suppressed, and
// never carries control characters to a terminal or a spreadsheet.
#include <gtest/gtest.h>

#include "decode/address.hpp"

namespace {

using bouncekit::decode::clean_address;
using bouncekit::decode::looks_like_address;

TEST(AddressShape, OrdinaryAndInternationalAddressesAreKept) {
  EXPECT_EQ(clean_address("rfc822; user+tag@example.org"), "user+tag@example.org");
  EXPECT_EQ(clean_address("o'brien@example.ie"), "o'brien@example.ie");
  EXPECT_EQ(clean_address("\"john smith\"@example.org"), "\"john smith\"@example.org");
  EXPECT_EQ(clean_address("utf-8; \xE7\x94\xB0\xE4\xB8\xAD@\xE4\xBE\x8B\xE3\x81\x88.jp"),
            "\xE7\x94\xB0\xE4\xB8\xAD@\xE4\xBE\x8B\xE3\x81\x88.jp");
  EXPECT_EQ(clean_address("taro..yamada.@docomo.example"), "taro..yamada.@docomo.example");
  EXPECT_EQ(clean_address("postmaster@[192.0.2.1]"), "postmaster@[192.0.2.1]");
  EXPECT_EQ(clean_address("root"), "root") << "a bare local part, as some MTAs report it";
  EXPECT_TRUE(looks_like_address("a_b@mail_1.example.org"));
}

TEST(AddressShape, ControlCharactersAreRefused) {
  EXPECT_EQ(clean_address("bob@ex\x1b]0;PWNED\x07\x1b[41mample.org"), "");
  EXPECT_EQ(clean_address("bob\xC2\x9B@example.org"), "");           // U+009B
  EXPECT_EQ(clean_address("moc.elpmaxe\xE2\x80\xAE@evil.example"), "");  // U+202E
  EXPECT_EQ(clean_address("a\x7f@example.org"), "");
  EXPECT_EQ(clean_address("bob\x9B@example.org"), "") << "C1 CSI of ISO 8859, before conversion";
  EXPECT_EQ(clean_address("j\xFCrgen@example.org"), "j\xFCrgen@example.org") << "ISO 8859-1, converted later";
  EXPECT_FALSE(looks_like_address("bob@ex\x1b[0mample.org"));
}

TEST(AddressShape, SpreadsheetFormulasAndOtherNonAddressesAreRefused) {
  EXPECT_EQ(clean_address("=HYPERLINK(\"http://evil.example/\",\"x\")@example.org"), "");
  EXPECT_EQ(clean_address("@sum(1+1)@example.org"), "");
  EXPECT_EQ(clean_address("=cmd@example.org"), "");
  EXPECT_EQ(clean_address("ok@=1+2.example"), "");
  EXPECT_EQ(clean_address("a(b)@example.org"), "");
  EXPECT_EQ(clean_address("a\"b@example.org"), "");
  EXPECT_EQ(clean_address("user@exa mple.org"), "user@exa");  // cut at the blank, as before
  EXPECT_FALSE(looks_like_address("a@b@example.org"));
  EXPECT_FALSE(looks_like_address("user@"));
  EXPECT_FALSE(looks_like_address(std::string(600, 'a') + "@example.org"));
}

}  // namespace

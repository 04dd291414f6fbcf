// mime::uncut_body: the body of one part with its lines whole, where the tree every reader sees has
// them cut at Limits::max_line_bytes. A small budget makes the cut cheap to reach.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

constexpr std::size_t kBudget = 1000;

Limits small_lines() {
  Limits l;
  l.max_line_bytes = kBudget;
  return l;
}

// A line of `n` bytes, every one of them telling where it stands (so a wrong slice shows).
std::string long_line(std::size_t n, char tag) {
  std::string s;
  for (std::size_t i = 0; s.size() < n; ++i) s += tag + std::to_string(i) + ",";
  s.resize(n);
  return s;
}

std::string base64(std::string_view in) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
  }
  if (i < in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

TEST(UncutBody, SinglePartBodyIsReadWhole) {
  const std::string line = long_line(5000, 'a');
  const std::string raw = "From: x@example.org\nContent-Type: text/plain\n\n" + line + "\nsecond line\n";
  Message m = parse(raw, small_lines());
  ASSERT_EQ(m.root.raw_body.size(), kBudget + 13);  // what every reader sees: the line cut
  std::optional<UncutBody> whole = uncut_body(raw, m, m.root, raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), line + "\nsecond line\n");
  EXPECT_FALSE(whole->is_decoded);
  EXPECT_FALSE(whole->truncated);
  // Whole bodies are handed out only on request: the tree still has the cut line.
  EXPECT_EQ(m.root.body().size(), kBudget + 13);
}

TEST(UncutBody, PartOfNestedMultipartsIsFoundByItsPlace) {
  const std::string plain = long_line(4000, 'p');
  const std::string html = "<p>" + long_line(3000, 'h') + "</p>";
  const std::string raw =
      "From: x@example.org\nContent-Type: multipart/mixed; boundary=\"outer\"\n\npreamble\n"
      "--outer\nContent-Type: text/plain\n\nshort first part\n"
      "--outer\nContent-Type: multipart/alternative; boundary=inner\n\n"
      "--inner\nContent-Type: text/plain; charset=utf-8\n\n" + plain + "\n"
      "--inner\nContent-Type: text/html\n\n" + html + "\n--inner--\n"
      "--outer\nContent-Type: application/octet-stream\n\n" + long_line(2000, 'z') + "\n--outer--\nepilogue\n";
  Message m = parse(raw, small_lines());
  ASSERT_EQ(m.root.children.size(), 3u);
  ASSERT_EQ(m.root.children[1].children.size(), 2u);
  const Part& text = m.root.children[1].children[0];
  const Part& markup = m.root.children[1].children[1];
  ASSERT_EQ(text.raw_body.size(), kBudget);
  std::optional<UncutBody> whole = uncut_body(raw, m, text, raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), plain);  // without the line end before the delimiter, as mimetic
  whole = uncut_body(raw, m, markup, raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), html);
  whole = uncut_body(raw, m, m.root.children[2], raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), long_line(2000, 'z'));
  // A part whose lines were not cut: nothing to add to Part::body().
  EXPECT_FALSE(uncut_body(raw, m, m.root.children[0], raw.size(), small_lines()));
  // A container, or a part of another tree: not given.
  EXPECT_FALSE(uncut_body(raw, m, m.root.children[1], raw.size(), small_lines()));
  Part stranger;
  EXPECT_FALSE(uncut_body(raw, m, stranger, raw.size(), small_lines()));
}

TEST(UncutBody, TransferEncodedBodiesAreDecoded) {
  const std::string json = "{\"list\":[\"" + long_line(6000, 'j') + "\"]}";
  std::string encoded = base64(json);  // on one line, as a careless gateway might write it
  std::string qp;                      // one line, no soft breaks, "=" written as =3D
  for (char c : json + "=") qp += c == '=' ? std::string("=3D") : std::string(1, c);
  const std::string raw = "From: x@example.org\nContent-Type: multipart/mixed; boundary=B\n\n"
                          "--B\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + encoded +
                          "\n--B\nContent-Type: text/plain\nContent-Transfer-Encoding: Quoted-Printable\n\n" + qp +
                          "\n--B--\n";
  Message m = parse(raw, small_lines());
  ASSERT_EQ(m.root.children.size(), 2u);
  EXPECT_LT(m.root.children[0].body().size(), json.size());  // the cut line decodes to less
  std::optional<UncutBody> whole = uncut_body(raw, m, m.root.children[0], raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->is_decoded);
  EXPECT_EQ(whole->bytes(), json);
  whole = uncut_body(raw, m, m.root.children[1], raw.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), json + "=");
}

TEST(UncutBody, TheBudgetIsNeverExceeded) {
  const std::string line = long_line(9000, 'b');
  const std::string plain = "From: x@example.org\n\n" + line + "\n";
  Message m = parse(plain, small_lines());
  std::optional<UncutBody> whole = uncut_body(plain, m, m.root, 2500, small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), line.substr(0, 2500));
  EXPECT_TRUE(whole->truncated);

  const std::string encoded = "From: x@example.org\nContent-Transfer-Encoding: base64\n\n" + base64(line) + "\n";
  m = parse(encoded, small_lines());
  whole = uncut_body(encoded, m, m.root, 2500, small_lines());
  ASSERT_TRUE(whole);
  EXPECT_LE(whole->bytes().size(), 2500u);
  EXPECT_GE(whole->bytes().size(), 2490u);
  EXPECT_EQ(whole->bytes(), line.substr(0, whole->bytes().size()));
  EXPECT_TRUE(whole->truncated);
  EXPECT_LE(whole->decoded.capacity(), 2500u + 16);  // one buffer, no larger than the budget
}

// A delimiter hidden in the part of a long line the cut took away: mimetic never saw it, so its
// tree and the message disagree after it. What would be found in the wrong place is not handed out.
TEST(UncutBody, ABoundaryOnlyTheWholeLineHoldsIsCaught) {
  std::string first = long_line(3000, 'f');
  first.replace(2000, 3, "--B");
  const std::string second = long_line(3000, 's');
  const std::string raw = "From: x@example.org\nContent-Type: multipart/mixed; boundary=B\n\n"
                          "--B\nContent-Type: text/plain\n\n" + first + "\n\nmore text\n--B\nContent-Type: text/plain\n\n" +
                          second + "\n--B--\n";
  Message m = parse(raw, small_lines());
  ASSERT_EQ(m.root.children.size(), 2u);
  ASSERT_EQ(m.root.children[1].raw_body, second.substr(0, kBudget));
  // Read whole, the first part would end at the hidden delimiter, and "more text" would be taken
  // for the second part's body: neither is what the tree holds.
  EXPECT_FALSE(uncut_body(raw, m, m.root.children[0], raw.size(), small_lines()));
  EXPECT_FALSE(uncut_body(raw, m, m.root.children[1], raw.size(), small_lines()));
  // Without the hidden delimiter, both are found.
  std::string clean = raw;
  clean.replace(clean.find("--B", clean.find("f0,")), 3, "xyz");
  m = parse(clean, small_lines());
  ASSERT_TRUE(uncut_body(clean, m, m.root.children[0], clean.size(), small_lines()));
  std::optional<UncutBody> whole = uncut_body(clean, m, m.root.children[1], clean.size(), small_lines());
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bytes(), second);
}

TEST(UncutBody, ShortMessagesAndBrokenStructuresGiveNothing) {
  const std::string raw = "From: x@example.org\n\nshort\n";
  Message m = parse(raw, small_lines());
  EXPECT_FALSE(uncut_body(raw, m, m.root, raw.size(), small_lines()));
  // The tree from one text, asked about another.
  const std::string line = long_line(3000, 'c');
  const std::string a = "From: x@example.org\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\n" + line + "\n--B--\n";
  m = parse(a, small_lines());
  ASSERT_EQ(m.root.children.size(), 1u);
  std::string b = a;
  b.replace(b.find("--B\n\n"), 3, "--X");
  EXPECT_FALSE(uncut_body(b, m, m.root.children[0], b.size(), small_lines()));
  b = a;
  b[a.find("--B\n\n") + 5 + 10] = '!';  // in the part of the line every reader sees
  EXPECT_FALSE(uncut_body(b, m, m.root.children[0], b.size(), small_lines()));
  ASSERT_TRUE(uncut_body(a, m, m.root.children[0], a.size(), small_lines()));
}

}  // namespace
}  // namespace bouncekit::mime

// mime::uncut_body: the body of one part with its lines whole, where the tree every reader sees has
// them cut at Limits::max_line_bytes. A small budget makes the cut cheap to reach.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bouncekit/mime.hpp"
#include "mime/prepare.hpp"

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

namespace bouncekit::mime {
namespace {

// Random messages full of what makes the cut copy and the message differ: long lines, boundaries
// inside lines (in the cut-off rest too), folded "Name:" lines in bodies, nested multiparts and
// enclosed messages, missing closing delimiters, stray CRs. The oracle is mimetic itself given the
// message uncut (a line budget larger than the message): whenever uncut_body gives a body, it is
// the body mimetic reads there, and cut by the budget it is the part's body in the cut tree.
// A `hostile` message also has delimiters in the cut-off rest of long lines, and nested boundaries
// that begin with their parent's ("B1x" in "B1", which RFC 2046 section 5.1.1 forbids): mimetic
// reading it whole splits it otherwise than the cut tree, so only the second promise is asked.
class RandomMessage {
 public:
  RandomMessage(unsigned seed, bool hostile) : rng_(seed), hostile_(hostile) {}

  std::string message() {
    std::string m = "From: x@example.org\n";
    if (pick(4) == 0) return m + "Content-Type: text/plain\n\n" + lines(6);
    m += "Content-Type: multipart/mixed; boundary=\"B1\"\n\n" + line() + "\n";
    multipart_body(m, "B1", 0);
    return m;
  }

 private:
  unsigned pick(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng_); }

  std::string line() {
    std::string s;
    switch (pick(8)) {
      case 0: return "";
      case 1: s = "Name: value"; break;
      case 2: s = " continued"; break;
      case 3: s = std::string(40 + pick(400), 'L'); break;
      case 4:  // a delimiter inside a line: where every reader sees it, or (hostile) anywhere
        s = std::string(pick(hostile_ ? 300 : 30), 'h') + (pick(2) ? "--B1" : "--C0B1") + std::string(pick(300), 't');
        break;
      case 5: s = "text\r"; break;
      default: s = "word " + std::to_string(pick(1000)); break;
    }
    return s;
  }
  std::string lines(unsigned most) {
    std::string s;
    for (unsigned i = 0, n = pick(most) + 1; i < n; ++i) s += line() + "\n";
    return s;
  }
  void leaf(std::string& m) { m += "Content-Type: text/plain\n\n" + lines(6); }
  void multipart_body(std::string& m, const std::string& boundary, int depth) {
    for (unsigned i = 0, n = pick(4) + 1; i < n; ++i) {
      m += "--" + boundary + "\n";
      const unsigned kind = depth < 2 ? pick(5) : 0;
      if (kind == 3) {
        const std::string inner = hostile_ ? boundary + "x" : "C" + std::to_string(depth) + boundary;
        m += "Content-Type: multipart/alternative; boundary=\"" + inner + "\"\n\n";
        multipart_body(m, inner, depth + 1);
      } else if (kind == 4) {
        m += "Content-Type: message/rfc822\n\nSubject: enclosed\n";
        leaf(m);
      } else {
        leaf(m);
      }
    }
    if (pick(4) != 0) m += "--" + boundary + "--\n" + lines(2);
  }

  std::mt19937 rng_;
  bool hostile_;
};

void leaves(const Part& p, std::vector<const Part*>& out) {
  if (p.children.empty()) out.push_back(&p);
  for (const Part& c : p.children) leaves(c, out);
}

const Part* at_same_place(const Part& root, const Part& other_root, const Part& target) {
  if (&other_root == &target) return &root;
  for (std::size_t i = 0; i < other_root.children.size() && i < root.children.size(); ++i)
    if (const Part* p = at_same_place(root.children[i], other_root.children[i], target)) return p;
  return nullptr;
}

TEST(UncutBody, WhatIsGivenIsWhatMimeticReadsUncut) {
  Limits budget;
  budget.max_line_bytes = 64;
  Limits unlimited;
  unlimited.max_line_bytes = 1u << 30;
  for (bool hostile : {false, true}) {
    std::size_t given = 0, refused = 0;
    for (unsigned seed = 0; seed < 3000; ++seed) {
      const std::string raw = RandomMessage(seed, hostile).message();
      const Message cut = parse(raw, budget);
      const Message whole = parse(raw, unlimited);
      std::vector<const Part*> parts;
      leaves(cut.root, parts);
      for (const Part* part : parts) {
        std::optional<UncutBody> body = uncut_body(raw, cut, *part, raw.size(), budget);
        if (!body) {
          ++refused;
          continue;
        }
        ++given;
        // The part's body in the cut tree, its cut lines given whole.
        EXPECT_EQ(prepare_input(body->bytes(), budget.max_line_bytes).view, part->raw_body) << "seed " << seed;
        if (hostile) continue;
        const Part* oracle = at_same_place(whole.root, cut.root, *part);
        ASSERT_NE(oracle, nullptr) << "seed " << seed;
        EXPECT_EQ(body->bytes(), oracle->raw_body) << "seed " << seed;
      }
    }
    std::printf("%s: uncut bodies given %zu, refused (not cut, or not found) %zu\n",
                hostile ? "hostile boundaries" : "boundaries every reader sees", given, refused);
    EXPECT_GT(given, 1000u);
  }
}

}  // namespace
}  // namespace bouncekit::mime

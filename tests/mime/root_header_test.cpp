// The top-level header block read without mimetic (read_root_header, the fast path of
// mime::parse) must give exactly what mimetic's own header reader gives: every case here is
// parsed both ways (parse, and parse_with_mimetic_header, the whole message through mimetic)
// and the two Part trees compared, fields, types, bodies and children.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/mime.hpp"
#include "mime/root_header.hpp"

namespace bouncekit::mime {
namespace {

using namespace std::string_literals;

std::string show(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 32 && c < 127 && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Where the two trees first differ ("" if they are equal).
std::string diff(const Part& a, const Part& b, const std::string& at) {
  if (a.fields.size() != b.fields.size())
    return at + ": " + std::to_string(a.fields.size()) + " fields against " + std::to_string(b.fields.size());
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    if (a.fields[i].name != b.fields[i].name || a.fields[i].value != b.fields[i].value)
      return at + ": field " + std::to_string(i) + " [" + show(a.fields[i].name) + "]=[" + show(a.fields[i].value) +
             "] against [" + show(b.fields[i].name) + "]=[" + show(b.fields[i].value) + "]";
  }
  if (a.content_type.type != b.content_type.type || a.content_type.subtype != b.content_type.subtype ||
      a.content_type.params != b.content_type.params)
    return at + ": content type " + a.content_type.mime_type() + " against " + b.content_type.mime_type();
  if (a.transfer_encoding != b.transfer_encoding) return at + ": transfer encoding";
  if (a.raw_body != b.raw_body) return at + ": body [" + show(a.raw_body) + "] against [" + show(b.raw_body) + "]";
  if (a.children.size() != b.children.size()) return at + ": child count";
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    std::string d = diff(a.children[i], b.children[i], at + "/" + std::to_string(i));
    if (!d.empty()) return d;
  }
  return "";
}

// Parses `raw` both ways and says where they differ; counts the fast path in `fast`.
std::string compare(const std::string& raw, const Limits& limits = {}, int* fast = nullptr) {
  RootHeader header;
  if (fast && read_root_header(raw, header)) ++*fast;
  const Message quick = parse(raw, limits);
  const Message full = parse_with_mimetic_header(raw, limits);
  if (quick.damaged != full.damaged || quick.problem != full.problem) return "damaged/problem differ";
  std::string d = diff(quick.root, full.root, "root");
  return d.empty() ? d : d + " in [" + show(raw) + "]";
}

const std::string kMultipartBody =
    "preamble\n--B1\nContent-Type: text/plain\n\nhello\n--B1\nContent-Type: message/delivery-status\n\n"
    "Final-Recipient: rfc822; a@b.c\nAction: failed\n\n--B1\nContent-Type: message/rfc822\n\n"
    "From: x@y.z\nSubject: returned\nContent-Type: text/plain; charset=us-ascii\n\nbody\n--B1--\nepilogue\n";

TEST(RootHeader, ReadsCleanBlocksAsMimeticDoes) {
  const std::vector<std::string> headers = {
      "From: a@b.c\nTo: d@e.f\nSubject: hi\n",
      "From: a@b.c\r\nTo: d@e.f\r\nSubject: hi\r\n",
      "Subject:   leading blanks\nX-Trail: trailing blanks  \t \n",
      "Subject: folded\n  over\n\ttwo lines\n",
      "Subject:\n folded after an empty value\n",
      "Subject:\nX-Empty:   \nX-Empty-Too:\n",
      "Subject: a\n   \nX-After-Blank-Continuation: b\n",
      "Name  \t : blanks before the colon\n",
      "Received: from x\n\tby y; Mon, 1 Jan 2024 00:00:00 +0000\nReceived: from z\nReceived: from w\n",
      "Subject: 8-bit \xe9\xff value\n",
      "Subject: value: with: colons:\n",
      "X-Weird-!#$%&'*+-/=?^_`{|}~: name of every allowed punctuation\n",
      "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"B1\"\n",
      "content-type: MULTIPART/mixed; boundary=B1\nContent-Type: text/plain\n",
      "Content-Transfer-Encoding:  Base64 \nContent-Type: text/plain\n",
      "Content-Type : multipart/mixed; boundary=B1\n",
      "Content-Type: message/rfc822\n",
      "Content-Type: multipart/mixed;\n boundary=\"B1\"\r\n",  // mixed line ends
      "X-Long: " + std::string(5000, 'v') + "\n",
      "X-Many-Folds: a\n" + [] {
        std::string s;
        for (int i = 0; i < 300; ++i) s += " fold\n";
        return s;
      }(),
  };
  const std::vector<std::string> bodies = {"", "body\n", "\rbody after CR\n", "\n\nbody\n", kMultipartBody,
                                           "no end of line"};
  int fast = 0;
  for (const std::string& h : headers) {
    for (const std::string& b : bodies) {
      const bool crlf = h.find("\r\n") != std::string::npos && h.find("\r\n") == h.find('\n') - 1;
      EXPECT_EQ(compare(h + (crlf ? "\r\n" : "\n") + b, {}, &fast), "");
      EXPECT_EQ(compare(h + "\n" + b), "");
      EXPECT_EQ(compare(h + "\r\n" + b), "");
    }
  }
  // All but the mixed-line-end header are clean.
  EXPECT_EQ(fast, static_cast<int>((headers.size() - 1) * bodies.size()));
}

TEST(RootHeader, QuirksFallBackAndStillAgree) {
  const std::vector<std::string> messages = {
      "Subject: cr only\rTo: a\r\rbody\r",                       // CR line ends
      "Subject: lf then cr\n\rTo: a\n\nbody\n",                  // "\n\r" is one line end to mimetic
      "Subject: a\n\r\nbody\n",                                  // LF line, CRLF empty line
      "Subject: a\r\n\nbody\n",                                  // CRLF line, LF empty line
      "Subject: lone\rcr\n\nbody\n",                             // CR inside a value
      "Subject: nul\0cut\nTo: a\n\nbody\n"s,                     // NUL cuts the value
      "Not a field\nSubject: a\n\nbody\n",                       // first line becomes body
      "Subject: a\nNot a field\nTo: b\n\nbody\n",                // header ends, rest is body
      "Subject: a\nName blank x: y\n\nbody\n",                   // "Name blank+ x" is body
      "Subject: a\n: starts with a colon\nTo: b\n\nbody\n",      // line ignored
      "Subject: a\n: ignored\n continued\nTo: b\n\nbody\n",      // value bytes leak into To
      "  value before any field\nSubject: a\n\nbody\n",          // value bytes before the first field
      " : blank name\nSubject: a\n\nbody\n",
      "N\xe4me: 8-bit in the name\nSubject: a\n\nbody\n",
      "Na\x01me: control byte in the name\n\nbody\n",
      "Subject: no empty line, no body\n",
      "Subject: no empty line\nTo: a",
      "\nbody only\n",
      "\r\nbody only\n",
      "",
      "Subject: a\n\t\n\nbody\n",
  };
  int fast = 0;
  for (const std::string& m : messages) EXPECT_EQ(compare(m, {}, &fast), "");
  // Only the last one is clean (a blank-only continuation line).
  EXPECT_EQ(fast, 1);
}

TEST(RootHeader, MimeticThrowingOnTheBodyStartsOver) {
  // A clean block, then a part whose empty line is LF followed by CRLF before a boundary:
  // mimetic's iterator parser throws (NOTES-DEPENDENCIES.md) on the fast path too; the message
  // is then parsed the old way (the stream parser), with the same tree and the same problem.
  const std::string raw =
      "Subject: a\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\n\r\n--B--\n";
  RootHeader header;
  ASSERT_TRUE(read_root_header(raw, header));
  EXPECT_EQ(compare(raw), "");
  EXPECT_TRUE(parse(raw).damaged);
}

TEST(RootHeader, LimitsStillApply) {
  // A line over the budget is cut by prepare_input; both paths read the cut copy.
  Limits small;
  small.max_line_bytes = 40;
  const std::string raw = "Subject: " + std::string(100, 's') + "\nX-Fold: a\n " + std::string(60, 'f') +
                          "\n more\nContent-Type: multipart/mixed; boundary=B1\n\n" + kMultipartBody;
  EXPECT_EQ(compare(raw, small), "");
  // Too many containers: only the top level is parsed, on either path.
  Limits few;
  few.max_containers = 1;
  EXPECT_EQ(compare("Content-Type: multipart/mixed; boundary=B1\n\n" + kMultipartBody, few), "");
  const Message m = parse("Content-Type: multipart/mixed; boundary=B1\n\n" + kMultipartBody, few);
  EXPECT_TRUE(m.damaged);
}

// Field-ish lines at random. Half the messages are built from clean pieces only (a clean block,
// field lines and continuations of random content, one line-end style), the other half from
// every piece, most of which are not clean; some of each carry a Content-Type that makes the
// body a multipart or a message.
std::string random_message(std::mt19937& rng, bool& clean) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  // The first kCleanNames names, kCleanSeps separators and kCleanValues values are clean; the
  // rest are not, or not always. Every continuation is clean after a field.
  static const std::vector<std::string> kNames = {
      "Subject", "Received", "From", "Content-Type", "content-type", "Content-Transfer-Encoding", "X-A",
      "DKIM-Signature", "To", "CONTENT-TYPE", "X-!#$%&'*+-/=?^_`{|}~",
      "Na me", "N\xe9", "", " ", "\tX", "X\x01", "Content-Type "};
  constexpr std::size_t kCleanNames = 11;
  static const std::vector<std::string> kSeps = {":", ": ", ":  \t", " :", "\t: ", ":\t", "", " ", "x:"};
  constexpr std::size_t kCleanSeps = 6;
  static const std::vector<std::string> kValues = {
      "multipart/mixed; boundary=B1", "message/rfc822", "text/plain; charset=utf-8", "base64", " QUOTED-printable ",
      "from a by b", "", "  ", "x:y", "v \t", "\xe9t\xe9", "=?utf-8?q?x?=", "multipart/report;", "multipart/mixed",
      "a\0b"s, "a\rb", "a\nb"};
  constexpr std::size_t kCleanValues = 14;
  static const std::vector<std::string> kConts = {" ", "\t", "  boundary=B1", "\tmore", " \t x ", " :x", " \xff"};
  static const std::vector<std::string> kEnds = {"\n", "\r\n", "\r", "\n\r"};
  static const std::vector<std::string> kBodies = {"body\n", "", "\rbody\n", kMultipartBody,
                                                   "--B1\nContent-Type: text/plain\n\nx\n--B1--\n",
                                                   "\r\n--B1\r\nContent-Type: text/plain\r\n\r\nx\r\n--B1--\r\n"};
  clean = pick(2) == 0;
  const std::string style = kEnds[clean ? pick(2) : pick(kEnds.size())];
  const bool mixed = !clean && pick(4) == 0;
  auto end = [&] { return mixed ? kEnds[pick(kEnds.size())] : style; };
  std::string m;
  const std::size_t lines = 1 + pick(12);
  for (std::size_t i = 0; i < lines; ++i) {
    const std::size_t kind = pick(10);
    if (kind < 2 && i > 0) {
      m += kConts[pick(kConts.size())];
    } else if (kind == 2 && !clean) {
      // A line of random bytes.
      static constexpr std::string_view kBytes = "aZ-: \t\x80\xff\r\x01?=";
      const std::size_t n = pick(20);
      for (std::size_t j = 0; j < n; ++j) m.push_back(kBytes[pick(kBytes.size())]);
    } else {
      m += kNames[pick(clean ? kCleanNames : kNames.size())];
      m += kSeps[pick(clean ? kCleanSeps : kSeps.size())];
      m += kValues[pick(clean ? kCleanValues : kValues.size())];
    }
    m += end();
  }
  if (clean || pick(10) != 0) m += end();  // the empty line
  m += kBodies[pick(kBodies.size())];
  return m;
}

TEST(RootHeader, RandomBlocksAgree) {
  std::mt19937 rng(6012026u);
  int fast = 0;
  const int kCases = 20000;
  for (int i = 0; i < kCases; ++i) {
    bool clean = false;
    const std::string raw = random_message(rng, clean);
    const int before = fast;
    const std::string d = compare(raw, {}, &fast);
    ASSERT_EQ(d, "") << "case " << i;
    // A block built from clean pieces takes the fast path.
    if (clean) {
      ASSERT_EQ(fast, before + 1) << "case " << i << ": " << show(raw);
    }
  }
  // Both paths were exercised in quantity.
  EXPECT_GT(fast, kCases / 4);
  EXPECT_LT(fast, kCases * 3 / 4);
  std::printf("random cases: %d of %d took the fast path\n", fast, kCases);
}

TEST(RootHeader, ReaderGivesTheFieldsAndTheEmptyLine) {
  RootHeader h;
  ASSERT_TRUE(read_root_header("A :  x \n\tb\nB:\n\nbody", h));
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(h.fields[0].name, "A");
  EXPECT_EQ(h.fields[0].value, "x  b");
  EXPECT_EQ(h.fields[1].name, "B");
  EXPECT_EQ(h.fields[1].value, "");
  EXPECT_EQ(h.end, 14u);
  EXPECT_FALSE(read_root_header("A: x\nB y\n\nbody", h));
  EXPECT_FALSE(read_root_header("A: x\n", h));
}

}  // namespace
}  // namespace bouncekit::mime

// SharedText (bouncekit/shared_text.hpp): one pointer to one immutable, reference-counted string.
// Copies share the string, moves hand it over, assignment replaces it; a permanent text is never
// counted or freed; TextReuse shares equal neighbours.
#include "bouncekit/shared_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace bouncekit {
namespace {

TEST(SharedText, IsOnePointer) { EXPECT_EQ(sizeof(SharedText), sizeof(void*)); }

TEST(SharedText, EmptyTextHoldsNothing) {
  SharedText a, b = "", c = std::string();
  EXPECT_TRUE(a.empty());
  EXPECT_TRUE(b.empty());
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(a.str(), "");
  EXPECT_EQ(a.size(), 0u);
  EXPECT_TRUE(a.shares(b));  // (both hold nothing)
  EXPECT_EQ(a, b);
}

TEST(SharedText, CopiesShareMovesHandOver) {
  SharedText a = std::string(100, 'a');
  SharedText b = a;
  EXPECT_TRUE(b.shares(a));
  EXPECT_EQ(b.data(), a.data());
  SharedText c = std::move(b);
  EXPECT_TRUE(c.shares(a));
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move): a moved-from text is empty
  SharedText d = std::string(100, 'a');
  EXPECT_FALSE(d.shares(a));  // equal, but its own string
  EXPECT_EQ(d, a);
}

TEST(SharedText, OutlivesTheTextItWasCopiedFrom) {
  SharedText kept;
  {
    SharedText first = std::string("a text longer than the small-string buffer of std::string");
    kept = first;
    first = "something else";
    EXPECT_EQ(first, "something else");
  }
  EXPECT_EQ(kept, "a text longer than the small-string buffer of std::string");
}

TEST(SharedText, AssigningReplacesOnlyThisCopy) {
  SharedText a = "one";
  SharedText b = a;
  b = "two";
  EXPECT_EQ(a, "one");
  EXPECT_EQ(b, "two");
  SharedText& same = a;  // (through a reference: assigning a text to itself keeps it)
  a = same;
  EXPECT_EQ(a, "one");
  a = std::move(same);
  EXPECT_EQ(a, "one");
}

TEST(SharedText, PermanentTextIsSharedByEveryCopy) {
  static const SharedText word = SharedText::permanent("userunknown");
  std::vector<SharedText> copies(1000, word);
  for (const SharedText& c : copies) EXPECT_TRUE(c.shares(word));
  copies.clear();
  EXPECT_EQ(word, "userunknown");
  EXPECT_TRUE(SharedText::permanent("").empty());
}

TEST(SharedText, ThreadsCopyAndDropOneText) {
  const SharedText counted = std::string(64, 'c');
  static const SharedText permanent = SharedText::permanent(std::string(64, 'p'));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        std::vector<SharedText> held;
        held.reserve(9);
        held.assign(8, counted);
        held.push_back(permanent);
        SharedText moved = std::move(held.front());
        ASSERT_EQ(moved.size(), 64u);
      }
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(counted, std::string(64, 'c'));
  EXPECT_EQ(permanent, std::string(64, 'p'));
}

TEST(TextReuse, EqualNeighboursShareOneString) {
  TextReuse reuse;
  SharedText a = reuse("2024-03-01T10:00:00Z");
  SharedText b = reuse(std::string("2024-03-01T10:00:00Z"));
  SharedText c = reuse("2024-03-01T11:00:00Z");
  SharedText d = reuse("2024-03-01T11:00:00Z");
  EXPECT_TRUE(a.shares(b));
  EXPECT_FALSE(b.shares(c));
  EXPECT_TRUE(c.shares(d));
  EXPECT_EQ(a, "2024-03-01T10:00:00Z");
  EXPECT_EQ(d, "2024-03-01T11:00:00Z");
  EXPECT_TRUE(reuse("").empty());
}

}  // namespace
}  // namespace bouncekit

// PostgreSQL's stored-message lookups a window at a time (history/pg_lookup.hpp): every answer
// right whatever the order of the lookups, and one query per window, not per message, when the
// messages come in the order they were stored.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/connection.hpp"
#include "history/pg_lookup.hpp"
#include "postgres_server.hpp"

namespace {

namespace db = bouncekit::history::db;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;

// A Connection that counts the queries its statements run and the rows they return, passing
// everything on to a real one.
class CountingConnection final : public db::Connection {
 public:
  explicit CountingConnection(std::unique_ptr<db::Connection> real) : real_(std::move(real)) {}
  db::Dialect dialect() const override { return real_->dialect(); }
  const std::string& name() const override { return real_->name(); }
  void exec(std::string_view sql) override { real_->exec(sql); }
  void begin() override { real_->begin(); }
  std::unique_ptr<db::Cursor> prepare(std::string_view sql) override {
    return std::make_unique<Counting>(real_->prepare(sql), *this);
  }
  int queries = 0, rows = 0;

 private:
  class Counting final : public db::Cursor {
   public:
    Counting(std::unique_ptr<db::Cursor> real, CountingConnection& counts) : real_(std::move(real)), counts_(counts) {}
    void bind_text(int i, std::string_view t, bool s) override { real_->bind_text(i, t, s); }
    void bind_int(int i, std::int64_t v) override { real_->bind_int(i, v); }
    bool step() override {
      if (!running_) ++counts_.queries;
      running_ = real_->step();
      if (running_) ++counts_.rows;
      return running_;
    }
    std::int64_t run() override {
      ++counts_.queries;
      return real_->run();
    }
    void reset() override {
      running_ = false;
      real_->reset();
    }
    std::int64_t column_int(int i) const override { return real_->column_int(i); }
    std::string_view column_text(int i) const override { return real_->column_text(i); }

   private:
    std::unique_ptr<db::Cursor> real_;
    CountingConnection& counts_;
    bool running_ = false;
  };
  std::unique_ptr<db::Connection> real_;
};

std::string name(int i) { return "stored-" + std::to_string(i); }

class StoredLookupTest : public ::testing::Test {
 protected:
  static constexpr int kStored = 3000;
  void SetUp() override {
    BOUNCEKIT_REQUIRE_POSTGRES(server);
    target_ = server->create_database();
    Store store(target_, 500);
    for (int i = 0; i < kStored; ++i)
      store.add(StoredMessage{bouncekit::history::fingerprint(name(i)), "box#" + name(i), i % 3 ? "bounce" : "feedback",
                              "2026-11-22T02:30:00Z", "mx1"},
                {}, Store::Added{});
    store.commit();
    counting_ = std::make_unique<CountingConnection>(db::open(target_));
  }
  std::optional<std::string> ask(db::StoredLookup& l, const std::string& n) {
    return l.kind_of(bouncekit::history::fingerprint(n));
  }
  std::string target_;
  std::unique_ptr<CountingConnection> counting_;
};

TEST_F(StoredLookupTest, InStoredOrderOneQueryPerWindow) {
  db::StoredLookup windows(*counting_);
  counting_->queries = counting_->rows = 0;
  for (int i = 0; i < kStored; ++i) {
    ASSERT_EQ(ask(windows, name(i)), std::optional<std::string>(i % 3 ? "bounce" : "feedback")) << i;
    // New messages among them: not stored, whatever the window holds.
    if (i % 10 == 0) {
      ASSERT_EQ(ask(windows, "new-" + std::to_string(i)), std::nullopt) << i;
    }
  }
  // One query per lookup would be 3,300. Here: each window of 1,000 messages costs the lookup
  // that found the message before it and its own query; the 300 new messages one query each.
  EXPECT_EQ(counting_->queries, 3 * 2 + 300);
  EXPECT_EQ(counting_->rows, kStored);  // each stored message came back once: found, or in a window
}

TEST_F(StoredLookupTest, InAnyOtherOrderEveryAnswerIsRightAndWindowsPause) {
  db::StoredLookup windows(*counting_);
  counting_->queries = counting_->rows = 0;
  for (int i = kStored - 1; i >= 0; --i)
    ASSERT_EQ(ask(windows, name(i)), std::optional<std::string>(i % 3 ? "bounce" : "feedback")) << i;
  // Backwards, no window answers: one query per message, and a window fetched at most once per
  // 64 lookups after one that answered nothing (instead of after every lookup).
  EXPECT_GE(counting_->queries, kStored);
  EXPECT_LE(counting_->queries, kStored + kStored / 64 + 2);
}

}  // namespace

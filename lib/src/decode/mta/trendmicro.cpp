// Trend Micro InterScan (Messaging Security Suite / Agent): plain text in
// one of two layouts, sometimes both in one notice:
//
//   a transcript of the refused exchange
//     Sent <<< RCPT TO:<user@example.net>
//     Received >>> 550 5.1.1 <user@example.net>... user unknown
//   or a one-line summary
//     Unable to deliver message to <user@example.net> (and other recipients in the same domain).
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_set>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Its notices come from "InterScan MSS" / "InterScan Notification", in MIME
// parts separated by its own boundary.
constexpr std::string_view kFromMark = "InterScan";
constexpr std::string_view kBoundaryMark = "InterScan_NT_MIME_Boundary";

constexpr std::string_view kSent = "<<<";
constexpr std::string_view kReceived = ">>>";
constexpr std::string_view kSummary = "Unable to deliver message to";

// The summary template that asks to check the address: InterScan writes it
// when the next hop refused the recipient address itself.
constexpr std::array<Phrase<vocabulary::Reason>, 1> kFixedMessages{{
    {"Please check if address is correct", vocabulary::Reason::userunknown},
}};

struct Attempt {
  std::string recipient;
  std::string command;
  std::string reply;
  bool accepted = false;
};

// "Sent <<< RCPT TO:<a@b>" -> "RCPT"
std::string command_word(std::string_view after_marker) {
  after_marker = util::trim(after_marker);
  std::size_t end = 0;
  while (end < after_marker.size() && util::is_alpha(after_marker[end])) ++end;
  std::string word(after_marker.substr(0, end));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

// Reads the transcript lines into one attempt per recipient. A refusal of RCPT
// belongs to its recipient; a refusal of a later command (DATA) to every
// recipient that was waiting for an answer or had been accepted.
class Transcript {
 public:
  void sent(std::string_view line, std::string_view after_marker) {
    command_ = command_word(after_marker);
    auto found = addresses_in(line);
    rcpt_pending_ = command_ == "RCPT" && !found.empty();
    if (rcpt_pending_) attempts_.push_back({found.front(), command_, {}, false});
  }

  void received(std::string_view reply) {
    reply = util::trim(reply);
    bool positive = !reply.empty() && (reply.front() == '2' || reply.front() == '3');
    if (rcpt_pending_) {
      Attempt& last = attempts_.back();
      if (positive) {
        last.accepted = true;
      } else if (last.reply.empty()) {
        last.reply = std::string(reply);
      } else {
        last.reply.append(" ").append(reply);  // a multi-line reply
      }
      return;
    }
    if (positive) return;
    for (Attempt& a : attempts_) {
      if (!a.accepted && !a.reply.empty()) continue;  // refused already, at RCPT
      a.reply = std::string(reply);
      a.command = command_;
      a.accepted = false;
    }
  }

  const std::vector<Attempt>& attempts() const { return attempts_; }

 private:
  std::vector<Attempt> attempts_;
  std::string command_;
  bool rcpt_pending_ = false;
};

}  // namespace

bool detect_trendmicro(const Context& ctx) {
  if (header_has(ctx, "From", kFromMark)) return true;
  return util::contains_ci(ctx.message.root.content_type.param("boundary"), kBoundaryMark);
}

std::optional<Result> decode_trendmicro(const Context& ctx) {
  std::string notice = notice_text(ctx);
  Transcript transcript;
  std::vector<std::pair<std::string, std::string>> summaries;  // recipient, text
  std::string wrapped;  // a summary line whose address went to the next line
  for (std::string_view raw_line : split_lines(notice)) {
    std::string_view line = util::trim(raw_line);
    if (!wrapped.empty()) {
      wrapped.append(" ").append(line);
      auto found = addresses_in(wrapped);
      if (!found.empty()) summaries.emplace_back(found.front(), wrapped);
      wrapped.clear();
      continue;
    }
    std::size_t at = line.find(kSent);
    if (at != std::string_view::npos && at > 0) {
      transcript.sent(line, line.substr(at + kSent.size()));
      continue;
    }
    at = line.find(kReceived);
    if (at != std::string_view::npos && at > 0) {
      transcript.received(line.substr(at + kReceived.size()));
      continue;
    }
    at = util::find_ci(line, kSummary);
    if (at != std::string_view::npos) {
      auto found = addresses_in(line.substr(at));
      if (!found.empty()) {
        summaries.emplace_back(found.front(), std::string(line.substr(at)));
      } else {
        wrapped = std::string(line.substr(at));
      }
    }
  }

  std::vector<Record> records;
  // The (lower-cased) recipients already given a record: one look-up each, not a scan of the records.
  std::unordered_set<std::string> seen;
  auto listed = [&](const std::string& address) { return !seen.insert(util::to_lower(address)).second; };
  for (const Attempt& a : transcript.attempts()) {
    if (a.reply.empty() || listed(a.recipient)) continue;
    if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
    Record r = text_record(a.recipient, a.reply);
    if (r.smtp_command.empty()) r.smtp_command = a.command;
    records.push_back(std::move(r));
  }
  for (const auto& [address, text] : summaries) {
    if (listed(address)) continue;
    if (!room_for_record(ctx, records)) continue;  // as above
    Record r = text_record(address, text);
    if (auto why = first_phrase(text, kFixedMessages)) r.hint = why;
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

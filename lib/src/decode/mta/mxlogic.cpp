// McAfee MXLogic (a hosted mail filter): its MTA writes Exim-style plain text:
//
//   The following address failed:
//
//     <user@example.net>: 550 5.1.1 <user@example.net>: Recipient address rejected
//
//   Included is a copy of the message header:
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Only its bounces carry this header ("X-MX-Bounce: mta/src/queue/bounce").
constexpr std::string_view kBounceHeader = "X-MX-Bounce";
// Its MTA's own message ids: "<mxl~...@relay.example.net>".
constexpr std::string_view kMessageIdPrefix = "<mxl~";
constexpr std::string_view kFromMark = "mxlogic";

constexpr std::array<std::string_view, 2> kListHeadings{
    "The following address failed:",
    "The following addresses failed:",
};
// Where the failed-recipient list ends and the returned header begins.
constexpr std::array<std::string_view, 2> kEndMarkers{
    "Included is a copy of the message header",
    "------ This is a copy of the message",
};

// The address a line begins with ("<a@b>: ...", "a@b: ...", "a@b"), and where its text starts.
struct Leading {
  std::string address;
  std::string_view rest;
  bool colon = false;
};

Leading leading_address(std::string_view line) {
  Leading out;
  bool bracket = !line.empty() && line.front() == '<';
  std::size_t end = bracket ? line.find('>') : line.find_first_of(": \t");
  if (end == std::string_view::npos) end = line.size();
  std::string_view token = line.substr(bracket ? 1 : 0, end - (bracket ? 1 : 0));
  if (token.find('@') == std::string_view::npos) return out;
  auto found = addresses_in(token);
  if (found.size() != 1) return out;
  out.address = found.front();
  std::string_view rest = line.substr(bracket && end < line.size() ? end + 1 : end);
  rest = util::trim(rest);
  if (!rest.empty() && rest.front() == ':') {
    out.colon = true;
    rest.remove_prefix(1);
  }
  out.rest = util::trim(rest);
  return out;
}

}  // namespace

bool detect_mxlogic(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (root.field(kBounceHeader) != nullptr) return true;
  if (util::starts_with_ci(util::trim(root.value("Message-Id")), kMessageIdPrefix)) return true;
  return from_daemon(ctx) && header_has(ctx, "From", kFromMark);
}

std::optional<Result> decode_mxlogic(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, {kEndMarkers[0], kEndMarkers[1]});
  std::size_t list = find_line_starting(text, {kListHeadings[0], kListHeadings[1]});
  if (list == std::string_view::npos) {
    // The heading closes a sentence: "... This is a permanent error.  The following address failed:"
    for (std::string_view h : kListHeadings)
      if (std::size_t at = util::find_ci(text, h); at != std::string_view::npos) list = at;
  }
  if (list == std::string_view::npos) return std::nullopt;
  std::vector<std::string_view> lines = split_lines(text.substr(list));

  std::vector<std::pair<std::string, std::string>> failed;  // recipient, diagnostic
  bool after_blank = true;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = util::trim(lines[i]);
    if (line.empty()) {
      after_blank = true;
      continue;
    }
    Leading lead = leading_address(line);
    // A new recipient: "addr: text", or a bare address opening a paragraph.
    // A bare address right under a diagnostic is that diagnostic's wrapped tail.
    bool starts = !lead.address.empty() && (lead.colon || (after_blank && lead.rest.empty()));
    if (starts) {
      failed.emplace_back(lead.address, std::string(lead.rest));
    } else if (!failed.empty()) {
      std::string& diagnostic = failed.back().second;
      if (!diagnostic.empty()) diagnostic.push_back(' ');
      diagnostic.append(line);
    }
    after_blank = false;
  }
  std::vector<Record> records;
  for (const auto& [address, diagnostic] : failed)
    if (room_for_record(ctx, records)) records.push_back(text_record(address, diagnostic));  // docs/limits.md
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

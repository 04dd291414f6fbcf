// Active!Hunter (a Japanese mail gateway): a multipart/report without a
// delivery-status part, whose text is laid out like old Sendmail's:
//
//   ----- The following addresses had permanent fatal errors -----
//   >>> user@example.net <user@example.net>
//   ----- Transcript of session follows -----
//   550 ... (#5.1.1 ...)
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Its MIME boundaries carry the product name ("----=_Active!Hunter_2024...").
constexpr std::string_view kBoundaryMark = "Active!Hunter";
// The gateway's own message id header.
constexpr std::string_view kMailIdHeader = "X-AHMAILID";

struct RecipientsHeading {
  std::string_view line;
  std::string_view action;
};

// Headings of the recipient list: the words say whether the failure is final.
constexpr std::array<RecipientsHeading, 2> kRecipientsHeadings{{
    {"----- The following addresses had permanent fatal errors", "failed"},
    {"----- The following addresses had transient non-fatal errors", "delayed"},
}};

constexpr std::string_view kTranscriptHeading = "----- Transcript of session follows";

struct Listed {
  std::string address;
  std::string_view action;
};

// The transcript lines that belong to the i-th of n recipients: those naming
// it; else, when there is one line per recipient, its own; else all of them.
std::string transcript_for(const std::vector<std::string_view>& transcript, const std::string& address,
                           std::size_t i, std::size_t n) {
  std::string naming;
  for (std::string_view line : transcript)
    if (util::contains_ci(line, address)) naming.append(line).push_back(' ');
  if (!naming.empty()) return naming;
  if (transcript.size() == n) return std::string(transcript[i]);
  std::string all;
  for (std::string_view line : transcript) all.append(line).push_back(' ');
  return all;
}

}  // namespace

bool detect_activehunter(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (util::contains_ci(root.content_type.param("boundary"), kBoundaryMark)) return true;
  return root.field(kMailIdHeader) != nullptr && from_daemon(ctx);
}

std::optional<Result> decode_activehunter(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Listed> listed;
  std::vector<std::string_view> transcript;
  enum class In { preamble, recipients, session } in = In::preamble;
  std::string_view action;
  for (std::string_view raw_line : split_lines(notice)) {
    std::string_view line = util::trim(raw_line);
    bool heading = false;
    for (const auto& h : kRecipientsHeadings) {
      if (util::starts_with_ci(line, h.line)) {
        in = In::recipients;
        action = h.action;
        heading = true;
      }
    }
    if (heading) continue;
    if (util::starts_with_ci(line, kTranscriptHeading)) {
      in = In::session;
      continue;
    }
    if (line.empty()) continue;
    if (in == In::recipients) {
      // ">>> user@example.net <user@example.net>": one recipient, written twice.
      auto found = addresses_in(line);
      // The records-per-message limit (docs/limits.md): recipients beyond it are counted, not kept.
      if (!found.empty() && room_for_record(ctx, listed.size())) listed.push_back({found.front(), action});
    } else if (in == In::session) {
      if (line.starts_with("-----")) break;  // a next section the gateway appended
      transcript.push_back(line);
    }
  }
  std::vector<Record> records;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const std::string& address = listed[i].address;
    Record r = text_record(address, transcript_for(transcript, address, i, listed.size()));
    r.action = std::string(listed[i].action);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

// Active!Hunter (a Japanese mail gateway): a multipart/report without a
// delivery-status part, whose text is laid out like old Sendmail's:
//
//   ----- The following addresses had permanent fatal errors -----
//   >>> user@example.net <user@example.net>
//   ----- Transcript of session follows -----
//   550 ... (#5.1.1 ...)
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

// The most transcript lines kept (views into the notice, 16 bytes each): a real transcript has a
// few lines per recipient; the cap bounds what a notice of one-character lines costs.
constexpr std::size_t kMaxTranscriptLines = 1 << 20;

struct Listed {
  std::string address;
  std::string_view action;
};

// The transcript lines that name one recipient, at most kMaxDiagnosticReadBytes of them.
struct Naming {
  std::vector<std::string_view> lines;
  std::size_t bytes = 0;
};

std::string joined(const std::vector<std::string_view>& lines) {
  std::string text;
  for (std::string_view line : lines) {
    if (text.size() >= kMaxDiagnosticReadBytes) break;
    text.append(line).push_back(' ');
  }
  return text;
}

// The transcript lines naming each recipient (by lower-cased address), in one pass over the
// transcript: each line's addresses are looked up in an index of the recipients, so the work
// grows with the transcript, not with the transcript times the recipients.
std::unordered_map<std::string, Naming> index_transcript(const std::vector<Listed>& listed,
                                                         const std::vector<std::string_view>& transcript) {
  std::unordered_map<std::string, Naming> index;
  for (const Listed& l : listed) index.try_emplace(util::to_lower(l.address));
  for (std::string_view line : transcript) {
    for (const std::string& address : addresses_in(line)) {
      auto it = index.find(util::to_lower(address));
      if (it == index.end() || it->second.bytes >= kMaxDiagnosticReadBytes) continue;
      it->second.lines.push_back(line);
      it->second.bytes += line.size() + 1;
    }
  }
  return index;
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
  const std::string_view text = notice;
  for (std::size_t pos = 0, eol = 0; pos < text.size(); pos = eol + 1) {
    eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = util::trim(text.substr(pos, eol - pos));
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
      if (transcript.size() < kMaxTranscriptLines) transcript.push_back(line);
    }
  }
  // The transcript lines of the i-th of n recipients: those naming it; else, when there is one
  // line per recipient, its own; else all of them.
  const std::unordered_map<std::string, Naming> naming = index_transcript(listed, transcript);
  const std::string all = joined(transcript);
  std::vector<Record> records;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const Naming& lines = naming.at(util::to_lower(listed[i].address));
    std::string own;
    std::string_view diagnostic = all;
    if (!lines.lines.empty()) {
      own = joined(lines.lines);
      diagnostic = own;
    } else if (transcript.size() == listed.size()) {
      diagnostic = transcript[i];
    }
    Record r = text_record(listed[i].address, diagnostic);
    r.action = std::string(listed[i].action);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

// Mimecast: an alert notice, alone or beside a delivery-status part, one
// failed recipient per notice, each fact on a "-- " line under its heading:
//
//   ... could not be delivered:          (or "... addressed to email address :")
//   -- user@example.net
//   The problem appears to be :
//   -- Recipient email address is possibly incorrect
//   Additional information follows :
//   -- 5.1.1 Recipient address rejected ...
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Message ids of its MTAs end in its internal domain: "<...@us-mta-12.us.mimecast.lan>".
constexpr std::string_view kMessageIdMark = ".mimecast.lan";
constexpr std::string_view kSystemHeader = "X-MC-System";

constexpr std::string_view kItem = "-- ";
enum class Section { none, recipients, problem, detail };
struct Heading {
  std::string_view phrase;  // the heading line contains it
  Section section;
};
// Ordered: "The problem appears to be" may share a line with "could not be delivered".
constexpr std::array<Heading, 4> kHeadings{{
    {"The problem appears to be", Section::problem},
    {"Additional information follows", Section::detail},
    {"could not be delivered", Section::recipients},
    {"addressed to email address", Section::recipients},
}};

struct Notice {
  std::vector<std::string> recipients;
  std::string problem;
  std::string detail;
};

Notice read_notice(std::string_view text) {
  Notice n;
  Section section = Section::none;
  std::string* item = nullptr;  // the text item being continued on the next line
  for (std::string_view raw_line : split_lines(text)) {
    std::string_view line = util::trim(raw_line);
    if (line.empty()) {
      item = nullptr;
      continue;
    }
    if (line.starts_with(kItem)) {
      std::string_view value = util::trim(line.substr(kItem.size()));
      item = nullptr;
      if (section == Section::recipients) {
        for (const std::string& a : addresses_in(value)) n.recipients.push_back(a);
      } else if (section == Section::problem && n.problem.empty()) {
        n.problem = std::string(value);
        item = &n.problem;
      } else if (section == Section::detail && n.detail.empty()) {
        n.detail = std::string(value);
        item = &n.detail;
      }
      continue;
    }
    bool heading = false;
    for (const auto& h : kHeadings) {
      if (util::contains_ci(line, h.phrase)) {
        section = h.section;
        heading = true;
        break;
      }
    }
    if (heading) {
      item = nullptr;
    } else if (item) {
      item->append(" ").append(line);  // a wrapped item
    }
  }
  return n;
}

}  // namespace

bool detect_mimecast(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (root.field(kSystemHeader) != nullptr) return true;
  return util::contains_ci(root.value("Message-Id"), kMessageIdMark);
}

std::optional<Result> decode_mimecast(const Context& ctx) {
  if (std::optional<Result> result = decode_rfc3464(ctx)) return result;
  Notice n = read_notice(notice_text(ctx));
  // The server's words when there are any, else Mimecast's summary of the problem.
  const std::string& diagnostic = n.detail.empty() ? n.problem : n.detail;
  std::vector<Record> records;
  for (const std::string& recipient : n.recipients)
    if (room_for_record(ctx, records)) records.push_back(text_record(recipient, diagnostic));  // docs/limits.md
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

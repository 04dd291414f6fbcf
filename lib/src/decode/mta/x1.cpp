// X1 (Sisimai's name for an unidentified MTA, seen at Japanese hosts):
//
//   The original message was received at ...
//   from sender@example.com
//
//   ---The following addresses had delivery errors---
//
//   user@example.org [User unknown]
//
// One address per line, its reason in square brackets.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kListMarker = "---The following addresses had delivery errors---";

// Subjects of its delay warnings ("Warning--Could not send mail for past 8.5 hours").
constexpr std::array<std::string_view, 1> kDelaySubjects{"warning--could not send mail"};

}  // namespace

bool detect_x1(const Context& ctx) { return from_daemon(ctx) && body_has(ctx, {kListMarker}); }

std::optional<Result> decode_x1(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::size_t at = find_line_starting(notice, {kListMarker});
  if (at == std::string::npos) return std::nullopt;
  const bool delayed = subject_has(ctx, kDelaySubjects);
  std::vector<Record> records;
  bool started = false;
  for (std::string_view line : split_lines(std::string_view(notice).substr(at + kListMarker.size()))) {
    line = util::trim(line);
    if (line.empty()) {
      if (started) break;
      continue;
    }
    std::vector<std::string> found = addresses_in(line.substr(0, line.find('[')));
    if (found.empty()) break;
    started = true;
    std::string_view why;
    if (std::size_t open = line.find('['); open != std::string_view::npos) {
      why = line.substr(open + 1);
      why = why.substr(0, why.find(']'));
    }
    if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
    Record r = text_record(found.front(), why);
    if (delayed) r.action = "delayed";
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

// m-FILTER (Digital Arts' mail filter appliance): "failure notice" with
// X-Mailer: m-FILTER, a Japanese notice naming the failed addresses, then
//
//   -------server message
//   550 unknown user <user@example.org>
//
//   -------SMTP command
//   DATA
//
//   -------original message   (or "-------original mail info")
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 1> kHeaders{{{"X-Mailer", "m-FILTER"}}};

constexpr std::string_view kServerMessage = "-------server message";
constexpr std::string_view kCommand = "-------SMTP command";
constexpr std::array<std::string_view, 1> kCopyMarkers{"-------original"};

// The lines of the section that starts after the marker line at `at`, up to the next "-------" line.
std::string section(std::string_view text, std::size_t at) {
  if (at == std::string_view::npos) return {};
  std::size_t begin = text.find('\n', at);
  if (begin == std::string_view::npos) return {};
  std::size_t end = find_line_starting(text, {"-------"}, begin + 1);
  return util::collapse_space(text.substr(begin + 1, end == std::string_view::npos ? std::string_view::npos
                                                                                    : end - begin - 1));
}

}  // namespace

bool detect_mfilter(const Context& ctx) { return has_header_mark(ctx, kHeaders); }

std::optional<Result> decode_mfilter(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, kCopyMarkers);
  std::size_t server = find_line_starting(text, {kServerMessage});
  if (server == std::string_view::npos) return std::nullopt;
  std::string diagnostic = section(text, server);
  std::string command = util::to_lower(section(text, find_line_starting(text, {kCommand})));
  std::vector<Record> records;
  // The failed addresses stand alone on their lines, above the server message.
  for (std::string_view line : split_lines(text.substr(0, server))) {
    line = util::trim(line);
    std::vector<std::string> found = addresses_in(line);
    if (found.size() != 1 || line.find(' ') != std::string_view::npos) continue;
    if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
    Record r = text_record(found.front(), diagnostic);
    if (!command.empty()) {
      std::string named = find_smtp_command(">>> " + command);
      if (!named.empty()) r.smtp_command = named;
    }
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode

// Building blocks shared by the decoders of plain-text bounces (qmail, Exim,
// old Sendmail, appliances, webmail providers...): where the notice text is,
// where the returned message starts, which addresses a line names, and how a
// recipient plus its diagnostic becomes a record. A decoder for one MTA
// family is then mostly its markers (tables) and its layout.
#pragma once

#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/record.hpp"
#include "decode/context.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {

/// One row of a decoder's phrase table: words its notices use, and what they mean there (a
/// vocabulary::Reason hint, an SMTP command, ...). Every decoder's fixed wordings are such tables,
/// kept at the top of its file.
template <class Meaning>
struct Phrase {
  std::string_view text;  ///< found anywhere in the text, ASCII case ignored
  Meaning meaning;
};

/// The meaning of the first row, in table order, whose words `text` contains (ASCII case
/// ignored); nullopt if none does.
template <class Table>
auto first_phrase(std::string_view text, const Table& table) {
  using Meaning = std::remove_cvref_t<decltype(std::begin(table)->meaning)>;
  for (const auto& p : table)
    if (util::contains_ci(text, p.text)) return std::optional<Meaning>(p.meaning);
  return std::optional<Meaning>();
}

/// The returned message's headers in the tree (find_original_message), with the extra headers
/// the caller asked for and List-Post; read once per message and kept in the context.
const OriginalMessage& returned_message(const Context& ctx);

/// The bounce's own words in UTF-8: the first text part outside the returned
/// message (text/plain preferred over text/html, which is reduced to text),
/// or the body of a single-part message. "" if there is none.
std::string notice_text(const Context& ctx);

/// `text` up to the first line that begins with one of `markers`
/// (case-insensitive, leading blanks ignored): where a notice ends and the
/// returned message or its headers begin. The whole text if none is found.
std::string_view cut_at_marker(std::string_view text, std::span<const std::string_view> markers);
inline std::string_view cut_at_marker(std::string_view text, std::initializer_list<std::string_view> markers) {
  return cut_at_marker(text, std::span<const std::string_view>(markers.begin(), markers.size()));
}

/// Offset of the first line that begins with one of `markers` (case-insensitive,
/// leading blanks ignored), npos if none.
std::size_t find_line_starting(std::string_view text, std::span<const std::string_view> markers,
                               std::size_t from = 0);
inline std::size_t find_line_starting(std::string_view text, std::initializer_list<std::string_view> markers,
                                      std::size_t from = 0) {
  return find_line_starting(text, std::span<const std::string_view>(markers.begin(), markers.size()), from);
}

/// The lines of `text` (LF separated, without the LF).
std::vector<std::string_view> split_lines(std::string_view text);

/// Every address in a line, in order: bare (user@host), in angle brackets, or
/// quoted with a "rfc822;" prefix. Cleaned by clean_address; duplicates dropped.
std::vector<std::string> addresses_in(std::string_view line);

/// A failed-recipient record from free text: the recipient is cleaned, the
/// diagnostic whitespace-collapsed, and reply code, status (the remote
/// server's own pair first) and SMTP command are read from the diagnostic
/// (settle_status in rfc3464.hpp; call it again after changing a diagnostic).
Record text_record(std::string_view recipient, std::string_view diagnostic);

/// A bounce result of the given records, or nullopt if there are none (so the
/// next decoder in the registry gets its turn).
std::optional<Result> bounce_result(std::vector<Record> records);

/// True if the From header's local part is a mailer daemon's
/// (mailer-daemon, postmaster, ...), or From contains `also` (case-insensitive).
bool from_daemon(const Context& ctx, std::string_view also = {});

/// Case-insensitive: does the Subject header (RFC 2047 decoded) contain any of `phrases`?
bool subject_has(const Context& ctx, std::span<const std::string_view> phrases);
inline bool subject_has(const Context& ctx, std::initializer_list<std::string_view> phrases) {
  return subject_has(ctx, std::span<const std::string_view>(phrases.begin(), phrases.size()));
}

/// The message body after the top-level header, as it is (not transfer-decoded):
/// where a decoder reads the notice when the MIME tree hides it (a multipart
/// whose boundaries are missing or broken). "" if there is no body.
std::string_view raw_body(const Context& ctx);

/// Case-insensitive: does the first kDetectWindow bytes of the raw message
/// body (after the top-level header) contain any of `markers`? For `detect`
/// functions; the body is not transfer-decoded here.
bool body_has(const Context& ctx, std::span<const std::string_view> markers);
inline bool body_has(const Context& ctx, std::initializer_list<std::string_view> markers) {
  return body_has(ctx, std::span<const std::string_view>(markers.begin(), markers.size()));
}

/// Case-insensitive: does any header named `name` contain `needle`?
bool header_has(const Context& ctx, std::string_view name, std::string_view needle);

}  // namespace bouncekit::decode

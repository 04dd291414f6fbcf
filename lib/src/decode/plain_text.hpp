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
/// quoted with a "rfc822;" prefix. Cleaned by clean_address; duplicates dropped. Stops once `max`
/// are found: a caller that wants the first address, or to know whether there is exactly one,
/// asks for 1 or 2 and does not build the thousands a hostile line may hold.
std::vector<std::string> addresses_in(std::string_view line, std::size_t max = static_cast<std::size_t>(-1));

/// The most of a diagnostic text_record reads, and the most it keeps once whitespace-collapsed:
/// a record keeps 8 KB in the end, and many decoders give one text to every recipient, so an
/// unbounded copy per record would multiply a long text by the number of records.
inline constexpr std::size_t kMaxDiagnosticReadBytes = 64 * 1024;
inline constexpr std::size_t kMaxDiagnosticKeptBytes = 16 * 1024;

/// A failed-recipient record from free text: the recipient is cleaned, the
/// diagnostic whitespace-collapsed (bounded as above), and reply code, status (the remote
/// server's own pair first) and SMTP command are read from the diagnostic
/// (settle_status in rfc3464.hpp; call it again after changing a diagnostic).
Record text_record(std::string_view recipient, std::string_view diagnostic);

/// How one format lays out its failed recipients as paragraphs: a line that names the recipient
/// (its "opening"), then the lines that say what went wrong. The table RecipientParagraphs reads.
struct ParagraphFormat {
  /// The recipient a line opens a paragraph for, or "" if the line opens none. `rest` is set to
  /// the words after the address on that line. Sees the line as it is (not trimmed).
  std::string (*opening)(std::string_view line, std::string_view& rest);
  /// Whether `rest` is the first words of the diagnostic (true) or only a label (false: the
  /// decoder may still read it from Paragraph::rest).
  bool rest_in_diagnostic = true;
  /// Which other lines continue an open paragraph.
  enum class Continues {
    any_line,  ///< every non-blank line
    indented,  ///< only lines that begin with a blank; any other line ends the paragraph
  } continues = Continues::any_line;
  /// What a blank line does.
  enum class Blank {
    ends_paragraph,  ///< the open paragraph ends; a later opening starts the next one
    ends_list,       ///< after a paragraph, the list ends (before the first one: skipped)
    skipped,         ///< nothing: a paragraph runs on to the next opening
  } blank = Blank::ends_paragraph;
  /// Lines beginning with one of these (leading blanks ignored) end the open paragraph.
  std::span<const std::string_view> paragraph_ends = {};
  /// Lines beginning with one of these (leading blanks ignored) end the list.
  std::span<const std::string_view> list_ends = {};
  /// A non-blank line before the first opening ends the list (the list must follow at once).
  bool opening_first = false;
};

/// One failed recipient as RecipientParagraphs found it.
struct Paragraph {
  std::string address;     ///< as the format's opening returned it
  std::string_view rest;   ///< the opening line after the address (a view into the text)
  std::string diagnostic;  ///< the paragraph's lines, trimmed, joined by one space; at most kMaxParagraphBytes
};

/// The most bytes of diagnostic a paragraph collects: far more than a record keeps (8 KB), so
/// that what is kept does not depend on it; a notice longer than that is hostile or broken.
inline constexpr std::size_t kMaxParagraphBytes = 64 * 1024;

/// The recipient paragraphs of `text`, one at a time, in one pass over the lines (no copy of the
/// text, no list of lines): the state machine the plain-text decoders share. The records-per-message
/// limit is applied as it goes: after `max` paragraphs, later openings are only counted (in
/// `left_out`) and their lines not collected.
class RecipientParagraphs {
 public:
  RecipientParagraphs(std::string_view text, const ParagraphFormat& format, std::size_t max,
                      std::size_t& left_out)
      : text_(text), format_(format), max_(max), left_out_(left_out) {}

  /// The next paragraph, nullopt at the end of the list (or once `max` were given: the rest of
  /// the text is then only counted).
  std::optional<Paragraph> next();

  /// How many paragraphs' diagnostics were cut at kMaxParagraphBytes.
  std::size_t truncated() const { return truncated_; }

 private:
  std::string_view text_;
  const ParagraphFormat& format_;
  std::size_t max_;
  std::size_t& left_out_;
  std::size_t pos_ = 0;            // the next line to read
  std::size_t started_ = 0;        // paragraphs started (at most max_)
  bool ended_ = false;             // the list ended (end marker, blank after a paragraph, ...)
  bool counting_open_ = false;     // a paragraph beyond max_ is open: its lines are skipped
  std::optional<Paragraph> open_;  // an opening read ahead: the paragraph it starts
  std::size_t truncated_ = 0;
};

/// The records-per-message limit (docs/limits.md) while a decoder builds its records: true if
/// `built` records (or `records`) leave room for one more; false once there are
/// options.max_records, and the recipient that did not fit is counted in ctx.records_left_out.
/// Ask it before building each record.
bool room_for_record(const Context& ctx, std::size_t built);
inline bool room_for_record(const Context& ctx, const std::vector<Record>& records) {
  return room_for_record(ctx, records.size());
}

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

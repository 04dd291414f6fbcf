#include "decode/human_readable.hpp"

#include "decode/context.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

bool carries_code(std::string_view s) {
  return !find_status(s).empty() || !find_reply_code(s).empty();
}

// Strips the punctuation that joins an address to its explanation: ">:", "...", "(reason:" and the like.
std::string_view after_address(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() && (rest[i] == '>' || rest[i] == ':' || rest[i] == '.' || rest[i] == ' ' ||
                             rest[i] == '\t' || rest[i] == ',' || rest[i] == '(' || rest[i] == ')'))
    ++i;
  rest = rest.substr(i);
  if (util::starts_with_ci(rest, "reason:")) rest = util::trim(rest.substr(7));
  while (!rest.empty() && rest.back() == ')') rest.remove_suffix(1);
  return util::trim(rest);
}

// Exchange's administrator line "<mx.example.org #5.5.0 smtp;554 5.7.1 ... denied>" (Microsoft's
// NDR layout: the reporting host, its own status, then the remote reply after "smtp;"): the reply.
std::string_view remote_reply_of(std::string_view line) {
  line = util::trim(line);
  std::size_t at = util::find_ci(line, "smtp;");
  if (!line.starts_with('<') || at == std::string_view::npos) return line;
  line = util::trim(line.substr(at + 5));
  if (line.ends_with('>')) line.remove_suffix(1);
  return line;
}

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i;
}

// Does the recipient's line pair the address with its explanation in words, with only blanks or
// '<' before the address and a separator after it? "<a@b> (failed to lookup 'b')", Sendmail's
// "<a@b>... Deferred: Connection refused" (the transcript's address-then-reason form), OpenSMTPD's
// and Postfix's "a@b: reason" (smtpd bounce.c, Postfix bounce(8) templates). Bounded: the look back
// stops at the first other byte, the look ahead reads at most kWordsAhead bytes.
constexpr std::size_t kWordsAhead = 512;
// Mentions of the recipient read at most.
constexpr std::size_t kMaxMentions = 32;
bool words_follow(std::string_view text, std::size_t at, std::string_view rest) {
  if (rest.starts_with("> (")) return true;
  std::size_t i = at;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '<')) --i;
  if (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r') return false;
  // Words that end in a bare reply code ("<a@b>... Deferred: 421") point to a transcript that says more.
  std::string_view ahead = rest.substr(0, kWordsAhead);
  for (std::size_t j = 0; j + 3 <= ahead.size(); ++j)
    if ((ahead[j] == '4' || ahead[j] == '5') && util::is_digit(ahead[j + 1]) && util::is_digit(ahead[j + 2]) &&
        (j == 0 || !(util::is_alpha(ahead[j - 1]) || util::is_digit(ahead[j - 1]))) &&
        (j + 3 == ahead.size() || !(util::is_alpha(ahead[j + 3]) || util::is_digit(ahead[j + 3]))))
      return false;
  if (rest.starts_with('>')) rest.remove_prefix(1);
  return rest.starts_with(" (") || rest.starts_with("...") || rest.starts_with(": ");
}

// Lines of the recipient's own block that may carry its reply: those after its line indented deeper.
constexpr std::size_t kBlockLines = 6;

}  // namespace

const mime::Part* explanation_part(const mime::Part& root) {
  for (const mime::Part* p : all_parts(root, false))
    if (p->content_type.type == "text" && p->content_type.subtype != "rfc822-headers" && p->children.empty())
      return p;
  return nullptr;
}

std::string diagnostic_for(std::string_view text, std::string_view recipient) {
  if (recipient.empty()) return {};
  // Words on the recipient's own line that carry no code ("<a@b> (failed to lookup 'b': Record
  // not found)"): the explanation when no code-bearing one is found.
  std::string_view words_only;
  std::size_t at = util::find_ci(text, recipient);
  // Each mention is read to the end of its line: a text that names the recipient more often than any
  // notice does is hostile, and only its first mentions are read (bounded work on one huge line).
  for (std::size_t mentions = 0; at != std::string_view::npos && mentions < kMaxMentions; ++mentions) {
    std::size_t eol = text.find('\n', at);
    std::string_view rest = text.substr(at + recipient.size(),
                                        (eol == std::string_view::npos ? text.size() : eol) - at - recipient.size());
    std::string_view same_line = after_address(rest);
    if (words_only.empty() && same_line.size() > 8 && words_follow(text, at, rest)) words_only = same_line;
    if (carries_code(same_line)) return util::collapse_space(same_line);
    if (eol != std::string_view::npos) {
      std::size_t next_end = text.find('\n', eol + 1);
      std::string_view next = after_address(text.substr(eol + 1, (next_end == std::string_view::npos ? text.size() : next_end) - eol - 1));
      if (carries_code(next)) return util::collapse_space(remote_reply_of(next));
      // Deeper in the recipient's block (Exchange: an explanation, then the administrator line).
      std::size_t line_start = text.rfind('\n', at);
      line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
      std::size_t own_indent = indent_of(text.substr(line_start, at - line_start));
      std::size_t pos = eol + 1;
      for (std::size_t n = 0; n < kBlockLines && pos < text.size(); ++n) {
        std::size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
        if (util::trim(line).empty() || indent_of(line) <= own_indent) break;
        if (carries_code(line)) return util::collapse_space(remote_reply_of(line));
        if (end == std::string_view::npos) break;
        pos = end + 1;
      }
    }
    at = util::find_ci(text, recipient, at + recipient.size());
  }
  return util::collapse_space(words_only);
}

std::string command_for(std::string_view text, std::string_view recipient) {
  if (recipient.empty()) return {};
  // Every paragraph that mentions the recipient: Sendmail names it in a list
  // first and in the session transcript (">>> RCPT To:<...>") further down.
  for (std::size_t at = util::find_ci(text, recipient); at != std::string_view::npos;
       at = util::find_ci(text, recipient, at + recipient.size())) {
    std::size_t begin = text.rfind("\n\n", at);
    begin = begin == std::string_view::npos ? 0 : begin + 2;
    std::size_t end = text.find("\n\n", at);
    std::string command =
        find_smtp_command(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    if (!command.empty()) return command;
    if (end == std::string_view::npos) break;
    at = end;  // the next paragraph
  }
  return {};
}

}  // namespace bouncekit::decode

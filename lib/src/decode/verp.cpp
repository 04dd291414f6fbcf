// VERP patterns: parsing and matching (verp.hpp says the syntax and cites the forms).
//
// Matching is a table over (token, position): can[t][p] says whether tokens t.. match the
// address from p on. Filled from the end in one pass per token, so the work is at most
// tokens x length x longest literal (11 x 320 x 256 byte comparisons), whatever the input.
// Where several splits match, each placeholder takes the shortest run that lets the rest match:
// `{list}` ends at the first '+' that works, and a subscriber whose local part holds '+' or '='
// keeps them.
#include "decode/verp.hpp"

#include <cstdint>
#include <utility>

#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

enum class Slot : std::uint8_t { literal, list, local, domain, host, number };

struct Placeholder {
  std::string_view name;
  Slot slot;
};

// The placeholders a pattern may use, each at most once.
constexpr Placeholder kPlaceholders[] = {
    {"{list}", Slot::list},     {"{local}", Slot::local},   {"{domain}", Slot::domain},
    {"{host}", Slot::host},     {"{number}", Slot::number},
};

struct Token {
  Slot slot = Slot::literal;
  std::string_view text;  // literal only
};

constexpr std::size_t kMaxTokens = 11;  // five placeholders with literals between and around

bool is_control_or_space(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// Which bytes a placeholder may cover. Bytes from 0x80 are UTF-8 (RFC 6531 addresses, IDNs).
bool allowed(Slot slot, unsigned char c) {
  if (is_control_or_space(c) || c == '@') return false;
  switch (slot) {
    case Slot::list:
    case Slot::local: return c != '"' && c != '<' && c != '>' && c != ',' && c != '\\';
    case Slot::domain:
    case Slot::host: return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                            (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_';
    case Slot::number: return c >= '0' && c <= '9';
    case Slot::literal: return false;
  }
  return false;
}

// The tokens of `pattern`, or the problem with it.
std::string tokenize(std::string_view pattern, std::vector<Token>& tokens) {
  tokens.clear();
  if (pattern.empty()) return "the pattern is empty";
  if (pattern.size() > kMaxVerpPattern)
    return "the pattern is longer than " + std::to_string(kMaxVerpPattern) + " bytes";
  bool seen[std::size(kPlaceholders)] = {};
  std::size_t ats = 0, i = 0;
  bool after_at = false, local_before_at = false, domain_before_at = false;
  while (i < pattern.size()) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (is_control_or_space(c)) return "control characters and spaces are not allowed";
    if (c == '}') return "a '}' that closes no placeholder";
    if (c == '{') {
      std::size_t k = 0;
      while (k < std::size(kPlaceholders) && !pattern.substr(i).starts_with(kPlaceholders[k].name)) ++k;
      if (k == std::size(kPlaceholders))
        return "unknown placeholder at '" + std::string(pattern.substr(i, 12)) +
               "' (known: {list} {local} {domain} {host} {number})";
      if (seen[k]) return std::string(kPlaceholders[k].name) + " appears twice";
      seen[k] = true;
      if (!tokens.empty() && tokens.back().slot != Slot::literal)
        return "two placeholders must be separated by literal text";
      const Slot slot = kPlaceholders[k].slot;
      if (slot == Slot::local) local_before_at = !after_at;
      if (slot == Slot::domain) domain_before_at = !after_at;
      if (slot == Slot::host && !after_at) return "{host} must come after the '@'";
      if ((slot == Slot::list || slot == Slot::number) && after_at)
        return std::string(kPlaceholders[k].name) + " must come before the '@'";
      tokens.push_back({slot, {}});
      i += kPlaceholders[k].name.size();
      continue;
    }
    // A literal runs to the next placeholder; the '@' it may hold separates the local part's
    // placeholders from {host}.
    std::size_t end = i;
    while (end < pattern.size() && pattern[end] != '{' && pattern[end] != '}' &&
           !is_control_or_space(static_cast<unsigned char>(pattern[end]))) {
      if (pattern[end] == '@') {
        ++ats;
        after_at = true;
      }
      ++end;
    }
    tokens.push_back({Slot::literal, pattern.substr(i, end - i)});
    i = end;
  }
  if (ats != 1) return "the pattern must contain exactly one '@'";
  if (!local_before_at || !domain_before_at) return "{local} and {domain} must both come before the '@'";
  if (tokens.size() > kMaxTokens) return "too many parts";
  return "";
}

// Whether `literal` stands in `address` at `at`, ASCII case ignored.
bool literal_at(std::string_view address, std::size_t at, std::string_view literal) {
  return address.size() - at >= literal.size() && util::iequals(address.substr(at, literal.size()), literal);
}

}  // namespace

std::string verp_pattern_problem(std::string_view pattern) {
  std::vector<Token> tokens;
  return tokenize(pattern, tokens);
}

namespace {

std::optional<VerpMatch> match_tokens(std::string_view pattern, const std::vector<Token>& tokens,
                                      std::string_view address) {
  if (address.empty() || address.size() > kMaxVerpAddress) return std::nullopt;
  // Most addresses are no VERP at all: every literal of the pattern must stand in the address, in
  // order, before the table is worth filling (an ordinary address has no '+' and '=').
  for (std::size_t from = 0; const Token& token : tokens) {
    if (token.slot != Slot::literal) continue;
    const std::size_t at = util::find_ci(address.substr(from), token.text);
    if (at == std::string_view::npos) return std::nullopt;
    from += at + token.text.size();
  }

  const std::size_t n = address.size(), width = n + 1;
  // can[t * width + p]: tokens t.. match address[p..]. Row tokens.size() is "nothing left".
  std::vector<char> can((tokens.size() + 1) * width, 0);
  can[tokens.size() * width + n] = 1;
  for (std::size_t t = tokens.size(); t-- > 0;) {
    const Token& token = tokens[t];
    const char* next = &can[(t + 1) * width];
    char* row = &can[t * width];
    if (token.slot == Slot::literal) {
      for (std::size_t p = 0; p <= n; ++p)
        row[p] = literal_at(address, p, token.text) && next[p + token.text.size()];
      continue;
    }
    // A placeholder matches from p when its run can end at some q + 1 (p <= q, every byte of
    // p..q allowed) where the rest matches: from the right, row[p] = allowed(p) && (next[p + 1]
    // || row[p + 1]). One pass, so a placeholder costs the address length, not its square.
    row[n] = 0;
    for (std::size_t p = n; p-- > 0;)
      row[p] = allowed(token.slot, static_cast<unsigned char>(address[p])) && (next[p + 1] || row[p + 1]);
  }
  if (!can[0]) return std::nullopt;

  // Walk the table from the start, each placeholder taking its shortest run.
  std::string_view runs[std::size(kPlaceholders) + 1];
  std::size_t p = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (token.slot == Slot::literal) {
      p += token.text.size();
      continue;
    }
    std::size_t q = p + 1;
    while (!can[(t + 1) * width + q]) ++q;  // can[t][p] holds, so some q does
    runs[static_cast<std::size_t>(token.slot)] = address.substr(p, q - p);
    p = q;
  }
  const std::string_view list = runs[static_cast<std::size_t>(Slot::list)];
  const std::string_view local = runs[static_cast<std::size_t>(Slot::local)];
  const std::string_view domain = runs[static_cast<std::size_t>(Slot::domain)];
  std::string_view host = runs[static_cast<std::size_t>(Slot::host)];
  if (host.empty()) host = address.substr(address.rfind('@') + 1);
  // A subscriber's domain is a domain name with at least two labels: "a=b" inside an ordinary
  // address is not a VERP.
  const std::size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return std::nullopt;
  VerpMatch match;
  match.subscriber = std::string(local) + "@" + util::to_lower(domain);
  if (!list.empty()) match.list = util::to_lower(list) + "@" + util::to_lower(host);
  match.pattern = std::string(pattern);
  return match;
}

// The built-in patterns, tokenized once.
const std::vector<std::vector<Token>>& default_tokens() {
  static const std::vector<std::vector<Token>> all = [] {
    std::vector<std::vector<Token>> v;
    for (std::string_view pattern : kDefaultVerpPatterns) {
      std::vector<Token> tokens;
      tokenize(pattern, tokens);  // they are valid: a test checks verp_pattern_problem of each
      v.push_back(std::move(tokens));
    }
    return v;
  }();
  return all;
}

bool has_control_or_space(std::string_view address) {
  for (char c : address)
    if (is_control_or_space(static_cast<unsigned char>(c))) return true;
  return false;
}

}  // namespace

std::optional<VerpMatch> match_verp(std::string_view pattern, std::string_view address) {
  if (address.empty() || address.size() > kMaxVerpAddress || has_control_or_space(address)) return std::nullopt;
  std::vector<Token> tokens;
  if (!tokenize(pattern, tokens).empty()) return std::nullopt;
  return match_tokens(pattern, tokens, address);
}

std::optional<VerpMatch> match_verp(const std::vector<std::string>& patterns, bool defaults,
                                    std::string_view address) {
  for (const std::string& pattern : patterns)
    if (auto m = match_verp(pattern, address)) return m;
  if (defaults && !address.empty() && address.size() <= kMaxVerpAddress && !has_control_or_space(address))
    for (std::size_t i = 0; i < std::size(kDefaultVerpPatterns); ++i)
      if (auto m = match_tokens(kDefaultVerpPatterns[i], default_tokens()[i], address)) return m;
  return std::nullopt;
}

namespace {
bool literals_in(const std::vector<Token>& tokens, std::string_view text) {
  for (const Token& token : tokens)
    if (token.slot == Slot::literal && util::find_ci(text, token.text) == std::string_view::npos) return false;
  return true;
}
}  // namespace

bool may_match_verp(const std::vector<std::string>& patterns, bool defaults, std::string_view text) {
  for (const std::string& pattern : patterns) {
    std::vector<Token> tokens;
    if (tokenize(pattern, tokens).empty() && literals_in(tokens, text)) return true;
  }
  if (defaults)
    for (const std::vector<Token>& tokens : default_tokens())
      if (literals_in(tokens, text)) return true;
  return false;
}

}  // namespace bouncekit::decode

// charset.cpp — to_utf8: bytes in a declared charset to valid UTF-8 (glibc iconv).
//
// Charset names are normalised (case, quotes, common mail aliases) and mapped
// to the superset glibc knows where mail clients usually mean one:
// Shift_JIS -> CP932, EUC-JP -> EUC-JP-MS, GB2312/GBK -> GB18030,
// EUC-KR/ks_c_5601-1987 -> CP949. ISO-2022-JP is transcoded here to CP932
// (so the NEC and IBM extensions that Japanese mailers put in it decode);
// input using other ISO-2022-JP-2/3 designations goes to glibc's converter.
//
// Declared UTF-8, ASCII, "unknown-8bit" and any charset iconv does not know
// go through sanitize_utf8 (invalid bytes read as Latin-1). For other
// charsets an invalid byte becomes U+FFFD and conversion goes on at the next
// byte; an incomplete sequence at the end becomes one U+FFFD.
//
// iconv descriptors are opened once per charset and thread (iconv_open is
// slow) and kept in a small thread_local cache.
#include <iconv.h>

#include <cerrno>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bouncekit/mime.hpp"
#include "mime/text_conversion.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
const iconv_t kNoConverter = reinterpret_cast<iconv_t>(-1);  // NOLINT: iconv's own error value

/// What to do with a normalised charset name.
struct Target {
  enum Kind { kSanitize, kIso2022Jp, kIconv } kind = kSanitize;
  std::string name;  ///< iconv name for kIconv, or the fallback for kIso2022Jp
};

std::string normalise_name(std::string_view raw) {
  std::string_view s = util::trim(raw);
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return util::to_lower(util::trim(s));
}

Target resolve(std::string_view declared) {
  std::string n = normalise_name(declared);
  if (n.empty() || n.size() > 40) return {};
  for (char c : n) {  // mail charset names never hold anything else (and no "//" suffixes)
    const bool ok = util::is_alpha(c) || util::is_digit(c) || c == '-' || c == '_' || c == '.' ||
                    c == ':' || c == '+';
    if (!ok) return {};
  }
  static const std::unordered_map<std::string_view, std::string_view> kAliases = {
      // sanitize: UTF-8 and ASCII (ASCII is a subset; 8-bit bytes become Latin-1)
      {"utf-8", ""}, {"utf8", ""}, {"unicode-1-1-utf-8", ""}, {"x-unicode20utf8", ""},
      {"us-ascii", ""}, {"ascii", ""}, {"ansi_x3.4-1968", ""}, {"iso646-us", ""}, {"us", ""},
      {"unknown-8bit", ""}, {"x-unknown", ""}, {"unknown", ""}, {"default", ""},
      {"x-user-defined", ""}, {"none", ""}, {"8bit", ""}, {"7bit", ""}, {"binary", ""},
      // Latin-1
      {"latin1", "ISO-8859-1"}, {"latin-1", "ISO-8859-1"}, {"l1", "ISO-8859-1"},
      {"iso-8859-1", "ISO-8859-1"}, {"iso8859-1", "ISO-8859-1"}, {"iso_8859-1", "ISO-8859-1"},
      {"iso88591", "ISO-8859-1"},
      // Japanese
      {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
      {"ms_kanji", "CP932"}, {"csshiftjis", "CP932"}, {"windows-31j", "CP932"}, {"cp932", "CP932"},
      {"x-ms-cp932", "CP932"}, {"euc-jp", "EUC-JP-MS"}, {"x-euc-jp", "EUC-JP-MS"},
      {"eucjp", "EUC-JP-MS"}, {"cp51932", "EUC-JP-MS"},
      // Chinese
      {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"}, {"cp936", "GB18030"},
      {"euc-cn", "GB18030"}, {"x-euc-cn", "GB18030"}, {"gb18030", "GB18030"},
      {"csgb2312", "GB18030"}, {"chinese", "GB18030"},
      // Korean
      {"ks_c_5601-1987", "CP949"}, {"ks_c_5601", "CP949"}, {"ksc5601", "CP949"},
      {"euc-kr", "CP949"}, {"x-euc-kr", "CP949"}, {"cp949", "CP949"}, {"uhc", "CP949"},
      {"x-windows-949", "CP949"},
      // others mail uses under names iconv does not know
      {"x-mac-roman", "MACINTOSH"}, {"mac", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
      {"windows-874", "CP874"}, {"x-cp1252", "CP1252"}, {"unicode-1-1-utf-7", "UTF-7"},
  };
  if (auto it = kAliases.find(n); it != kAliases.end()) {
    if (it->second.empty()) return {};
    return {Target::kIconv, std::string(it->second)};
  }
  // ISO-2022-JP and its variants.
  if (n == "iso-2022-jp" || n == "csiso2022jp" || n == "iso2022jp" || n == "iso-2022-jp-ms" ||
      n == "x-iso-2022-jp" || n == "cp50220" || n == "cp50221" || n == "cp50222" ||
      n == "iso-2022-jp-1" || n == "iso-2022-jp-2" || n == "csiso2022jp2")
    return {Target::kIso2022Jp, "ISO-2022-JP-2"};
  if (n == "iso-2022-jp-3" || n == "iso-2022-jp-2004") return {Target::kIso2022Jp, "ISO-2022-JP-3"};
  // Hebrew/Arabic logical-order labels: same bytes as the plain part.
  if (n.size() > 2 && n.starts_with("iso-8859-") && (n.ends_with("-i") || n.ends_with("-e")))
    n.resize(n.size() - 2);
  // "cp-1252" -> "cp1252"
  if (n.starts_with("cp-")) n.erase(2, 1);
  return {Target::kIconv, n};
}

/// Per-thread cache of iconv descriptors keyed by the name given to iconv_open
/// (failures are cached too, as kNoConverter).
class ConverterCache {
 public:
  ConverterCache() = default;
  ConverterCache(const ConverterCache&) = delete;
  ConverterCache& operator=(const ConverterCache&) = delete;
  ~ConverterCache() { clear(); }

  iconv_t get(const std::string& name) {
    if (auto it = map_.find(name); it != map_.end()) return it->second;
    if (map_.size() >= kMaxEntries) clear();
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == kNoConverter && name.starts_with("x-")) cd = iconv_open("UTF-8", name.c_str() + 2);
    map_.emplace(name, cd);
    return cd;
  }

 private:
  static constexpr std::size_t kMaxEntries = 48;
  void clear() {
    for (auto& [name, cd] : map_)
      if (cd != kNoConverter) iconv_close(cd);
    map_.clear();
  }
  std::unordered_map<std::string, iconv_t> map_;
};

iconv_t converter(const std::string& name) {
  thread_local ConverterCache cache;
  return cache.get(name);
}

/// Appends the UTF-8 conversion of `in` to `out`; invalid bytes become U+FFFD.
void convert(iconv_t cd, std::string_view in, std::string& out) {
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state of the cached descriptor
  char* src = const_cast<char*>(in.data());  // iconv's API is not const-correct; it only reads
  std::size_t src_left = in.size();
  std::string buf;
  buf.resize(in.size() * 3 + 16);
  char* dst = buf.data();
  std::size_t dst_left = buf.size();
  auto grow = [&] {
    const std::size_t used = buf.size() - dst_left;
    buf.resize(buf.size() * 2);
    dst = buf.data() + used;
    dst_left = buf.size() - used;
  };
  while (src_left > 0) {
    const std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      grow();
      continue;
    }
    // EILSEQ (or anything unexpected): one replacement, skip one byte.
    // EINVAL (incomplete sequence at the end): one replacement for the rest.
    while (dst_left < kReplacement.size()) grow();
    const std::size_t used = buf.size() - dst_left;
    buf.replace(used, kReplacement.size(), kReplacement);
    dst = buf.data() + used + kReplacement.size();
    dst_left -= kReplacement.size();
    if (errno == EINVAL) break;
    ++src;
    --src_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // keep the stateful decoders sane after garbage
  }
  buf.resize(buf.size() - dst_left);
  out += buf;
}

/// ISO-2022-JP with only ASCII, JIS-Roman, JIS X 0208 and half-width katakana
/// designations is rewritten to CP932 bytes; anything else returns false.
bool iso2022jp_to_cp932(std::string_view in, std::string& out) {
  enum Mode { kAscii, kTwoByte, kKatakana } mode = kAscii;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == 0x1B) {
      const std::string_view rest = in.substr(i + 1);
      if (rest.starts_with("(B") || rest.starts_with("(J")) {
        mode = kAscii;
      } else if (rest.starts_with("$@") || rest.starts_with("$B")) {
        mode = kTwoByte;
      } else if (rest.starts_with("(I")) {
        mode = kKatakana;
      } else {
        return false;
      }
      i += 3;
      continue;
    }
    if (c == 0x0E || c == 0x0F) return false;  // SO/SI: not this encoding
    if (c == '\r' || c == '\n') mode = kAscii;  // lines end in ASCII (tolerate a missing ESC ( B)
    if (mode == kTwoByte && c >= 0x21 && c <= 0x7E) {
      if (i + 1 >= in.size()) return false;
      const auto c2 = static_cast<unsigned char>(in[i + 1]);
      if (c2 < 0x21 || c2 > 0x7E) return false;
      const unsigned s1 = ((c + 1u) >> 1) + (c <= 0x5E ? 0x70u : 0xB0u);
      const unsigned s2 = c2 + ((c & 1u) ? (c2 < 0x60 ? 0x1Fu : 0x20u) : 0x7Eu);
      out.push_back(static_cast<char>(s1));
      out.push_back(static_cast<char>(s2));
      i += 2;
      continue;
    }
    if (mode == kKatakana && c >= 0x21 && c <= 0x5F) {
      out.push_back(static_cast<char>(c + 0x80));
    } else {
      out.push_back(static_cast<char>(c));  // 8-bit strays are read as CP932 too
    }
    ++i;
  }
  return true;
}

}  // namespace

namespace {

/// What to_utf8 does with `bytes`: sanitize them (the result is the bytes themselves when
/// they are clean UTF-8), or convert them from target.name.
bool only_sanitized(std::string_view bytes, const Target& target) {
  if (target.kind == Target::kSanitize) return true;
  // Text that is plain ASCII in an ASCII-based charset needs no converter.
  bool pure_ascii = true;
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80 || c == 0x1B || c == 0x0E) {
      pure_ascii = false;
      break;
    }
  const std::string& t = target.name;
  const bool ascii_based = target.kind == Target::kIso2022Jp || t.starts_with("ISO-8859") ||
                           t.starts_with("iso-8859") || t.starts_with("windows-125") ||
                           t.starts_with("koi8") || t == "CP932" || t == "EUC-JP-MS" ||
                           t == "GB18030" || t == "CP949" || t == "CP1252" || t == "MACINTOSH" ||
                           t == "CP874";
  return pure_ascii && ascii_based;
}

std::string converted(std::string_view bytes, const Target& target) {
  std::string out;
  if (target.kind == Target::kIso2022Jp) {
    std::string cp932;
    if (iso2022jp_to_cp932(bytes, cp932)) {
      iconv_t cd = converter("CP932");
      if (cd != kNoConverter) {
        convert(cd, cp932, out);
        return sanitize_utf8(out);
      }
    }
  }
  iconv_t cd = converter(target.name);
  if (cd == kNoConverter) return sanitize_utf8(bytes);
  convert(cd, bytes, out);
  return sanitize_utf8(out);  // drops NULs; valid UTF-8 passes through unchanged
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  Target target = resolve(charset);
  if (only_sanitized(bytes, target)) return sanitize_utf8(bytes);
  return converted(bytes, target);
}

bool to_utf8_unless_unchanged(std::string_view bytes, std::string_view charset, std::string& out) {
  Target target = resolve(charset);
  if (only_sanitized(bytes, target)) {
    if (clean_utf8_prefix(bytes) == bytes.size()) return true;
    out = sanitize_utf8(bytes);
    return false;
  }
  out = converted(bytes, target);
  return false;
}

}  // namespace bouncekit::mime

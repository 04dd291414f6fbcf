// Helpers for the decode tests: load a testdata message, decode it, print records.
#pragma once

#include "utf8_validity.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/record.hpp"
#include "bouncekit/source.hpp"
#include "decode/stated_status.hpp"
#include "test_support.hpp"

namespace bouncekit::decode::test {

/// A RawMessage as the source stage would hand it over for a single file.
inline source::RawMessage raw_message(std::string bytes, std::string path = "inline.eml") {
  source::RawMessage m;
  m.origin.path = std::move(path);
  m.bytes = std::move(bytes);
  return m;
}

/// Path of a message under testdata/decode/.
inline std::string decode_path(const std::string& name) {
  return bouncekit::test::testdata("decode/" + name).string();
}

/// Decodes testdata/decode/<name> (origin = its path).
inline Result decode_file(const std::string& name, const DecodeOptions& options = {}) {
  const std::string path = decode_path(name);
  return bouncekit::pipeline::decode_and_classify(raw_message(bouncekit::test::read_file(path), path), options);
}

/// LF -> CRLF.
inline std::string to_crlf(std::string_view lf) {
  std::string out;
  out.reserve(lf.size() + lf.size() / 16);
  for (char c : lf) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

/// LF -> CR.
inline std::string to_cr(std::string_view lf) {
  std::string out(lf);
  for (char& c : out)
    if (c == '\n') c = '\r';
  return out;
}

/// Strict UTF-8 check (RFC 3629), written independently of the library; NUL is rejected too.
inline bool valid_utf8(std::string_view s) { return bouncekit::test::valid_utf8_without_nul(s); }

/// Every string of a record, with its name (for "all valid UTF-8" and "identical" checks).
inline std::vector<std::pair<std::string, std::string>> fields_of(const Record& r, bool with_origin = true) {
  std::vector<std::pair<std::string, std::string>> f{
      {"timestamp", r.timestamp},
      {"recipient", r.recipient},
      {"subscriber", r.subscriber},
      {"original_recipient", r.original_recipient},
      {"recipient_domain", r.recipient_domain},
      {"sender", r.sender},
      {"action", r.action},
      {"status", r.status},
      {"reply_code", r.reply_code},
      {"diagnostic", r.diagnostic},
      {"diagnostic_type", r.diagnostic_type},
      {"reason", r.reason},
      {"bounce", r.bounce},
      {"remote_mta", r.remote_mta},
      {"reporting_mta", r.reporting_mta},
      {"smtp_command", r.smtp_command},
      {"decoded_by", r.decoded_by},
      {"message_id", r.message_id},
      {"subject", r.subject},
      {"list_id", r.list_id},
      {"list", r.list},
      {"original_to", r.original_to},
      {"original_date", r.original_date},
      {"feedback_type", r.feedback_type},
  };
  if (with_origin) f.insert(f.begin(), {"origin", r.origin});
  for (const auto& [name, value] : r.extra_headers) f.emplace_back("header:" + name, value);
  return f;
}

/// Human-readable dump of a result, for failure messages.
inline std::string dump(const Result& result) {
  std::string out = std::string("kind=") + to_string(result.kind) + " problem=\"" + result.problem + "\" records=" +
                    std::to_string(result.records.size()) + "\n";
  for (std::size_t i = 0; i < result.records.size(); ++i) {
    out += "  [" + std::to_string(i) + "]\n";
    for (const auto& [name, value] : fields_of(result.records[i])) out += "    " + name + "=\"" + value + "\"\n";
  }
  return out;
}

}  // namespace bouncekit::decode::test

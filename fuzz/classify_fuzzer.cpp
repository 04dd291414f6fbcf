// Fuzz target: the classifier and `explain`. The input's lines fill the record
// fields the classifier reads (diagnostic first); the whole input is also explained.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bouncekit/classify.hpp"
#include "bouncekit/vocabulary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bouncekit;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  Record r;
  std::string diagnostic, remote_mta;  // (SharedText fields: read here, then set)
  std::string* fields[] = {&diagnostic,     &r.status,          &r.reply_code,
                           &r.action,       &remote_mta,        &r.recipient,
                           &r.smtp_command, &r.diagnostic_type, &r.recipient_domain};
  std::size_t pos = 0;
  for (std::string* field : fields) {
    if (pos > in.size()) break;
    std::size_t eol = in.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? in.size() : eol;
    field->assign(in.substr(pos, end - pos));
    pos = end + 1;
  }
  r.diagnostic = std::move(diagnostic);
  r.remote_mta = std::move(remote_mta);
  classify::apply(r);
  if (r.reason.empty() || r.bounce.empty() || !vocabulary::reason_named(r.reason)) std::abort();
  // explain and classify read the same words the same way.
  classify::Explanation e = classify::explain(in);
  Record line;
  line.diagnostic = e.input;
  if (e.reason != vocabulary::name(classify::classify(line).reason)) std::abort();
  (void)classify::to_text(e);
  (void)classify::to_json(e);
  return 0;
}

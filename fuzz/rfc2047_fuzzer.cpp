// Fuzz target: RFC 2047 encoded words and the text-to-UTF-8 helpers. The
// first line names a charset for to_utf8; the whole input is a header value.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bouncekit/mime.hpp"
#include "utf8_validity.hpp"

namespace {

// The promise every helper makes: valid UTF-8, no NUL bytes.
void check_utf8(const std::string& s) {
  if (!bouncekit::test::valid_utf8_without_nul(s)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bouncekit::mime;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  check_utf8(decode_header(in));
  check_utf8(sanitize_utf8(in));
  std::size_t eol = in.find('\n');
  std::string_view charset = eol == std::string_view::npos ? std::string_view{} : in.substr(0, eol);
  std::string_view rest = eol == std::string_view::npos ? in : in.substr(eol + 1);
  check_utf8(to_utf8(rest, charset));
  (void)parse_content_type(in);
  (void)to_iso8601_utc(in);
  return 0;
}

// Reading an export file the way its consumer does: tests/report/import_consumers.py (python3,
// a test dependency installed by scripts/install-deps) prints what Mailman, listmonk, SES,
// SendGrid, Postmark or Mailchimp would take from it.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace bouncekit::test {

struct Consumed {
  int exit_code = -1;
  std::vector<std::string> addresses;  ///< in file order
  std::vector<std::string> details;    ///< SES reason, Mailchimp status, else "-"
  std::string err;
};

inline std::string consumer_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs the consumer's reader for `format` over `content`.
inline Consumed consume(const std::string& format, const std::string& content) {
  TempDir tmp;
  const std::filesystem::path script =
      std::filesystem::path(BOUNCEKIT_TESTDATA).parent_path() / "tests" / "report" / "import_consumers.py";
  write_file(tmp.path() / "in", content);
  std::string cmd = "python3 " + consumer_quote(script.string()) + " " + consumer_quote(format) + " " +
                    consumer_quote((tmp.path() / "in").string()) + " > " + consumer_quote((tmp.path() / "out").string()) +
                    " 2> " + consumer_quote((tmp.path() / "err").string());
  int status = std::system(cmd.c_str());
  Consumed c;
  c.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  c.err = read_file(tmp.path() / "err");
  std::istringstream lines(read_file(tmp.path() / "out"));
  for (std::string line; std::getline(lines, line);) {
    std::size_t tab = line.rfind('\t');
    c.addresses.push_back(line.substr(0, tab));
    c.details.push_back(tab == std::string::npos ? "" : line.substr(tab + 1));
  }
  return c;
}

}  // namespace bouncekit::test

// One address per line.
//
// plain: the address and a line feed, nothing else (suppressions.txt; `cut`, `grep -F -x -f`,
//   and most list managers' "paste addresses" boxes take it).
// mailman: for Mailman 3's `mailman delmembers -f FILE` (and `addmembers`), which skips blank
//   lines and lines starting with '#' and reads every other line with Python's
//   email.utils.parseaddr (mailman/commands/cli_delmembers.py; Mailman 3 documentation,
//   "Command line usage"). Each address is written as <address>, so that one starting with '#'
//   is not taken for a comment; addresses parseaddr would cut short (a comma or a parenthesis
//   outside quotes) are left out rather than delete somebody else.
#include "report/exports/exportable.hpp"
#include "report/exports/writers.hpp"

namespace bouncekit::report::exports {
namespace {

class LineExport : public SuppressionExport {
 public:
  LineExport(std::ostream& out, bool mailman) : out_(out), mailman_(mailman) {}
  void write(const analysis::Suppression& s) override {
    const std::string& address = s.recipient;
    if (mailman_ ? !is_mailman_safe(address) : !is_exportable(address)) {
      ++skipped_;
      return;
    }
    if (mailman_)
      out_ << '<' << address << ">\n";
    else
      out_ << address << '\n';
    ++written_;
  }

 private:
  std::ostream& out_;
  bool mailman_;
};

}  // namespace

std::unique_ptr<SuppressionExport> make_plain(std::ostream& out) { return std::make_unique<LineExport>(out, false); }
std::unique_ptr<SuppressionExport> make_mailman(std::ostream& out) { return std::make_unique<LineExport>(out, true); }

}  // namespace bouncekit::report::exports

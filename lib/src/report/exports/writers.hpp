// The export writers, one file per format family: lines (plain, Mailman), CSV (suppressions.csv,
// listmonk, SES) and JSON request bodies (SendGrid, Postmark, Mailchimp). report/exports/formats.cpp
// picks one by name.
#pragma once

#include <memory>
#include <ostream>

#include "bouncekit/report_files.hpp"

namespace bouncekit::report::exports {

std::unique_ptr<SuppressionExport> make_plain(std::ostream& out);
std::unique_ptr<SuppressionExport> make_mailman(std::ostream& out);
std::unique_ptr<SuppressionExport> make_csv(std::ostream& out, bool raw);
std::unique_ptr<SuppressionExport> make_listmonk(std::ostream& out);
std::unique_ptr<SuppressionExport> make_ses(std::ostream& out);
std::unique_ptr<SuppressionExport> make_sendgrid(std::ostream& out);
std::unique_ptr<SuppressionExport> make_postmark(std::ostream& out);
std::unique_ptr<SuppressionExport> make_mailchimp(std::ostream& out);

}  // namespace bouncekit::report::exports

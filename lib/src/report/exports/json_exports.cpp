// JSON request bodies, one document per line (JSON Lines), each within the API's batch size, so
// that a shell loop sends one request per line (docs/list-managers.md):
//
// sendgrid: POST /v3/asm/suppressions/global, {"recipient_emails": [...]} (Twilio SendGrid v3
//   API reference, "Add recipient addresses to the global suppression group"). SendGrid has no
//   call that adds bounces; the global unsubscribe group stops every send. 1000 per body is our
//   own bound, to keep requests small.
// postmark: POST /message-streams/{stream_id}/suppressions,
//   {"Suppressions": [{"EmailAddress": ...}, ...]} (Postmark API reference, "Suppressions API",
//   "Create a suppression"), at most 50 addresses per request.
// mailchimp: POST /lists/{list_id} ("Batch subscribe or unsubscribe"),
//   {"members": [{"email_address": ..., "status": "unsubscribed"}, ...], "update_existing": true}
//   (Mailchimp Marketing API reference, Lists), at most 500 members per call.
// An empty list writes no line: there is no request to send.
#include <string>
#include <vector>

#include "report/exports/exportable.hpp"
#include "report/exports/writers.hpp"
#include "report/json_string.hpp"

namespace bouncekit::report::exports {
namespace {

struct BodyShape {
  const char* head;         ///< up to the array's '['
  const char* item_before;  ///< before each address
  const char* item_after;   ///< after each address
  const char* tail;         ///< from the array's ']'
  std::size_t batch;        ///< addresses per body
};

constexpr BodyShape kSendGrid{"{\"recipient_emails\":[", "", "", "]}", 1000};
constexpr BodyShape kPostmark{"{\"Suppressions\":[", "{\"EmailAddress\":", "}", "]}", 50};
constexpr BodyShape kMailchimp{"{\"members\":[", "{\"email_address\":", ",\"status\":\"unsubscribed\"}",
                               "],\"update_existing\":true}", 500};

class JsonBatchExport : public SuppressionExport {
 public:
  JsonBatchExport(std::ostream& out, const BodyShape& shape) : out_(out), shape_(shape) {}
  void write(const analysis::Suppression& s) override {
    if (!is_exportable(s.recipient)) {
      ++skipped_;
      return;
    }
    if (in_body_ == 0) body_ = shape_.head;
    else body_ += ',';
    body_ += shape_.item_before;
    detail::append_json_string(body_, s.recipient);
    body_ += shape_.item_after;
    ++written_;
    if (++in_body_ == shape_.batch) flush();
  }
  void finish() override {
    if (in_body_ > 0) flush();
  }

 private:
  void flush() {
    body_ += shape_.tail;
    out_ << body_ << '\n';
    body_.clear();
    in_body_ = 0;
  }
  std::ostream& out_;
  const BodyShape& shape_;
  std::string body_;
  std::size_t in_body_ = 0;
};

}  // namespace

std::unique_ptr<SuppressionExport> make_sendgrid(std::ostream& out) {
  return std::make_unique<JsonBatchExport>(out, kSendGrid);
}
std::unique_ptr<SuppressionExport> make_postmark(std::ostream& out) {
  return std::make_unique<JsonBatchExport>(out, kPostmark);
}
std::unique_ptr<SuppressionExport> make_mailchimp(std::ostream& out) {
  return std::make_unique<JsonBatchExport>(out, kMailchimp);
}

}  // namespace bouncekit::report::exports

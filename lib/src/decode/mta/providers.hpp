// Decoders for webmail providers and hosted mail services: Google (Gmail,
// Google Groups, Google Workspace), Yahoo, AOL, Microsoft (Outlook/Hotmail,
// Office 365, Exchange 2003 and 2007), Amazon (SES, SES inbound, WorkMail),
// SendGrid, Zoho, Facebook and PowerMTA. One family per file; the order in
// which they are tried is in registry.cpp.
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

// Plain-text formats (registered after rfc3464).
bool detect_gmail(const Context& ctx);
std::optional<Result> decode_gmail(const Context& ctx);
bool detect_googlegroups(const Context& ctx);
std::optional<Result> decode_googlegroups(const Context& ctx);
bool detect_yahoo(const Context& ctx);
std::optional<Result> decode_yahoo(const Context& ctx);
bool detect_zoho(const Context& ctx);
std::optional<Result> decode_zoho(const Context& ctx);
bool detect_exchange2003(const Context& ctx);
std::optional<Result> decode_exchange2003(const Context& ctx);

// Formats that may carry a delivery-status part, or JSON (registered before rfc3464).
bool detect_amazonses(const Context& ctx);
std::optional<Result> decode_amazonses(const Context& ctx);
bool detect_amazonworkmail(const Context& ctx);
std::optional<Result> decode_amazonworkmail(const Context& ctx);
bool detect_receivingses(const Context& ctx);
std::optional<Result> decode_receivingses(const Context& ctx);
bool detect_googleworkspace(const Context& ctx);
std::optional<Result> decode_googleworkspace(const Context& ctx);
bool detect_office365(const Context& ctx);
std::optional<Result> decode_office365(const Context& ctx);
bool detect_exchange2007(const Context& ctx);
std::optional<Result> decode_exchange2007(const Context& ctx);
bool detect_outlook(const Context& ctx);
std::optional<Result> decode_outlook(const Context& ctx);
bool detect_aol(const Context& ctx);
std::optional<Result> decode_aol(const Context& ctx);
bool detect_sendgrid(const Context& ctx);
std::optional<Result> decode_sendgrid(const Context& ctx);
bool detect_facebook(const Context& ctx);
std::optional<Result> decode_facebook(const Context& ctx);
bool detect_powermta(const Context& ctx);
std::optional<Result> decode_powermta(const Context& ctx);

}  // namespace bouncekit::decode

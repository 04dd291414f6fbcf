// Enhanced status code (RFC 3463) -> reason: the table the preliminary classifier reads.
#pragma once

#include <string_view>

namespace bouncekit::classify {

/// Reason for an enhanced status code's subject.detail ("1.1" for X.1.1), "" if the code says nothing specific.
std::string_view reason_for_status(std::string_view status);

/// Reason for a three-digit reply code alone, "" if it says nothing specific.
std::string_view reason_for_reply_code(std::string_view reply_code);

}  // namespace bouncekit::classify

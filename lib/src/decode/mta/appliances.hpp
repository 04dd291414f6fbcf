// Mail-security appliances, filters and gateways: their bounce formats.
//
// Plain-text formats (registered among the MTA-specific formats): Active!Hunter,
// MailFoundry, MailMarshal, Trend Micro InterScan, McAfee MXLogic.
// Formats that come with a delivery-status part (registered before the generic
// rfc3464 decoder, so that `decoded_by` names the appliance): SurfControl,
// Barracuda, amavis, Symantec MessageLabs, Mimecast.
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

bool detect_activehunter(const Context& ctx);
std::optional<Result> decode_activehunter(const Context& ctx);

bool detect_mailfoundry(const Context& ctx);
std::optional<Result> decode_mailfoundry(const Context& ctx);

bool detect_mailmarshal(const Context& ctx);
std::optional<Result> decode_mailmarshal(const Context& ctx);

bool detect_trendmicro(const Context& ctx);
std::optional<Result> decode_trendmicro(const Context& ctx);

bool detect_mxlogic(const Context& ctx);
std::optional<Result> decode_mxlogic(const Context& ctx);

bool detect_surfcontrol(const Context& ctx);
std::optional<Result> decode_surfcontrol(const Context& ctx);

bool detect_barracuda(const Context& ctx);
std::optional<Result> decode_barracuda(const Context& ctx);

bool detect_amavis(const Context& ctx);
std::optional<Result> decode_amavis(const Context& ctx);

bool detect_messagelabs(const Context& ctx);
std::optional<Result> decode_messagelabs(const Context& ctx);

bool detect_mimecast(const Context& ctx);
std::optional<Result> decode_mimecast(const Context& ctx);

}  // namespace bouncekit::decode

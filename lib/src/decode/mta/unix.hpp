// Decoders for the bounces of Unix MTAs and their relatives: Postfix,
// Sendmail (and V5 Sendmail), DragonFly Mail Agent, qmail, OpenSMTPD, Sun/Oracle
// Messaging Server, Apache James and the fml mailing-list manager. One file
// per family (mta/<family>.cpp); the order they are tried in is registry.cpp.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "decode/context.hpp"

namespace bouncekit::decode {

// Families whose bounces are (mostly) RFC 3464 reports: they recognise their
// own DSNs, decode them through decode_rfc3464 and add what their text says.
bool detect_postfix(const Context& ctx);
std::optional<Result> decode_postfix(const Context& ctx);
bool detect_sendmail(const Context& ctx);
std::optional<Result> decode_sendmail(const Context& ctx);
bool detect_messagingserver(const Context& ctx);
std::optional<Result> decode_messagingserver(const Context& ctx);
bool detect_opensmtpd(const Context& ctx);
std::optional<Result> decode_opensmtpd(const Context& ctx);

// Plain-text formats.
/// Records from a Sendmail session transcript (V5 and V8): one per
/// "NNN <address>... text" line, with the remote server's "<<<" reply of the
/// conversation it belongs to. Shared by the sendmail and v5sendmail decoders. At most `max`
/// records (docs/limits.md): the addresses after them are counted in `left_out`, not built.
std::vector<Record> sendmail_transcript_records(std::string_view transcript, std::size_t max,
                                                std::size_t& left_out);
bool detect_v5sendmail(const Context& ctx);
std::optional<Result> decode_v5sendmail(const Context& ctx);
bool detect_dragonfly(const Context& ctx);
std::optional<Result> decode_dragonfly(const Context& ctx);
bool detect_qmail(const Context& ctx);
std::optional<Result> decode_qmail(const Context& ctx);
bool detect_apachejames(const Context& ctx);
std::optional<Result> decode_apachejames(const Context& ctx);
bool detect_fml(const Context& ctx);
std::optional<Result> decode_fml(const Context& ctx);

}  // namespace bouncekit::decode

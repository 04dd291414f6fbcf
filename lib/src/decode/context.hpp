// What every decoder sees, and what it must provide.
//
// A decoder is a pair of functions: a cheap `detect` that looks only at
// headers and obvious markers, and `decode` that builds records. The order in
// which decoders are tried is the table in registry.cpp, and nowhere else.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/mime.hpp"
#include "bouncekit/source.hpp"
#include "decode/original_message.hpp"

namespace bouncekit::decode {

/// How far into the message `body_has` looks (plain_text.hpp): detection must stay cheap, and
/// every format announces itself near the top.
inline constexpr std::size_t kDetectWindow = 16 * 1024;

/// What many `detect` functions ask of the same message, worked out on first use
/// (plain_text.cpp) instead of once per decoder.
struct DetectCache {
  // The window is left uninitialised (it lives in the Context, on decode()'s stack: one
  // message, no allocation); only its first lowered_size bytes are ever read.
  DetectCache() {}  // not `= default`: value-initialising the Context would then zero the window
  bool has_lowered_head = false;
  std::size_t lowered_size = 0;
  std::array<char, kDetectWindow> lowered_head;  ///< the first kDetectWindow bytes of the raw body, lower-cased
  bool has_from = false;
  std::string from;  ///< the From header as it is
  bool from_is_daemon = false;
  bool has_subject = false;
  std::string subject;  ///< the Subject header, RFC 2047 decoded
  /// detect_exchange2007's answer: detect_office365, just before it in the registry, asks it first.
  std::optional<bool> exchange2007;
  /// The returned message's headers (plain_text.hpp returned_message): the generic decoder and
  /// decode()'s finishing step both read them.
  std::optional<OriginalMessage> original;
};

struct Context {
  /// Not an aggregate: aggregate initialisation made GCC zero-fill the cache's 16 KB window for
  /// every message (callgrind: 9% of parse's instructions), which DetectCache's constructor leaves
  /// alone on purpose.
  Context(const source::RawMessage& raw_message, std::string_view text, const mime::Message& parsed,
          const DecodeOptions& decode_options)
      : raw(raw_message), bytes(text), message(parsed), options(decode_options) {}

  const source::RawMessage& raw;
  std::string_view bytes;  ///< the message text with LF line ends (use this, not raw.bytes)
  const mime::Message& message;
  const DecodeOptions& options;
  /// Recipients a decoder counted but did not build, because options.max_records were already
  /// built (decode() resets it before each decoder and adds it to the "left out" note).
  mutable std::size_t records_left_out = 0;
  mutable DetectCache cache;  ///< one message, one thread: no locking
};

/// What a decoder knows: a standard format or bounces in general, or one product's format.
enum class Scope {
  generic,   ///< standards (ARF, RFC 3464/6533, RFC 3834) and the fallback: run in every mode
  specific,  ///< one MTA, appliance or provider: skipped with DecodeOptions::generic_only
};

struct Decoder {
  std::string_view name;  ///< goes into Record::decoded_by
  bool (*detect)(const Context&);
  /// Returns records (kind and records set), or nullopt if the message was not its own after all.
  std::optional<Result> (*decode)(const Context&);
  Scope scope = Scope::specific;
};

/// The decoders, in the order they are tried.
const std::vector<Decoder>& registry();

/// Depth-first list of the parts of the tree (the root first). With
/// `into_messages` false, the insides of enclosed messages (message/rfc822 and
/// the like: the returned original) are left out.
std::vector<const mime::Part*> all_parts(const mime::Part& root, bool into_messages = true);

/// The first part whose content type is one of `types` ("message/delivery-status", ...).
const mime::Part* find_part(const mime::Part& root, std::initializer_list<std::string_view> types);

}  // namespace bouncekit::decode

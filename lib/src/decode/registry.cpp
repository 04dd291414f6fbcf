// The order in which decoders are tried. The first whose `detect` says yes and
// whose `decode` returns a result wins. Complaints and standard DSNs come
// first (their markers are unambiguous); auto-replies last, since bounces from
// some MTAs carry auto-reply headers too.
#include "decode/arf.hpp"
#include "decode/autoreply.hpp"
#include "decode/context.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {

const std::vector<Decoder>& registry() {
  static const std::vector<Decoder> decoders{
      {"arf", detect_arf, decode_arf},
      {"rfc3464", detect_rfc3464, decode_rfc3464},
      {"rfc3834", detect_autoreply, decode_autoreply},
  };
  return decoders;
}

}  // namespace bouncekit::decode

// Message fingerprints: XXH3-128 over the raw bytes. Not a cryptographic hash: it only has to
// tell apart the messages of one user's bounce folders (collision odds ~2^-128 per pair).
#include "bouncekit/history.hpp"

// xxHash used header-only (Debian's libxxhash-dev): nothing to link, and the installed
// libbouncekit does not add a link dependency for its users.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace bouncekit::history {

std::string fingerprint(std::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  XXH128_canonical_t canonical;  // big-endian bytes: the same hex on every machine
  XXH128_canonicalFromHash(&canonical, hash);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof canonical.digest);
  for (unsigned char byte : canonical.digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

}  // namespace bouncekit::history

// Amazon SES, the sending service.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"amazonses.com"};  // *.smtp-out.amazonses.com

}  // namespace

const Provider amazonses{"amazonses", {}, kHosts, {}};

}  // namespace bouncekit::providers

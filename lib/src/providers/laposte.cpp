// La Poste (laposte.net). Its refusals use the same French texts as Orange's (orange.cpp), with
// La Poste's own codes (LPN001, LPN006, ...: "service refuse", the sending IP is refused).
// The classifier used to read laposte.net with Orange's rules and the report to count it as
// "laposte"; this row keeps both: La Poste's name, the same rules.
#include "providers/orange_texts.hpp"
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"laposte.net"};

constexpr std::string_view kHosts[] = {"laposte.net"};


}  // namespace

const Provider laposte{"laposte", kDomains, kHosts, kOrangeTextRules};

}  // namespace bouncekit::providers

// Orange (orange.fr, formerly Wanadoo). Rules from the French texts of Orange's refusals, whose
// codes (OFR_...) its postmaster pages (postmaster.orange.fr) explain: an invalid recipient
// address, a blocked recipient account, a blocked sending IP ("service refuse", OFR_999), mail
// refused as spam. La Poste's mail (laposte.cpp) refuses with the same French texts.
#include "providers/orange_texts.hpp"
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"orange.fr", "wanadoo.fr"};

constexpr std::string_view kHosts[] = {
    "orange.fr",  // smtp-in.orange.fr
    "wanadoo.fr",
};


}  // namespace

const Provider orange{"orange", kDomains, kHosts, kOrangeTextRules};

}  // namespace bouncekit::providers

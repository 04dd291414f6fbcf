// The French refusal texts of Orange's mail servers, which La Poste's servers use too
// (orange.cpp, laposte.cpp): one table that both rows share. Orange's postmaster pages
// (postmaster.orange.fr) explain the codes (OFR_...) these texts come with: an invalid recipient
// address, a blocked recipient account, a blocked sending IP ("service refuse", OFR_999), mail
// refused as spam.
#pragma once

#include "providers/providers.hpp"

namespace bouncekit::providers {

inline constexpr Rule kOrangeTextRules[] = {
    {"userunknown", "adresse destinataire invalide", ""},
    {"suspend", "compte du destinataire est bloque", ""},
    {"blocked", "adresse ip source bloquee", ""},
    {"blocked", "service refuse", ""},
    {"spamdetected", "spam", ""},
    {"spamdetected", "mail rejete", ""},
};

}  // namespace bouncekit::providers

// The rows of the provider table, one per file of this folder; registry.cpp orders them.
#pragma once

#include "providers/providers.hpp"

namespace bouncekit::providers {

// Providers with rules of their own (the classifier's provider tables).
extern const Provider google;
extern const Provider microsoft;
extern const Provider yahoo;
extern const Provider apple;
extern const Provider orange;
extern const Provider laposte;
extern const Provider godaddy;
extern const Provider mimecast;
extern const Provider cox;
extern const Provider facebook;
extern const Provider netease;
extern const Provider yandex;

// Providers known by their domains and hosts only (report lines).
extern const Provider mailru;
extern const Provider zoho;
extern const Provider one_and_one;
extern const Provider comcast;
extern const Provider att;
extern const Provider proton;
extern const Provider fastmail;
extern const Provider messagelabs;
extern const Provider proofpoint;
extern const Provider barracuda;
extern const Provider amazonses;
extern const Provider sendgrid;
extern const Provider mailgun;
extern const Provider tencent;
extern const Provider naver;
extern const Provider tonline;
extern const Provider free;
extern const Provider italiaonline;
extern const Provider rambler;
extern const Provider seznam;
extern const Provider mailchannels;

}  // namespace bouncekit::providers

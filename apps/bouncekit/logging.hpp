// Diagnostics on stderr through spdlog; results never go there.
#pragma once

namespace bouncekit::app {

/// Sets the default logger: stderr, "bouncekit: " prefix; debug when verbose, warnings only when quiet.
void setup_logging(bool verbose, bool quiet);

}  // namespace bouncekit::app

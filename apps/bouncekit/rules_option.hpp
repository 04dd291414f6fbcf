// The --rules option that parse and explain share: a classifier with the user's rules loaded.
#pragma once

#include <string>

#include "bouncekit/classify.hpp"

namespace bouncekit::app {

/// Loads the rules file at `path` into `classifier` (nothing to do if `path` is empty).
/// A malformed file is logged with its file and line; returns false then (exit code 2).
bool load_user_rules(classify::Classifier& classifier, const std::string& path);

}  // namespace bouncekit::app

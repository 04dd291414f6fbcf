#include "rules_option.hpp"

#include <spdlog/spdlog.h>

namespace bouncekit::app {

bool load_user_rules(classify::Classifier& classifier, const std::string& path) {
  if (path.empty()) return true;
  classifier.set_warning_sink([](const std::string& message) { spdlog::warn("{}", message); });
  try {
    classifier.load_rules(path);
  } catch (const classify::RuleFileError& e) {
    spdlog::error("{}", e.what());
    return false;
  }
  return true;
}

}  // namespace bouncekit::app

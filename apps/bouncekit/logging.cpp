#include "logging.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace bouncekit::app {
namespace {

// --log-file rotation: the file is renamed to FILE.1 (FILE.1 to FILE.2, ...) at this size.
constexpr std::size_t kLogFileBytes = 10u << 20;
constexpr std::size_t kLogFiles = 5;

}  // namespace

bool setup_logging(bool verbose, bool quiet, const std::string& log_file) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_pattern("bouncekit: %^%l%$: %v");
  console->set_level(verbose ? spdlog::level::debug : quiet ? spdlog::level::warn : spdlog::level::info);
  auto logger = std::make_shared<spdlog::logger>("bouncekit", console);
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
  if (log_file.empty()) {
    logger->set_level(console->level());
    return true;
  }
  try {
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(log_file, kLogFileBytes, kLogFiles);
    file->set_pattern("%Y-%m-%dT%H:%M:%S%z [%P] %l: %v");
    file->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
    logger->sinks().push_back(file);
    logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  } catch (const spdlog::spdlog_ex& e) {
    logger->set_level(console->level());
    spdlog::error("cannot open the log file {}: {}", log_file, e.what());
    return false;
  }
  return true;
}

}  // namespace bouncekit::app

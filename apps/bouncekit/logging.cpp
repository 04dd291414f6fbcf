#include "logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>

#include "bouncekit/report.hpp"

namespace bouncekit::app {
namespace {

// --log-file rotation: at this size report.log is renamed report.1.log (report.1.log to
// report.2.log, ...): spdlog puts the number before the extension (docs/cron.md).
constexpr std::size_t kLogFileBytes = 10u << 20;
constexpr std::size_t kLogFiles = 5;

// Log lines name files and quote text from mail: control characters in them are escaped before
// they reach a terminal or the log file (docs/security.md, "Output").
class EscapingFormatter : public spdlog::formatter {
 public:
  explicit EscapingFormatter(std::string pattern)
      : pattern_(pattern), inner_(std::make_unique<spdlog::pattern_formatter>(std::move(pattern))) {}
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string_view payload(msg.payload.data(), msg.payload.size());
    std::string escaped = report::escape_control_characters(payload);
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(escaped.data(), escaped.size());
    inner_->format(copy, dest);
    msg.color_range_start = copy.color_range_start;  // mutable: the colour sink reads them back
    msg.color_range_end = copy.color_range_end;
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<EscapingFormatter>(pattern_); }

 private:
  std::string pattern_;
  std::unique_ptr<spdlog::pattern_formatter> inner_;
};

}  // namespace

bool setup_logging(bool verbose, bool quiet, const std::string& log_file) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_formatter(std::make_unique<EscapingFormatter>("bouncekit: %^%l%$: %v"));
  console->set_level(verbose ? spdlog::level::debug : quiet ? spdlog::level::warn : spdlog::level::info);
  auto logger = std::make_shared<spdlog::logger>("bouncekit", console);
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
  if (log_file.empty()) {
    logger->set_level(console->level());
    return true;
  }
  // The log file's folder must exist: a mistyped path is refused rather than created.
  std::filesystem::path folder = std::filesystem::path(log_file).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    spdlog::error("cannot open the log file {}: the folder {} does not exist (it is not created)",
                  log_file, folder.string());
    return false;
  }
  try {
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(log_file, kLogFileBytes, kLogFiles);
    file->set_formatter(std::make_unique<EscapingFormatter>("%Y-%m-%dT%H:%M:%S%z [%P] %l: %v"));
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

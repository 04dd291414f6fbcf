#include "nightly/report_files.hpp"

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

#include "bouncekit/nightly.hpp"

namespace bouncekit::nightly {
namespace {

constexpr std::string_view kFileNames[] = {"summary.json",  "domains.csv",      "providers.csv", "suppressions.csv",
                                           "records.jsonl", "recipients.jsonl", "report.html"};

// report::AtomicFile writes ".NAME.tmp.PID.N.M" beside NAME. A run killed with -9 leaves its
// files there; the next run removes those of our names whose process is gone.
void remove_stale_temporaries(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    for (std::string_view target : kFileNames) {
      std::string prefix = "." + std::string(target) + ".tmp.";
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      long pid = 0;
      auto [end, parse_error] = std::from_chars(name.data() + prefix.size(), name.data() + name.size(), pid);
      if (parse_error != std::errc{} || end == name.data() + name.size() || *end != '.' || pid <= 0) continue;
      if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours)
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace

ReportFiles::ReportFiles(const std::filesystem::path& dir) : dir_(dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw OutputError("cannot create the output folder " + dir.string() + (ec ? ": " + ec.message() : ""));
  remove_stale_temporaries(dir);
  records_ = std::make_unique<report::AtomicFile>(dir / "records.jsonl");
  recipients_ = std::make_unique<report::AtomicFile>(dir / "recipients.jsonl");
  suppressions_ = std::make_unique<report::AtomicFile>(dir / "suppressions.csv");
  if (!records_->stream() || !recipients_->stream() || !suppressions_->stream())
    throw OutputError("cannot create files in the output folder " + dir.string());
  suppressions_writer_ = std::make_unique<report::SuppressionCsvWriter>(suppressions_->stream());
}

void ReportFiles::finish(const analysis::Summary& summary, const std::vector<analysis::Suppression>& head,
                         std::uint64_t suppressed_total) {
  report::AtomicFile json(dir_ / "summary.json"), domains(dir_ / "domains.csv"),
      providers(dir_ / "providers.csv"), html(dir_ / "report.html");
  report::write_summary_json(json.stream(), summary);
  report::write_groups_csv(domains.stream(), summary.domains);
  report::write_groups_csv(providers.stream(), summary.providers);
  report::write_html(html.stream(), summary, head, suppressed_total);
  struct Named {
    report::AtomicFile* file;
    const char* name;
  };
  // summary.json last: a reader that watches for it finds the other files already complete.
  const Named all[] = {{records_.get(), "records.jsonl"}, {recipients_.get(), "recipients.jsonl"},
                       {suppressions_.get(), "suppressions.csv"},
                       {&domains, "domains.csv"},        {&providers, "providers.csv"},
                       {&html, "report.html"},           {&json, "summary.json"}};
  // Every file written out before the first rename: a full disk leaves last night's report whole.
  for (Named f : all)
    if (!f.file->stream().flush()) throw OutputError("cannot write " + (dir_ / f.name).string());
  for (Named f : all)
    if (!f.file->commit()) throw OutputError("cannot write " + (dir_ / f.name).string());
}

}  // namespace bouncekit::nightly

// The report set under --out DIR (docs/report.md, "The report folder"):
//
//   PARENT/NAME                  symbolic link -> .NAME.set.PID.N   (what readers open)
//   PARENT/.NAME.set.PID.N/      one whole report: summary.json, domains.csv, ...
//
// A run writes its files into a new .NAME.set.* folder (mode 0700 until complete), fsyncs them
// and the folder, then makes a new link beside NAME and renames it over NAME: rename(2)
// replaces the old link in one step (POSIX rename: "the link named new shall remain visible to
// other threads throughout the renaming operation"), so at every instant NAME leads to one
// complete set. The previous set is removed after the switch. A folder left by a version that
// wrote straight into DIR is swapped out with renameat2(RENAME_EXCHANGE) (Linux 3.15).
#include "nightly/report_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "bouncekit/nightly.hpp"
#include "util/fd_file.hpp"

namespace bouncekit::nightly {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kFileNames[] = {"summary.json",     "domains.csv",      "providers.csv", "lists.csv",
                                           "hosts.csv",        "suppressions.csv", "suppressions.txt", "records.jsonl",
                                           "recipients.jsonl", "report.html",      "changes.csv",      "watch.csv"};

// Steps, in order, at which the hook is called (a test fails or kills the run at each).
constexpr std::string_view kSteps[] = {
    "set-created",         "write:records.jsonl", "write:recipients.jsonl", "write:suppressions.csv",
    "write:suppressions.txt", "write:changes.csv",  "write:watch.csv",   "write:domains.csv",
    "write:providers.csv",    "write:lists.csv",    "write:hosts.csv",   "write:report.html", "write:summary.json",
    "set-complete",           "link-created",       "switched",          "previous-removed"};

std::string errno_text(int error) { return std::strerror(error); }

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The process id in ".NAME.set.PID.N" / ".NAME.link.PID.N" after `prefix`; 0 if not of that shape.
long pid_after(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix)) return 0;
  long pid = 0;
  const char* begin = name.data() + prefix.size();
  const char* end_of_name = name.data() + name.size();
  auto [end, error] = std::from_chars(begin, end_of_name, pid);
  if (error != std::errc{} || end == end_of_name || *end != '.' || pid <= 0) return 0;
  return pid;
}

bool process_gone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

// Removes a set folder made by this program: its regular files and temporaries, then the folder.
// Nothing is followed (unlinkat on names, never through them); a folder holding something
// else (a subfolder someone put there) is left with that.
void remove_set(const fs::path& set) {
  int dfd = ::open(set.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd < 0) return;
  if (DIR* d = ::fdopendir(dfd)) {
    while (dirent* e = ::readdir(d)) {
      std::string_view n = e->d_name;
      if (n == "." || n == "..") continue;
      ::unlinkat(::dirfd(d), e->d_name, 0);  // fails harmlessly on a folder
    }
    ::closedir(d);
  } else {
    ::close(dfd);
  }
  ::rmdir(set.c_str());
}

std::optional<std::string> link_target(const fs::path& link) {
  char buffer[4096];
  ssize_t n = ::readlink(link.c_str(), buffer, sizeof buffer);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof buffer) return std::nullopt;
  return std::string(buffer, static_cast<std::size_t>(n));
}

// Whether `target` (a link's content) names one of our set folders beside the link named `name`.
bool is_our_set(const std::string& target, const std::string& name) {
  return target.starts_with("." + name + ".set.") && target.find('/') == std::string::npos;
}

}  // namespace

std::vector<std::string> ReportFiles::step_names() { return {std::begin(kSteps), std::end(kSteps)}; }

void ReportFiles::step(std::string_view name) const {
  if (hook_) hook_(name);
}

ReportFiles::ReportFiles(const fs::path& dir, bool csv_raw, StepHook hook) : hook_(std::move(hook)), csv_raw_(csv_raw) {
  fs::path target = dir.lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" -> "out"
  std::error_code ec;
  // DIR as a link someone made to a folder of their own (not one of our sets): the set goes
  // where it leads, as files went there before.
  if (fs::is_symlink(target, ec)) {
    std::optional<std::string> content = link_target(target);
    if (!content || !is_our_set(*content, target.filename().string())) {
      fs::path resolved = fs::canonical(target, ec);
      if (ec)
        throw OutputError("the output folder " + target.string() + " is a link that leads nowhere: " + ec.message());
      target = resolved;
    }
  }
  std::string name = target.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw OutputError("--out must name a folder (" + dir.string() + " cannot be replaced by a link)");
  parent_ = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  name_ = name;
  fs::create_directories(parent_, ec);
  if (ec || !fs::is_directory(parent_))
    throw OutputError("cannot create the folder " + parent_.string() + (ec ? ": " + ec.message() : ""));
  {
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
      throw OutputError("the output folder " + target.string() + " exists and is not a folder");
  }

  // Leftovers of runs that were killed: their sets and links, when their process is gone.
  const std::string set_prefix = "." + name + ".set.", link_prefix = "." + name + ".link.";
  const std::optional<std::string> current = link_target(target);
  for (const auto& entry : fs::directory_iterator(parent_, ec)) {
    std::string n = entry.path().filename().string();
    if (current && n == *current) continue;
    if (long pid = pid_after(n, set_prefix); pid && process_gone(pid)) remove_set(entry.path());
    if (long pid = pid_after(n, link_prefix); pid && process_gone(pid)) ::unlink(entry.path().c_str());
  }

  static std::atomic<unsigned long> counter{0};
  for (unsigned attempt = 0; attempt < 100 && set_name_.empty(); ++attempt) {
    std::string candidate = set_prefix + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
    if (::mkdir((parent_ / candidate).c_str(), 0700) == 0)
      set_name_ = candidate;
    else if (errno != EEXIST)
      throw OutputError("cannot create a folder in " + parent_.string() + ": " + errno_text(errno));
  }
  if (set_name_.empty()) throw OutputError("cannot create a folder in " + parent_.string());
  try {
    step("set-created");
    const fs::path set = parent_ / set_name_;
    records_ = std::make_unique<report::AtomicFile>(set / "records.jsonl");
    recipients_ = std::make_unique<report::AtomicFile>(set / "recipients.jsonl");
    suppressions_ = std::make_unique<report::AtomicFile>(set / "suppressions.csv");
    // suppressions.txt: the same list, one address per line (report/exports/line_exports.cpp).
    suppressions_txt_ = std::make_unique<report::AtomicFile>(set / "suppressions.txt");
    // changes.csv and watch.csv: what changed since the previous run, and who to watch (run_changes.hpp).
    changes_ = std::make_unique<report::AtomicFile>(set / "changes.csv");
    watch_ = std::make_unique<report::AtomicFile>(set / "watch.csv");
    if (!records_->stream() || !recipients_->stream() || !suppressions_->stream() || !suppressions_txt_->stream() ||
        !changes_->stream() || !watch_->stream())
      throw OutputError("cannot create files in " + set.string());
    changes_writer_ = std::make_unique<report::ChangesCsvWriter>(changes_->stream(), csv_raw_);
    watch_writer_ = std::make_unique<report::WatchCsvWriter>(watch_->stream(), csv_raw_);
    suppressions_writer_ = std::make_unique<report::SuppressionCsvWriter>(suppressions_->stream(), csv_raw_);
    suppressions_txt_writer_ = report::make_suppression_export(report::ExportFormat::plain, suppressions_txt_->stream());
  } catch (...) {
    discard();
    throw;
  }
}

void ReportFiles::discard() {
  suppressions_writer_.reset();
  suppressions_txt_writer_.reset();
  changes_writer_.reset();
  watch_writer_.reset();
  changes_.reset();
  watch_.reset();
  records_.reset();
  recipients_.reset();
  suppressions_.reset();
  suppressions_txt_.reset();
  remove_set(parent_ / set_name_);
}

ReportFiles::~ReportFiles() {
  if (finished_) return;
  if (!link_.empty()) ::unlink(link_.c_str());  // made, never switched in: ours to remove
  discard();
}

void ReportFiles::finish(const analysis::Summary& summary, const std::vector<analysis::Suppression>& head,
                         std::uint64_t suppressed_total) {
  const fs::path set = parent_ / set_name_;
  report::AtomicFile json(set / "summary.json"), domains(set / "domains.csv"), providers(set / "providers.csv"),
      lists(set / "lists.csv"), hosts(set / "hosts.csv"), html(set / "report.html");
  report::write_summary_json(json.stream(), summary);
  report::write_groups_csv(domains.stream(), summary.domains, csv_raw_);
  report::write_groups_csv(providers.stream(), summary.providers, csv_raw_);
  report::write_groups_csv(lists.stream(), summary.lists, csv_raw_);  // per list (docs/verp.md)
  report::write_groups_csv(hosts.stream(), summary.hosts, csv_raw_);  // per host (docs/fleet.md)
  report::write_html(html.stream(), summary, head, suppressed_total);
  suppressions_txt_writer_->finish();
  struct Named {
    report::AtomicFile* file;
    const char* name;
  };
  const Named all[] = {{records_.get(), "records.jsonl"}, {recipients_.get(), "recipients.jsonl"},
                       {suppressions_.get(), "suppressions.csv"}, {suppressions_txt_.get(), "suppressions.txt"},
                       {changes_.get(), "changes.csv"},          {watch_.get(), "watch.csv"},
                       {&domains, "domains.csv"},        {&providers, "providers.csv"},
                       {&lists, "lists.csv"},            {&hosts, "hosts.csv"},
                       {&html, "report.html"},
                       {&json, "summary.json"}};
  for (Named f : all) {
    step(std::string("write:") + f.name);
    if (!f.file->commit()) throw OutputError("cannot write " + (set / f.name).string());
  }
  // Complete: readable by whoever could read a new folder here, and on disk before the switch.
  if (::chmod(set.c_str(), 0777 & ~util::current_umask()) != 0)
    throw OutputError("cannot make " + set.string() + " readable: " + errno_text(errno));
  fsync_dir(set);
  step("set-complete");
  switch_link();
}

void ReportFiles::switch_link() {
  const fs::path target = parent_ / name_;
  const std::string name = name_.string();
  // The new link, under a name of its own; symlink(2) fails rather than replace anything.
  fs::path link;
  static std::atomic<unsigned long> counter{0};
  for (unsigned attempt = 0; attempt < 100 && link.empty(); ++attempt) {
    fs::path candidate =
        parent_ / ("." + name + ".link." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1)));
    if (::symlink(set_name_.c_str(), candidate.c_str()) == 0)
      link = candidate;
    else if (errno != EEXIST)
      throw OutputError("cannot create a link in " + parent_.string() + ": " + errno_text(errno));
  }
  if (link.empty()) throw OutputError("cannot create a link in " + parent_.string());
  link_ = link;
  step("link-created");

  struct stat st {};
  std::optional<fs::path> previous;
  if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    // A real folder (an older version wrote straight into it): exchanged for the link in one
    // step, then kept beside it as a set of ours, so the removal below takes our files out of
    // it (what else someone put there stays, in the folder renamed .NAME.set.migrated.PID).
    fs::path kept = parent_ / ("." + name + ".set.migrated." + std::to_string(::getpid()));
    if (::renameat2(AT_FDCWD, link.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      if (::rename(link.c_str(), kept.c_str()) == 0) previous = kept;
    } else if (errno == EINVAL || errno == ENOSYS) {
      // A file system without the exchange: the folder is moved away, then the link put in
      // its place (for an instant DIR is missing, never mixed).
      if (::rename(target.c_str(), kept.c_str()) != 0 || ::rename(link.c_str(), target.c_str()) != 0) {
        int error = errno;
        ::unlink(link.c_str());
        throw OutputError("cannot replace " + target.string() + ": " + errno_text(error));
      }
      previous = kept;
    } else {
      int error = errno;
      ::unlink(link.c_str());
      throw OutputError("cannot replace " + target.string() + ": " + errno_text(error));
    }
  } else {
    if (std::optional<std::string> old = link_target(target); old && is_our_set(*old, name)) previous = parent_ / *old;
    if (::rename(link.c_str(), target.c_str()) != 0) {
      int error = errno;
      ::unlink(link.c_str());
      throw OutputError("cannot replace " + target.string() + ": " + errno_text(error));
    }
  }
  finished_ = true;
  fsync_dir(parent_);
  step("switched");
  if (previous && previous->filename() != set_name_) {
    // Only our file names come out of a migrated folder; a set of ours holds nothing else.
    if (previous->filename().string().starts_with("." + name + ".set.migrated.")) {
      for (std::string_view f : kFileNames) ::unlink((*previous / std::string(f)).c_str());
      ::rmdir(previous->c_str());
    } else {
      remove_set(*previous);
    }
  }
  step("previous-removed");
}

}  // namespace bouncekit::nightly

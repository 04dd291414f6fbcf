#include "suppressions_command.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "bouncekit/report.hpp"
#include "bouncekit/report_files.hpp"
#include "exit_codes.hpp"

namespace bouncekit::app {
namespace {

// For reproducible tests, as in `report`: the clock that stamps the overrides.
constexpr const char* kNowVariable = "BOUNCEKIT_NOW";

std::optional<std::string> clock_now() {
  if (const char* now = std::getenv(kNowVariable); now && *now) {
    if (!nightly::is_utc_timestamp(now)) {
      spdlog::error("{} must be a UTC time like 2026-11-22T02:30:00Z, not '{}'", kNowVariable,
                    report::escape_control_characters(now));
      return std::nullopt;
    }
    return std::string(now);
  }
  return nightly::now_utc();
}

std::filesystem::path database_of(const SuppressionsOptions& o) {
  return o.db.empty() ? history::default_path() : std::filesystem::path(o.db);
}

// An address given on the command line: something@something, nothing a terminal or a log obeys.
bool plausible_address(const std::string& a) {
  const std::size_t at = a.rfind('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() && report::escape_control_characters(a) == a;
}

int list(const SuppressionsOptions& o) {
  std::optional<std::string> now = clock_now();
  if (!now) return kExitUsage;
  std::optional<std::string> since = nightly::window_start(o.since, *now);
  if (!since) {
    spdlog::error("--since: expected 7d, 12h, 2026-11-01, 2026-11-01T06:00:00Z or all, not '{}'",
                  report::escape_control_characters(o.since));
    return kExitUsage;
  }
  analysis::SuppressionPolicy policy;
  if (!make_policy(o.policy, policy)) return kExitUsage;
  std::ios::sync_with_stdio(false);
  auto writer = report::make_suppression_export(*report::export_format_named(o.format), std::cout, o.csv_raw);
  nightly::for_each_suppression(database_of(o), *since, policy,
                                [&](const analysis::Suppression& s) { writer->write(s); }, nightly::list_key(o.list));
  writer->finish();
  if (writer->skipped() > 0)
    spdlog::warn("{} address(es) left out: the {} format cannot carry them as written (suppressions.csv has them)",
                 writer->skipped(), o.format);
  std::cout.flush();
  if (!std::cout) {
    spdlog::error("writing the suppression list to standard output failed");
    return kExitStdout;
  }
  return kExitOk;
}

int change(const SuppressionsOptions& o) {
  std::optional<std::string> now = clock_now();
  if (!now) return kExitUsage;
  for (const std::string& a : o.addresses)
    if (!plausible_address(a)) {
      spdlog::error("not an address: '{}'", report::escape_control_characters(a));
      return kExitUsage;
    }
  const std::filesystem::path database = database_of(o);
  // A change waits for a running report as a report waits for another (the same lock).
  // On a PostgreSQL history, the lock of this host's runs under its system host name.
  history::Lock lock(database, o.wait_seconds, history::system_host_name());
  if (lock.found_empty())
    throw history::DatabaseError("the database " + database.string() + " is an empty file: its history is gone");
  history::Overrides overrides(database);
  for (const std::string& a : o.addresses) {
    const std::string shown = history::address_key(a);
    if (o.allow->parsed()) {
      bool added = overrides.allow(a, *now, o.note);
      spdlog::info("{}: {}", shown, added ? "allowed: never suppressed until unallow" : "was already allowed");
    } else if (o.unallow->parsed()) {
      bool removed = overrides.unallow(a, *now, o.note);
      spdlog::info("{}: {}", shown, removed ? "no longer allowed" : "was not allowed");
    } else {
      std::uint64_t records = overrides.forget(a, *now, o.note);
      spdlog::info("{}: {} record(s) deleted from the history", shown, records);
    }
  }
  return kExitOk;
}

int show_log(const SuppressionsOptions& o) {
  const std::filesystem::path database = database_of(o);
  std::error_code ec;
  if (!history::is_server(database.string()) && !std::filesystem::is_regular_file(database, ec))
    throw history::DatabaseError("no history database at " + database.string());
  history::Overrides overrides(database);
  std::ios::sync_with_stdio(false);
  // One line per change, tab-separated: time, action, address, records deleted, note.
  overrides.for_each_event([](const history::OverrideEvent& e) {
    std::cout << e.time << '\t' << e.action << '\t' << report::escape_control_characters(e.address) << '\t'
              << e.records << '\t' << report::escape_control_characters(e.note) << '\n';
  });
  std::cout.flush();
  if (!std::cout) {
    spdlog::error("writing the log to standard output failed");
    return kExitStdout;
  }
  return kExitOk;
}

}  // namespace

CLI::App* add_suppressions_command(CLI::App& app, SuppressionsOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "suppressions",
      "The suppression list from the history, in a list manager's or an ESP's import format; "
      "allow, unallow, forget and log change or show the overrides");
  cmd->require_subcommand(0, 1);
  cmd->add_option("--db", o.db,
                  "History database (default $XDG_STATE_HOME/bouncekit/history.sqlite, "
                  "else ~/.local/state/bouncekit/history.sqlite)")
      ->each([&o](const std::string&) { o.db_given = true; });
  cmd->add_option("--since", o.since, "Window: 7d, 30d, 12h, 2026-11-01, or all (as report --since)")
      ->capture_default_str();
  cmd->add_option("--list", o.list,
                  "Only this list: its List-Id or VERP list address (as report --list; docs/verp.md)");
  cmd->add_option("--format", o.format,
                  "What a list manager or ESP imports (docs/list-managers.md)")
      ->check(CLI::IsMember(report::export_format_names()))
      ->capture_default_str();
  cmd->add_flag("--csv-raw", o.csv_raw, "--format csv without the spreadsheet-formula guard (docs/security.md)");
  cmd->add_option("--wait", o.wait_seconds, "allow/unallow/forget: seconds to wait for a running report's lock")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  add_policy_options(*cmd, o.policy);

  auto with_addresses = [&](const char* name, const char* help) {
    CLI::App* sub = cmd->add_subcommand(name, help);
    sub->add_option("addresses", o.addresses, "Addresses")->required();
    sub->add_option("--note", o.note, "Why, kept in the log");
    sub->fallthrough();
    return sub;
  };
  o.allow = with_addresses("allow", "Never suppress these addresses (until unallow)");
  o.unallow = with_addresses("unallow", "Take addresses off the allowlist");
  o.forget = with_addresses("forget",
                            "Delete every bounce of these addresses from the history (the messages stay "
                            "counted: they are not read again)");
  o.log = cmd->add_subcommand("log", "Every allow, unallow and forget: time, action, address, records, note");
  o.log->fallthrough();
  cmd->footer("Exit codes: 0 ok, 2 usage error, 3 another run holds the database lock, 4 database error,\n"
              "6 standard output could not be written. See docs/cli.md and docs/list-managers.md.");
  return cmd;
}

int run_suppressions(const SuppressionsOptions& o) {
  if (o.db_given && o.db.empty()) {
    spdlog::error("--db must name a database file, not ''");
    return kExitUsage;
  }
  try {
    if (o.allow->parsed() || o.unallow->parsed() || o.forget->parsed()) return change(o);
    if (o.log->parsed()) return show_log(o);
    return list(o);
  } catch (const history::LockBusy& e) {
    spdlog::error("{}; not waiting longer (--wait {})", e.what(), o.wait_seconds);
    return kExitLocked;
  } catch (const history::DatabaseError& e) {
    spdlog::error("{}", e.what());
    return kExitDatabase;
  }
}

}  // namespace bouncekit::app

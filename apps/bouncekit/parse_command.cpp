#include "parse_command.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <string>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/history.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/report.hpp"
#include "bouncekit/source.hpp"
#include "exit_codes.hpp"
#include "rules_option.hpp"

namespace bouncekit::app {
namespace {

// Counts for the closing summary line; read = bounces + non_bounces + undecodable always holds.
struct Tally {
  std::uint64_t read = 0, bounces = 0, records = 0, undecodable = 0;
  std::uint64_t feedback = 0, vacation = 0, delivered = 0, other = 0;
  std::uint64_t non_bounces() const { return feedback + vacation + delivered + other; }
};

bool wanted(const Record& r, const ParseOptions& o) {
  if (r.reason == vocabulary::name(vocabulary::Reason::delivered)) return o.include_delivered;
  if (r.reason == vocabulary::name(vocabulary::Reason::vacation)) return o.include_vacation;
  return true;
}

}  // namespace

CLI::App* add_parse_command(CLI::App& app, ParseOptions& o) {
  CLI::App* cmd = app.add_subcommand("parse", "Write one record per failed recipient (JSON Lines by default)");
  cmd->add_option("paths", o.paths, "mbox files, Maildir folders, .eml files, directories, - for stdin (.gz too)")
      ->required();
  cmd->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"jsonl", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--header", o.headers,
                  "Copy this header of the original message into each record (repeatable), e.g. X-Campaign-Id")
      ->allow_extra_args(false);  // one name per --header: the paths that follow are not header names
  cmd->add_flag("--include-delivered", o.include_delivered, "Also write records for successful deliveries (2.x.x)");
  cmd->add_flag("--include-vacation", o.include_vacation, "Also write records for auto-replies (RFC 3834)");
  cmd->add_option("--rules", o.rules,
                  "Classification rules tried before the built-in ones (format: docs/classifier.md)");
  cmd->add_option("--max-message-size", o.max_message_mb, "Largest message read whole, in MB")
      ->check(CLI::Range(1, 4096))->capture_default_str();
  cmd->add_option("--threads", o.threads, "Decoding threads (0 = one per core); output is the same for any count")
      ->check(CLI::Range(0u, 1024u))->capture_default_str();
  cmd->add_option("--max-records-per-message", o.max_records,
                  "Recipients kept from one report; the rest are left out and counted (docs/limits.md)")
      ->check(CLI::Range(1, 10000000))->capture_default_str();
  cmd->add_flag("--csv-raw", o.csv_raw,
                "CSV cells as they are: no quote before cells starting with = + - @ (docs/security.md)");
  auto* ship = cmd->add_flag(
      "--ship", o.ship,
      "Write what a central `bouncekit report` needs to count these messages as if it read the mail: "
      "every record (deliveries and auto-replies too) and one line per message without records "
      "(JSON Lines only; docs/fleet.md)");
  cmd->add_option("--host-name", o.host_name,
                  "With --ship: the host named as the one that read the messages (default: the system's host name)")
      ->needs(ship);
  add_verp_options(*cmd, o.verp);
  // Hidden from --help (an empty group): a measurement mode, documented in docs/cli.md.
  cmd->add_flag("--generic-only", o.generic_only,
                "Measurement mode: only the standard and generic decoders, none written for one MTA")
      ->group("");
  cmd->footer(
      "Records go to stdout, one per failed recipient; a summary line goes to stderr\n"
      "(not with --quiet; --log-file keeps it):\n"
      "read = bounces + non_bounces + undecodable. Exit codes: 0 ok, 1 some input unreadable,\n"
      "2 usage error or malformed --rules file, 6 standard output could not be written.");
  return cmd;
}

int run_parse(const ParseOptions& o) {
  std::ios::sync_with_stdio(false);
  if (o.ship && o.format != "jsonl") {
    spdlog::error("--ship writes JSON Lines: it cannot go with --format {}", o.format);
    return kExitUsage;
  }
  const std::string host = o.host_name.empty() ? history::system_host_name() : o.host_name;
  // --generic-only turns the product-specific knowledge off on both sides: the MTA decoders and the
  // provider tables.
  classify::ClassifierOptions classifier_options;
  classifier_options.provider_tables = !o.generic_only;
  classify::Classifier classifier(classifier_options);
  if (!load_user_rules(classifier, o.rules)) return kExitUsage;
  source::ReaderOptions reader_options;
  reader_options.max_message_bytes = o.max_message_mb << 20;
  source::Reader reader(o.paths, reader_options);
  decode::DecodeOptions decode_options;
  decode_options.extra_headers = o.headers;
  decode_options.max_records = o.max_records;
  decode_options.generic_only = o.generic_only;
  apply_verp_options(o.verp, decode_options);

  std::ostream& out = std::cout;
  report::CsvWriter csv(out, o.headers, o.csv_raw);
  bool first_json = true;
  std::string json_line;  // one buffer for every record of `--format json` and every --ship line
  if (o.format == "json") out << "[\n";
  if (o.format == "csv") csv.write_header();  // even when no record follows

  Tally t;
  pipeline::Options pipeline_options;
  pipeline_options.threads = o.threads;
  pipeline_options.classifier = &classifier;
  pipeline::run(reader, decode_options, pipeline_options, [&](const source::RawMessage& message,
                                                               decode::Result& result) {
    ++t.read;
    switch (result.kind) {
      case decode::Kind::bounce: ++t.bounces; break;
      case decode::Kind::feedback: ++t.feedback; break;
      case decode::Kind::vacation: ++t.vacation; break;
      case decode::Kind::delivered: ++t.delivered; break;
      case decode::Kind::not_bounce: ++t.other; break;
      case decode::Kind::undecodable:
        ++t.undecodable;
        spdlog::debug("undecodable: {}: {}", message.origin.to_string(), result.problem);
        break;
    }
    if (result.kind != decode::Kind::undecodable && !result.problem.empty())
      spdlog::debug("damaged but decoded: {}: {}", message.origin.to_string(), result.problem);
    // The key a history counts the message by (the same value `report` stores).
    const SharedText fingerprint = history::fingerprint(message.bytes);  // one copy, shared by the records
    for (Record& r : result.records) r.fingerprint = fingerprint;
    if (o.ship) {
      // Every record: `report` stores the deliveries and auto-replies too (its policy reads them).
      const std::string origin = message.origin.to_string();
      report::MessageTag tag{fingerprint, origin, decode::to_string(result.kind), host, result.records.size()};
      json_line.clear();
      if (result.records.empty()) {
        report::append_shipped_message(json_line, tag);
        json_line += '\n';
      }
      for (const Record& r : result.records) {
        report::append_shipped_record(json_line, r, tag);
        json_line += '\n';
      }
      t.records += result.records.size();
      out.write(json_line.data(), static_cast<std::streamsize>(json_line.size()));
      return;
    }
    for (const Record& r : result.records) {
      if (!wanted(r, o)) continue;
      ++t.records;
      if (o.format == "csv") {
        csv.write(r);
      } else if (o.format == "json") {
        if (!first_json) out << ",\n";
        first_json = false;
        json_line.assign("  ");
        report::append_json(json_line, r);
        out.write(json_line.data(), static_cast<std::streamsize>(json_line.size()));
      } else {
        report::write_jsonl(out, r);
      }
    }
  });
  if (o.format == "json") out << (first_json ? "]\n" : "\n]\n");
  if (o.ship) {  // the closing line: a reader can tell this shipment from one cut short
    json_line.clear();
    report::append_shipment_end(json_line, t.read, host);  // every message read has its lines
    json_line += '\n';
    out.write(json_line.data(), static_cast<std::streamsize>(json_line.size()));
  }
  out.flush();

  for (const auto& e : reader.errors()) spdlog::error("cannot read {}: {}", e.path, e.what);
  for (const auto& w : reader.warnings()) spdlog::warn("{}: {}", w.path, w.what);
  spdlog::info(
      "read={} bounces={} records={} non_bounces={} (feedback={} vacation={} delivered={} other={}) "
      "undecodable={} unreadable_inputs={}",
      t.read, t.bounces, t.records, t.non_bounces(), t.feedback, t.vacation, t.delivered, t.other, t.undecodable,
      reader.errors().size());
  if (!out) {
    spdlog::error("writing the records to standard output failed (its reader went away, or the disk is full)");
    return kExitStdout;
  }
  return reader.errors().empty() ? kExitOk : kExitUnreadable;
}

}  // namespace bouncekit::app

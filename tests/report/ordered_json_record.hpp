// The way records were written as JSON Lines before report::write_jsonl escaped them
// itself: one nlohmann::ordered_json object per record, dumped. The test uses it as the
// oracle (same bytes), the benchmark as the baseline.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "bouncekit/record.hpp"
#include "report/record_fields.hpp"

namespace bouncekit::report::testing {

inline std::string ordered_json_line(const Record& record) {
  nlohmann::ordered_json j;
  for (const auto& f : kRecordFields) {
    const std::string& v = f.of(record);
    if (v.empty())
      j[std::string(f.name)] = nullptr;
    else
      j[std::string(f.name)] = v;
  }
  if (!record.extra_headers.empty()) {
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    for (const auto& [name, value] : record.extra_headers) headers[name] = value;
    j["headers"] = std::move(headers);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace bouncekit::report::testing

// expect_record(): compares every field of a record with an expectation.
//
// Fields named in the expectation must match exactly; every other field must
// be empty ("a missing value is null, never a made-up default"), except the
// ones listed as `any` (values a test does not want to pin down).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "decode/decode_support.hpp"

namespace bouncekit::decode::test {

struct Expected {
  std::map<std::string, std::string> fields;                           ///< name -> exact value
  std::vector<std::pair<std::string, std::string>> extra_headers = {};  ///< exact list, in order
  std::set<std::string> any = {};                                       ///< fields not checked
};

inline void expect_record(const Record& r, const Expected& e, const std::string& where) {
  SCOPED_TRACE(where);
  std::set<std::string> seen;
  for (const auto& [name, value] : fields_of(r, /*with_origin=*/false)) {
    if (name.starts_with("header:")) continue;
    seen.insert(name);
    if (e.any.count(name)) continue;
    auto it = e.fields.find(name);
    const std::string expected = it == e.fields.end() ? std::string() : it->second;
    EXPECT_EQ(value, expected) << "field " << name;
  }
  for (const auto& [name, value] : e.fields) EXPECT_TRUE(seen.count(name)) << "unknown field in test: " << name;
  EXPECT_EQ(r.extra_headers, e.extra_headers);
}

}  // namespace bouncekit::decode::test

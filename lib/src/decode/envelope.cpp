// envelope_recipients(): the bounce's delivery headers, in the order envelope.hpp gives.
#include "decode/envelope.hpp"

#include <algorithm>
#include <string_view>

#include "decode/address.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// The headers, most trustworthy first.
constexpr std::string_view kEnvelopeHeaders[] = {"Delivered-To", "X-Original-To", "To"};

}  // namespace

std::vector<std::string> envelope_recipients(const mime::Part& root,
                                             const std::function<bool(std::string_view)>& worth_reading) {
  std::vector<std::string> out;
  for (std::string_view name : kEnvelopeHeaders) {
    for (const mime::Field& field : root.fields) {
      if (out.size() >= kMaxEnvelopeAddresses) return out;
      if (!util::iequals(field.name, name)) continue;
      if (!worth_reading || worth_reading(field.value)) {
        std::string address = first_address(field.value);
        if (looks_like_address(address) && std::find(out.begin(), out.end(), address) == out.end())
          out.push_back(std::move(address));
      }
      if (name == "To") break;  // the first To field only
    }
  }
  return out;
}

}  // namespace bouncekit::decode

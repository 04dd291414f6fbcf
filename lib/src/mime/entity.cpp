// The adapter over mimetic: raw message -> bouncekit::mime::Part tree.
//
// mimetic is the only MIME parser in the project and this file (with
// transfer_decoding.cpp) is the only place that includes it. Its known traps
// (see NOTES-DEPENDENCIES.md) are handled here: input is made safe before
// mimetic sees it (line length, multipart count), loading goes through an
// iterator range inside try/catch with the istream parser as fallback, and
// entities are held by unique_ptr and read through const references.
#include <mimetic/mimetic.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <utility>

#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
using namespace bouncekit::util;
namespace {

// Decides, line by line, how much of each line mimetic may see. mimetic is quadratic in the length
// of a header field, whether it is one long line or folded over many, so a line is cut at
// max_line_bytes, and a field folded over several lines (a "Name:" line and the indented lines
// after it) is cut at max_line_bytes in all: its further continuation lines are dropped.
class LineBudget {
 public:
  explicit LineBudget(std::size_t max_line) : max_(max_line) {}

  /// How many bytes of `line` to keep; `drop` says the whole line (with its LF) goes.
  std::size_t keep(std::string_view line, bool& drop) {
    drop = false;
    if (in_field_ && !line.empty() && is_wsp(line[0])) {
      if (field_bytes_ >= max_) {
        drop = true;
        return 0;
      }
      std::size_t k = std::min(line.size(), max_ - field_bytes_);
      field_bytes_ += k;
      return k;
    }
    in_field_ = starts_field(line);
    field_bytes_ = std::min(line.size(), max_);
    return field_bytes_;
  }

 private:
  // "Name:" with a name of printable characters: the line may be the start of a header field.
  static bool starts_field(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 256) return false;
    for (std::size_t i = 0; i < colon; ++i)
      if (line[i] <= ' ' || line[i] > '~') return false;
    return true;
  }

  std::size_t max_;
  bool in_field_ = false;
  std::size_t field_bytes_ = 0;
};

// Counts the Content-Type fields that make a container, multipart/* or message/*: mimetic recurses
// once per nesting level and overflows the stack on deep nesting. mimetic reads a field however it
// is written ("Content-Type :", the value after a long run of spaces or on a continuation line), so
// the whole field is looked at: the name, then its value over its continuation lines (up to 1 KB).
class ContainerCounter {
 public:
  void feed(std::string_view line) {
    if (pending_ && !line.empty() && is_wsp(line[0])) {
      value_.append(line.substr(0, kWindow - std::min(kWindow, value_.size())));
      return;
    }
    decide();
    if (!starts_with_ci(line, "content-type")) return;
    std::string_view rest = line.substr(12);
    while (!rest.empty() && is_wsp(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') return;
    pending_ = true;
    value_.assign(rest.substr(1, kWindow));
  }
  std::size_t count() {
    decide();
    return count_;
  }

 private:
  static constexpr std::size_t kWindow = 1024;
  void decide() {
    if (pending_ && (contains_ci(value_, "multipart") || contains_ci(value_, "message"))) ++count_;
    pending_ = false;
    value_.clear();
  }
  bool pending_ = false;
  std::string value_;
  std::size_t count_ = 0;
};

// Applies LineBudget and ContainerCounter. Copies only when a line must be cut or dropped.
struct PreparedInput {
  std::string storage;
  std::string_view view;
  std::size_t container_headers = 0;
};

PreparedInput prepare(std::string_view raw, const Limits& limits) {
  PreparedInput in;
  bool must_cut = false;
  LineBudget budget(limits.max_line_bytes);
  bool drop = false;
  ContainerCounter containers;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? raw.size() : eol;
    if (budget.keep(raw.substr(pos, end - pos), drop) < end - pos) must_cut = true;
    containers.feed(raw.substr(pos, end - pos));
    pos = end + 1;
  }
  in.container_headers = containers.count();
  if (!must_cut) {
    in.view = raw;
    return in;
  }
  in.storage.reserve(raw.size());
  budget = LineBudget(limits.max_line_bytes);
  pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? raw.size() : eol;
    std::size_t kept = budget.keep(raw.substr(pos, end - pos), drop);
    if (!drop) {
      in.storage.append(raw.substr(pos, kept));
      if (eol != std::string_view::npos) in.storage.push_back('\n');
    }
    pos = end + 1;
  }
  in.view = in.storage;
  return in;
}

std::unique_ptr<mimetic::MimeEntity> load(std::string_view input, int mask, std::string& problem) {
  auto entity = std::make_unique<mimetic::MimeEntity>();
  try {
    entity->load(input.begin(), input.end(), mask);
    return entity;
  } catch (const std::exception& e) {
    problem = std::string("MIME parser failed (") + e.what() + "), retried with the stream parser";
  }
  // The iterator parser throws on some inputs (LF then CRLF before a
  // boundary); the istream parser takes another path through the same grammar.
  entity = std::make_unique<mimetic::MimeEntity>();
  try {
    std::istringstream stream{std::string(input)};
    entity->load(stream, mask);
    return entity;
  } catch (const std::exception& e) {
    problem = std::string("MIME parser failed: ") + e.what();
  }
  return nullptr;
}

std::string to_std(const mimetic::istring& s) { return std::string(s.begin(), s.end()); }

// Takes the entity by non-const reference only to move its body string out (the tree is
// dropped right after); header fields are read through a const reference (see the file comment).
// Bodies are not transfer-decoded here: Part::body() does it for the parts that are read.
Part convert(mimetic::MimeEntity& entity, std::size_t depth, const Limits& limits) {
  Part part;
  const mimetic::Header& header = std::as_const(entity).header();
  part.fields.reserve(header.size());
  for (const mimetic::Field& f : header) part.fields.push_back({to_std(f.name()), f.value()});
  part.content_type = parse_content_type(part.value("Content-Type"));
  part.transfer_encoding = to_lower(trim(part.value("Content-Transfer-Encoding")));

  mimetic::MimeEntityList& parts = entity.body().parts();
  if (!parts.empty() && depth < limits.max_depth) {
    part.children.reserve(parts.size());
    for (mimetic::MimeEntity* child : parts) {
      if (child) part.children.push_back(convert(*child, depth + 1, limits));
    }
    return part;
  }
  std::string& body = entity.body();
  part.raw_body = std::move(body);
  return part;
}

}  // namespace

Message parse(std::string_view raw, const Limits& limits) {
  Message message;
  PreparedInput input = prepare(raw, limits);
  // Preambles and epilogues of multiparts are never read: mimetic need not copy them.
  int mask = mimetic::imPreamble | mimetic::imEpilogue;
  if (input.container_headers > limits.max_containers) {
    mask |= mimetic::imChildParts;
    message.damaged = true;
    message.problem = "more than " + std::to_string(limits.max_containers) +
                      " multipart or message parts; only the top level was parsed";
  }
  std::string problem;
  std::unique_ptr<mimetic::MimeEntity> entity = load(input.view, mask, problem);
  if (!problem.empty()) {
    message.damaged = true;
    message.problem = problem;
  }
  if (!entity) {
    // Keep what can be read without mimetic: the header block and the raw body.
    std::string_view view = input.view;
    std::size_t split = view.find("\n\n");
    message.root.fields = parse_fields(view.substr(0, split == std::string_view::npos ? view.size() : split + 1));
    message.root.content_type = parse_content_type(message.root.value("Content-Type"));
    if (split != std::string_view::npos) message.root.raw_body = std::string(view.substr(split + 2));
    return message;
  }
  message.root = convert(*entity, 0, limits);
  return message;
}

}  // namespace bouncekit::mime

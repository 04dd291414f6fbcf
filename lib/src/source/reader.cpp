// reader.cpp — source::Reader: walks the inputs and pulls messages out of them one by one.
//
// It also notes the inputs that hold no mail (bouncekit/source.hpp, InputWarning): a path given
// by the user that yielded no message, and a file whose first message has no header block.
#include <cstdint>
#include <utility>

#include "bouncekit/source.hpp"
#include "source/header_block.hpp"
#include "source/line_reader.hpp"
#include "source/mbox.hpp"
#include "source/walk.hpp"

namespace bouncekit::source {

struct Reader::Impl {
  Impl(std::vector<std::string> paths, ReaderOptions opts)
      : given(paths), messages_per_given(given.size(), 0), walker(std::move(paths)),
        splitter(opts.max_message_bytes) {}

  std::vector<std::string> given;                  ///< the paths as the user gave them
  std::vector<std::uint64_t> messages_per_given;   ///< messages each of them yielded
  detail::Walker walker;
  detail::LineReader lines;
  detail::MessageSplitter splitter;
  bool open = false;
  bool done = false;
  std::string path;
  std::size_t argument = 0;
  std::uint64_t messages_in_file = 0;
  std::vector<InputError> errors;
  std::vector<InputWarning> warnings;

  void note_message(const RawMessage& m);
  void note_end();
};

void Reader::Impl::note_message(const RawMessage& m) {
  if (argument < messages_per_given.size()) ++messages_per_given[argument];
  if (messages_in_file++ != 0) return;
  if (m.bytes.empty())
    warnings.push_back({path, "not mail: an empty message"});
  else if (!detail::opens_with_header_field(m.bytes))
    warnings.push_back({path, "not mail: it does not open with a header block"});
}

// Once every input is read: the given paths that yielded nothing (unless already an error).
void Reader::Impl::note_end() {
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (messages_per_given[i] != 0) continue;
    bool unreadable = false;
    for (const auto& e : errors) unreadable = unreadable || e.path == given[i];
    if (!unreadable) warnings.push_back({given[i], "no messages in this input"});
  }
}

Reader::Reader(std::vector<std::string> paths, ReaderOptions options)
    : impl_(std::make_unique<Impl>(std::move(paths), options)) {}

Reader::~Reader() = default;

bool Reader::next(RawMessage& out) {
  Impl& d = *impl_;
  if (d.done) return false;
  for (;;) {
    if (d.open) {
      if (d.splitter.next(out)) {
        d.note_message(out);
        return true;
      }
      if (!d.lines.error().empty()) d.errors.push_back({d.path, d.lines.error()});
      d.lines.close();
      d.open = false;
    }
    detail::WalkItem item;
    if (!d.walker.next(item, d.errors)) {
      d.done = true;
      d.note_end();
      return false;
    }
    std::string why;
    if (!d.lines.open(item.path, why)) {
      d.errors.push_back({item.path, std::move(why)});
      continue;
    }
    d.path = item.path;
    d.argument = item.argument;
    d.messages_in_file = 0;
    d.splitter.start(d.lines, item.path,
                     item.maildir_message ? detail::MessageSplitter::Kind::Single
                                          : detail::MessageSplitter::Kind::Detect);
    d.open = true;
  }
}

const std::vector<InputError>& Reader::errors() const { return impl_->errors; }

const std::vector<InputWarning>& Reader::warnings() const { return impl_->warnings; }

}  // namespace bouncekit::source

// reader.cpp — source::Reader: walks the inputs and pulls messages out of them one by one.
#include <utility>

#include "bouncekit/source.hpp"
#include "source/line_reader.hpp"
#include "source/mbox.hpp"
#include "source/walk.hpp"

namespace bouncekit::source {

struct Reader::Impl {
  Impl(std::vector<std::string> paths, ReaderOptions opts)
      : walker(std::move(paths)), splitter(opts.max_message_bytes) {}

  detail::Walker walker;
  detail::LineReader lines;
  detail::MessageSplitter splitter;
  bool open = false;
  std::string path;
  std::vector<InputError> errors;
};

Reader::Reader(std::vector<std::string> paths, ReaderOptions options)
    : impl_(std::make_unique<Impl>(std::move(paths), options)) {}

Reader::~Reader() = default;

bool Reader::next(RawMessage& out) {
  Impl& d = *impl_;
  for (;;) {
    if (d.open) {
      if (d.splitter.next(out)) return true;
      if (!d.lines.error().empty()) d.errors.push_back({d.path, d.lines.error()});
      d.lines.close();
      d.open = false;
    }
    detail::WalkItem item;
    if (!d.walker.next(item, d.errors)) return false;
    std::string why;
    if (!d.lines.open(item.path, why)) {
      d.errors.push_back({item.path, std::move(why)});
      continue;
    }
    d.path = item.path;
    d.splitter.start(d.lines, item.path,
                     item.maildir_message ? detail::MessageSplitter::Kind::Single
                                          : detail::MessageSplitter::Kind::Detect);
    d.open = true;
  }
}

const std::vector<InputError>& Reader::errors() const { return impl_->errors; }

}  // namespace bouncekit::source

// walk.hpp — turning the paths given by the user into the list of files to read.
//
// Directories are walked recursively, entries sorted by name. Maildir folders
// (a folder with cur/ and/or new/) are read through cur/ and new/ only: tmp/
// holds deliveries in progress and is never read, and the files directly in a
// Maildir folder are bookkeeping (dovecot-uidlist, maildirsize, ...), not mail.
// Maildir++ subfolders (.Sub/cur, .Sub/new) are ordinary subfolders here.
// Files whose name begins with "." are skipped. Each folder is read once per walk, whatever
// links lead to it (known by device and inode): links between sibling folders cannot make the
// walk grow exponentially, nor a link to an ancestor make it loop.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "bouncekit/source.hpp"

namespace bouncekit::source::detail {

struct WalkItem {
  std::string path;              ///< "-" for stdin
  bool maildir_message = false;  ///< a file in a Maildir cur/ or new/: exactly one message
  std::size_t argument = 0;      ///< index of the path given by the user that led to this file
};

class Walker {
 public:
  explicit Walker(std::vector<std::string> paths);

  /// Next file to read, in a stable order. Paths that cannot be listed or
  /// examined are appended to `errors` and skipped. False when done.
  bool next(WalkItem& item, std::vector<InputError>& errors);

  /// Index of the path given by the user that the walk is in (or has just finished).
  std::size_t argument() const { return next_path_ == 0 ? 0 : next_path_ - 1; }

 private:
  enum class Type { File, Dir, Other };
  struct Entry {
    std::string name;
    Type type = Type::Other;
  };
  struct Frame {
    std::string path;
    std::vector<Entry> entries;
    std::size_t next = 0;
    bool maildir_root = false;  // has cur/ or new/
    bool message_dir = false;   // is the cur/ or new/ of a Maildir
    dev_t dev = 0;
    ino_t ino = 0;
  };

  void push_dir(const std::string& path, bool message_dir, std::vector<InputError>& errors);

  std::vector<std::string> paths_;
  std::size_t next_path_ = 0;
  std::vector<Frame> stack_;
  std::set<std::pair<dev_t, ino_t>> visited_;  ///< every folder read so far
};

}  // namespace bouncekit::source::detail

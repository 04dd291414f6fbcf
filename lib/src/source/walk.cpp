#include "source/walk.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace bouncekit::source::detail {

namespace fs = std::filesystem;

namespace {

std::string join(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).string();
}

bool is_message_subdir(const std::string& name) { return name == "cur" || name == "new"; }

// An explicitly given "cur" or "new" folder counts as part of a Maildir when
// it has a Maildir sibling (cur, new or tmp) next to it.
bool given_dir_is_message_dir(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();  // "x/cur/" -> "x/cur"
  std::string name = p.filename().string();
  if (!is_message_subdir(name)) return false;
  fs::path parent = p.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  for (const char* sibling : {"cur", "new", "tmp"}) {
    if (name != sibling && fs::is_directory(parent / sibling, ec)) return true;
  }
  return false;
}

}  // namespace

Walker::Walker(std::vector<std::string> paths) : paths_(std::move(paths)) {}

void Walker::push_dir(const std::string& path, bool message_dir, std::vector<InputError>& errors) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    errors.push_back({path, std::strerror(errno)});
    return;
  }
  // Already read (or being read) through another name: a link loop or a second link to it.
  if (!visited_.insert({st.st_dev, st.st_ino}).second) return;

  Frame frame;
  frame.path = path;
  frame.message_dir = message_dir;
  frame.dev = st.st_dev;
  frame.ino = st.st_ino;

  std::error_code ec;
  fs::directory_iterator it(path, ec);
  if (ec) {
    errors.push_back({path, ec.message()});
    return;
  }
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    Entry e;
    e.name = entry.path().filename().string();
    std::error_code tec;
    if (entry.is_symlink(tec)) {
      struct stat target {};
      std::string full = join(path, e.name);
      if (::stat(full.c_str(), &target) != 0) {
        errors.push_back({full, std::strerror(errno)});
        continue;
      }
      e.type = S_ISDIR(target.st_mode) ? Type::Dir : S_ISREG(target.st_mode) ? Type::File : Type::Other;
    } else if (entry.is_directory(tec)) {
      e.type = Type::Dir;
    } else if (entry.is_regular_file(tec)) {
      e.type = Type::File;
    }
    frame.entries.push_back(std::move(e));
  }
  if (ec) errors.push_back({path, "cannot list the whole folder: " + ec.message()});

  std::sort(frame.entries.begin(), frame.entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (const Entry& e : frame.entries) {
    if (e.type == Type::Dir && is_message_subdir(e.name)) frame.maildir_root = true;
  }
  stack_.push_back(std::move(frame));
}

bool Walker::next(WalkItem& item, std::vector<InputError>& errors) {
  for (;;) {
    if (!stack_.empty()) {
      Frame& top = stack_.back();
      if (top.next == top.entries.size()) {
        stack_.pop_back();
        continue;
      }
      const Entry& e = top.entries[top.next++];
      if (e.type == Type::Dir) {
        if (top.maildir_root && e.name == "tmp") continue;  // deliveries in progress
        bool message_dir = top.maildir_root && is_message_subdir(e.name);
        std::string full = join(top.path, e.name);  // before push_dir: it may move `top`
        push_dir(full, message_dir, errors);
        continue;
      }
      if (e.type != Type::File) continue;  // sockets, fifos, devices found while walking
      if (e.name.starts_with('.')) continue;
      if (top.maildir_root) continue;  // Maildir bookkeeping files, not mail
      item.path = join(top.path, e.name);
      item.maildir_message = top.message_dir;
      item.argument = argument();
      return true;
    }

    if (next_path_ == paths_.size()) return false;
    const std::string& path = paths_[next_path_++];
    if (path == "-") {
      item.path = path;
      item.maildir_message = false;
      item.argument = argument();
      return true;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      errors.push_back({path, std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      push_dir(path, given_dir_is_message_dir(path), errors);
      continue;
    }
    item.path = path;
    item.maildir_message = false;
    item.argument = argument();
    return true;
  }
}

}  // namespace bouncekit::source::detail

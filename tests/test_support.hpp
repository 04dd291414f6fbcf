// Helpers shared by the test binaries: reading testdata files, temporary folders.
#pragma once

#include <filesystem>
#include <string>

namespace bouncekit::test {

/// Absolute path of a file under testdata/.
std::filesystem::path testdata(const std::string& relative);

/// Whole content of a file (binary-safe).
std::string read_file(const std::filesystem::path& path);

/// Writes `content` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& content);

/// A fresh, empty temporary folder removed when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace bouncekit::test

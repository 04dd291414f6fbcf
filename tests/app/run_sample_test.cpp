// scripts/run-sample builds only what it runs: the CLI target, not the tests or fuzzers, so a
// newcomer sees the report within minutes (README.md, "Two commands"). Checked with a stand-in
// `cmake` first on PATH that records its arguments and "builds" a program that records its own.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::test::read_file;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

TEST(RunSample, BuildsOnlyTheCliTargetAndRunsIt) {
  TempDir tmp;
  const fs::path root = fs::path(BOUNCEKIT_TESTDATA).parent_path();  // testdata/ -> the repository
  ASSERT_TRUE(fs::exists(root / "scripts" / "run-sample")) << root;
  fs::path bin = tmp.path() / "bin", build = tmp.path() / "build", log = tmp.path() / "cmake.log";
  // The stand-in: logs every call; a `--build` call leaves a program that logs its arguments.
  write_file(bin / "cmake",
             "#!/bin/sh\n"
             "echo \"$*\" >> '" + log.string() + "'\n"
             "case \" $* \" in *' --build '*)\n"
             "  mkdir -p '" + (build / "apps").string() + "'\n"
             "  printf '#!/bin/sh\\necho \"$*\" > %s\\n' '" + (tmp.path() / "ran").string() + "' > '" +
                 (build / "apps" / "bouncekit").string() + "'\n"
             "  chmod +x '" + (build / "apps" / "bouncekit").string() + "' ;;\n"
             "esac\n");
  fs::permissions(bin / "cmake", fs::perms::owner_all, fs::perm_options::add);
  std::string cmd = "cd '" + root.string() + "' && PATH='" + bin.string() + "':\"$PATH\" BOUNCEKIT_BUILD_DIR='" +
                    build.string() + "' scripts/run-sample > /dev/null 2>&1";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;

  std::istringstream calls(read_file(log));
  std::vector<std::string> builds;
  for (std::string line; std::getline(calls, line);)
    if (line.find("--build") != std::string::npos) builds.push_back(line);
  ASSERT_EQ(builds.size(), 1u) << read_file(log);
  EXPECT_NE(builds[0].find("--target bouncekit_cli"), std::string::npos) << builds[0];
  EXPECT_EQ(read_file(tmp.path() / "ran").find("report --no-history --out " + (build / "sample-report").string()), 0u)
      << read_file(tmp.path() / "ran");
}

}  // namespace

// path_exists: "is something there" answered as true, false or one of our errors, never as
// std::filesystem's own exception.
#include <catch2/catch.hpp>
#include <string>

#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using gatecast::content::Links;
using gatecast::content::path_exists;
using gatecast::test::Failed;
using gatecast::test::TempDir;
using gatecast::test::write_file;

TEST_CASE("path_exists: files, folders and links, followed or not", "[path_exists]") {
  TempDir dir;
  write_file(dir / "file", "x");
  std::filesystem::create_directory(dir / "folder");
  std::filesystem::create_symlink(dir / "file", dir / "to-file");
  std::filesystem::create_symlink(dir / "gone", dir / "dangling");

  for (const Links links : {Links::followed, Links::not_followed}) {
    CHECK(path_exists(dir / "file", links));
    CHECK(path_exists(dir / "folder", links));
    CHECK(path_exists(dir / "to-file", links));
    CHECK_FALSE(path_exists(dir / "missing", links));
    CHECK_FALSE(path_exists(dir / "file" / "below", links));  // ENOTDIR: not there either
  }
  CHECK_FALSE(path_exists(dir / "dangling"));
  CHECK(path_exists(dir / "dangling", Links::not_followed));
}

TEST_CASE("path_exists: a path the system cannot look at is our error naming it", "[path_exists]") {
  TempDir dir;
  // A link to itself (ELOOP), and one whose target has a name longer than NAME_MAX
  // (ENAMETOOLONG): std::filesystem::exists throws filesystem_error for both.
  std::filesystem::create_symlink(dir / "loop", dir / "loop");
  std::filesystem::create_symlink(dir / std::string(300, 'x'), dir / "too-long");
  for (const char* name : {"loop", "too-long"}) {
    INFO(name);
    const std::filesystem::path link = dir / name;
    CHECK_THROWS_MATCHES(path_exists(link), Error, Failed(Reason::io).about(link.string()));
    CHECK(path_exists(link, Links::not_followed));  // the link itself is there
    const std::filesystem::path below = link / "current";
    CHECK_THROWS_MATCHES(path_exists(below, Links::not_followed), Error,
                         Failed(Reason::io).about(below.string()));
  }
}

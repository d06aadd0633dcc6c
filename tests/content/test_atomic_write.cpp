#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using gatecast::content::create_file_atomically;
using gatecast::content::fsync_directory;
using gatecast::content::write_file_atomically;
using gatecast::test::TempDir;

using gatecast::test::read_whole;
namespace {

unsigned mode_of(const std::filesystem::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

std::size_t entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("atomic write: writes, replaces, sets the mode and leaves no temporary file", "[atomic_write]") {
  TempDir dir;
  const auto target = dir / "state.json";
  write_file_atomically(target, "first", 0600);
  CHECK(read_whole(target) == "first");
  CHECK(mode_of(target) == 0600);
  write_file_atomically(target, std::string("second\0with nul", 15));
  CHECK(read_whole(target) == std::string("second\0with nul", 15));
  CHECK(mode_of(target) == 0644);
  write_file_atomically(target, "");
  CHECK(read_whole(target).empty());
  const std::string big(3u << 20, 'b');
  write_file_atomically(target, big);
  CHECK(read_whole(target) == big);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("atomic write: a failure leaves the target as it was and no temporary file", "[atomic_write]") {
  TempDir dir;
  // The target is a non-empty folder: the rename fails after the temporary file was written.
  std::filesystem::create_directory(dir / "busy");
  std::ofstream(dir / "busy" / "inside") << "x";
  try {
    write_file_atomically(dir / "busy", "new");
    FAIL("no error");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about((dir / "busy").string()));
  }
  CHECK(std::filesystem::is_directory(dir / "busy"));
  CHECK(entries(dir.path()) == 1);
  // A missing folder: nothing can be created.
  CHECK_THROWS_MATCHES(write_file_atomically(dir / "absent" / "file", "x"), gatecast::Error,
                       gatecast::test::Failed(gatecast::Reason::io));
  CHECK_FALSE(std::filesystem::exists(dir / "absent"));
}

TEST_CASE("atomic write: create_file_atomically never replaces", "[atomic_write]") {
  TempDir dir;
  const auto target = dir / "gatecast.key";
  CHECK(create_file_atomically(target, "secret", 0600));
  CHECK(mode_of(target) == 0600);
  CHECK_FALSE(create_file_atomically(target, "other", 0600));
  CHECK(read_whole(target) == "secret");
  CHECK(entries(dir.path()) == 1);
  // A dangling symbolic link is an existing name too: nothing is written through it.
  std::filesystem::create_symlink(dir / "elsewhere", dir / "link");
  CHECK_FALSE(create_file_atomically(dir / "link", "x"));
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere"));
}

TEST_CASE("atomic write: fsync_directory names a folder it cannot open", "[atomic_write]") {
  TempDir dir;
  CHECK_NOTHROW(fsync_directory(dir.path()));
  try {
    fsync_directory(dir / "absent");
    FAIL("no error");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about((dir / "absent").string()));
  }
}

TEST_CASE("atomic write: create_folders_durably makes every missing level and refuses a file in the way",
          "[atomic_write]") {
  using gatecast::content::create_folders_durably;
  TempDir dir;
  create_folders_durably(dir / "a" / "b" / "c");
  CHECK(std::filesystem::is_directory(dir / "a" / "b" / "c"));
  CHECK_NOTHROW(create_folders_durably(dir / "a" / "b"));  // already there

  std::filesystem::create_directory_symlink(dir / "a", dir / "link");  // an admin's link to another disk
  CHECK_NOTHROW(create_folders_durably(dir / "link" / "d"));
  CHECK(std::filesystem::is_directory(dir / "a" / "d"));

  std::ofstream(dir / "file") << "x";
  for (const auto& blocked : {dir / "file", dir / "file" / "below"}) {
    try {
      create_folders_durably(blocked);
      FAIL("no error for " << blocked);
    } catch (const gatecast::Error& e) {
      CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about(blocked.string()));
    }
  }
  CHECK(read_whole(dir / "file") == "x");
}

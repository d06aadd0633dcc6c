// read_regular_file: what an operator or a package names is read whole up to its bound, and
// anything but a regular file is refused without blocking.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "content/base/error.hpp"
#include "content/base/regular_file.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using gatecast::content::read_regular_file;
using gatecast::test::TempDir;
using gatecast::test::write_file;

TEST_CASE("regular file: read whole below the limit, limit + 1 bytes of a larger one", "[regular_file]") {
  TempDir dir;
  const auto file = dir / "config.json";
  std::string bytes(10000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13 % 256);
  write_file(file, bytes);

  CHECK(read_regular_file(file, 1u << 20, Outcome::usage) == bytes);
  CHECK(read_regular_file(file, bytes.size(), Outcome::usage) == bytes);  // exactly at the limit
  // Over the limit: the caller sees one byte more than it allows, and which bytes they are.
  CHECK(read_regular_file(file, 9999, Outcome::usage) == bytes);
  CHECK(read_regular_file(file, 4000, Outcome::usage) == bytes.substr(0, 4001));
  CHECK(read_regular_file(file, 0, Outcome::usage) == bytes.substr(0, 1));

  write_file(file, "");
  CHECK(read_regular_file(file, 100, Outcome::usage).empty());
}

TEST_CASE("regular file: a file that reports no size is still read whole", "[regular_file]") {
  // /proc files say size 0 and have bytes: the buffer must grow as they are read, not stop at
  // the size fstat gave.
  struct stat st {};
  REQUIRE(::stat("/proc/self/status", &st) == 0);
  REQUIRE(st.st_size == 0);
  const std::string status = read_regular_file("/proc/self/status", 1u << 20, Outcome::runtime);
  CHECK(status.rfind("Name:", 0) == 0);
  CHECK(status.find("\nvoluntary_ctxt_switches:") != std::string::npos);  // one of the last lines
  CHECK(status.back() == '\n');
  // smaps runs to tens of kilobytes: several growths of the buffer, each read kept.
  const std::string smaps = read_regular_file("/proc/self/smaps", 64u << 20, Outcome::runtime);
  CHECK(smaps.size() > 16384);
  CHECK(smaps.find('\0') == std::string::npos);  // no zeroed gap left between reads
  CHECK(smaps.back() == '\n');
  // And bounded like any other.
  CHECK(read_regular_file("/proc/self/status", 10, Outcome::runtime).size() == 11);
}

TEST_CASE("regular file: missing files, folders, pipes and devices are refused with the file's name",
          "[regular_file]") {
  TempDir dir;
  CHECK_THROWS_MATCHES(read_regular_file(dir / "absent.json", 100, Outcome::usage), Error,
                       test::UsageError(Reason::not_found).about((dir / "absent.json").string()));
  CHECK_THROWS_MATCHES(read_regular_file(dir.path(), 100, Outcome::runtime), Error,
                       test::Failed(Reason::io).about(dir.path().string()));
  const auto fifo = dir / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Opening a FIFO with no writer must not wait for one.
  CHECK_THROWS_MATCHES(read_regular_file(fifo, 100, Outcome::usage), Error,
                       test::UsageError(Reason::io).about(fifo.string()));
  CHECK_THROWS_MATCHES(read_regular_file("/dev/zero", 100, Outcome::usage), Error,
                       test::UsageError(Reason::io).about("/dev/zero"));
}

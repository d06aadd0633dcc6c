#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::content::is_sha256_hex;
using gatecast::content::Sha256;
using gatecast::content::sha256_fd_hex;
using gatecast::content::sha256_file_hex;
using gatecast::content::sha256_hex;
using gatecast::content::UniqueFd;

using gatecast::test::write_file;
namespace {

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

}  // namespace

TEST_CASE("sha256: known answers (FIPS 180-2 and a 1 MiB run)", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(sha256_hex(std::string(1u << 20, 'a')) ==
        "9bc1b2a288b26af7257a36277ae3816a7d4f16e89c1e7e77d0a5c48bad62b360");
}

TEST_CASE("sha256: pieces of any size give the one-shot digest", "[sha256]") {
  const std::string data = random_bytes(200000, 7);
  const std::string whole = sha256_hex(data);
  for (std::size_t piece : {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65},
                            std::size_t{4096}, std::size_t{199999}}) {
    Sha256 hash;
    for (std::size_t at = 0; at < data.size(); at += piece) {
      hash.update(data.data() + at, std::min(piece, data.size() - at));
    }
    CHECK(hash.hex() == whole);
  }
}

TEST_CASE("sha256: a finished hash refuses more input", "[sha256]") {
  Sha256 hash;
  hash.update("abc", 3);
  CHECK(hash.hex() == sha256_hex("abc"));
  CHECK_THROWS_AS(hash.update("d", 1), std::logic_error);
  CHECK_THROWS_AS(hash.hex(), std::logic_error);
}

TEST_CASE("sha256: files across the read-piece boundary match the in-memory digest", "[sha256]") {
  gatecast::test::TempDir dir;
  for (std::size_t size :
       {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{4097},
        (std::size_t{1} << 20) - 1, std::size_t{1} << 20, (std::size_t{1} << 20) + 1, std::size_t{3} << 20}) {
    const std::string data = random_bytes(size, static_cast<unsigned>(size));
    const auto file = dir / ("f" + std::to_string(size));
    write_file(file, data);
    INFO("size " << size);
    CHECK(sha256_file_hex(file) == sha256_hex(data));
  }
}

TEST_CASE("sha256: a file's digest agrees with sha256sum", "[sha256]") {
  gatecast::test::TempDir dir;
  const auto file = dir / "blob";
  write_file(file, random_bytes((5u << 20) + 17, 99));
  const auto r = gatecast::test::run({"sha256sum", file.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.substr(0, 64) == sha256_file_hex(file));
}

TEST_CASE("sha256: missing files and folders are runtime errors naming the path", "[sha256]") {
  gatecast::test::TempDir dir;
  try {
    (void)sha256_file_hex(dir / "absent");
    FAIL("no error");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about((dir / "absent").string()));
  }
  try {
    (void)sha256_file_hex(dir.path());
    FAIL("no error");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about(dir.path().string()));
  }
}

TEST_CASE("sha256: an open file is hashed from its offset, whatever size sized the buffer", "[sha256]") {
  gatecast::test::TempDir dir;
  const std::string data = random_bytes((1u << 20) + 4097, 5);
  const auto file = dir / "blob";
  write_file(file, data);
  // A size below, at and above the real one only changes the pieces, never the digest.
  for (std::uint64_t size :
       {std::uint64_t{0}, std::uint64_t{4096}, std::uint64_t{data.size()}, std::uint64_t{data.size()} * 4}) {
    for (std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{70000}}) {
      INFO("size " << size << ", offset " << offset);
      const UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
      REQUIRE(fd.get() >= 0);
      REQUIRE(::lseek(fd.get(), static_cast<off_t>(offset), SEEK_SET) == static_cast<off_t>(offset));
      std::vector<std::uint64_t> progress;
      CHECK(sha256_fd_hex(fd.get(), size, file, [&](std::uint64_t done) { progress.push_back(done); }) ==
            sha256_hex(std::string_view(data).substr(offset)));
      REQUIRE_FALSE(progress.empty());
      CHECK(progress.back() == data.size() - offset);
    }
  }
}

TEST_CASE("sha256: an open file swapped under its name is hashed as it was opened", "[sha256]") {
  // What the store relies on: it checks a fetched blob's descriptor and hashes that same
  // descriptor, so a file renamed over the path in between changes nothing.
  gatecast::test::TempDir dir;
  const std::string checked = random_bytes(10000, 1);
  write_file(dir / "blob", checked);
  const UniqueFd fd(::open((dir / "blob").c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(fd.get() >= 0);
  write_file(dir / "other", random_bytes(10000, 2));
  std::filesystem::rename(dir / "other", dir / "blob");
  CHECK(sha256_fd_hex(fd.get(), checked.size(), dir / "blob") == sha256_hex(checked));
  CHECK(sha256_file_hex(dir / "blob") != sha256_hex(checked));
}

TEST_CASE("sha256: an unreadable descriptor is a runtime error naming the file", "[sha256]") {
  gatecast::test::TempDir dir;
  write_file(dir / "blob", "bytes");
  const UniqueFd write_only(::open((dir / "blob").c_str(), O_WRONLY | O_CLOEXEC));
  REQUIRE(write_only.get() >= 0);
  try {
    (void)sha256_fd_hex(write_only.get(), 5, dir / "blob");
    FAIL("no error");
  } catch (const gatecast::Error& e) {
    CHECK(e.kind() == gatecast::Outcome::runtime);
    CHECK_THAT(e, gatecast::test::Failed(gatecast::Reason::io).about((dir / "blob").string()));
    CHECK_THAT(e.what(), Catch::Contains("cannot read"));
  }
}

TEST_CASE("sha256: is_sha256_hex accepts only 64 lowercase hex digits", "[sha256]") {
  const std::string good = sha256_hex("x");
  CHECK(is_sha256_hex(good));
  CHECK_FALSE(is_sha256_hex(""));
  CHECK_FALSE(is_sha256_hex(good.substr(1)));
  CHECK_FALSE(is_sha256_hex(good + "0"));
  std::string upper = good;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK_FALSE(is_sha256_hex(upper == good ? "A" + good.substr(1) : upper));
  CHECK_FALSE(is_sha256_hex(std::string(63, 'a') + "g"));
  CHECK_FALSE(is_sha256_hex(std::string(63, 'a') + "/"));
  CHECK_FALSE(is_sha256_hex("../" + std::string(61, 'a')));
  CHECK_FALSE(is_sha256_hex(std::string(63, 'a') + '\0'));
  CHECK(is_sha256_hex(std::string(64, '0')));
}

// The files a blob transfer writes: the partial file hashed as it grows (and rehashed when a
// cut transfer resumes), the finisher that verifies, fsyncs and renames blobs beside the
// transfers, and sizes past 4 GiB on the paths that carry them (sparse files: no 8 GiB
// transfer in CI).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/sources/partial_blob.hpp"
#include "content/store/blob_finisher.hpp"
#include "content/store/blobs.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;
using gatecast::test::TempDir;

namespace {

void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string bytes_of(std::size_t n, char seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + static_cast<char>(i * 7 % 251));
  return s;
}

}  // namespace

TEST_CASE("partial blob: the hash covers the bytes kept from a cut transfer and the new ones", "[blobs]") {
  TempDir dir;
  const std::string whole = bytes_of(3 << 20, 1);
  const auto path = dir / "x.partial";
  write_file(path, whole.substr(0, 1234567));
  PartialBlob file(path);
  CHECK(file.size() == 1234567);
  REQUIRE(file.append(std::string_view(whole).substr(1234567)));
  CHECK(file.size() == whole.size());
  CHECK(file.finish() == sha256_hex(whole));
  CHECK(read_file(path) == whole);
}

TEST_CASE("partial blob: kept bytes on either side of the read-piece bounds are hashed whole", "[blobs]") {
  TempDir dir;
  const std::string whole = bytes_of((1 << 20) + 10, 2);
  for (std::size_t kept : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4097},
                           (std::size_t{1} << 20) - 1, (std::size_t{1} << 20) + 1}) {
    INFO("kept " << kept);
    const auto path = dir / ("x" + std::to_string(kept) + ".partial");
    write_file(path, whole.substr(0, kept));
    PartialBlob file(path);
    CHECK(file.size() == kept);
    REQUIRE(file.append(std::string_view(whole).substr(kept)));
    CHECK(file.finish() == sha256_hex(whole));
  }
}

TEST_CASE("partial blob: a restart forgets the bytes and the hash before it", "[blobs]") {
  TempDir dir;
  const auto path = dir / "x.partial";
  write_file(path, "wrong bytes from an earlier server");
  PartialBlob file(path);
  REQUIRE(file.restart());
  CHECK(file.size() == 0);
  REQUIRE(file.append("right"));
  CHECK(file.finish() == sha256_hex("right"));
  CHECK(read_file(path) == "right");
}

TEST_CASE("blob finisher: good blobs are verified under their hash; a bad one fails the batch", "[blobs]") {
  TempDir dir;
  std::vector<BlobRef> good;
  {
    BlobFinisher finisher(2, 2);  // a short queue: add() must wait, not drop
    for (char seed = 0; seed < 6; ++seed) {
      const std::string bytes = bytes_of(100000 + static_cast<std::size_t>(seed), seed);
      const BlobRef ref{sha256_hex(bytes), bytes.size()};
      write_file(dir / (ref.sha256 + ".partial"), bytes);
      // Half are handed over with the hash computed while receiving, half hashed by the pool.
      finisher.add(dir / (ref.sha256 + ".partial"), ref, "asset " + std::to_string(seed),
                   seed % 2 ? ref.sha256 : std::string());
      good.push_back(ref);
    }
    finisher.wait();
  }
  for (const BlobRef& ref : good) {
    CHECK(std::filesystem::file_size(dir / ref.sha256) == ref.size);
    CHECK_FALSE(std::filesystem::exists(dir / (ref.sha256 + ".partial")));
  }

  const std::string bytes = bytes_of(5000, 9);
  const BlobRef claimed{sha256_hex("something else, same length?"), bytes.size()};
  write_file(dir / "bad.partial", bytes);
  BlobFinisher finisher;
  SECTION("hashed by the finisher") {
    finisher.add(dir / "bad.partial", claimed, "asset bad", {});
  }
  SECTION("hashed while receiving") {
    finisher.add(dir / "bad.partial", claimed, "asset bad", sha256_hex(bytes));
  }
  CHECK_THROWS_MATCHES(finisher.wait(), Error, test::Refused(Reason::hash).about("asset bad"));
  CHECK_FALSE(std::filesystem::exists(dir / "bad.partial"));  // nothing half-checked stays
  CHECK_FALSE(std::filesystem::exists(dir / claimed.sha256));
  // A batch that failed takes nothing more.
  write_file(dir / "late.partial", "late");
  CHECK_THROWS_AS(finisher.add(dir / "late.partial", BlobRef{sha256_hex("late"), 4}, "asset late", {}),
                  Error);
}

TEST_CASE("blob finisher: threads start with the first blob, so an install with nothing to fetch starts none",
          "[blobs]") {
  const auto threads_now = [] {
    const std::filesystem::directory_iterator tasks("/proc/self/task");
    return std::distance(begin(tasks), end(tasks));
  };
  TempDir dir;
  const auto before = threads_now();
  {
    BlobFinisher finisher(2, 8);
    CHECK(threads_now() == before);
    finisher.wait();  // nothing queued: returns at once
    CHECK(threads_now() == before);
    const std::string bytes = bytes_of(1000, 3);
    const BlobRef ref{sha256_hex(bytes), bytes.size()};
    write_file(dir / "one.partial", bytes);
    finisher.add(dir / "one.partial", ref, "asset one", {});
    CHECK(threads_now() == before + 1);
    finisher.wait();
    CHECK(std::filesystem::file_size(dir / ref.sha256) == ref.size);
  }
  CHECK(threads_now() == before);
}

TEST_CASE("blob sizes past 4 GiB are carried as 64-bit numbers", "[blobs]") {
  TempDir dir;
  const std::uint64_t five_gib = 5ull << 30;
  SECTION("a sparse staged file of 5 GiB is measured, not truncated to 32 bits") {
    const auto path = dir / "big.partial";
    write_file(path, "");
    std::filesystem::resize_file(path, five_gib);  // sparse: no disk used
    // The size is checked before any byte is hashed, and the message names both sizes whole.
    try {
      verify_staged_blob(path, BlobRef{std::string(64, 'a'), five_gib + 1}, "asset film");
      FAIL("a wrong size passed");
    } catch (const Error& e) {
      CHECK_THAT(e, test::Refused(Reason::hash).about("asset film"));
      CHECK_THAT(e.problem(), Catch::Contains("5368709120 bytes") && Catch::Contains("5368709121"));
    }
    CHECK_FALSE(std::filesystem::exists(path));
  }
  SECTION("the store's blob list keeps 8 GiB sizes") {
    const std::vector<BlobRef> blobs{{std::string(64, 'b'), 8ull << 30},
                                     {std::string(64, 'c'), five_gib + 7}};
    CHECK(parse_blob_list(format_blob_list(blobs), "blobs") == std::vector<BlobRef>{blobs[0], blobs[1]});
  }
}

// The store's parts on their own: layout, blobs, version folders, the current pointer, the
// rollback record and garbage collection (docs/store.md).
#include <unistd.h>

#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/store/blobs.hpp"
#include "content/store/gc.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/versions.hpp"
#include "content/test_install_fixture.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using namespace gatecast::content;
using gatecast::test::TempDir;

namespace {

Outcome kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return Outcome::ok;
}

// Puts `bytes` into the store as a blob and returns its reference.
BlobRef put_blob(const StoreLayout& layout, const std::string& bytes) {
  const BlobRef ref{sha256_hex(bytes), bytes.size()};
  fx::write_bytes(layout.blob(ref.sha256), bytes);
  return ref;
}

StoredVersion version_with(std::int64_t v, std::vector<BlobRef> blobs) {
  StoredVersion s;
  s.version = v;
  s.manifest = "{\"version\": " + std::to_string(v) + "}\n";
  s.signature = "sig " + std::to_string(v) + "\n";
  s.blobs = std::move(blobs);
  s.installed_at = Instant(Duration(1764000000000 + v));
  return s;
}

}  // namespace

TEST_CASE("store layout builds paths only from checked names", "[store]") {
  const StoreLayout layout("/var/lib/gatecast");
  CHECK(layout.blob(std::string(64, 'a')) == "/var/lib/gatecast/store/blobs/" + std::string(64, 'a'));
  CHECK(layout.version_dir("langson", 12) == "/var/lib/gatecast/store/channels/langson/versions/12");
  CHECK(layout.record_file("langson") == "/var/lib/gatecast/accepted/langson");
  for (const std::string& bad :
       std::vector<std::string>{"../x", "", "a/b", "..", "UPPER", std::string(65, 'a')}) {
    CHECK(kind_of([&] { (void)layout.channel_dir(bad); }) == Outcome::runtime);
  }
  for (const std::string& bad :
       std::vector<std::string>{std::string(63, 'a'), std::string(64, 'A'), "../" + std::string(61, 'a'),
                                std::string(64, 'g'), std::string(65, 'a')}) {
    CHECK(kind_of([&] { (void)layout.blob(bad); }) == Outcome::runtime);
  }
  CHECK(kind_of([&] { (void)layout.version_dir("langson", 0); }) == Outcome::runtime);
  CHECK(kind_of([&] { (void)layout.version_dir("langson", -3); }) == Outcome::runtime);
}

TEST_CASE("store files are read bounded and never through a symlink", "[store]") {
  TempDir tmp;
  fx::write_bytes(tmp / "small", "12\n");
  fx::write_bytes(tmp / "big", std::string(1000, 'x'));
  fx::write_bytes(tmp / "secret", "outside\n");
  std::filesystem::create_symlink(tmp / "secret", tmp / "link");
  CHECK(read_store_file(tmp / "small", 64) == "12\n");
  CHECK_FALSE(read_store_file(tmp / "missing", 64).has_value());
  CHECK(kind_of([&] { (void)read_store_file(tmp / "big", 999); }) == Outcome::runtime);
  CHECK(kind_of([&] { (void)read_store_file(tmp / "link", 64); }) == Outcome::runtime);
  CHECK(kind_of([&] { (void)read_store_file(tmp.path(), 64); }) == Outcome::runtime);
}

TEST_CASE("a staged blob is checked for size and hash before it may enter the store", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  const std::string bytes = fx::blob_bytes(5000, 1);
  const BlobRef ref{sha256_hex(bytes), bytes.size()};
  const std::filesystem::path staging = layout.staging_for(std::string(64, 'c'));
  create_store_folder(staging);
  const std::filesystem::path partial = staging / (ref.sha256 + ".partial");

  SECTION("short") {
    fx::write_bytes(partial, bytes.substr(0, 4999));
    CHECK(kind_of([&] { verify_staged_blob(partial, ref, "asset a"); }) == Outcome::rejected);
    CHECK_FALSE(std::filesystem::exists(partial));
  }
  SECTION("one byte flipped") {
    std::string flipped = bytes;
    flipped[2500] = static_cast<char>(flipped[2500] ^ 0x01);
    fx::write_bytes(partial, flipped);
    try {
      verify_staged_blob(partial, ref, "asset a");
      FAIL("accepted a flipped blob");
    } catch (const Error& e) {
      CHECK_THAT(e, gatecast::test::Refused(gatecast::Reason::hash).about("asset a"));
    }
    CHECK_FALSE(std::filesystem::exists(partial));
  }
  SECTION("a symlink planted as the partial") {
    fx::write_bytes(tmp / "elsewhere", bytes);
    std::filesystem::create_symlink(tmp / "elsewhere", partial);
    CHECK(kind_of([&] { verify_staged_blob(partial, ref, "asset a"); }) == Outcome::runtime);
  }
  SECTION("good: verified, then admitted together") {
    fx::write_bytes(partial, bytes);
    verify_staged_blob(partial, ref, "asset a");
    CHECK(std::filesystem::exists(staging / ref.sha256));
    CHECK_FALSE(blob_present(layout, ref));
    admit_staged_blobs(layout, staging, {ref});
    CHECK(blob_present(layout, ref));
    CHECK(sha256_file_hex(layout.blob(ref.sha256)) == ref.sha256);
    CHECK(list_blobs(layout) == std::vector<std::string>{ref.sha256});
    CHECK_FALSE(blob_present(layout, BlobRef{ref.sha256, ref.size + 1}));
  }
}

TEST_CASE("blob lists round-trip and damaged ones are refused", "[store]") {
  const std::vector<BlobRef> blobs{
      {std::string(64, 'b'), 7}, {std::string(64, 'a'), 12}, {std::string(64, 'b'), 7}};
  const std::string text = format_blob_list(blobs);
  CHECK(text == std::string(64, 'a') + " 12\n" + std::string(64, 'b') + " 7\n");
  CHECK(parse_blob_list(text, "t").size() == 2);
  CHECK(parse_blob_list("", "t").empty());
  for (const std::string& bad : std::vector<std::string>{
           std::string(64, 'a') + " 12", std::string(64, 'a') + "  12\n", std::string(63, 'a') + " 12\n",
           std::string(64, 'a') + " -1\n", std::string(64, 'a') + " 12x\n", std::string(64, 'a') + " \n",
           "\n", std::string(64, 'a') + " 99999999999999999999999\n"}) {
    CHECK(kind_of([&] { (void)parse_blob_list(bad, "t"); }) == Outcome::runtime);
  }
}

TEST_CASE("version folders are written whole and current switches between them", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  const BlobRef a = put_blob(layout, "alpha");
  CHECK_FALSE(read_current(layout, "langson").has_value());
  CHECK(list_versions(layout, "langson").empty());

  write_version(layout, "langson", version_with(3, {a}));
  CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{3});
  CHECK_FALSE(read_current(layout, "langson").has_value());  // written, not active
  switch_current(layout, "langson", 3);
  CHECK(read_current(layout, "langson") == 3);
  const StoredVersion back = read_version(layout, "langson", 3);
  CHECK(back.manifest == version_with(3, {a}).manifest);
  CHECK(back.signature == version_with(3, {a}).signature);
  CHECK(back.blobs == std::vector<BlobRef>{a});
  CHECK(back.installed_at == version_with(3, {a}).installed_at);
  CHECK(list_channels(layout) == std::vector<std::string>{"langson"});

  // The active version is never rewritten; a missing one is never activated.
  CHECK(kind_of([&] { write_version(layout, "langson", version_with(3, {})); }) == Outcome::runtime);
  CHECK(kind_of([&] { switch_current(layout, "langson", 4); }) == Outcome::runtime);
  CHECK(read_current(layout, "langson") == 3);

  // A version folder (and temporary folder) left by a cut install is replaced.
  fx::write_bytes(layout.version_temp_dir("langson", 4) / "junk", "x");
  fx::write_bytes(layout.version_dir("langson", 4) / "manifest.json", "half");
  write_version(layout, "langson", version_with(4, {a}));
  CHECK(read_version(layout, "langson", 4).manifest == version_with(4, {a}).manifest);
  CHECK_FALSE(std::filesystem::exists(layout.version_dir("langson", 4) / "junk"));
  CHECK_FALSE(std::filesystem::exists(layout.version_temp_dir("langson", 4)));

  // Junk beside the versions is not a version.
  std::filesystem::create_directories(layout.versions_dir("langson") / "007");
  std::filesystem::create_directories(layout.versions_dir("langson") / "x9");
  std::filesystem::create_symlink(layout.version_dir("langson", 3), layout.versions_dir("langson") / "5");
  CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{3, 4});
}

TEST_CASE("a damaged current pointer or version folder is an error, not a guess", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  std::filesystem::create_directories(layout.channel_dir("langson"));
  for (const std::string& bad :
       std::vector<std::string>{"", "3", "0\n", "-1\n", "03\n", "3\n\n", "abc\n", "99999999999999999999\n"}) {
    fx::write_bytes(layout.current_file("langson"), bad);
    CHECK(kind_of([&] { (void)read_current(layout, "langson"); }) == Outcome::runtime);
  }
  // Nothing is written over a channel whose active version cannot be told.
  CHECK(kind_of([&] { write_version(layout, "langson", version_with(2, {})); }) == Outcome::runtime);
  std::filesystem::remove(layout.current_file("langson"));
  write_version(layout, "langson", version_with(2, {}));
  std::filesystem::remove(layout.version_dir("langson", 2) / "installed");
  CHECK(kind_of([&] { (void)read_version(layout, "langson", 2); }) == Outcome::runtime);
  fx::write_bytes(layout.version_dir("langson", 2) / "installed", "12x\n");
  CHECK(kind_of([&] { (void)read_version(layout, "langson", 2); }) == Outcome::runtime);
  CHECK(kind_of([&] { (void)read_version(layout, "langson", 9); }) == Outcome::runtime);
}

TEST_CASE("the version record round-trips and a damaged one is never read as none", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  CHECK_FALSE(read_record(layout, "langson").has_value());
  write_record(layout, "langson", AcceptedRecord{41, std::string(64, 'e')});
  const auto record = read_record(layout, "langson");
  REQUIRE(record);
  CHECK(record->version == 41);
  CHECK(record->manifest_sha256 == std::string(64, 'e'));
  CHECK(kind_of([&] {
          write_record(layout, "langson", AcceptedRecord{0, std::string(64, 'e')});
        }) == Outcome::runtime);
  CHECK(kind_of([&] { write_record(layout, "langson", AcceptedRecord{5, "abc"}); }) == Outcome::runtime);
  for (const std::string& bad :
       std::vector<std::string>{"", "41\n", "41 " + std::string(64, 'e'), "x " + std::string(64, 'e') + "\n",
                                "0 " + std::string(64, 'e') + "\n", "41 " + std::string(64, 'E') + "\n",
                                "41  " + std::string(63, 'e') + "\n"}) {
    fx::write_bytes(layout.record_file("langson"), bad);
    CHECK(kind_of([&] { (void)read_record(layout, "langson"); }) == Outcome::runtime);
  }
}

TEST_CASE("garbage collection keeps the active and previous versions and their blobs", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  const BlobRef a = put_blob(layout, "a-bytes"), b = put_blob(layout, "b-bytes"),
                c = put_blob(layout, "c-bytes"), d = put_blob(layout, "d-bytes"),
                e = put_blob(layout, "e-bytes"), shared = put_blob(layout, "shared");
  write_version(layout, "langson", version_with(1, {a}));
  write_version(layout, "langson", version_with(2, {b}));
  write_version(layout, "langson", version_with(3, {c, shared}));
  write_version(layout, "langson", version_with(4, {d}));  // never activated (a cut install)
  switch_current(layout, "langson", 3);
  write_version(layout, "other", version_with(7, {shared}));
  switch_current(layout, "other", 7);
  fx::write_bytes(layout.version_temp_dir("langson", 9) / "manifest.json", "half");
  fx::write_bytes(layout.channel_dir("langson") / ".current.tmp-abc123", "4\n");

  SECTION("normal") {
    const GcResult gc = collect_garbage(layout);
    CHECK(gc.versions_removed == 2);  // 1 (too old) and 4 (never active)
    CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{2, 3});
    CHECK(list_versions(layout, "other") == std::vector<std::int64_t>{7});
    CHECK(gc.blobs_removed == 3);  // a, d, e
    CHECK(gc.bytes_freed == a.size + d.size + e.size);
    for (const BlobRef& kept : {b, c, shared}) CHECK(blob_present(layout, kept));
    for (const BlobRef& gone : {a, d, e}) CHECK_FALSE(blob_present(layout, gone));
    CHECK_FALSE(std::filesystem::exists(layout.version_temp_dir("langson", 9)));
    CHECK_FALSE(std::filesystem::exists(layout.channel_dir("langson") / ".current.tmp-abc123"));
    CHECK(read_current(layout, "langson") == 3);
    CHECK(collect_garbage(layout).blobs_removed == 0);
  }
  SECTION("a kept version's blob list cannot be read: no blob is removed") {
    fx::write_bytes(layout.version_dir("langson", 2) / "blobs", "damaged");
    const GcResult gc = collect_garbage(layout);
    CHECK(gc.blobs_removed == 0);
    for (const BlobRef& kept : {a, b, c, d, e, shared}) CHECK(blob_present(layout, kept));
  }
  SECTION("a damaged pointer: nothing of that channel, and no blob, is removed") {
    fx::write_bytes(layout.current_file("langson"), "garbage");
    const GcResult gc = collect_garbage(layout);
    CHECK(gc.blobs_removed == 0);
    CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{1, 2, 3, 4});
  }
}

TEST_CASE("staging folders of other manifests are cleared", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  const std::string keep(64, '1'), other(64, '2');
  fx::write_bytes(layout.staging_for(keep) / "x.partial", "k");
  fx::write_bytes(layout.staging_for(other) / "y.partial", "o");
  clean_staging(layout, keep);
  CHECK(std::filesystem::exists(layout.staging_for(keep) / "x.partial"));
  CHECK_FALSE(std::filesystem::exists(layout.staging_for(other)));
  clean_staging(layout, "");
  CHECK(std::filesystem::is_empty(layout.staging_dir()));
}

TEST_CASE("the store lock excludes a second holder until released", "[store]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  {
    const StoreLock first(layout);
    // flock is per open file description: a second open in this process contends like another process.
    const StoreLock second(layout, /*wait=*/false);
    CHECK_FALSE(second.held());
  }
  const StoreLock third(layout, /*wait=*/false);
  CHECK(third.held());
}

// Installing from a folder publish tree: good installs, unchanged reinstalls, upgrades with
// GC, resumed transfers, the rollback guard across a wiped store, record repair, fallback to
// the previous version, and a simulated crash at every step of activation.
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/config/source_settings.hpp"
#include "content/install/install.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/state.hpp"
#include "content/store/versions.hpp"
#include "content/test_install_fixture.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using namespace gatecast::content;
using fx::PackageSpec;
using fx::PublishTree;
using gatecast::test::TempDir;

namespace {

InstallResult install_from(const PublishTree& tree, const Config& config,
                           const std::string& channel = "langson", const InstallStepHook& hook = {}) {
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  return install_channel(*source, channel, config, fx::test_now(), {}, hook);
}

PackageSpec spec(std::int64_t version, std::map<std::string, std::string> assets) {
  PackageSpec s;
  s.version = version;
  s.assets = std::move(assets);
  return s;
}

// Every asset of the installed package is on disk with the right bytes.
void require_whole(const InstalledPackage& package) {
  for (const auto& [name, asset] : package.manifest.assets) {
    INFO(name);
    REQUIRE(sha256_file_hex(package.asset_path(name)) == asset.sha256);
  }
  REQUIRE(first_damaged_asset(package).empty());
}

// A source that passes through to a folder but cuts the first blob transfer after `cut_after`
// bytes, as a dropped link would.
class CuttingSource final : public Source {
 public:
  CuttingSource(const std::filesystem::path& root, std::uint64_t cut_after)
      : inner_(open_folder_source(root)), cut_after_(cut_after) {}
  std::string describe() const override { return inner_->describe(); }
  std::optional<FetchedManifest> fetch_manifest(const std::string& c, const SourceLimits& l) override {
    return inner_->fetch_manifest(c, l);
  }
  std::optional<std::string> fetch_file(const std::string& relpath, std::uint64_t limit) override {
    return inner_->fetch_file(relpath, limit);
  }
  void fetch_blob(const std::string& sha256, std::uint64_t size,
                  const std::filesystem::path& partial) override {
    if (resumed_from_) {
      *resumed_from_ = std::filesystem::exists(partial) ? std::filesystem::file_size(partial) : 0;
      resumed_from_ = nullptr;
    }
    if (cut_) {
      cut_ = false;
      inner_->fetch_blob(sha256, size, partial);
      std::filesystem::resize_file(partial, cut_after_);
      fail_runtime(Reason::network, describe(), "connection reset");
    }
    inner_->fetch_blob(sha256, size, partial);
  }
  void watch_resume(std::uint64_t* resumed_from) { resumed_from_ = resumed_from; }

 private:
  std::unique_ptr<Source> inner_;
  std::uint64_t cut_after_;
  bool cut_ = true;
  std::uint64_t* resumed_from_ = nullptr;
};

}  // namespace

TEST_CASE("a good package installs, loads whole and records its version", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(3, {{"photo", fx::blob_bytes(70000, 1)}, {"logo", fx::blob_bytes(900, 2)}}));

  CHECK_FALSE(load_installed(config, "langson").has_value());
  const InstallResult r = install_from(tree, config);
  CHECK(r.channel == "langson");
  CHECK(r.version == 3);
  CHECK(r.changed);
  CHECK(r.blobs_fetched == 2);
  CHECK(r.bytes_fetched == 70900);

  const std::optional<InstalledPackage> package = load_installed(config, "langson");
  REQUIRE(package);
  CHECK(package->version == 3);
  CHECK(package->installed_at == fx::test_now());
  CHECK(package->manifest.assets.size() == 2);
  require_whole(*package);
  CHECK(package->asset_path("photo").parent_path() == data.path() / "store" / "blobs");
  CHECK_THROWS_MATCHES(package->asset_path("nope"), Error, test::Failed(Reason::not_found));

  const StoreLayout layout(data.path());
  const auto record = read_record(layout, "langson");
  REQUIRE(record);
  CHECK(record->version == 3);
  CHECK(record->manifest_sha256 == sha256_file_hex(tree.manifest_file("langson")));
  CHECK(std::filesystem::is_empty(layout.staging_dir()));
  CHECK(configured_channels(config) == std::vector<std::string>{"langson"});
  CHECK(screen_channel_index(config) == 0);
}

TEST_CASE("installing the same package twice changes nothing", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(5, {{"photo", fx::blob_bytes(4000, 3)}}));
  REQUIRE(install_from(tree, config).changed);
  const auto before = fx::listing(data.path());

  const InstallResult again = install_from(tree, config);
  CHECK_FALSE(again.changed);
  CHECK(again.version == 5);
  CHECK(again.blobs_fetched == 0);
  CHECK(fx::listing(data.path()) == before);

  SECTION("a blob lost from the store is fetched again, still unchanged") {
    const std::string lost = sha256_file_hex(tree.blob_file(fx::blob_bytes(4000, 3)));
    std::filesystem::remove(data.path() / "store" / "blobs" / lost);
    CHECK_THROWS_MATCHES(load_installed(config, "langson"), Error, test::Failed(Reason::io));
    const InstallResult repaired = install_from(tree, config);
    CHECK_FALSE(repaired.changed);
    CHECK(repaired.blobs_fetched == 1);
    CHECK(fx::listing(data.path()) == before);
  }
}

TEST_CASE("an upgrade keeps the previous version and collects the rest", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  const std::string a = fx::blob_bytes(1000, 10), b = fx::blob_bytes(2000, 11), c = fx::blob_bytes(3000, 12),
                    d = fx::blob_bytes(4000, 13);
  const StoreLayout layout(data.path());
  tree.publish(spec(1, {{"a", a}, {"b", b}}));
  REQUIRE(install_from(tree, config).version == 1);
  tree.publish(spec(2, {{"b", b}, {"c", c}}));
  const InstallResult r2 = install_from(tree, config);
  CHECK(r2.changed);
  CHECK(r2.blobs_fetched == 1);  // b was already in the store
  CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{1, 2});

  tree.publish(spec(3, {{"c", c}, {"d", d}}));
  REQUIRE(install_from(tree, config).version == 3);
  CHECK(list_versions(layout, "langson") == std::vector<std::int64_t>{2, 3});
  const auto blobs = [&] {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(layout.blobs_dir()))
      names.insert(e.path().filename());
    return names;
  }();
  CHECK(blobs == std::set<std::string>{sha256_hex(b), sha256_hex(c), sha256_hex(d)});  // a is gone
  const auto package = load_installed(config, "langson");
  REQUIRE(package);
  CHECK(package->version == 3);
  require_whole(*package);
}

TEST_CASE("a cut transfer resumes where it stopped", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(1, {{"big", fx::blob_bytes(300000, 20)}}));
  CuttingSource source(tree.root(), 120000);
  try {
    (void)install_channel(source, "langson", config, fx::test_now());
    FAIL("the cut transfer did not fail");
  } catch (const Error& e) {
    CHECK_THAT(e, test::Failed(Reason::network));  // the source's own failure, passed on as it was
  }
  CHECK_FALSE(load_installed(config, "langson").has_value());
  std::uint64_t resumed_from = 0;
  source.watch_resume(&resumed_from);
  const InstallResult r = install_channel(source, "langson", config, fx::test_now());
  CHECK(resumed_from == 120000);
  CHECK(r.changed);
  require_whole(*load_installed(config, "langson"));
  CHECK(std::filesystem::is_empty(StoreLayout(data.path()).staging_dir()));
}

TEST_CASE("a blob left verified in staging is hashed again before it enters the store", "[install]") {
  // Found by fuzz_store_files: an earlier attempt's verified blob was trusted by its size, so a
  // file damaged on disk since entered the store under a hash it does not have.
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  const std::string photo = fx::blob_bytes(5000, 21);
  tree.publish(spec(1, {{"photo", photo}}));
  const StoreLayout layout(data.path());
  const std::string manifest_sha256 = sha256_hex(test::read_whole(tree.manifest_file("langson")));
  fx::write_bytes(layout.staging_for(manifest_sha256) / sha256_hex(photo), fx::blob_bytes(5000, 22));
  const InstallResult r = install_from(tree, config);
  CHECK(r.changed);
  CHECK(r.blobs_fetched == 1);  // fetched again, not admitted
  require_whole(*load_installed(config, "langson"));
}

TEST_CASE("the rollback guard survives wiping the store's content", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(1, {{"a", fx::blob_bytes(100, 30)}}));
  const std::string v1_manifest = test::read_whole(tree.manifest_file("langson"));
  const std::string v1_signature = test::read_whole(tree.signature_file("langson"));
  REQUIRE(install_from(tree, config).changed);
  tree.publish(spec(2, {{"a", fx::blob_bytes(100, 30)}}));
  REQUIRE(install_from(tree, config).version == 2);

  std::filesystem::remove_all(data.path() / "store");  // content reinstalled from scratch
  CHECK_FALSE(load_installed(config, "langson").has_value());

  SECTION("the older package is still refused") {
    fx::write_bytes(tree.manifest_file("langson"), v1_manifest);
    fx::write_bytes(tree.signature_file("langson"), v1_signature);
    CHECK_THROWS_MATCHES(install_from(tree, config), Error, test::Refused(Reason::rollback));
  }
  SECTION("the very package accepted last installs again") {
    const InstallResult r = install_from(tree, config);
    CHECK(r.changed);
    CHECK(r.version == 2);
    require_whole(*load_installed(config, "langson"));
  }
}

TEST_CASE("a version record left behind the active version is repaired on load", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  const StoreLayout layout(data.path());
  tree.publish(spec(1, {{"a", fx::blob_bytes(100, 40)}}));
  REQUIRE(install_from(tree, config).changed);
  const auto v1_record = read_record(layout, "langson");
  tree.publish(spec(2, {{"a", fx::blob_bytes(100, 40)}}));
  REQUIRE(install_from(tree, config).changed);
  // As if the power went between switching `current` and writing the record.
  write_record(layout, "langson", *v1_record);

  SECTION("the same package again is unchanged, and the record catches up") {
    const InstallResult r = install_from(tree, config);
    CHECK_FALSE(r.changed);
    CHECK(read_record(layout, "langson")->version == 2);
  }
  SECTION("a reader repairs it") {
    REQUIRE(load_installed(config, "langson")->version == 2);
    CHECK(read_record(layout, "langson")->version == 2);
    CHECK(read_record(layout, "langson")->manifest_sha256 == sha256_file_hex(tree.manifest_file("langson")));
  }
  SECTION("version 1 is refused even so") {
    tree.publish(spec(1, {{"a", fx::blob_bytes(100, 40)}}));
    CHECK_THROWS_MATCHES(install_from(tree, config), Error, test::Refused(Reason::rollback));
  }
}

TEST_CASE("a damaged active version falls back to the previous whole one", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(1, {{"a", fx::blob_bytes(100, 50)}}));
  REQUIRE(install_from(tree, config).changed);
  tree.publish(spec(2, {{"b", fx::blob_bytes(100, 51)}}));
  REQUIRE(install_from(tree, config).changed);
  std::filesystem::resize_file(data.path() / "store" / "blobs" / sha256_hex(fx::blob_bytes(100, 51)), 10);
  const auto package = load_installed(config, "langson");
  REQUIRE(package);
  CHECK(package->version == 1);
  require_whole(*package);
}

TEST_CASE("a store the system cannot look at fails as ours, never as an unknown error", "[install]") {
  // data_dir/store as a link whose target's name is longer than NAME_MAX, or as a link to
  // itself: std::filesystem's own exception escaped the store check (found by fuzz_store_files).
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(1, {{"a", fx::blob_bytes(100, 50)}}));
  const std::filesystem::path store = data.path() / "store";
  SECTION("a target name too long") {
    std::filesystem::create_symlink(data.path() / std::string(300, 'x'), store);
  }
  SECTION("a link loop") {
    std::filesystem::create_symlink(store, store);
  }
  CHECK_THROWS_MATCHES(active_version_damage(config, "langson"), Error,
                       test::Failed(Reason::io).about(store.string()));
  CHECK_THROWS_AS(load_installed(config, "langson"), Error);
  CHECK_THROWS_AS(install_from(tree, config), Error);
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  const ClockReading clocks{fx::test_now(), "test-boot", std::chrono::hours(1)};
  CHECK_THROWS_AS(install_channel(*source, "langson", config, clocks), Error);
  CHECK(std::filesystem::is_symlink(store));  // nothing was made in its place
}

TEST_CASE("two channels share blobs and GC keeps what either uses", "[install]") {
  PublishTree tree;
  TempDir data;
  Config config = tree.config(data.path());
  const std::string shared = fx::blob_bytes(500, 60);
  PackageSpec other = spec(1, {{"s", shared}});
  other.channel = "chima";
  tree.publish(other);
  REQUIRE(install_from(tree, config, "chima").changed);
  tree.publish(spec(1, {{"s", shared}, {"x", fx::blob_bytes(50, 61)}}));
  REQUIRE(install_from(tree, config).changed);
  tree.publish(spec(2, {{"y", fx::blob_bytes(50, 62)}}));
  REQUIRE(install_from(tree, config).changed);
  tree.publish(spec(3, {{"z", fx::blob_bytes(50, 63)}}));
  REQUIRE(install_from(tree, config).changed);  // langson 1 is collected, its blob x too
  CHECK_FALSE(std::filesystem::exists(data.path() / "store" / "blobs" / sha256_hex(fx::blob_bytes(50, 61))));
  require_whole(*load_installed(config, "chima"));
  require_whole(*load_installed(config, "langson"));
}

TEST_CASE("a crash at each step of activation leaves a whole package and a redo finishes it", "[install]") {
  for (const InstallStep crash_at :
       {InstallStep::blobs_admitted, InstallStep::version_staged, InstallStep::version_renamed,
        InstallStep::current_switched, InstallStep::record_written, InstallStep::collected}) {
    DYNAMIC_SECTION("crash after step " << static_cast<int>(crash_at)) {
      PublishTree tree;
      TempDir data;
      const Config config = tree.config(data.path());
      tree.publish(spec(1, {{"a", fx::blob_bytes(3000, 70)}, {"b", fx::blob_bytes(3000, 71)}}));
      REQUIRE(install_from(tree, config).changed);
      tree.publish(spec(2, {{"b", fx::blob_bytes(3000, 71)}, {"c", fx::blob_bytes(3000, 72)}}));

      // The child dies at the step without unwinding, as a power cut would leave it.
      std::fflush(nullptr);
      const pid_t child = ::fork();
      if (child == 0) {
        try {
          (void)install_from(tree, config, "langson", [&](InstallStep s) {
            if (s == crash_at) ::_exit(42);
          });
        } catch (...) {
          ::_exit(1);
        }
        ::_exit(0);
      }
      int status = 0;
      REQUIRE(::waitpid(child, &status, 0) == child);
      REQUIRE(WIFEXITED(status));
      REQUIRE(WEXITSTATUS(status) == 42);

      const auto after_cut = load_installed(config, "langson");
      REQUIRE(after_cut);
      const bool switched = crash_at >= InstallStep::current_switched;
      CHECK(after_cut->version == (switched ? 2 : 1));
      require_whole(*after_cut);
      // The record never gets ahead of what is active.
      CHECK(read_record(StoreLayout(data.path()), "langson")->version <= after_cut->version);

      const InstallResult redo = install_from(tree, config);
      CHECK(redo.version == 2);
      CHECK(redo.changed == !switched);
      const auto final_package = load_installed(config, "langson");
      REQUIRE(final_package);
      CHECK(final_package->version == 2);
      require_whole(*final_package);
      CHECK(read_record(StoreLayout(data.path()), "langson")->version == 2);
    }
  }
}

TEST_CASE("open_source finds a publish tree, a USB stick's gatecast folder, or says what is wrong",
          "[install]") {
  PublishTree tree;
  TempDir stick;
  const Config config = tree.config(stick / "data");
  tree.publish(spec(1, {{"a", fx::blob_bytes(10, 80)}}));
  CHECK(open_source(tree.root().string(), config)->describe() == tree.root().string());
  std::filesystem::rename(tree.root(), stick / "gatecast");
  CHECK(open_source(stick.path().string(), config)->describe() == (stick / "gatecast").string());
  CHECK_THROWS_MATCHES(open_source((stick / "nothing").string(), config), Error,
                       test::Failed(Reason::not_found).about((stick / "nothing").string()));
  CHECK_THROWS_MATCHES(open_source((stick / "gatecast" / "blobs").string(), config), Error,
                       test::Failed(Reason::not_found).about((stick / "gatecast" / "blobs").string()));
}

TEST_CASE("progress reports every fetched blob", "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  tree.publish(spec(1, {{"a", fx::blob_bytes(100, 90)}, {"b", fx::blob_bytes(200, 91)}}));
  std::vector<InstallProgress> seen;
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  (void)install_channel(*source, "langson", config, fx::test_now(),
                        [&](const InstallProgress& p) { seen.push_back(p); });
  REQUIRE(seen.size() == 3);
  CHECK(seen.back().done_blobs == 2);
  CHECK(seen.back().total_blobs == 2);
  CHECK(seen.back().done_bytes == 300);
  CHECK(seen.back().total_bytes == 300);
  CHECK(seen.front().done_bytes == 0);
}

TEST_CASE("progress moves within a large blob as it is copied, never backwards", "[install][progress]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  // 48 MiB: the folder source copies 1 MiB at a time, so about 47 steps inside the blob.
  const std::string large = fx::blob_bytes(std::size_t{48} << 20, 92);
  tree.publish(spec(1, {{"film", large}, {"logo", fx::blob_bytes(300, 93)}}));
  std::vector<InstallProgress> seen;
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  const auto began = std::chrono::steady_clock::now();
  (void)install_channel(*source, "langson", config, fx::test_now(),
                        [&](const InstallProgress& p) { seen.push_back(p); });
  std::set<std::uint64_t> inside;  // values seen while no blob was whole yet
  for (std::size_t i = 1; i < seen.size(); ++i) {
    CHECK(seen[i].done_bytes >= seen[i - 1].done_bytes);
    CHECK(seen[i].done_bytes <= seen[i].total_bytes);
    if (seen[i].done_blobs == 0 && seen[i].done_bytes > 0) inside.insert(seen[i].done_bytes);
  }
  INFO("progress reports: " << seen.size());
  CHECK(inside.size() >= 5);
  // Throttled: a report per 1 % of the bytes, or per 250 ms when 1 % takes longer (a slow
  // link), plus the start and each whole blob.
  const auto took = std::chrono::steady_clock::now() - began;
  CHECK(seen.size() <= 103 + std::size_t(took / std::chrono::milliseconds(250)));
  CHECK(seen.back().done_bytes == large.size() + 300);
  CHECK(seen.back().done_blobs == 2);
}

TEST_CASE("the status state file round-trips and a damaged one reads as empty", "[install]") {
  TempDir data;
  Config config;
  config.data_dir = data / "d";
  CHECK_FALSE(read_state(config).last_attempt.has_value());
  ScreenState s;
  s.last_attempt = fx::test_now();
  s.next_attempt = fx::test_now() + std::chrono::minutes(15);
  s.last_error = "http://x/: connection refused";
  s.last_error_reason = Reason::network;
  write_state(config, s);
  ScreenState back = read_state(config);
  CHECK(back.last_attempt == s.last_attempt);
  CHECK(back.next_attempt == s.next_attempt);
  CHECK_FALSE(back.last_success.has_value());
  CHECK(back.last_error == s.last_error);
  CHECK(back.last_error_reason == Reason::network);
  record_success(config, fx::test_now() + std::chrono::hours(1));
  back = read_state(config);
  CHECK(back.last_success == fx::test_now() + std::chrono::hours(1));
  CHECK(back.last_error.empty());
  CHECK(back.last_error_reason == Reason::none);
  CHECK(back.next_attempt == s.next_attempt);
  record_failure(config, fx::test_now() + std::chrono::hours(2), "bad", Reason::expired);
  CHECK(read_state(config).last_error == "bad");
  CHECK(read_state(config).last_error_reason == Reason::expired);
  record_failure(config, fx::test_now() + std::chrono::hours(2),
                 Error(Outcome::rejected, Reason::signature, "m.json", "signature does not match"));
  CHECK(read_state(config).last_error == "m.json: signature does not match");
  CHECK(read_state(config).last_error_reason == Reason::signature);
  CHECK(read_state(config).last_success == fx::test_now() + std::chrono::hours(1));
  for (const std::string& bad :
       std::vector<std::string>{"", "{", "[]", "{\"last_attempt\": 5}", std::string(70000, ' ')}) {
    fx::write_bytes(config.data_dir / "state.json", bad);
    CHECK_FALSE(read_state(config).last_attempt.has_value());
  }
}

TEST_CASE("a state file from before reasons were kept still reads, and keeps its reason code", "[install]") {
  TempDir data;
  Config config;
  config.data_dir = data / "d";
  std::filesystem::create_directories(config.data_dir);
  // As gatecast wrote it before last_error_reason existed.
  fx::write_bytes(config.data_dir / "state.json", R"({"last_attempt": "2026-11-25T03:00:00Z",
      "last_error": "https://x/channels/langson/manifest.json: manifest expired at 2026-11-20T00:00:00Z"})");
  ScreenState old = read_state(config);
  CHECK(old.last_attempt.has_value());
  CHECK_FALSE(old.last_error.empty());
  CHECK(old.last_error_reason == Reason::none);
  // A code this version does not know (written by a newer one) reads as none, not as garbage.
  fx::write_bytes(config.data_dir / "state.json",
                  R"({"last_error": "x: y", "last_error_reason": "solar_flare"})");
  CHECK(read_state(config).last_error_reason == Reason::none);
  // A reason without an error is ignored.
  fx::write_bytes(config.data_dir / "state.json", R"({"last_error": "", "last_error_reason": "expired"})");
  CHECK(read_state(config).last_error_reason == Reason::none);

  // Written again, the code sits beside the message, and only beside one.
  record_failure(config, fx::test_now(), "x: expired", Reason::expired);
  const auto written = nlohmann::json::parse(test::read_whole(config.data_dir / "state.json"));
  CHECK(written["last_error_reason"] == "expired");
  record_success(config, fx::test_now());
  CHECK_FALSE(
      nlohmann::json::parse(test::read_whole(config.data_dir / "state.json")).contains("last_error_reason"));
}

namespace {

// A source whose manifest did not change since the last accepted fetch (an HTTP 304).
class UnchangedSource final : public Source {
 public:
  std::string describe() const override { return "http://example.invalid/tree"; }
  std::optional<FetchedManifest> fetch_manifest(const std::string&, const SourceLimits&) override {
    return std::nullopt;
  }
  void fetch_blob(const std::string&, std::uint64_t, const std::filesystem::path&) override {
    FAIL("no blob may be fetched when nothing changed");
  }
  std::optional<std::string> fetch_file(const std::string&, std::uint64_t) override { return std::nullopt; }
  void forget_accepted(const std::string&) override { ++forgotten; }
  int forgotten = 0;
};

}  // namespace

TEST_CASE("a source that says nothing changed leaves the active package, or says nothing is installed",
          "[install]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  UnchangedSource unchanged;
  // Nothing installed: the source is told to forget its validators and asked again; one
  // that still says "unchanged" is an error, and nothing is written.
  CHECK_THROWS_MATCHES(install_channel(unchanged, "langson", config, fx::test_now()), Error,
                       test::Failed(Reason::network));
  CHECK(unchanged.forgotten == 1);
  CHECK_FALSE(std::filesystem::exists(data.path() / "store"));
  tree.publish(spec(4, {{"a", fx::blob_bytes(10, 95)}}));
  REQUIRE(install_from(tree, config).changed);
  const auto before = fx::listing(data.path());
  const InstallResult r = install_channel(unchanged, "langson", config, fx::test_now());
  CHECK_FALSE(r.changed);
  CHECK(r.version == 4);
  CHECK(unchanged.forgotten == 1);  // something is installed: the validators stay
  CHECK(fx::listing(data.path()) == before);

  // Unchanged, but past its expiry (2099-01-01): stale is a refusal, and nothing is written.
  const Instant after_expiry = parse_rfc3339("2099-01-02T00:00:00Z", "test", Outcome::usage);
  CHECK_THROWS_MATCHES(install_channel(unchanged, "langson", config, after_expiry), Error,
                       test::Refused(Reason::expired));
  CHECK(fx::listing(data.path()) == before);

  // Unchanged, but a blob of the active version is gone: the source is asked again in full.
  std::filesystem::remove(data.path() / "store" / "blobs" / sha256_hex(fx::blob_bytes(10, 95)));
  CHECK_THROWS_MATCHES(install_channel(unchanged, "langson", config, fx::test_now()), Error,
                       test::Failed(Reason::network));
  CHECK(unchanged.forgotten == 2);
  const auto repaired = open_folder_source(tree.root());
  const InstallResult again = install_channel(*repaired, "langson", config, fx::test_now());
  CHECK(again.repaired);
  CHECK_FALSE(again.changed);
  CHECK(again.blobs_fetched == 1);
}

TEST_CASE("the folder source resumes a partial blob and never writes past the declared size", "[install]") {
  PublishTree tree;
  TempDir work;
  const std::string bytes = fx::blob_bytes(3 * 1024 * 1024 + 17, 96);
  fx::write_bytes(tree.blob_file(bytes), bytes);
  const std::string sha = sha256_hex(bytes);
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  const std::filesystem::path partial = work / "p.partial";

  SECTION("resumes from a prefix") {
    fx::write_bytes(partial, bytes.substr(0, 1000000));
    source->fetch_blob(sha, bytes.size(), partial);
    CHECK(sha256_file_hex(partial) == sha);
  }
  SECTION("a partial longer than the blob starts over") {
    fx::write_bytes(partial, bytes + "junk");
    source->fetch_blob(sha, bytes.size(), partial);
    CHECK(sha256_file_hex(partial) == sha);
  }
  SECTION("a declared size smaller than the blob is refused before a byte is copied") {
    CHECK_THROWS_MATCHES(source->fetch_blob(sha, bytes.size() - 1, partial), Error,
                         test::Refused(Reason::hash));
    CHECK((!std::filesystem::exists(partial) || std::filesystem::file_size(partial) == 0));
  }
  SECTION("a name that is not a hash is refused") {
    CHECK_THROWS_MATCHES(source->fetch_blob("../blobs/" + sha.substr(9), 10, partial), Error,
                         test::Refused(Reason::schema));
  }
  SECTION("a manifest of a channel the tree does not have is a runtime failure") {
    try {
      (void)source->fetch_manifest("nosuch", SourceLimits{});
      FAIL("no error");
    } catch (const Error& e) {
      CHECK_THAT(e, test::Failed(Reason::not_found));
    }
  }
}

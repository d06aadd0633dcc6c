// Kills during `gatecast install`: the real binary is SIGKILLed at random points while it
// installs version 2 over version 1 (even trials: once a random number of blobs is fetched;
// odd trials: once the new version folder is being written), then the store must hold a whole
// package (1 or 2, every blob hashing right, the record not ahead of it) and a redo must give
// version 2. The seed is printed; a kill that lands after the install ended is drawn again
// and never counted, and more than a quarter of such misses fail the test.
// SIGKILL keeps the page cache, so this proves the order of steps, not their durability: that
// is tests/power_cut/ (writes that were not fsynced are lost there). The deterministic
// variant, a cut at each activation step, is in tests/content/test_install.cpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "content/install/install.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/test_install_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using fx::PackageSpec;
using fx::PublishTree;
using gatecast::test::TempDir;

namespace {

// Starts `gatecast args...` with its output discarded; returns its pid.
pid_t spawn_gatecast(const std::vector<std::string>& args) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> argv{const_cast<char*>(GATECAST_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

PackageSpec big_spec(std::int64_t version, std::uint32_t seed, int blobs, std::size_t blob_size) {
  PackageSpec s;
  s.version = version;
  for (int i = 0; i < blobs; ++i) {
    s.assets["a" + std::to_string(i)] = fx::blob_bytes(blob_size, seed + static_cast<std::uint32_t>(i));
  }
  return s;
}

int trials_wanted() {
  if (const char* n = std::getenv("GATECAST_POWER_CUT_TRIALS")) return std::max(1, std::atoi(n));
  return 40;
}

}  // namespace

TEST_CASE("a kill (SIGKILL) inside gatecast install leaves a whole package and a redo succeeds",
          "[power_cut]") {
  PublishTree v1_tree, v2_tree;
  // Version 2 shares a quarter of its blobs with version 1, as real updates do.
  const PackageSpec v1 = big_spec(1, 1000, 8, 512 * 1024);
  PackageSpec v2 = big_spec(2, 2000, 24, 512 * 1024);
  for (int i = 0; i < 6; ++i) v2.assets["a" + std::to_string(i)] = v1.assets.at("a" + std::to_string(i));
  v1_tree.publish(v1);
  // Both trees are signed with v1_tree's key: the screen trusts one key.
  for (const auto& [name, bytes] : v2.assets) fx::write_bytes(v2_tree.blob_file(bytes), bytes);
  {
    const std::string raw = fx::manifest_document(v2).dump(2);
    fx::write_bytes(v2_tree.manifest_file("langson"), raw);
    fx::write_bytes(v2_tree.signature_file("langson"), v1_tree.sign(raw, "langson"));
  }

  const std::uint64_t seed = [] {
    if (const char* s = std::getenv("GATECAST_POWER_CUT_SEED")) return std::strtoull(s, nullptr, 10);
    return static_cast<unsigned long long>(std::random_device{}());
  }();
  std::cout << "kill during install: seed " << seed << " (set GATECAST_POWER_CUT_SEED to repeat)"
            << std::endl;
  INFO("seed " << seed);
  std::mt19937_64 random(seed);
  const std::size_t fetched_blobs = v2.assets.size() - 6;  // the ones version 1 does not have
  int cut_in_v1 = 0, cut_in_v2 = 0;
  const int trials = trials_wanted();
  int missed = 0;
  for (int trial = 0; trial < trials; ++trial) {
    TempDir data;
    const content::Config config = v1_tree.config(data.path());
    const auto config_file = v1_tree.write_config_file(data.path());
    const auto src = content::open_folder_source(v1_tree.root());
    REQUIRE(content::install_channel(*src, "langson", config, fx::test_now()).version == 1);

    // The point each trial waits for, inside the install: even trials once a random number of
    // blobs is verified in staging, odd ones once the new version folder is being written.
    const content::StoreLayout layout(data.path());
    const bool in_fetch = trial % 2 == 0;
    const std::size_t blobs_before_kill =
        std::uniform_int_distribution<std::size_t>(0, fetched_blobs - 1)(random);
    const auto reached = [&] {
      if (!in_fetch) return std::filesystem::exists(layout.version_temp_dir("langson", 2));
      std::error_code ec;
      std::size_t verified = 0;
      for (auto it = std::filesystem::recursive_directory_iterator(layout.staging_dir(), ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() != ".partial") ++verified;
      }
      return verified >= blobs_before_kill;
    };
    const pid_t pid = spawn_gatecast({"install", v2_tree.root().string(), "--config", config_file.string()});
    int status = 0;
    bool ended = false;
    while (!reached()) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        ended = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    if (!ended) {
      ::kill(pid, SIGKILL);
      status = wait_for(pid);
    }
    INFO("trial " << trial << ": kill "
                  << (in_fetch ? "once " + std::to_string(blobs_before_kill) + " blobs were fetched"
                               : std::string("while the version folder was written")));
    if (!WIFSIGNALED(status)) {
      // The install ended before the poll saw its point (a version folder is written in well
      // under a millisecond on tmpfs): this trial's cut did not land. It is drawn again, never
      // counted as a pass; a run where cuts keep missing fails.
      REQUIRE(WIFEXITED(status));
      REQUIRE(WEXITSTATUS(status) == 0);
      std::cout << "kill during install: trial " << trial << " ended before its kill; drawn again"
                << std::endl;
      REQUIRE(++missed <= trials / 4);
      --trial;
      continue;
    }
    REQUIRE(WTERMSIG(status) == SIGKILL);

    const auto after_cut = content::load_installed(config, "langson");
    REQUIRE(after_cut);
    REQUIRE((after_cut->version == 1 || after_cut->version == 2));
    REQUIRE(content::first_damaged_asset(*after_cut).empty());
    const auto record = content::read_record(content::StoreLayout(data.path()), "langson");
    REQUIRE(record);
    REQUIRE(record->version <= after_cut->version);
    (after_cut->version == 1 ? cut_in_v1 : cut_in_v2) += 1;

    const test::RunResult redo =
        test::gatecast({"install", v2_tree.root().string(), "--config", config_file.string()});
    INFO(redo.err);
    REQUIRE(redo.exit_code == 0);
    const auto final_package = content::load_installed(config, "langson");
    REQUIRE(final_package);
    REQUIRE(final_package->version == 2);
    REQUIRE(content::first_damaged_asset(*final_package).empty());
    REQUIRE(content::read_record(content::StoreLayout(data.path()), "langson")->version == 2);
    // Nothing of the cut attempt is left behind once the redo is done.
    REQUIRE(std::filesystem::is_empty(data.path() / "store" / "staging"));
  }
  std::cout << "kill during install: " << trials << " kills landed (" << missed << " drawn again), "
            << cut_in_v1 << " left version 1 active, " << cut_in_v2 << " version 2" << std::endl;
  REQUIRE(cut_in_v1 > 0);
}

// Power cuts during `gatecast install`: the real binary is SIGKILLed at random instants while
// it installs version 2 over version 1, then the store must hold a whole package (1 or 2,
// every blob hashing right, the record not ahead of it) and a redo must give version 2.
// The deterministic variant, a cut at each activation step, is in tests/content/test_install.cpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
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

TEST_CASE("a power cut at any instant of gatecast install leaves a whole package and a redo succeeds",
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

  // How long a whole install of version 2 takes here: the kills fall within that window.
  Duration full{0};
  {
    TempDir data;
    const content::Config config = v1_tree.config(data.path());
    const auto config_file = v1_tree.write_config_file(data.path());
    const auto src = content::open_folder_source(v1_tree.root());
    REQUIRE(content::install_channel(*src, "langson", config, fx::test_now()).version == 1);
    const auto start = std::chrono::steady_clock::now();
    const int status =
        wait_for(spawn_gatecast({"install", v2_tree.root().string(), "--config", config_file.string()}));
    full = std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - start);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
  }

  std::mt19937 random(std::random_device{}());
  int cut_in_v1 = 0, cut_in_v2 = 0, finished = 0;
  const int trials = trials_wanted();
  for (int trial = 0; trial < trials; ++trial) {
    TempDir data;
    const content::Config config = v1_tree.config(data.path());
    const auto config_file = v1_tree.write_config_file(data.path());
    const auto src = content::open_folder_source(v1_tree.root());
    REQUIRE(content::install_channel(*src, "langson", config, fx::test_now()).version == 1);

    // Even trials: uniform over the install's duration and a little after. Odd trials: around
    // its end, where activation happens (blob copying takes most of the time).
    const long full_us = static_cast<long>(full.count()) * 1000;
    std::uniform_int_distribution<long> delay_us(trial % 2 == 0 ? 0 : full_us * 6 / 10,
                                                 trial % 2 == 0 ? full_us * 11 / 10 : full_us * 14 / 10);
    const long delay = delay_us(random);
    const pid_t pid = spawn_gatecast({"install", v2_tree.root().string(), "--config", config_file.string()});
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    ::kill(pid, SIGKILL);
    const int status = wait_for(pid);
    if (WIFEXITED(status)) {
      REQUIRE(WEXITSTATUS(status) == 0);
      ++finished;
    }

    INFO("trial " << trial << ", killed after " << delay << " us of about " << full.count() * 1000);
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
  WARN("power cut trials: " << trials << " (full install " << full.count() << " ms): " << cut_in_v1
                            << " left version 1 active, " << cut_in_v2 << " version 2 (" << finished
                            << " had finished)");
}

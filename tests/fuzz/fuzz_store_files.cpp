// Fuzz target for everything the store reads back from data_dir (content/store/): state.json,
// the error slot state.error, the version records (accepted/<channel>), `current`, a version
// folder's files, the staging area's partial blobs, the time floor and the accepted key set.
// A power cut, a full disk or a hostile stick copied over data_dir can leave any of them
// damaged. The input is a folder tree (fuzz_tree.hpp) made as the data_dir; then every reader
// runs, and an install of a good signed package from a folder source runs on top.
//
// A refusal is an Error. A finding is a crash, a hang (a FIFO read as a store file), another
// exception, or a lie: read_state throwing, a loaded package whose blobs are not on disk with
// their sizes, an install that reports success while the package it activated is not the one
// published or has a blob it fetched with the wrong bytes, a recorded failure that `status`
// does not show.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/install/install.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/state.hpp"
#include "content/store/trust_files.hpp"
#include "content/store/versions.hpp"
#include "content/test_install_fixture.hpp"
#include "fuzz/fuzz_tree.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace gatecast;
using namespace gatecast::content;
namespace fx = gatecast::test::fx;

constexpr std::int64_t kPublished = 5;

struct Fixture {
  fx::PublishTree tree;
  test::TempDir scratch{"gatecast-fuzz-store", fuzz::fast_temp_base()};
  std::filesystem::path data = scratch / "data";
  std::filesystem::path outside = scratch / "outside";
  Config config = tree.config(data);
  Fixture() {
    fx::PackageSpec spec;
    spec.version = kPublished;
    spec.assets = {{"photo", fx::blob_bytes(3000, 1)}, {"logo", fx::blob_bytes(200, 2)}};
    tree.publish(spec);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// Every reader of the store, each allowed to refuse.
void read_everything(const Fixture& f) {
  (void)read_state(f.config);  // documented never to throw: an escaping Error is a finding
  try {
    (void)read_time_floor(f.data);
  } catch (const Error&) {
  }
  try {
    (void)held_key_set(f.data, {});
  } catch (const Error&) {
  }
  const StoreLayout layout(f.data);
  try {
    for (const std::string& channel : list_channels(layout)) {
      try {
        (void)read_current(layout, channel);
      } catch (const Error&) {
      }
      try {
        (void)read_record(layout, channel);
      } catch (const Error&) {
      }
      for (const std::int64_t version : list_versions(layout, channel)) {
        try {
          (void)read_version(layout, channel, version);
        } catch (const Error&) {
        }
      }
    }
  } catch (const Error&) {
  }
  try {
    const std::optional<InstalledPackage> package = load_installed(f.config, "langson");
    for (const auto& [name, asset] :
         package ? package->manifest.assets : decltype(package->manifest.assets){}) {
      std::error_code ec;
      const auto path = package->asset_path(name);
      if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)) ||
          std::filesystem::file_size(path, ec) != asset.size)
        std::abort();  // load_installed promised every blob present with its size
    }
  } catch (const Error&) {
  }
  try {
    (void)active_version_damage(f.config, "langson");
  } catch (const Error&) {
  }
}

void install_on_top(const Fixture& f, const std::set<std::filesystem::path>& planted) {
  const std::unique_ptr<Source> source = open_folder_source(f.tree.root());
  ClockReading clocks{fx::test_now(), "fuzz-boot", std::chrono::hours(1)};
  InstallResult result;
  try {
    result = install_channel(*source, "langson", f.config, clocks);
  } catch (const Error&) {
    return;  // a damaged store may refuse (a record ahead, a floor in the future): never a lie
  }
  std::optional<InstalledPackage> package;
  try {
    package = load_installed(f.config, "langson");
  } catch (const Error&) {
    std::abort();  // the install succeeded and the store cannot be read
  }
  if (!package || package->version != result.version || result.version != kPublished) std::abort();
  for (const auto& [name, asset] : package->manifest.assets) {
    const std::filesystem::path blob = package->asset_path(name);
    // A blob the input planted under its final name is trusted by size (docs/store.md: blobs are
    // hashed on the way in); every other one was fetched, and must be the published bytes.
    if (planted.count(blob)) continue;
    if (sha256_file_hex(blob) != asset.sha256) std::abort();
  }
}

void record_and_read(const Fixture& f) {
  const Instant at = fx::test_now() + std::chrono::hours(2);
  try {
    record_failure(f.config, at, "fuzz failure", Reason::io);
  } catch (const Error&) {
    return;
  }
  const ScreenState state = read_state(f.config);
  // A slot dated after `at` (planted) may win; an empty error never may.
  if (state.last_error.empty() || !state.last_attempt || *state.last_attempt < at) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  fuzz::reset_folder(f.data);
  fuzz::reset_folder(f.outside);
  std::filesystem::create_directories(f.outside / "d");  // a folder for the input's links to reach
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::filesystem::path> made = fuzz::make_tree(f.data, fuzz::parse_tree(input), f.outside);
  const std::set<std::filesystem::path> planted(made.begin(), made.end());
  read_everything(f);
  install_on_top(f, planted);
  record_and_read(f);
  read_everything(f);
  return 0;
}

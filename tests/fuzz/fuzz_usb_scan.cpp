// Fuzz target for what the player reads from a USB stick (player/loop/usb_watch.cpp and the
// folder source, content/sources/folder_source.cpp): the folder structure under an import dir
// (gatecast/ found at depth 0–2), the channel folders, manifests, signatures, key sets and
// blobs found there, and the report folder the play log is copied back into. The input is one
// flags byte, then a folder tree (fuzz_tree.hpp) made as the import dir; then the USB watch
// scans it twice, as the player does.
//
// Flags: bit 0 signs every gatecast/channels/<name>/manifest.json of the tree with the
// screen's trusted key (a hostile package from a trusted office, so that the fuzzer gets past
// the signature to the manifest, targets, rollback and blob checks); bit 1 gives the screen a
// play-log day file, so that the scan writes reports onto the stick.
//
// A refusal is a banner and a log line. A finding is a crash, a hang (a FIFO on the stick),
// an exception out of scan_once (documented never to throw), a second scan importing the same
// stick again, an active package afterwards whose blobs are not the published bytes, or a
// write through a symlink on the stick to a place outside it.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign.hpp"
#include "content/store/installed.hpp"
#include "content/test_install_fixture.hpp"
#include "fuzz/fuzz_tree.hpp"
#include "player/display/wakeup.hpp"
#include "player/loop/status_banner.hpp"
#include "player/loop/usb_watch.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace gatecast;
using namespace gatecast::content;
namespace fx = gatecast::test::fx;

struct Fixture {
  fx::PublishTree tree;  // only its key: the stick's content is the input
  test::TempDir scratch{"gatecast-fuzz-usb", fuzz::fast_temp_base()};
  std::filesystem::path import = scratch / "import";
  std::filesystem::path data = scratch / "data";
  std::filesystem::path outside = scratch / "outside";
  Config config;
  Fixture() {
    config = tree.config(data);
    config.import_dirs = {import};
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// Signs channels/<name>/manifest.json in every gatecast/ folder the input made, when <name> is
// a valid channel name and the manifest a regular file (a link or a FIFO is left as the input made it).
void sign_manifests(const Fixture& f) {
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(f.import, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const std::filesystem::path& p = it->path();
    if (p.filename() != "manifest.json" || p.parent_path().parent_path().filename() != "channels") continue;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(p, ec))) continue;
    const std::string channel = p.parent_path().filename().string();
    if (!is_valid_channel_name(channel)) continue;  // no trusted comment can name it
    std::ifstream in(p, std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::error_code gone;
    std::filesystem::remove(p.parent_path() / "manifest.json.minisig", gone);
    fx::write_bytes(p.parent_path() / "manifest.json.minisig", f.tree.sign(raw, channel));
  }
}

void give_play_log(const Fixture& f) {
  fx::write_bytes(f.data / "playlog" / "2026-11-25.jsonl", "{\"seq\":1}\n");
}

void check_installed(const Fixture& f) {
  std::optional<InstalledPackage> package;
  try {
    package = load_installed(f.config, "langson");
  } catch (const Error&) {
    return;
  }
  if (!package) return;
  for (const auto& [name, asset] : package->manifest.assets) {
    if (sha256_file_hex(package->asset_path(name)) != asset.sha256) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Fixture& f = fixture();
  fuzz::reset_folder(f.import);
  fuzz::reset_folder(f.data);
  fuzz::reset_folder(f.outside);
  std::filesystem::create_directories(f.outside / "d");  // a folder for the input's links to reach
  const unsigned flags = data[0];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)fuzz::make_tree(f.import, fuzz::parse_tree(input), f.outside);
  if (flags & 1u) sign_manifests(f);
  if (flags & 2u) give_play_log(f);
  const std::vector<std::string> outside_before = fuzz::list_tree(f.outside);

  player::BannerBoard board;
  player::Wakeup wakeup;
  player::UsbWatch watch(f.config, board, wakeup, [] { return fx::test_now(); });
  try {
    (void)watch.scan_once();
    if (watch.scan_once() != 0) std::abort();  // the same sticks, still in: nothing imported again
  } catch (...) {
    std::abort();
  }
  check_installed(f);
  if (fuzz::list_tree(f.outside) != outside_before) std::abort();  // written through a link
  return 0;
}

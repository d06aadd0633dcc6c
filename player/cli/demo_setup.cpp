#include "player/cli/demo_setup.hpp"

#include <fstream>

#include <nlohmann/json.hpp>
#include "content/base/error.hpp"
#include "content/config/config_json.hpp"
#include "content/install/install.hpp"
#include "content/publish/pack.hpp"
#include "content/signing/minisign.hpp"
#include "content/sources/source.hpp"
#include "player/render/content_check.hpp"

namespace gatecast::player {

namespace {

struct DemoScreen {
  const char* example;
  const char* screen;
  const char* site_name;
};

// The screens the bundled examples are made for (their manifests' targets).
constexpr DemoScreen demo_screens[] = {
    {"langson-cluster", "langson/huunghi/1", "Cửa khẩu Quốc tế Hữu Nghị · 友谊关 · Huu Nghi Border Gate"},
    {"langson-ledwall", "langson/tanthanh/1", "Cửa khẩu Tân Thanh · 新清 · Tan Thanh Border Gate"},
};

const DemoScreen& screen_for(const std::string& example) {
  for (const DemoScreen& s : demo_screens) {
    if (example == s.example) return s;
  }
  return demo_screens[0];
}

}  // namespace

DemoSite prepare_demo_site(const std::filesystem::path& examples_dir, const std::string& example,
                           const std::filesystem::path& folder, Instant now) {
  std::filesystem::path source = examples_dir / example;
  std::error_code error;
  if (!std::filesystem::is_regular_file(source / "content.json", error)) {
    fail_usage(source.string(), "no bundled example here (content.json is missing)");
  }
  std::filesystem::create_directories(folder, error);
  if (error) fail_runtime(Reason::io, folder.string(), "cannot create the demo folder: " + error.message());

  content::write_new_key_pair(folder / "keys");
  content::PublicKey public_key = content::read_public_key_file(folder / "keys" / "gatecast.pub");

  // The version is the packing time in seconds, as deploy/demo.sh does: each run is newer.
  const std::string channel = example;
  content::PackOptions pack;
  pack.source = source;
  pack.out = folder / "publish";
  pack.channel = channel;
  pack.version = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  pack.key = folder / "keys" / "gatecast.key";
  pack.now = now;
  // The same checks as `gatecast pack`: the bundled example must pass what the office must.
  (void)content::pack(pack, check_package_content);

  const DemoScreen& screen = screen_for(example);
  nlohmann::json config_json = {
      {"screen", screen.screen},
      {"site_name", screen.site_name},
      {"timezone", "Asia/Ho_Chi_Minh"},
      {"data_dir", (folder / "data").string()},
      {"trusted_keys", {content::public_key_line(public_key)}},
      {"sources", {{{"url", (folder / "publish").string()}, {"channel", channel}}}},
      {"languages", {"vi", "zh", "en"}},
  };
  std::filesystem::path config_file = folder / "player.json";
  {
    std::ofstream out(config_file, std::ios::binary | std::ios::trunc);
    out << config_json.dump(2) << "\n";
    if (!out) fail_runtime(Reason::io, config_file.string(), "cannot write the demo config");
  }
  DemoSite site{content::load_config(config_file), folder};

  std::unique_ptr<content::Source> tree = content::open_folder_source(folder / "publish");
  (void)content::install_channel(*tree, channel, site.config, now);
  return site;
}

}  // namespace gatecast::player

#include "content/install/install_event.hpp"

#include <fstream>

#include "content/signing/minisign.hpp"
#include "content/store/layout.hpp"

namespace gatecast::content {

void record_install(PlayLog& log, const Config& config, const InstallResult& result,
                    const std::string& source, Instant at) {
  if (!result.changed) return;
  try {
    PlayRecord event;
    event.kind = RecordKind::install;
    event.screen = config.screen;
    event.channel = result.channel;
    event.version = result.version;
    event.source = source;
    event.start = event.end = at;
    try {
      const auto file =
          StoreLayout(config.data_dir).version_dir(result.channel, result.version) / "manifest.json.minisig";
      std::ifstream in(file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      event.key_id = key_id_hex(parse_signature(text, file.string()).key_id);
    } catch (const std::exception&) {
      event.key_id.clear();  // the row still says when and from where
    }
    (void)log.record(event);
  } catch (const std::exception&) {
  }
}

}  // namespace gatecast::content

#pragma once
// A small authoring folder for the pack tests: content.json plus media whose first bytes are
// those of real PNG, JPEG and TrueType files (the content library looks at nothing else; the
// player's decoding checks are tested with real images in tests/integration).
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "content/signing/minisign.hpp"

namespace gatecast::test {

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string fake_png(const std::string& tail = "pixels") {
  return std::string("\x89PNG\r\n\x1a\n", 8) + tail;
}
inline std::string fake_jpeg(const std::string& tail = "pixels") {
  return std::string("\xff\xd8\xff\xe0", 4) + tail;
}
inline std::string fake_ttf(const std::string& tail = "glyphs") {
  return std::string("\x00\x01\x00\x00", 4) + tail;
}

inline nlohmann::json authoring_content() {
  return nlohmann::json::parse(R"({
  "expires": 90,
  "targets": ["langson/huunghi/*", "langson/chima/1"],
  "assets": {"gate-photo": "media/gate.jpg", "logo": "media/logo.png", "extra-font": "fonts/extra.ttf"},
  "layouts": {
    "hero": {"size": [1920, 1080], "background": "#0b2a4a",
             "regions": {"picture": {"rect": [0, 0, 1920, 760]}, "title": {"rect": [80, 780, 1760, 280]}}}
  },
  "playlists": {
    "day": {
      "slides": [{"layout": "hero", "duration": 12, "content": {
        "picture": {"type": "image", "asset": "gate-photo", "fit": "cover"},
        "title": {"type": "text", "text": {"vi": "Cửa khẩu Quốc tế Hữu Nghị", "zh": "友谊关国际口岸", "en": "Huu Nghi"}}}}],
      "overlays": [{"rect": [20, 20, 120, 120], "item": {"type": "image", "asset": "logo"}}]
    }
  },
  "schedule": {"default": "day"},
  "fonts": {"fallback": ["extra-font"]}
})");
}

// Writes the folder: SRC/content.json and its media.
inline void write_authoring_folder(const std::filesystem::path& src,
                                   const nlohmann::json& content = authoring_content()) {
  write_bytes(src / "content.json", content.dump(2));
  write_bytes(src / "media" / "gate.jpg", fake_jpeg("the gate"));
  write_bytes(src / "media" / "logo.png", fake_png("the logo"));
  write_bytes(src / "fonts" / "extra.ttf", fake_ttf());
}

// A key pair written as gatecast keygen would: DIR/gatecast.pub, DIR/gatecast.key.
inline content::KeyPair write_key_pair(const std::filesystem::path& dir) {
  content::KeyPair pair = content::generate_key_pair();
  write_bytes(dir / "gatecast.pub", content::public_key_file_text(pair.public_key));
  write_bytes(dir / "gatecast.key", content::secret_key_file_text(pair.secret_key));
  return pair;
}

}  // namespace gatecast::test

#pragma once
// A small valid manifest for the manifest tests, as a JSON value to mutate: each refusal test
// breaks exactly one thing in it, and helpers to check the refusal.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/base/error.hpp"
#include "content/manifest/manifest_json.hpp"
#include "support/refusal.hpp"

namespace gatecast::test {

inline nlohmann::json valid_manifest_json() {
  return nlohmann::json::parse(R"({
  "format": "gatecast/1",
  "channel": "langson",
  "version": 12,
  "created": "2026-11-20T08:00:00+07:00",
  "expires": "2027-02-20T00:00:00+07:00",
  "targets": ["langson/huunghi/*", "langson/tanthanh/1"],
  "assets": {
    "gate-photo": {"sha256": "3f0000000000000000000000000000000000000000000000000000000000000a", "size": 482113, "type": "image/jpeg"},
    "logo": {"sha256": "9a0000000000000000000000000000000000000000000000000000000000000b", "size": 20411, "type": "image/png"},
    "extra-font": {"sha256": "1b0000000000000000000000000000000000000000000000000000000000000c", "size": 9000, "type": "font/ttf"}
  },
  "layouts": {
    "hero": {
      "size": [1920, 1080],
      "background": "#0b2a4a",
      "regions": {
        "picture": {"rect": [0, 0, 1920, 760]},
        "title": {"rect": [80, 780, 1760, 280], "background": "#00000080"}
      }
    }
  },
  "playlists": {
    "day": {
      "slides": [
        {
          "layout": "hero",
          "duration": 12,
          "transition": {"type": "crossfade", "duration": 0.8},
          "content": {
            "picture": {"type": "image", "asset": "gate-photo", "fit": "cover"},
            "title": {
              "type": "text",
              "text": {"vi": "Cửa khẩu Quốc tế Hữu Nghị", "zh": "友谊关国际口岸", "en": "Huu Nghi International Border Gate"},
              "presentation": "stacked",
              "style": {"bold": true, "min_size": 32, "max_size": 96, "color": "#ffffff",
                        "align": "center", "valign": "middle", "outline": {"width": 2, "color": "#000000"},
                        "shadow": {"dx": 2, "dy": 3, "color": "#00000080"}, "line_spacing": 1.2}
            }
          }
        },
        {"layout": "hero", "duration": 0.5}
      ],
      "overlays": [
        {"rect": [0, 1020, 1920, 60], "item": {"type": "ticker", "speed": 140, "separator": " | ",
          "text": {"vi": "Chào mừng quý khách đến Lạng Sơn", "zh": "欢迎来到谅山", "en": "Welcome to Lang Son"}}},
        {"rect": [1560, 20, 340, 90], "item": {"type": "clock", "date": true, "time": false}},
        {"rect": [20, 20, 120, 120], "item": {"type": "image", "asset": "logo", "fit": "contain"}}
      ]
    },
    "night": {"slides": [{"layout": "hero", "duration": 20, "content": {"title": {"type": "text", "text": {"vi": "Chào"}, "presentation": "cycling"}}}]}
  },
  "schedule": {
    "default": "day",
    "entries": [{"playlist": "night", "window": ["19:00", "05:30"], "priority": 10}]
  },
  "screen": {"on": ["05:30", "23:30"], "dim": {"window": ["19:00", "05:30"], "level": 0.6}},
  "fonts": {"fallback": ["extra-font"]}
})");
}

// Parses `raw` as site/manifest.json and returns the refusal, failing the test when it is
// accepted. Check it with the matchers of support/refusal.hpp: Refused(Reason::schema).at(path).
inline Error refusal_of_text(const std::string& raw, const content::ManifestLimits& limits = {}) {
  try {
    (void)content::parse_manifest(raw, "site/manifest.json", limits);
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "site/manifest.json");
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    return e;
  }
  FAIL("accepted: " << raw.substr(0, 200));
  return Error(Outcome::ok, "", "accepted");
}

inline Error refusal_of(const nlohmann::json& doc, const content::ManifestLimits& limits = {}) {
  return refusal_of_text(doc.dump(), limits);
}

// The valid manifest with the value at `pointer` (a JSON pointer) replaced.
inline nlohmann::json with(const std::string& pointer, nlohmann::json value) {
  nlohmann::json doc = valid_manifest_json();
  doc[nlohmann::json::json_pointer(pointer)] = std::move(value);
  return doc;
}

// The valid manifest with the value at `pointer` removed.
inline nlohmann::json without(const std::string& pointer) {
  nlohmann::json doc = valid_manifest_json();
  const nlohmann::json::json_pointer p(pointer);
  doc[p.parent_pointer()].erase(p.back());
  return doc;
}

}  // namespace gatecast::test

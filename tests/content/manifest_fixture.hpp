#pragma once
// A small valid manifest for the manifest tests, as a JSON value to mutate: each refusal test
// breaks exactly one thing in it.
#include <string>

#include <nlohmann/json.hpp>

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

}  // namespace gatecast::test

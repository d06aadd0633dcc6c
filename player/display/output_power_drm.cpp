// DPMS through DRM: the DPMS property of every connected connector of the card SDL's kmsdrm
// driver drives, set on SDL's own file descriptor (only the DRM master may change it; a second
// open of the card would not be master).
#include <SDL2/SDL_syswm.h>
#include <fcntl.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "player/display/output_power_parts.hpp"

namespace gatecast::player {

namespace {

struct DpmsConnector {
  std::uint32_t connector = 0;
  std::uint32_t property = 0;
  std::string name;  // "HDMI-A-1"
};

std::string connector_name(const drmModeConnector& c) {
  const char* type = drmModeGetConnectorTypeName(c.connector_type);
  return std::string(type ? type : "connector") + "-" + std::to_string(c.connector_type_id);
}

// The connected connectors of `fd` that have a DPMS property.
std::vector<DpmsConnector> dpms_connectors(int fd) {
  std::vector<DpmsConnector> found;
  drmModeRes* resources = drmModeGetResources(fd);
  if (!resources) return found;
  for (int i = 0; i < resources->count_connectors; ++i) {
    drmModeConnector* c = drmModeGetConnector(fd, resources->connectors[i]);
    if (!c) continue;
    if (c->connection == DRM_MODE_CONNECTED) {
      drmModeObjectProperties* props =
          drmModeObjectGetProperties(fd, c->connector_id, DRM_MODE_OBJECT_CONNECTOR);
      for (std::uint32_t p = 0; props && p < props->count_props; ++p) {
        drmModePropertyRes* prop = drmModeGetProperty(fd, props->props[p]);
        if (prop && std::string(prop->name) == "DPMS")
          found.push_back(DpmsConnector{c->connector_id, prop->prop_id, connector_name(*c)});
        drmModeFreeProperty(prop);
      }
      drmModeFreeObjectProperties(props);
    }
    drmModeFreeConnector(c);
  }
  drmModeFreeResources(resources);
  return found;
}

std::string names_of(const std::vector<DpmsConnector>& connectors) {
  std::string names;
  for (const auto& c : connectors) names += (names.empty() ? "" : ", ") + c.name;
  return names;
}

class DrmDpms final : public OutputPower {
 public:
  DrmDpms(int fd, int card, std::vector<DpmsConnector> connectors)
      : fd_(fd), card_(card), connectors_(std::move(connectors)) {}

  ~DrmDpms() override {
    // A player stopped at night leaves the console usable (SDL closes the device after this).
    if (off_) (void)set_powered(true);
  }

  bool set_powered(bool on) override {
    off_ = !on;
    bool all = true;
    for (const auto& c : connectors_) {
      int r = drmModeConnectorSetProperty(fd_, c.connector, c.property,
                                          on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF);
      all = all && r == 0;
    }
    return all;
  }

  std::string describe() const override {
    return "DPMS through DRM on card" + std::to_string(card_) + " (" + names_of(connectors_) + ")";
  }

 private:
  int fd_;  // SDL's: not ours to close
  int card_;
  std::vector<DpmsConnector> connectors_;
  bool off_ = false;
};

}  // namespace

std::unique_ptr<OutputPower> open_drm_dpms(SDL_Window* window, std::string& why_not) {
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_KMSDRM ||
      info.info.kmsdrm.drm_fd < 0) {
    why_not = "DPMS through DRM: SDL gives no DRM device for the window";
    return nullptr;
  }
  std::vector<DpmsConnector> connectors = dpms_connectors(info.info.kmsdrm.drm_fd);
  if (connectors.empty()) {
    why_not = "DPMS through DRM: card" + std::to_string(info.info.kmsdrm.dev_index) +
              " has no connected output with a DPMS property";
    return nullptr;
  }
  return std::make_unique<DrmDpms>(info.info.kmsdrm.drm_fd, info.info.kmsdrm.dev_index,
                                   std::move(connectors));
}

std::string probe_drm_dpms() {
  std::error_code ec;
  std::string found;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("card", 0) != 0) continue;
    int fd = ::open(entry.path().c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      found += (found.empty() ? "" : "; ") + name + ": cannot be opened (not in the video group?)";
      continue;
    }
    std::vector<DpmsConnector> connectors = dpms_connectors(fd);
    ::close(fd);
    found += (found.empty() ? "" : "; ") + name + ": " +
             (connectors.empty() ? "no connected output with DPMS" : "works on " + names_of(connectors));
  }
  if (ec || found.empty()) return "dpms (DRM): no DRM device (/dev/dri/card*) here";
  return "dpms (DRM): " + found;
}

}  // namespace gatecast::player

// HDMI-CEC standby through libcec: the TV (logical address 0) is told to go to standby, and at
// the next on-time to power on, with gatecast's input made the active source again. Works with
// the adapters libcec knows (Pulse-Eight's USB adapter, the kernel's /dev/cec*, a Raspberry
// Pi's). A TV that ignores CEC keeps its backlight; the picture is black all the same.
#include <libcec/cec.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "player/display/output_power_parts.hpp"

namespace gatecast::player {

namespace {

// libcec's own wait for an adapter to answer; the loop is not yet playing when it waits.
constexpr std::uint32_t open_timeout_ms = 5000;

CEC::libcec_configuration client_config() {
  CEC::libcec_configuration config;
  config.Clear();
  config.clientVersion = CEC::LIBCEC_VERSION_CURRENT;
  std::snprintf(config.strDeviceName, sizeof config.strDeviceName, "gatecast");
  config.deviceTypes.types[0] = CEC::CEC_DEVICE_TYPE_RECORDING_DEVICE;
  config.bActivateSource = 0;  // the TV's input is the site's business until we power it up
  return config;
}

class CecStandby final : public OutputPower {
 public:
  CecStandby(CEC::ICECAdapter* adapter, std::string port) : adapter_(adapter), port_(std::move(port)) {}
  // The TV is left as it is: a player restarted at night must not wake it for a moment.
  ~CecStandby() override {
    adapter_->Close();
    CECDestroy(adapter_);
  }
  CecStandby(const CecStandby&) = delete;
  CecStandby& operator=(const CecStandby&) = delete;

  bool set_powered(bool on) override {
    if (!on) return adapter_->StandbyDevices(CEC::CECDEVICE_TV);
    bool powered = adapter_->PowerOnDevices(CEC::CECDEVICE_TV);
    (void)adapter_->SetActiveSource(CEC::CEC_DEVICE_TYPE_RECORDING_DEVICE);
    return powered;
  }

  std::string describe() const override { return "HDMI-CEC standby through " + port_; }

 private:
  CEC::ICECAdapter* adapter_;
  std::string port_;
};

// The CEC adapters libcec would find, looked for without libcec: its adapter detection
// starts a thread that crashes one time in twenty when libcec is destroyed right after
// (libcec 6.0.2), which a screen without any adapter (most of them) must not risk at every
// start. Kernel CEC devices, Pulse-Eight's USB adapter (vendor 2548), a Raspberry Pi's.
std::string find_cec_adapter() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("cec", 0) == 0) return entry.path().string();
  }
  for (const auto& entry : std::filesystem::directory_iterator("/sys/bus/usb/devices", ec)) {
    std::ifstream vendor(entry.path() / "idVendor");
    std::string id;
    if (vendor >> id && id == "2548") return "Pulse-Eight USB adapter " + entry.path().filename().string();
  }
  if (std::filesystem::exists("/dev/vchiq", ec)) return "Raspberry Pi /dev/vchiq";
  return "";
}

// libcec opened on the first adapter it finds; nullptr and `why_not` otherwise.
CEC::ICECAdapter* open_first_adapter(std::string& port, std::string& why_not) {
  CEC::libcec_configuration config = client_config();
  CEC::ICECAdapter* adapter = CECInitialise(&config);
  if (!adapter) {
    why_not = "HDMI-CEC: libcec cannot start";
    return nullptr;
  }
  CEC::cec_adapter_descriptor adapters[4];
  std::memset(adapters, 0, sizeof adapters);
  std::int8_t found = adapter->DetectAdapters(adapters, 4, nullptr, true);
  if (found <= 0) {
    why_not = "HDMI-CEC: libcec finds no adapter";
    CECDestroy(adapter);
    return nullptr;
  }
  port = adapters[0].strComName;
  if (!adapter->Open(adapters[0].strComName, open_timeout_ms)) {
    why_not = "HDMI-CEC: the adapter " + port + " does not answer";
    CECDestroy(adapter);
    return nullptr;
  }
  return adapter;
}

}  // namespace

std::unique_ptr<OutputPower> open_cec_standby(std::string& why_not) {
  if (find_cec_adapter().empty()) {
    why_not = "HDMI-CEC: no CEC adapter found";
    return nullptr;
  }
  std::string port;
  CEC::ICECAdapter* adapter = open_first_adapter(port, why_not);
  if (!adapter) return nullptr;
  return std::make_unique<CecStandby>(adapter, port);
}

std::string probe_cec_standby() {
  std::string adapter = find_cec_adapter();
  if (adapter.empty()) return "cec: no CEC adapter found";
  return "cec: adapter " + adapter +
         " found (whether the TV obeys shows in the journal at the first off-time)";
}

}  // namespace gatecast::player

// HDMI-CEC standby through libcec: the TV (logical address 0) is told to go to standby, and at
// the next on-time to power on, with gatecast's input made the active source again. Works with
// the adapters libcec knows (Pulse-Eight's USB adapter, the kernel's /dev/cec*, a Raspberry
// Pi's). A TV that ignores CEC keeps its backlight; the picture is black all the same.
#include <libcec/cec.h>

#include <cstdio>
#include <cstring>
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

// libcec on the first adapter it finds (opened when `open`); nullptr and `why_not` otherwise.
CEC::ICECAdapter* first_adapter(std::string& port, std::string& why_not, bool open) {
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
    why_not = "HDMI-CEC: no CEC adapter found";
    CECDestroy(adapter);
    return nullptr;
  }
  port = adapters[0].strComName;
  if (open && !adapter->Open(adapters[0].strComName, open_timeout_ms)) {
    why_not = "HDMI-CEC: the adapter " + port + " does not answer";
    CECDestroy(adapter);
    return nullptr;
  }
  return adapter;
}

}  // namespace

std::unique_ptr<OutputPower> open_cec_standby(std::string& why_not) {
  std::string port;
  CEC::ICECAdapter* adapter = first_adapter(port, why_not, true);
  if (!adapter) return nullptr;
  return std::make_unique<CecStandby>(adapter, port);
}

std::string probe_cec_standby() {
  std::string port, why_not;
  CEC::ICECAdapter* adapter = first_adapter(port, why_not, false);
  if (!adapter) return "cec: " + why_not.substr(std::string("HDMI-CEC: ").size());
  CECDestroy(adapter);
  return "cec: adapter " + port + " found (whether the TV answers shows when it goes off)";
}

}  // namespace gatecast::player

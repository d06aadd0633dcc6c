// Fuzz target for the key set parser (keys/keys.json, untrusted until its signatures are
// checked, and parsed only after the current roots signed it, but parsed strictly anyway).
// A refusal must be a gatecast::Error; an accepted set must write back to text that parses
// to the same set.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content/base/error.hpp"
#include "content/signing/key_set.hpp"

using namespace gatecast::content;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    const KeySet set = parse_key_set(input, "keys.json");
    const std::string text = write_key_set(set);
    const KeySet back = parse_key_set(text, "keys.json");
    if (back.version != set.version || back.keys.size() != set.keys.size() || write_key_set(back) != text) {
      std::abort();
    }
  } catch (const gatecast::Error&) {
  }
  return 0;
}

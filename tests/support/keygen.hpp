#pragma once
// A key pair made the way the office makes one: `gatecast keygen --out FOLDER --no-password`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run.hpp"

namespace gatecast::test {

// Writes gatecast.key and gatecast.pub into `folder`; returns the public key's base64 line, which
// a screen's config lists in trusted_keys.
inline std::string keygen_public_key(const std::filesystem::path& folder) {
  const RunResult k = gatecast({"keygen", "--out", folder.string(), "--no-password"});
  INFO(k.err);
  REQUIRE(k.exit_code == 0);
  std::ifstream pub(folder / "gatecast.pub");
  std::string comment, key;
  std::getline(pub, comment);
  std::getline(pub, key);
  return key;
}

}  // namespace gatecast::test

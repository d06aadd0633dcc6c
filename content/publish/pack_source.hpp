#pragma once
// The first half of `gatecast pack`: reading an authoring folder (SRC/content.json and the
// media it names) into a manifest document, without writing anything. pack.cpp validates
// the result with parse_manifest and writes the publish tree.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "content/publish/pack.hpp"

namespace gatecast::content {

struct PackSource {
  nlohmann::json document;  // the manifest as JSON: assets resolved, format/channel/... filled in
  std::map<std::string, std::filesystem::path> asset_files;  // asset name -> file in SRC
  std::map<std::string, std::filesystem::path> blob_files;   // sha256 -> one file with those bytes
  std::string subject;                                       // SRC/content.json, for messages
};

// Reads SRC/content.json (bounded, strict JSON), refuses the keys pack fills in, resolves
// every asset path inside SRC (no absolute paths, no "..", no symlink out of SRC), bounds its
// size, detects its type from its bytes (refusing unknown types and a type the extension
// contradicts), hashes it, and turns `expires: <days>` into a time from `options.now`.
// Error(rejected, SRC/content.json, "<path>: <problem>") for content problems,
// Error(runtime) for I/O. Reads each asset once.
[[nodiscard]] PackSource read_pack_source(const PackOptions& options);

}  // namespace gatecast::content

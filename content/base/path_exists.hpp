#pragma once
// Whether something is at a path, asked so that every way of failing is one of ours.
// std::filesystem::exists(path) throws its own filesystem_error when the path cannot be looked
// at (a symlink loop, a link whose target has a name longer than the system allows, a folder
// without search permission), which no caller here expects: a data_dir whose `store` was such a
// link escaped `status`, install and the player's store check as an unknown error (found by
// fuzz_store_files).
#include <filesystem>

namespace gatecast::content {

enum class Links { followed, not_followed };

// True when something is there: with Links::followed a symlink counts by its target (a dangling
// one is not there), with Links::not_followed the link itself counts. Nothing there, or a part of
// the path that is not a folder, is false. A path that cannot be looked at is Error(runtime, io)
// naming it.
[[nodiscard]] bool path_exists(const std::filesystem::path& path, Links links = Links::followed);

}  // namespace gatecast::content

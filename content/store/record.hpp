#pragma once
// The highest version this screen has accepted per channel, with the hash of that manifest's
// bytes: the rollback guard. It lives outside the store's content (data_dir/accepted/) so that
// wiping or reinstalling the content does not reset it. It is written only after `current`
// names the new version, so it never gets ahead of what was activated; a cut between the two
// leaves it behind, which the readers repair (the rollback check uses the larger of the two).
#include <cstdint>
#include <optional>
#include <string>

#include "content/store/layout.hpp"

namespace gatecast::content {

struct AcceptedRecord {
  std::int64_t version = 0;
  std::string manifest_sha256;  // of the raw manifest bytes accepted at that version
};

// nullopt when the channel never accepted anything. Throws Error(runtime) when the record
// exists but is damaged: a screen must not forget its rollback guard silently.
[[nodiscard]] std::optional<AcceptedRecord> read_record(const StoreLayout& layout,
                                                        const std::string& channel);

// Writes the record atomically. Throws Error(runtime).
void write_record(const StoreLayout& layout, const std::string& channel, const AcceptedRecord& record);

}  // namespace gatecast::content

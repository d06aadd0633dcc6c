#pragma once
// Install events in the play log: the report's "versions installed" rows (when, from where,
// signed by which key) come from the same hash-chained, screen-signed log as the plays, so
// they are as hard to edit as the plays themselves.
#include <string>

#include "content/config/config.hpp"
#include "content/install/install.hpp"
#include "content/reports/playlog.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

// Queues an install event for `result` when it activated a new version (result.changed);
// `source` is "server" or "usb". The key id is read from the signature kept in the store
// beside the version (empty when it cannot be read). Never throws: a report row is never
// worth a failed install.
void record_install(PlayLog& log, const Config& config, const InstallResult& result,
                    const std::string& source, Instant at);

}  // namespace gatecast::content

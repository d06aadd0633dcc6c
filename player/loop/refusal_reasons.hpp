#pragma once
// Why a package was refused, in words the technician at the gate reads: one short phrase per
// typed reason (the names of gatecast::Reason: signature, key, expired, rollback, target, hash,
// limit, schema, not_found, io) in each language a site may show (vi, zh, en, lo, km, ja, ko).
// Pure; any thread.
#include <string>
#include <string_view>

namespace gatecast::player {

// The phrase for `reason` in `language`; the English phrase when that language has none; ""
// for a reason this table does not know (the caller then shows the technical text).
[[nodiscard]] std::string refusal_reason_text(std::string_view reason, std::string_view language);

// Whether `language` has its own phrase for `reason` (no English fallback).
[[nodiscard]] bool has_refusal_reason_text(std::string_view reason, std::string_view language);

}  // namespace gatecast::player

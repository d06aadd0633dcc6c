#pragma once
// The on-screen status banner: one short message per language of the site, drawn over the
// playing slide (or the idle screen) while a USB import runs and for a while after it ended,
// so the technician at the gate sees what was found, whether it verified, and that it now
// plays. Messages exist in Vietnamese, Chinese, English, Lao, Khmer, Japanese and Korean; a site
// language without its own wording shows the English one, so no language is ever left blank.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/base/error.hpp"
#include "content/install/install.hpp"
#include "content/manifest/manifest.hpp"
#include "player/text/text_renderer.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

enum class BannerTone { info, success, problem };

struct StatusBanner {
  content::LocalizedText text;  // language -> one line
  BannerTone tone = BannerTone::info;
  std::optional<Instant> until;  // none = until replaced (an import in progress)
  // Why an import was refused or failed (none otherwise): what the wording per language is
  // chosen by, never the English detail.
  Reason reason = Reason::none;
  bool operator==(const StatusBanner&) const = default;
};

// The lines of `banner` in the order of `languages` (a missing language falls back to "en").
[[nodiscard]] std::vector<std::string> banner_lines(const StatusBanner& banner,
                                                    const std::vector<std::string>& languages);

// The same lines with the language each is written in (its own, or "en" where it fell back), for
// the text renderer.
[[nodiscard]] std::vector<WrittenText> banner_paragraphs(const StatusBanner& banner,
                                                         const std::vector<std::string>& languages);

// The messages of a USB import, each in vi/zh/en/lo/km/ja/ko.
namespace usb_messages {
[[nodiscard]] StatusBanner found();
[[nodiscard]] StatusBanner progress(const content::InstallProgress& p);
[[nodiscard]] StatusBanner installed(std::int64_t version, Instant now);
[[nodiscard]] StatusBanner unchanged(std::int64_t version, Instant now);
[[nodiscard]] StatusBanner nothing_for_this_screen(Instant now);
// `reason` is the Error's reason: each language says why in its own words (refusal_reasons.hpp);
// `detail` is its problem text (English, technical; also in the journal), shown where a
// language has no words for the reason.
[[nodiscard]] StatusBanner refused(Reason reason, const std::string& detail, Instant now);
[[nodiscard]] StatusBanner failed(Reason reason, const std::string& detail, Instant now);
}  // namespace usb_messages

// The current banner, shared between the thread that sets it and the loop that draws it.
class BannerBoard {
 public:
  // Any thread. Returns true when the banner changed (the caller then wakes the loop).
  bool set(const StatusBanner& banner);
  // Any thread: the banner to show at `now`, if any (an expired one is none).
  [[nodiscard]] std::optional<StatusBanner> at(Instant now) const;

 private:
  mutable std::mutex mutex_;
  std::optional<StatusBanner> banner_;
};

}  // namespace gatecast::player

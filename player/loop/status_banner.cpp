#include "player/loop/status_banner.hpp"

#include <chrono>

#include "player/loop/refusal_reasons.hpp"

namespace gatecast::player {

namespace {

using namespace std::chrono_literals;

// How long a result stays on screen: long enough to walk back from the USB port to the
// screen; a problem longer, so that it is not missed.
constexpr Duration result_shown = 45s;
constexpr Duration problem_shown = 120s;

// One message in every language the banner speaks.
struct Words {
  std::string vi, zh, en, lo, km, ja, ko;
};

StatusBanner make(Words w, BannerTone tone, std::optional<Instant> until) {
  StatusBanner b;
  b.text = {{"vi", std::move(w.vi)}, {"zh", std::move(w.zh)}, {"en", std::move(w.en)},
            {"lo", std::move(w.lo)}, {"km", std::move(w.km)}, {"ja", std::move(w.ja)},
            {"ko", std::move(w.ko)}};
  b.tone = tone;
  b.until = until;
  return b;
}

std::string percent(std::uint64_t done, std::uint64_t total) {
  if (total == 0) return "100%";
  return std::to_string(done * 100 / total) + "%";
}

// Long technical reasons are cut so the banner stays one line; the journal has them whole.
std::string shortened(const std::string& reason) {
  constexpr std::size_t limit = 90;
  if (reason.size() <= limit) return reason;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return reason.substr(0, cut) + "…";
}

}  // namespace

std::vector<std::string> banner_lines(const StatusBanner& banner, const std::vector<std::string>& languages) {
  std::vector<std::string> lines;
  std::vector<std::string> shown;
  for (const std::string& language : languages) {
    auto found = banner.text.find(language);
    if (found == banner.text.end()) found = banner.text.find("en");
    if (found == banner.text.end()) continue;
    bool repeated = false;  // two site languages falling back to English show it once
    for (const std::string& s : shown) repeated = repeated || s == found->second;
    if (repeated) continue;
    shown.push_back(found->second);
    lines.push_back(found->second);
  }
  return lines;
}

std::vector<WrittenText> banner_paragraphs(const StatusBanner& banner,
                                           const std::vector<std::string>& languages) {
  std::vector<WrittenText> out;
  for (const std::string& language : languages) {
    auto found = banner.text.find(language);
    if (found == banner.text.end()) found = banner.text.find("en");
    if (found == banner.text.end()) continue;
    bool repeated = false;  // two site languages falling back to English show it once
    for (const WrittenText& shown : out) repeated = repeated || shown.text == found->second;
    if (!repeated) out.push_back(WrittenText{found->second, found->first});
  }
  return out;
}

namespace usb_messages {

StatusBanner found() {
  return make({"Đã nhận USB — đang kiểm tra chữ ký gói nội dung…", "已检测到U盘 — 正在验证内容包签名…",
               "USB stick found — checking the content package's signature…",
               "ພົບ USB — ກຳລັງກວດສອບລາຍເຊັນຂອງຊຸດເນື້ອຫາ…", "បានរកឃើញ USB — កំពុងពិនិត្យហត្ថលេខានៃកញ្ចប់មាតិកា…",
               "USBメモリを検出しました — コンテンツパッケージの署名を確認しています…",
               "USB 메모리를 찾았습니다 — 콘텐츠 패키지의 서명을 확인하는 중…"},
              BannerTone::info, std::nullopt);
}

StatusBanner progress(const content::InstallProgress& p) {
  std::string files = std::to_string(p.done_blobs) + "/" + std::to_string(p.total_blobs);
  std::string share = percent(p.done_bytes, p.total_bytes);
  return make({"Chữ ký hợp lệ — đang sao chép " + files + " tệp (" + share + ")",
               "签名有效 — 正在复制 " + files + " 个文件（" + share + "）",
               "Signature valid — copying " + files + " files (" + share + ")",
               "ລາຍເຊັນຖືກຕ້ອງ — ກຳລັງສຳເນົາ " + files + " ໄຟລ໌ (" + share + ")",
               "ហត្ថលេខាត្រឹមត្រូវ — កំពុងចម្លងឯកសារ " + files + " (" + share + ")",
               "署名は有効です — ファイルをコピーしています " + files + "（" + share + "）",
               "서명이 유효합니다 — 파일 복사 중 " + files + " (" + share + ")"},
              BannerTone::info, std::nullopt);
}

StatusBanner installed(std::int64_t version, Instant now) {
  std::string v = std::to_string(version);
  return make({"Đã xác minh và cài đặt phiên bản " + v + " — đang phát. Có thể rút USB.",
               "已验证并安装版本 " + v + " — 正在播放。可以拔出U盘。",
               "Verified and installed version " + v + " — now playing. The stick can be removed.",
               "ກວດສອບ ແລະ ຕິດຕັ້ງເວີຊັນ " + v + " ແລ້ວ — ກຳລັງສາຍ. ຖອດ USB ອອກໄດ້.",
               "បានផ្ទៀងផ្ទាត់ និងដំឡើងកំណែ " + v + " — កំពុងចាក់។ អាចដក USB ចេញបាន។",
               "バージョン " + v + " を検証してインストールしました — 再生中です。USBメモリを取り外せます。",
               "버전 " + v + " 확인 및 설치 완료 — 재생 중입니다. USB 메모리를 뽑아도 됩니다."},
              BannerTone::success, now + result_shown);
}

StatusBanner unchanged(std::int64_t version, Instant now) {
  std::string v = std::to_string(version);
  return make({"Phiên bản " + v + " đã được cài đặt — không có thay đổi. Có thể rút USB.",
               "版本 " + v + " 已安装 — 无变化。可以拔出U盘。",
               "Version " + v + " is already installed — nothing changed. The stick can be removed.",
               "ເວີຊັນ " + v + " ຕິດຕັ້ງແລ້ວ — ບໍ່ມີການປ່ຽນແປງ. ຖອດ USB ອອກໄດ້.",
               "កំណែ " + v + " បានដំឡើងរួចហើយ — គ្មានការផ្លាស់ប្ដូរ។ អាចដក USB ចេញបាន។",
               "バージョン " + v + " はインストール済みです — 変更はありません。USBメモリを取り外せます。",
               "버전 " + v + " 이미 설치됨 — 변경 사항이 없습니다. USB 메모리를 뽑아도 됩니다."},
              BannerTone::success, now + result_shown);
}

StatusBanner nothing_for_this_screen(Instant now) {
  return make({"USB không có gói nội dung cho màn hình này.", "U盘中没有本屏幕的内容包。",
               "The USB stick has no package for this screen.", "USB ບໍ່ມີຊຸດເນື້ອຫາສຳລັບໜ້າຈໍນີ້.",
               "USB មិនមានកញ្ចប់មាតិកាសម្រាប់អេក្រង់នេះទេ។", "USBメモリにこの画面向けのパッケージがありません。",
               "USB 메모리에 이 화면을 위한 패키지가 없습니다."},
              BannerTone::problem, now + problem_shown);
}

StatusBanner refused(Reason reason, const std::string& detail, Instant now) {
  // With a typed reason each language says why in its own words; without one, the installer's
  // technical text (English) is all there is.
  auto why = [&](std::string_view language) {
    std::string text = refusal_reason_text(reason_code(reason), language);
    return text.empty() ? shortened(detail) : text;
  };
  StatusBanner b = make(
      {"Gói nội dung bị TỪ CHỐI, vẫn phát nội dung cũ: " + why("vi"),
       "内容包被拒绝，继续播放原内容：" + why("zh"),
       "Package REFUSED, the previous content keeps playing: " + why("en"),
       "ຊຸດເນື້ອຫາຖືກປະຕິເສດ, ຍັງສາຍເນື້ອຫາເກົ່າຢູ່: " + why("lo"), "កញ្ចប់មាតិកាត្រូវបានបដិសេធ នៅតែចាក់មាតិកាចាស់: " + why("km"),
       "パッケージは拒否されました。以前のコンテンツを再生し続けます：" + why("ja"),
       "패키지가 거부되었습니다. 이전 콘텐츠를 계속 재생합니다: " + why("ko")},
      BannerTone::problem, now + problem_shown);
  b.reason = reason;
  return b;
}

StatusBanner failed(Reason reason, const std::string& detail, Instant now) {
  std::string r = shortened(detail);
  StatusBanner b =
      make({"Không đọc được USB, vẫn phát nội dung cũ: " + r, "无法读取U盘，继续播放原内容：" + r,
            "Could not read the USB stick, the previous content keeps playing: " + r,
            "ອ່ານ USB ບໍ່ໄດ້, ຍັງສາຍເນື້ອຫາເກົ່າຢູ່: " + r, "មិនអាចអាន USB បានទេ នៅតែចាក់មាតិកាចាស់: " + r,
            "USBメモリを読み取れません。以前のコンテンツを再生し続けます：" + r,
            "USB 메모리를 읽을 수 없습니다. 이전 콘텐츠를 계속 재생합니다: " + r},
           BannerTone::problem, now + problem_shown);
  b.reason = reason;
  return b;
}

}  // namespace usb_messages

bool BannerBoard::set(const StatusBanner& banner) {
  std::lock_guard lock(mutex_);
  if (banner_ && *banner_ == banner) return false;
  banner_ = banner;
  return true;
}

std::optional<StatusBanner> BannerBoard::at(Instant now) const {
  std::lock_guard lock(mutex_);
  if (!banner_ || (banner_->until && now >= *banner_->until)) return std::nullopt;
  return banner_;
}

}  // namespace gatecast::player

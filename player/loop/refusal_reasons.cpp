#include "player/loop/refusal_reasons.hpp"

#include <map>
#include <utility>

namespace gatecast::player {
namespace {

using Table = std::map<std::pair<std::string_view, std::string_view>, std::string_view>;

// Keyed by (reason, language). Each phrase finishes "Package REFUSED, the previous content keeps
// playing: ..." in its own language, so it is a clause, not a sentence.
const Table& table() {
  static const Table t = {
      {{"signature", "vi"}, "chữ ký không hợp lệ"},
      {{"signature", "zh"}, "签名无效"},
      {{"signature", "en"}, "the signature does not verify"},
      {{"signature", "lo"}, "ລາຍເຊັນບໍ່ຖືກຕ້ອງ"},
      {{"signature", "km"}, "ហត្ថលេខាមិនត្រឹមត្រូវ"},
      {{"signature", "ja"}, "署名が正しくありません"},
      {{"signature", "ko"}, "서명이 올바르지 않습니다"},

      {{"key", "vi"}, "được ký bằng khóa mà màn hình này không tin cậy"},
      {{"key", "zh"}, "签名密钥不受本屏幕信任"},
      {{"key", "en"}, "signed with a key this screen does not trust"},
      {{"key", "lo"}, "ເຊັນດ້ວຍກະແຈທີ່ໜ້າຈໍນີ້ບໍ່ເຊື່ອຖື"},
      {{"key", "km"}, "បានចុះហត្ថលេខាដោយសោដែលអេក្រង់នេះមិនទុកចិត្ត"},
      {{"key", "ja"}, "この画面が信頼していない鍵で署名されています"},
      {{"key", "ko"}, "이 화면이 신뢰하지 않는 키로 서명되었습니다"},

      {{"expired", "vi"}, "gói nội dung đã hết hạn"},
      {{"expired", "zh"}, "内容包已过期"},
      {{"expired", "en"}, "the package has expired"},
      {{"expired", "lo"}, "ຊຸດເນື້ອຫາໝົດອາຍຸແລ້ວ"},
      {{"expired", "km"}, "កញ្ចប់មាតិកាផុតកំណត់ហើយ"},
      {{"expired", "ja"}, "コンテンツパッケージの有効期限が切れています"},
      {{"expired", "ko"}, "콘텐츠 패키지의 유효 기간이 지났습니다"},

      {{"rollback", "vi"}, "cũ hơn phiên bản đã cài đặt"},
      {{"rollback", "zh"}, "版本低于已安装的版本"},
      {{"rollback", "en"}, "older than the version already installed"},
      {{"rollback", "lo"}, "ເກົ່າກວ່າເວີຊັນທີ່ຕິດຕັ້ງແລ້ວ"},
      {{"rollback", "km"}, "ចាស់ជាងកំណែដែលបានដំឡើងរួច"},
      {{"rollback", "ja"}, "インストール済みのバージョンより古いバージョンです"},
      {{"rollback", "ko"}, "이미 설치된 버전보다 오래된 버전입니다"},

      {{"target", "vi"}, "gói không dành cho màn hình này"},
      {{"target", "zh"}, "内容包不适用于本屏幕"},
      {{"target", "en"}, "the package is not meant for this screen"},
      {{"target", "lo"}, "ຊຸດເນື້ອຫານີ້ບໍ່ແມ່ນສຳລັບໜ້າຈໍນີ້"},
      {{"target", "km"}, "កញ្ចប់នេះមិនមែនសម្រាប់អេក្រង់នេះទេ"},
      {{"target", "ja"}, "このパッケージはこの画面向けではありません"},
      {{"target", "ko"}, "이 화면을 위한 패키지가 아닙니다"},

      {{"hash", "vi"}, "một tệp không khớp mã kiểm tra (bị hỏng hoặc bị sửa đổi)"},
      {{"hash", "zh"}, "文件校验值不符（已损坏或被篡改）"},
      {{"hash", "en"}, "a file does not match its checksum (damaged or altered)"},
      {{"hash", "lo"}, "ມີໄຟລ໌ທີ່ບໍ່ກົງກັບລະຫັດກວດສອບ (ເສຍຫາຍ ຫຼື ຖືກແກ້ໄຂ)"},
      {{"hash", "km"}, "ឯកសារមួយមិនត្រូវនឹងលេខផ្ទៀងផ្ទាត់ (ខូច ឬត្រូវបានកែប្រែ)"},
      {{"hash", "ja"}, "ファイルがチェックサムと一致しません（破損または改ざん）"},
      {{"hash", "ko"}, "파일이 체크섬과 일치하지 않습니다(손상 또는 변조)"},

      {{"limit", "vi"}, "gói vượt quá giới hạn kích thước"},
      {{"limit", "zh"}, "内容包超出大小限制"},
      {{"limit", "en"}, "the package exceeds a size limit"},
      {{"limit", "lo"}, "ຊຸດເນື້ອຫາເກີນຂະໜາດທີ່ກຳນົດ"},
      {{"limit", "km"}, "កញ្ចប់លើសទំហំកំណត់"},
      {{"limit", "ja"}, "パッケージがサイズ制限を超えています"},
      {{"limit", "ko"}, "패키지가 크기 제한을 초과합니다"},

      {{"schema", "vi"}, "tệp mô tả (manifest) của gói không hợp lệ"},
      {{"schema", "zh"}, "内容包清单（manifest）格式无效"},
      {{"schema", "en"}, "the package's manifest is invalid"},
      {{"schema", "lo"}, "ໄຟລ໌ອະທິບາຍ (manifest) ຂອງຊຸດເນື້ອຫາບໍ່ຖືກຕ້ອງ"},
      {{"schema", "km"}, "ឯកសារពិពណ៌នា (manifest) នៃកញ្ចប់មិនត្រឹមត្រូវ"},
      {{"schema", "ja"}, "パッケージのマニフェストが不正です"},
      {{"schema", "ko"}, "패키지 매니페스트가 올바르지 않습니다"},

      {{"not_found", "vi"}, "thiếu một tệp của gói"},
      {{"not_found", "zh"}, "内容包缺少文件"},
      {{"not_found", "en"}, "a file of the package is missing"},
      {{"not_found", "lo"}, "ຂາດໄຟລ໌ຂອງຊຸດເນື້ອຫາ"},
      {{"not_found", "km"}, "បាត់ឯកសារមួយនៃកញ្ចប់"},
      {{"not_found", "ja"}, "パッケージのファイルが見つかりません"},
      {{"not_found", "ko"}, "패키지의 파일이 없습니다"},

      {{"io", "vi"}, "không đọc hoặc ghi được USB hay ổ đĩa"},
      {{"io", "zh"}, "无法读写U盘或磁盘"},
      {{"io", "en"}, "the stick or the disk could not be read or written"},
      {{"io", "lo"}, "ບໍ່ສາມາດອ່ານ ຫຼື ຂຽນ USB ຫຼື ດິສກ໌ໄດ້"},
      {{"io", "km"}, "មិនអាចអាន ឬសរសេរ USB ឬថាសបានទេ"},
      {{"io", "ja"}, "USBメモリまたはディスクの読み書きができません"},
      {{"io", "ko"}, "USB 메모리나 디스크를 읽거나 쓸 수 없습니다"},
  };
  return t;
}

}  // namespace

bool has_refusal_reason_text(std::string_view reason, std::string_view language) {
  return table().count({reason, language}) != 0;
}

std::string refusal_reason_text(std::string_view reason, std::string_view language) {
  const Table& t = table();
  if (auto it = t.find({reason, language}); it != t.end()) return std::string(it->second);
  if (auto it = t.find({reason, "en"}); it != t.end()) return std::string(it->second);
  return {};
}

}  // namespace gatecast::player

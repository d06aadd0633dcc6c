// A quarter of three screens, generated as the screens write it, reported with `gatecast
// report` and read back by an independent reader (openpyxl): totals, availability, the
// outage day, the USB install, duplicate copies from a stick and the server counted once, an
// edited record and a batch signed by another key flagged and not counted.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "content/base/timezone.hpp"
#include "content/reports/report.hpp"
#include "report_fixture.hpp"
#include "scheduler/calendar.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;
using test::ScreenLog;

namespace {

constexpr int kDays = 92;               // 2026-10-01 .. 2026-12-31
constexpr int kSlidesPerDay = 17 * 12;  // 06:00-23:00, five-minute slides
const scheduler::TimeZone kZone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);

Instant local_time(int day_of_quarter, int hour, int minute = 0) {
  const auto date = scheduler::civil_from_days(scheduler::days_from_civil({2026, 10, 1}) + day_of_quarter);
  return kZone.to_utc({date, {hour * 3600 + minute * 60}});
}

struct Quarter {
  test::TempDir server{"gatecast-server"};
  test::TempDir stick{"gatecast-stick"};
  ScreenLog a{"langson/huunghi/1", "aaaaaaaaaaaaaaa1"};
  ScreenLog b{"langson/tanthanh/1", "bbbbbbbbbbbbbbb2"};
  ScreenLog c{"langson/chima/1", "ccccccccccccccc3"};
  int outage_day = 40;                    // 2026-11-10: screen A dark all day
  std::uint64_t edited_file_records = 0;  // records in C's edited stick file
  std::uint64_t forged_records = 50;

  Quarter() {
    for (ScreenLog* s : {&a, &b, &c}) {
      s->add(test::install_at(s->screen, local_time(0, 5), 12, "server", "0123456789ABCDEF"));
      for (int day = 0; day < kDays; ++day) {
        if (day == 14 && s == &b)
          s->add(test::install_at(s->screen, local_time(day, 5, 30), 13, "usb", "0123456789ABCDEF"));
        if (day == 20 && s == &b) {  // a slide that would not draw, taken out at 09:00
          content::PlayRecord bench =
              test::play_at(s->screen, local_time(day, 9), Duration(0), {"notice-vi"});
          bench.kind = content::RecordKind::bench;
          s->add(bench);
        }
        if (!(s == &a && day == outage_day)) {
          for (int i = 0; i < kSlidesPerDay; ++i) {
            const Instant start = local_time(day, 6) + std::chrono::minutes(5 * i);
            content::PlayRecord play =
                test::play_at(s->screen, start, std::chrono::minutes(5),
                              i % 2 == 0 ? std::vector<std::string>{"gate-photo", "logo"}
                                         : std::vector<std::string>{"notice-vi"});
            if (i % 2 == 0)
              play.titles["gate-photo"] = {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}};
            s->add(play);
          }
          for (int hour = 0; hour < 24; hour += 3)
            s->write_heartbeat(server.path(), local_time(day, hour), "06:00-23:00");
        }
      }
      s->write_batches(server.path(), 5000);
    }
    // C's log also came back on a stick: the same records again, one day file edited after signing.
    const auto files = c.write_day_files(stick.path());
    const auto edited = files[50];
    std::string text = test::read_whole(edited);
    const auto at = text.find("notice-vi", text.size() / 2);
    REQUIRE(at != std::string::npos);
    text.replace(at, 9, "notice-xx");
    test::write_file(edited, text);
    for (char ch : text) edited_file_records += ch == '\n';
    // And someone put a batch of plays signed by another key into B's folder.
    ScreenLog forger{b.screen, "ffffffffffffffff"};
    for (std::uint64_t i = 0; i < forged_records; ++i)
      forger.add(test::play_at(b.screen, local_time(60, 8) + std::chrono::minutes(i), std::chrono::minutes(1),
                               {"fake"}));
    forger.write_batches(server.path(), 5000);
  }
};

nlohmann::json dump_xlsx(const std::filesystem::path& xlsx) {
  const auto r = test::run(
      {"/usr/bin/python3", std::string(GATECAST_TEST_DATA) + "/content/xlsx_dump.py", xlsx.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

// The rows below a sheet's header row (found by its first cell).
std::vector<nlohmann::json> table(const nlohmann::json& sheet, const std::string& first_header) {
  std::vector<nlohmann::json> rows;
  bool in = false;
  for (const auto& row : sheet["rows"]) {
    if (in) rows.push_back(row);
    if (!row.empty() && row[0] == first_header) in = true;
  }
  return rows;
}

const nlohmann::json* row_of(const std::vector<nlohmann::json>& rows, std::size_t col,
                             const std::string& value) {
  for (const auto& r : rows)
    if (r.size() > col && r[col] == value) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("report: a quarter of three screens, read back with openpyxl", "[report][xlsx]") {
  Quarter q;
  test::TempDir out;
  const auto xlsx = out.path() / "langson-2026-Q4.xlsx";
  const auto r = test::run({GATECAST_BINARY, "report", "--log", q.server.path().string(),
                            q.stick.path().string(), "--period", "2026-Q4", "--out", xlsx.string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("bad_signature") != std::string::npos);
  CHECK(r.err.find("foreign_key") != std::string::npos);
  const nlohmann::json book = dump_xlsx(xlsx);

  // Summary: real numbers, availability per screen, the totals row.
  const auto& summary = book.at("Tổng hợp");
  const auto screens = table(summary, "Điểm");
  const double scheduled = kDays * 17.0;
  const auto* a = row_of(screens, 1, q.a.screen);
  const auto* b = row_of(screens, 1, q.b.screen);
  const auto* c = row_of(screens, 1, q.c.screen);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK((*a)[0] == "langson/huunghi");
  CHECK((*a)[2].get<double>() == Approx(scheduled));
  CHECK((*a)[3].get<double>() == Approx(scheduled - 17.0));
  CHECK((*a)[4].get<double>() == Approx((scheduled - 17.0) / scheduled));
  CHECK((*a)[5] == 1);
  CHECK((*a)[6] == (kDays - 1) * kSlidesPerDay);
  CHECK((*b)[3].get<double>() == Approx(scheduled));
  CHECK((*b)[4].get<double>() == Approx(1.0));
  CHECK((*b)[6] == kDays * kSlidesPerDay);  // the forged plays are not among them
  CHECK((*c)[4].get<double>() == Approx(1.0));
  CHECK((*c)[6] == kDays * kSlidesPerDay);  // each record once, from server and stick
  const auto* total = row_of(screens, 0, "Tổng cộng");
  REQUIRE(total);
  CHECK((*total)[6] == (3 * kDays - 1) * kSlidesPerDay);
  CHECK((*total)[7].get<double>() == Approx((3 * kDays - 1) * 17.0));
  // Number formats and column widths are set, so the office reads hours and percents as such.
  bool percent_format = false;
  for (const auto& row : summary["formats"])
    for (const auto& f : row) percent_format = percent_format || f == "0.0%";
  CHECK(percent_format);
  CHECK(summary["widths"].size() >= 9);

  // Counts above the table: duplicates from the stick counted once, edited and forged not counted.
  const auto note = [&](const std::string& label) {
    for (const auto& row : summary["rows"])
      if (row.size() > 1 && row[0] == label) return row[1];
    return nlohmann::json();
  };
  const std::uint64_t c_records = q.c.lines.size();
  CHECK(note("Kỳ báo cáo") == "2026-Q4");
  CHECK(note("Bản sao trùng (tính một lần)") == c_records - q.edited_file_records);
  CHECK(note("Bản ghi không tính (xem Kiểm tra)") == q.edited_file_records + q.forged_records);

  // Outages: screen A's dark day, 06:00-23:00 local, nobody heard from it.
  const auto outages = table(book.at("Gián đoạn"), "Màn hình");
  REQUIRE(outages.size() == 1);
  CHECK(outages[0][0] == q.a.screen);
  CHECK(outages[0][1]["datetime"] == "2026-11-10T06:00:00");
  CHECK(outages[0][2]["datetime"] == "2026-11-10T23:00:00");
  CHECK(outages[0][3].get<double>() == Approx(17.0));
  CHECK(outages[0][4] == "no_heartbeat");

  // Content items with totals over every screen.
  const auto items = table(book.at("Nội dung"), "Màn hình");
  const nlohmann::json* all_logo = nullptr;
  for (const auto& row : items)
    if (row[0] == "Tất cả màn hình" && row[2] == "logo") all_logo = &row;
  REQUIRE(all_logo);
  CHECK((*all_logo)[3] == (3 * kDays - 1) * kSlidesPerDay / 2);
  CHECK((*all_logo)[4].get<double>() == Approx((3 * kDays - 1) * kSlidesPerDay / 2 * 5 / 60.0));
  const nlohmann::json* benched = nullptr;
  for (const auto& row : items)
    if (row[0] == q.b.screen && row[2] == "notice-vi") benched = &row;
  REQUIRE(benched);
  CHECK((*benched)[5] == 1);
  CHECK((*all_logo)[5] == 0);
  // Items are named by their titles; the asset's name stays beside them.
  const nlohmann::json* all_gate = nullptr;
  for (const auto& row : items)
    if (row[0] == "Tất cả màn hình" && row[6] == "gate-photo") all_gate = &row;
  REQUIRE(all_gate);
  CHECK((*all_gate)[2] == "Cửa khẩu Hữu Nghị");
  CHECK((*all_gate)[3] == (*all_logo)[3]);
  CHECK((*all_logo)[6] == "logo");
  CHECK_FALSE(row_of(items, 2, "fake"));
  CHECK_FALSE(row_of(items, 2, "notice-xx"));

  // Versions installed: the USB visit on B, with when and the key.
  const auto installs = table(book.at("Phiên bản cài đặt"), "Màn hình");
  CHECK(installs.size() == 4);
  const nlohmann::json* usb = row_of(installs, 4, "USB");
  REQUIRE(usb);
  CHECK((*usb)[0] == q.b.screen);
  CHECK((*usb)[1]["datetime"] == "2026-10-15T05:30:00");
  CHECK((*usb)[3] == 13);
  CHECK((*usb)[5] == "0123456789ABCDEF");

  // Integrity: the edited stick file and the foreign batch, each its own row with its records.
  const auto integrity = table(book.at("Kiểm tra"), "Màn hình");
  const nlohmann::json* bad = row_of(integrity, 2, "bad_signature");
  REQUIRE(bad);
  CHECK((*bad)[0] == q.c.screen);
  CHECK((*bad)[5] == q.edited_file_records);
  const nlohmann::json* broken = row_of(integrity, 2, "chain_break");
  REQUIRE(broken);
  CHECK((*broken)[0] == q.c.screen);
  const nlohmann::json* foreign = row_of(integrity, 2, "foreign_key");
  REQUIRE(foreign);
  CHECK((*foreign)[0] == q.b.screen);
  CHECK((*foreign)[5] == q.forged_records);
  CHECK_FALSE(row_of(integrity, 2, "seq_gap"));
  CHECK(integrity.size() == 3);

  // Weeks: 14 Mondays touched by the quarter per screen.
  CHECK(table(book.at("Theo tuần"), "Màn hình").size() == 3 * 14);
}

TEST_CASE("report: --lang en, --format csv and json carry the same figures", "[report]") {
  Quarter q;
  test::TempDir out;
  const auto en = test::run({GATECAST_BINARY, "report", "--log", q.server.path().string(), "--period",
                             "2026-Q4", "--lang", "en", "--out", (out.path() / "q.xlsx").string()});
  REQUIRE(en.exit_code == 0);
  const auto book = dump_xlsx(out.path() / "q.xlsx");
  CHECK(book.contains("Summary"));
  CHECK(book.contains("Integrity"));

  const auto csv = test::run({GATECAST_BINARY, "report", "--log", q.server.path().string(), "--period",
                              "2026-Q4", "--out", (out.path() / "q.csv").string()});
  REQUIRE(csv.exit_code == 0);
  const std::string outages = test::read_whole(out.path() / "q-outages.csv");
  CHECK(outages.find("langson/huunghi/1,2026-11-10 06:00,2026-11-10 23:00,17.000,no_heartbeat") !=
        std::string::npos);

  const auto json = test::run({GATECAST_BINARY, "report", "--log", q.server.path().string(), "--period",
                               "2026-Q4", "--out", (out.path() / "q.json").string()});
  REQUIRE(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(test::read_whole(out.path() / "q.json"));
  CHECK(doc["records_not_counted"] == q.forged_records);
  CHECK(doc["duplicates"] == 0);
  CHECK(doc["outages"].size() == 1);
}

#include "content/reports/xlsx_report.hpp"

#include <xlsxwriter.h>

#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"

namespace gatecast::content {
namespace {

struct Formats {
  lxw_format* header;
  lxw_format* note;
  lxw_format* count;
  lxw_format* hours;
  lxw_format* percent;
  lxw_format* date_time;
  lxw_format* date;
};

Formats make_formats(lxw_workbook* book) {
  Formats f{};
  f.header = workbook_add_format(book);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xDDE7F0);
  format_set_border(f.header, LXW_BORDER_THIN);
  f.note = workbook_add_format(book);
  format_set_bold(f.note);
  f.count = workbook_add_format(book);
  format_set_num_format(f.count, "#,##0");
  f.hours = workbook_add_format(book);
  format_set_num_format(f.hours, "#,##0.00");
  f.percent = workbook_add_format(book);
  format_set_num_format(f.percent, "0.0%");
  f.date_time = workbook_add_format(book);
  format_set_num_format(f.date_time, "yyyy-mm-dd hh:mm");
  f.date = workbook_add_format(book);
  format_set_num_format(f.date, "yyyy-mm-dd");
  return f;
}

lxw_format* format_for(const Formats& f, CellKind kind) {
  switch (kind) {
    case CellKind::count:
      return f.count;
    case CellKind::hours:
      return f.hours;
    case CellKind::percent:
      return f.percent;
    case CellKind::date_time:
      return f.date_time;
    case CellKind::date:
      return f.date;
    case CellKind::text:
      return nullptr;
  }
  return nullptr;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell, CellKind kind,
                const Formats& f) {
  if (const auto* s = std::get_if<std::string>(&cell)) {
    worksheet_write_string(ws, row, col, s->c_str(), nullptr);
  } else if (const auto* d = std::get_if<double>(&cell)) {
    worksheet_write_number(ws, row, col, *d, format_for(f, kind == CellKind::text ? CellKind::count : kind));
  } else if (const auto* t = std::get_if<scheduler::LocalDateTime>(&cell)) {
    lxw_datetime dt{t->date.year,
                    t->date.month,
                    t->date.day,
                    t->time.seconds / 3600,
                    t->time.seconds / 60 % 60,
                    static_cast<double>(t->time.seconds % 60)};
    worksheet_write_datetime(ws, row, col, &dt, kind == CellKind::date_time ? f.date_time : f.date);
  }
}

void write_sheet(lxw_workbook* book, const Sheet& sheet, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
  if (!ws) fail_runtime(Reason::io, sheet.name, "cannot add a worksheet");
  lxw_row_t row = 0;
  for (const auto& [label, value] : sheet.notes) {
    worksheet_write_string(ws, row, 0, label.c_str(), f.note);
    write_cell(ws, row, 1, value,
               std::holds_alternative<scheduler::LocalDateTime>(value) ? CellKind::date : CellKind::count, f);
    ++row;
  }
  if (!sheet.notes.empty()) ++row;
  const lxw_row_t header_row = row;
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_write_string(ws, row, col, sheet.columns[c].header.c_str(), f.header);
    worksheet_set_column(ws, col, col, sheet.columns[c].width, nullptr);
  }
  for (const auto& cells : sheet.rows) {
    ++row;
    for (std::size_t c = 0; c < cells.size() && c < sheet.columns.size(); ++c)
      write_cell(ws, row, static_cast<lxw_col_t>(c), cells[c], sheet.columns[c].kind, f);
  }
  worksheet_freeze_panes(ws, header_row + 1, 0);
  if (!sheet.rows.empty())
    worksheet_autofilter(ws, header_row, 0, row, static_cast<lxw_col_t>(sheet.columns.size() - 1));
}

}  // namespace

void write_report_xlsx(const std::vector<Sheet>& sheets, const std::filesystem::path& out) {
  const auto folder = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  const auto temp = folder / ("." + out.filename().string() + ".tmp");
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* book = workbook_new_opt(temp.c_str(), &options);
  if (!book) fail_runtime(Reason::io, out.string(), "cannot create the workbook");
  const Formats f = make_formats(book);
  for (const auto& sheet : sheets) write_sheet(book, sheet, f);
  const lxw_error closed = workbook_close(book);
  std::error_code ec;
  if (closed != LXW_NO_ERROR) {
    std::filesystem::remove(temp, ec);
    fail_runtime(Reason::io, out.string(), std::string("cannot write the workbook: ") + lxw_strerror(closed));
  }
  std::filesystem::rename(temp, out, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    fail_runtime(Reason::io, out.string(), "cannot write: " + ec.message());
  }
  fsync_directory(folder);
}

}  // namespace gatecast::content

#include "adapters/pdf/block_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "adapters/pdf/page_geometry.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;

constexpr double kParagraphSpace = 5.0;
constexpr double kTableSpace = 6.0;
constexpr double kCellPaddingX = 3.0;
constexpr double kCellPaddingY = 2.5;
constexpr double kRuleWidth = 0.5;
constexpr double kRuleGray = 0.8;
constexpr double kHeaderFillGray = 0.92;
constexpr double kLabelShare = 0.35;  // of the width, for key/value labels

common::Result<void> CheckText(const std::string& text, const char* what) {
  if (!IsValidUtf8(text)) {
    return common::Fail(ErrorCode::kInvalidArgument, std::string(what) + " is not valid UTF-8");
  }
  return common::Ok();
}

bool IsFieldName(const std::string& name) {
  // A plain partial field name: no '.', which PDF uses to separate the parts of a full name.
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

void HorizontalRule(cairo_t* cr, double left, double width, double y) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, kRuleGray, kRuleGray, kRuleGray);
  cairo_set_line_width(cr, kRuleWidth);
  cairo_move_to(cr, left, y);
  cairo_line_to(cr, left + width, y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

class BlockLayouter {
 public:
  BlockLayouter(const TextFactory& text, double left, double width, std::vector<Fragment>& out)
      : text_(text), left_(left), width_(width), out_(out) {}

  void operator()(const app::PdfHeading& heading) {
    const bool section = heading.level <= 1;
    auto layout =
        text_.Layout(heading.text, section ? styles::kHeading1 : styles::kHeading2, width_);
    const double text_height = LayoutHeight(layout.get());
    Fragment fragment;
    fragment.space_before = section ? 14.0 : 9.0;
    fragment.height = text_height + (section ? 5.0 : 3.0);
    fragment.keep_with_next = true;
    fragment.draw = [layout, section, text_height, left = left_, width = width_](DrawTarget& target,
                                                                                 double top) {
      DrawLayout(target.cr, layout.get(), left, top);
      if (section) HorizontalRule(target.cr, left, width, top + text_height + 2.0);
    };
    out_.push_back(std::move(fragment));
  }

  // One fragment per line, so that a long paragraph continues on the next page.
  void operator()(const app::PdfParagraph& paragraph) {
    auto layout =
        text_.Layout(paragraph.text, paragraph.small ? styles::kSmall : styles::kBody, width_);
    PangoLayoutIterPtr iter(pango_layout_get_iter(layout.get()));
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double line_x = static_cast<double>(logical.x) / PANGO_SCALE;
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(iter.get())) / PANGO_SCALE;
      Fragment fragment;
      fragment.space_before = index == 0 ? kParagraphSpace : 0.0;
      fragment.height = static_cast<double>(logical.height) / PANGO_SCALE;
      fragment.draw = [layout, index, line_x, ascent = baseline - line_top, left = left_](
                          DrawTarget& target, double top) {
        cairo_move_to(target.cr, left + line_x, top + ascent);
        pango_cairo_show_layout_line(target.cr,
                                     pango_layout_get_line_readonly(layout.get(), index));
      };
      out_.push_back(std::move(fragment));
      ++index;
    } while (pango_layout_iter_next_line(iter.get()));
  }

  void operator()(const app::PdfKeyValueTable& table) {
    const double label_width = width_ * kLabelShare;
    const double value_left = label_width + 2 * kCellPaddingX;
    const double value_width = width_ - value_left - kCellPaddingX;
    bool first = true;
    for (const auto& row : table.rows) {
      auto label = text_.Layout(row.label, styles::kLabel, label_width);
      auto value = text_.Layout(row.value, styles::kCell, value_width);
      Fragment fragment;
      fragment.space_before = first ? kTableSpace : 0.0;
      fragment.height =
          std::max(LayoutHeight(label.get()), LayoutHeight(value.get())) + 2 * kCellPaddingY;
      fragment.draw = [label, value, first, value_left, height = fragment.height, left = left_,
                       width = width_](DrawTarget& target, double top) {
        if (first) HorizontalRule(target.cr, left, width, top);
        DrawLayout(target.cr, label.get(), left + kCellPaddingX, top + kCellPaddingY);
        DrawLayout(target.cr, value.get(), left + value_left, top + kCellPaddingY);
        HorizontalRule(target.cr, left, width, top + height);
      };
      out_.push_back(std::move(fragment));
      first = false;
    }
  }

  void operator()(const app::PdfTable& table) {
    const double total = std::accumulate(
        table.columns.begin(), table.columns.end(), 0.0,
        [](double sum, const app::PdfTableColumn& c) { return sum + c.relative_width; });
    std::vector<double> lefts;
    std::vector<double> widths;
    double x = 0;
    for (const auto& column : table.columns) {
      const double w = width_ * column.relative_width / total;
      lefts.push_back(x);
      widths.push_back(w);
      x += w;
    }
    std::vector<std::string> headers;
    for (const auto& column : table.columns) headers.push_back(column.header);
    const std::size_t header_index = out_.size();
    out_.push_back(Row(headers, table.columns, lefts, widths, /*header=*/true));
    out_.back().space_before = kTableSpace;
    out_.back().keep_with_next = true;
    for (const auto& cells : table.rows) {
      out_.push_back(Row(cells, table.columns, lefts, widths, /*header=*/false));
      out_.back().repeat_header = header_index;
    }
  }

  void operator()(const app::PdfSpacer& spacer) {
    Fragment fragment;
    fragment.space_before = Mm(std::max(0.0, spacer.height_mm));
    fragment.draw = [](DrawTarget&, double) {};
    out_.push_back(std::move(fragment));
  }

  void operator()(const app::PdfSignatureBox& box) {
    const double box_width = std::min(Mm(box.width_mm), width_);
    const double box_height = Mm(box.height_mm);
    auto caption = text_.Layout(box.caption, styles::kBody, width_);
    auto name = text_.Layout(box.signer_name, styles::kSmall, box_width);
    const double caption_height = box.caption.empty() ? 0.0 : LayoutHeight(caption.get()) + 3.0;
    Fragment fragment;
    fragment.space_before = 10.0;
    fragment.height = caption_height + box_height + 2.0 + LayoutHeight(name.get());
    fragment.draw = [caption, name, caption_height, box_width, box_height, field = box.field_name,
                     left = left_](DrawTarget& target, double top) {
      cairo_t* cr = target.cr;
      DrawLayout(cr, caption.get(), left, top);
      const double box_top = top + caption_height;
      cairo_save(cr);
      cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
      cairo_set_line_width(cr, 0.8);
      cairo_rectangle(cr, left, box_top, box_width, box_height);
      cairo_stroke(cr);
      cairo_restore(cr);
      DrawLayout(cr, name.get(), left, box_top + box_height + 2.0);
      if (target.signature_fields != nullptr) {
        target.signature_fields->push_back(
            {field, target.page, left, box_top, box_width, box_height});
      }
    };
    out_.push_back(std::move(fragment));
  }

 private:
  Fragment Row(const std::vector<std::string>& cells,
               const std::vector<app::PdfTableColumn>& columns, const std::vector<double>& lefts,
               const std::vector<double>& widths, bool header) {
    std::vector<PangoLayoutShared> layouts;
    double height = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const TextStyle& style = header                 ? styles::kTableHeader
                               : columns[c].monospace ? styles::kMonoCell
                                                      : styles::kCell;
      layouts.push_back(
          text_.Layout(cells[c], style, std::max(1.0, widths[c] - 2 * kCellPaddingX)));
      height = std::max(height, LayoutHeight(layouts.back().get()));
    }
    Fragment fragment;
    fragment.height = height + 2 * kCellPaddingY;
    fragment.draw = [layouts = std::move(layouts), lefts, header, height = fragment.height,
                     left = left_, width = width_](DrawTarget& target, double top) {
      cairo_t* cr = target.cr;
      if (header) {
        cairo_save(cr);
        cairo_set_source_rgb(cr, kHeaderFillGray, kHeaderFillGray, kHeaderFillGray);
        cairo_rectangle(cr, left, top, width, height);
        cairo_fill(cr);
        cairo_restore(cr);
      }
      for (std::size_t c = 0; c < layouts.size(); ++c) {
        DrawLayout(cr, layouts[c].get(), left + lefts[c] + kCellPaddingX, top + kCellPaddingY);
      }
      HorizontalRule(cr, left, width, top + height);
    };
    return fragment;
  }

  const TextFactory& text_;
  const double left_;
  const double width_;
  std::vector<Fragment>& out_;
};

class BlockValidator {
 public:
  common::Result<void> operator()(const app::PdfHeading& heading) const {
    if (heading.level < 1 || heading.level > 2) {
      return common::Fail(ErrorCode::kInvalidArgument, "heading level must be 1 or 2");
    }
    return CheckText(heading.text, "a heading");
  }
  common::Result<void> operator()(const app::PdfParagraph& paragraph) const {
    return CheckText(paragraph.text, "a paragraph");
  }
  common::Result<void> operator()(const app::PdfKeyValueTable& table) const {
    for (const auto& row : table.rows) {
      if (auto ok = CheckText(row.label, "a table label"); !ok) return ok;
      if (auto ok = CheckText(row.value, "a table value"); !ok) return ok;
    }
    return common::Ok();
  }
  common::Result<void> operator()(const app::PdfTable& table) const {
    if (table.columns.empty()) {
      return common::Fail(ErrorCode::kInvalidArgument, "a table needs at least one column");
    }
    for (const auto& column : table.columns) {
      if (!(column.relative_width > 0.0) || !std::isfinite(column.relative_width)) {
        return common::Fail(ErrorCode::kInvalidArgument, "a column width must be positive");
      }
      if (auto ok = CheckText(column.header, "a column header"); !ok) return ok;
    }
    for (const auto& row : table.rows) {
      if (row.size() != table.columns.size()) {
        return common::Fail(ErrorCode::kInvalidArgument,
                            "a table row has " + std::to_string(row.size()) + " cells for " +
                                std::to_string(table.columns.size()) + " columns");
      }
      for (const auto& cell : row) {
        if (auto ok = CheckText(cell, "a table cell"); !ok) return ok;
      }
    }
    return common::Ok();
  }
  common::Result<void> operator()(const app::PdfSpacer& spacer) const {
    if (!std::isfinite(spacer.height_mm)) {
      return common::Fail(ErrorCode::kInvalidArgument, "a spacer height must be finite");
    }
    return common::Ok();
  }
  common::Result<void> operator()(const app::PdfSignatureBox& box) const {
    if (!IsFieldName(box.field_name)) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          "a signature field name must be 1 to 64 ASCII letters, digits, '-' or "
                          "'_'");
    }
    if (!(box.width_mm > 0.0) || !(box.height_mm > 0.0) || !std::isfinite(box.width_mm) ||
        !std::isfinite(box.height_mm)) {
      return common::Fail(ErrorCode::kInvalidArgument, "a signature box needs a positive size");
    }
    if (auto ok = CheckText(box.caption, "a signature caption"); !ok) return ok;
    return CheckText(box.signer_name, "a signer name");
  }
};

}  // namespace

common::Result<void> ValidateBlock(const app::PdfBlock& block) {
  return std::visit(BlockValidator{}, block);
}

void LayoutBlock(const app::PdfBlock& block, const TextFactory& text, double left, double width,
                 std::vector<Fragment>& out) {
  std::visit(BlockLayouter(text, left, width, out), block);
}

}  // namespace sealpost::adapters::pdf

// BlockLayout: cuts the document model's blocks (headings, paragraphs, key/value tables, tables,
// spacers, signature boxes) into page-flow fragments at the content width, with their drawing.
// The only place that knows how each block looks. Thread-safety: used by one Render call.
#pragma once

#include <vector>

#include "adapters/pdf/page_flow.hpp"
#include "adapters/pdf/pdf_text.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

// Refuses what cannot be laid out faithfully (kInvalidArgument): text that is not UTF-8, a table
// row whose cell count differs from its columns, a table without columns, a signature field name
// that is not a plain PDF field name.
common::Result<void> ValidateBlock(const app::PdfBlock& block);

// Appends the fragments of `block` (already validated) to `out`.
void LayoutBlock(const app::PdfBlock& block, const TextFactory& text, double left, double width,
                 std::vector<Fragment>& out);

}  // namespace sealpost::adapters::pdf

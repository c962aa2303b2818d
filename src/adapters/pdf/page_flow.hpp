// PageFlow: the renderer's pagination. The document is first cut into fragments — pieces that are
// never split across pages (a line of a paragraph, a table row, a signature box) — each knowing
// its height and how to draw itself; Paginate then places them top to bottom on as many pages as
// needed, so that the page count is known before the first page is drawn ("n / N" footers).
// Rules: space before a fragment is dropped at the top of a page; a fragment marked
// keep_with_next moves to the next page together with the fragment after it (headings, table
// headers; chains of them move together); a fragment may name a header fragment that is drawn again
// above it when it starts a page (table headers repeat). Pure layout arithmetic; thread-safety:
// values owned by one Render.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

// cairo's own declaration, repeated so that the pagination (and its tests) need no cairo headers.
typedef struct _cairo cairo_t;

namespace sealpost::adapters::pdf {

// Where a signature box was drawn, in cairo page coordinates (origin top-left, points).
struct SignatureFieldPlacement {
  std::string name;
  int page = 0;  // 0-based
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

struct DrawTarget {
  cairo_t* cr = nullptr;
  int page = 0;
  std::vector<SignatureFieldPlacement>* signature_fields = nullptr;
};

struct Fragment {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  std::optional<std::size_t> repeat_header;  // index of the fragment to redraw above this one
  std::function<void(DrawTarget& target, double top)> draw;
};

struct PlacedFragment {
  std::size_t fragment = 0;
  double top = 0;
};

// pages[i] lists what page i shows, top to bottom.
struct PageFlow {
  std::vector<std::vector<PlacedFragment>> pages;
};

// Places `fragments` between `top` and `bottom` of each page (points, cairo coordinates).
// kInvalidArgument when a fragment is taller than a whole page: it could only be cut off.
common::Result<PageFlow> Paginate(const std::vector<Fragment>& fragments, double top,
                                  double bottom);

}  // namespace sealpost::adapters::pdf

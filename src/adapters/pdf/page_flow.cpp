#include "adapters/pdf/page_flow.hpp"

namespace sealpost::adapters::pdf {

common::Result<PageFlow> Paginate(const std::vector<Fragment>& fragments, double top,
                                  double bottom) {
  const double page_height = bottom - top;
  PageFlow flow;
  flow.pages.emplace_back();
  double y = top;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    const Fragment& fragment = fragments[i];
    const Fragment* header = fragment.repeat_header ? &fragments[*fragment.repeat_header] : nullptr;
    const double header_height = header != nullptr ? header->height : 0.0;
    if (fragment.height + header_height > page_height) {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "a table row or box is taller than a page");
    }
    const bool page_empty = flow.pages.back().empty();
    double space = page_empty ? 0.0 : fragment.space_before;
    // Keep a heading with what follows it — through a chain of such fragments (a heading, then a
    // table header, then the first row) — unless the chain could never fit on one page.
    double needed = space + fragment.height;
    double chain = fragment.height;
    for (std::size_t j = i; fragments[j].keep_with_next && j + 1 < fragments.size(); ++j) {
      chain += fragments[j + 1].space_before + fragments[j + 1].height;
    }
    if (chain <= page_height) needed = space + chain;
    if (!page_empty && y + needed > bottom) {
      flow.pages.emplace_back();
      y = top;
      space = 0.0;
      if (header != nullptr) {
        flow.pages.back().push_back({*fragment.repeat_header, y});
        y += header->height;
      }
    }
    y += space;
    flow.pages.back().push_back({i, y});
    y += fragment.height;
  }
  return flow;
}

}  // namespace sealpost::adapters::pdf

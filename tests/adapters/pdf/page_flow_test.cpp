// Paginate: the page-breaking rules every document relies on, with fragments of known heights.
#include "adapters/pdf/page_flow.hpp"

#include <gtest/gtest.h>

namespace sealpost::adapters::pdf {
namespace {

constexpr double kTop = 100;
constexpr double kBottom = 200;  // 100 points of content per page

Fragment Piece(double height, double space_before = 0, bool keep_with_next = false) {
  Fragment fragment;
  fragment.height = height;
  fragment.space_before = space_before;
  fragment.keep_with_next = keep_with_next;
  return fragment;
}

std::vector<std::size_t> Indices(const std::vector<PlacedFragment>& page) {
  std::vector<std::size_t> indices;
  for (const auto& placed : page) indices.push_back(placed.fragment);
  return indices;
}

TEST(PageFlowTest, FillsAPageThenBreaksAndDropsSpaceAtTheTopOfTheNextPage) {
  auto flow = Paginate({Piece(40), Piece(40, 10), Piece(30, 10)}, kTop, kBottom);
  ASSERT_TRUE(flow.has_value());
  ASSERT_EQ(flow->pages.size(), 2u);
  EXPECT_EQ(Indices(flow->pages[0]), (std::vector<std::size_t>{0, 1}));
  EXPECT_DOUBLE_EQ(flow->pages[0][1].top, kTop + 40 + 10);
  EXPECT_EQ(Indices(flow->pages[1]), (std::vector<std::size_t>{2}));
  EXPECT_DOUBLE_EQ(flow->pages[1][0].top, kTop);  // its 10 points of space are dropped
}

TEST(PageFlowTest, AHeadingIsNeverLeftAloneAtTheBottomOfAPage) {
  // 70 used; a 10-point heading would fit, but not with the 30-point paragraph after it.
  auto flow = Paginate({Piece(70), Piece(10, 0, true), Piece(30)}, kTop, kBottom);
  ASSERT_TRUE(flow.has_value());
  ASSERT_EQ(flow->pages.size(), 2u);
  EXPECT_EQ(Indices(flow->pages[1]), (std::vector<std::size_t>{1, 2}));
}

TEST(PageFlowTest, AHeadingTableHeaderAndFirstRowMoveTogether) {
  // heading (keep) + table header (keep) + first row: 10 + 10 + 20 do not fit in the 30 left.
  auto flow =
      Paginate({Piece(70), Piece(10, 0, true), Piece(10, 0, true), Piece(20)}, kTop, kBottom);
  ASSERT_TRUE(flow.has_value());
  ASSERT_EQ(flow->pages.size(), 2u);
  EXPECT_EQ(Indices(flow->pages[0]), (std::vector<std::size_t>{0}));
}

TEST(PageFlowTest, TableHeadersAreRepeatedAboveRowsThatStartANewPage) {
  std::vector<Fragment> fragments{Piece(10, 0, true)};  // the header, index 0
  for (int i = 0; i < 5; ++i) {
    fragments.push_back(Piece(30));
    fragments.back().repeat_header = 0;
  }
  auto flow = Paginate(fragments, kTop, kBottom);
  ASSERT_TRUE(flow.has_value());
  ASSERT_EQ(flow->pages.size(), 2u);
  EXPECT_EQ(Indices(flow->pages[0]), (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(Indices(flow->pages[1]), (std::vector<std::size_t>{0, 4, 5}));
  EXPECT_DOUBLE_EQ(flow->pages[1][1].top, kTop + 10);
}

TEST(PageFlowTest, AFragmentTallerThanAPageIsRefusedRatherThanCutOff) {
  auto flow = Paginate({Piece(10), Piece(101)}, kTop, kBottom);
  ASSERT_FALSE(flow.has_value());
  EXPECT_EQ(flow.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::pdf

// Where things go on the ticket: blocks stacked without gaps, everything
// within the paper on both widths, sizes, wrapping, and a table of refused
// slips.
#include "devices/ticket_printer/slip_layout.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "ticket_printer/sample_slip.h"

namespace devices::printer {
namespace {

using samples::sampleSlip;

std::vector<const TextLine*> linesOf(const SlipLayout& layout, const std::string& field) {
  std::vector<const TextLine*> out;
  for (const SlipBlock& block : layout.blocks) {
    const auto* line = std::get_if<TextLine>(&block.content);
    if (line != nullptr && line->field == field) out.push_back(line);
  }
  return out;
}

class SlipLayoutOnPaper : public testing::TestWithParam<PaperWidth> {};

TEST_P(SlipLayoutOnPaper, StacksBlocksWithoutGapsOrOverlaps) {
  const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), GetParam());
  ASSERT_TRUE(layout.ok()) << layout.error().describe();
  int expected_top = 0;
  for (const SlipBlock& block : layout->blocks) {
    EXPECT_EQ(block.top, expected_top);
    EXPECT_GT(block.height, 0);
    expected_top += block.height;
  }
  EXPECT_EQ(layout->height, expected_top);
}

TEST_P(SlipLayoutOnPaper, FitsEveryLineAndTheQrCodeWithinThePaper) {
  TicketSlip slip = sampleSlip();
  slip.hall_name = "上海市长宁区人民政府行政服务中心（天山路分中心）综合受理窗口";
  slip.notice = std::string(120, 'N') + "请留意叫号屏幕及手机通知，过号请重新取号";
  const PrintResult<SlipLayout> layout = layoutSlip(slip, GetParam());
  ASSERT_TRUE(layout.ok()) << layout.error().describe();
  EXPECT_EQ(layout->dots_across, GetParam() == PaperWidth::k58mm ? 384 : 576);
  bool saw_qr = false;
  for (const SlipBlock& block : layout->blocks) {
    if (const auto* line = std::get_if<TextLine>(&block.content)) {
      EXPECT_LE(line->dotsWide(), layout->dots_across) << line->field;
      EXPECT_GE(leftOf(*line, layout->dots_across), 0);
      EXPECT_EQ(block.height, linePitch(line->scale));
      EXPECT_GE(block.height, kCellHeight * line->scale);
    } else if (const auto* qr = std::get_if<QrImage>(&block.content)) {
      saw_qr = true;
      EXPECT_LE((qr->dotsWide() + 7) / 8 * 8, layout->dots_across);
      EXPECT_GE(leftOf(*qr, layout->dots_across), 0);
      EXPECT_EQ(block.height, qr->dotsWide());
    }
  }
  EXPECT_TRUE(saw_qr);
  EXPECT_GT(linesOf(*layout, "hall_name").size(), 1u) << "a long hall name wraps";
  EXPECT_GT(linesOf(*layout, "notice").size(), 1u) << "a long notice wraps";
}

INSTANTIATE_TEST_SUITE_P(Widths, SlipLayoutOnPaper,
                         testing::Values(PaperWidth::k58mm, PaperWidth::k80mm),
                         [](const testing::TestParamInfo<PaperWidth>& info) {
                           return info.param == PaperWidth::k58mm ? "Paper58mm" : "Paper80mm";
                         });

TEST(SlipLayout, SetsTheNumberLargeAndBold) {
  const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  const std::vector<const TextLine*> number = linesOf(*layout, "number");
  ASSERT_EQ(number.size(), 1u);
  EXPECT_EQ(number[0]->text, U"A001");
  EXPECT_GE(number[0]->scale, 3);
  EXPECT_TRUE(number[0]->bold);
  for (const char* smaller : {"hall_name", "queue_name", "ahead", "notice"}) {
    for (const TextLine* line : linesOf(*layout, smaller)) {
      EXPECT_LT(line->scale, number[0]->scale) << smaller;
    }
  }
}

TEST(SlipLayout, SetsALongNumberSmallerRatherThanWrapIt) {
  TicketSlip slip = sampleSlip();
  slip.number = "VIP-20261129-0001";  // 17 narrow cells: 204 dots at scale 1
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  const std::vector<const TextLine*> number = linesOf(*layout, "number");
  ASSERT_EQ(number.size(), 1u);
  EXPECT_EQ(number[0]->scale, 1);  // 408 dots at scale 2 would not fit 384
}

TEST(SlipLayout, PrintsTheFactsInChinese) {
  const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(linesOf(*layout, "ahead").at(0)->text, U"前面还有 3 人");
  EXPECT_EQ(linesOf(*layout, "estimated_wait_minutes").at(0)->text, U"预计等候约 12 分钟");
  EXPECT_EQ(linesOf(*layout, "issued_at").at(0)->text, U"取号时间 2026-11-29 09:03");
}

TEST(SlipLayout, BreaksTheNoticeAtNewlines) {
  TicketSlip slip = sampleSlip();
  slip.notice = "过号请重新取号\n谢谢配合";
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k80mm);
  ASSERT_TRUE(layout.ok());
  const std::vector<const TextLine*> notice = linesOf(*layout, "notice");
  ASSERT_EQ(notice.size(), 2u);
  EXPECT_EQ(notice[0]->text, U"过号请重新取号");
  EXPECT_EQ(notice[1]->text, U"谢谢配合");
}

TEST(SlipLayout, WrapsAfterPunctuationRatherThanMidPhrase) {
  TicketSlip slip = sampleSlip();
  // 16 wide cells fill a 58 mm line; the comma after the 13th is the break.
  slip.notice = "请留意叫号屏幕及手机通知，过号请重新取号";
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  const std::vector<const TextLine*> notice = linesOf(*layout, "notice");
  ASSERT_EQ(notice.size(), 2u);
  EXPECT_EQ(notice[0]->text, U"请留意叫号屏幕及手机通知，");
  EXPECT_EQ(notice[1]->text, U"过号请重新取号");
}

TEST(SlipLayout, BreaksAnywhereWhenNoPunctuationIsNearTheEnd) {
  TicketSlip slip = sampleSlip();
  slip.notice = "一，二三四五六七八九十一二三四五六七八九十";  // the comma is too early
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  const std::vector<const TextLine*> notice = linesOf(*layout, "notice");
  ASSERT_EQ(notice.size(), 2u);
  EXPECT_EQ(notice[0]->text, U"一，二三四五六七八九十一二三四五");
  EXPECT_EQ(notice[1]->text, U"六七八九十");
}

TEST(SlipLayout, LeavesOutOptionalLinesThatAreEmpty) {
  TicketSlip slip = sampleSlip();
  slip.notice.clear();
  slip.issued_at.clear();
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  EXPECT_TRUE(linesOf(*layout, "notice").empty());
  EXPECT_TRUE(linesOf(*layout, "issued_at").empty());
}

TEST(SlipLayout, GivesTheWiderPaperALargerQrCode) {
  const auto moduleDots = [](PaperWidth width) {
    const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), width);
    for (const SlipBlock& block : layout->blocks) {
      if (const auto* qr = std::get_if<QrImage>(&block.content)) return qr->module_dots;
    }
    return 0;
  };
  EXPECT_GE(moduleDots(PaperWidth::k58mm), 3);
  EXPECT_GT(moduleDots(PaperWidth::k80mm), moduleDots(PaperWidth::k58mm));
}

struct Refusal {
  const char* name;
  void (*spoil)(TicketSlip&);
  std::string field;
  std::string message_part;
};

class SlipLayoutRefuses : public testing::TestWithParam<Refusal> {};

TEST_P(SlipLayoutRefuses, NamingTheField) {
  TicketSlip slip = sampleSlip();
  GetParam().spoil(slip);
  const PrintResult<SlipLayout> layout = layoutSlip(slip, PaperWidth::k58mm);
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.error().field, GetParam().field);
  EXPECT_NE(layout.error().message.find(GetParam().message_part), std::string::npos)
      << layout.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Slips, SlipLayoutRefuses,
    testing::Values(
        Refusal{"EmptyNumber", [](TicketSlip& s) { s.number.clear(); }, "number", "empty"},
        Refusal{"NegativeAhead", [](TicketSlip& s) { s.ahead = -1; }, "ahead", "negative"},
        Refusal{"NegativeWait", [](TicketSlip& s) { s.estimated_wait_minutes = -5; },
                "estimated_wait_minutes", "negative"},
        Refusal{"LoneSurrogate", [](TicketSlip& s) { s.queue_name = "商事\xED\xB0\x80"; },
                "queue_name", "UTF-8"},
        Refusal{"BrokenUtf8", [](TicketSlip& s) { s.hall_name = "长宁\xE5"; }, "hall_name",
                "UTF-8"},
        // ESC @ inside a text would reset the printer mid-ticket.
        Refusal{"EscapeInText", [](TicketSlip& s) { s.hall_name = "长宁\x1B@"; }, "hall_name",
                "U+001B"},
        Refusal{"NewlineInNumber", [](TicketSlip& s) { s.number = "A0\n01"; }, "number", "U+000A"},
        Refusal{"EmptyUrl", [](TicketSlip& s) { s.status_url.clear(); }, "status_url", "empty"},
        Refusal{"UrlNoQrCodeHolds", [](TicketSlip& s) { s.status_url.assign(3000, 'u'); },
                "status_url", "too long"},
        // Fits a QR code, but only with modules too small to scan on 58 mm.
        Refusal{"UrlTooLongForThePaper", [](TicketSlip& s) { s.status_url.assign(600, 'u'); },
                "status_url", "modules"}),
    [](const testing::TestParamInfo<Refusal>& info) { return info.param.name; });

}  // namespace
}  // namespace devices::printer

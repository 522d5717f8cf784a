#include "tools/testbed/feed_dump.hpp"

#include <gtest/gtest.h>

#include "common/itch/messages.hpp"

namespace vtb::tools {
namespace {

TEST(FeedDump, DescribesItchMessagesFieldByField) {
  itch::AddOrder add{{1, 0, 5}, 7, 'S', 500, itch::make_symbol("ACME"), 1'000'100};
  char bytes[itch::AddOrder::kSize];
  itch::encode(add, bytes);
  EXPECT_EQ(describe_itch(std::string_view(bytes, sizeof bytes)),
            "A stock_locate=1 tracking_number=0 timestamp=5 order_reference=7 side=S shares=500 "
            "stock=ACME price=100.01");
  EXPECT_EQ(describe_itch(std::string_view(bytes, 10)), "A (10 bytes, expected 36)");
  EXPECT_EQ(describe_itch("?x"), "? (2 bytes)");
}

}  // namespace
}  // namespace vtb::tools

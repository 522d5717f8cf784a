// tools/wireshark/itch50.lua carries the ITCH layouts as a Lua table. It is generated from the
// layouts in common/itch/messages.hpp, and this test keeps it so: it renders the table from the
// layouts and fails when the file's copy differs. VTB_UPDATE_LAYOUTS=1 makes it rewrite the copy.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "common/itch/message_info.hpp"

namespace vtb::itch {
namespace {

const char* kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::integer:
      return "integer";
    case FieldKind::timestamp:
      return "timestamp";
    case FieldKind::price:
      return "price";
    case FieldKind::alpha:
      return "alpha";
  }
  return "?";
}

constexpr std::string_view kBegin = "-- BEGIN LAYOUTS";
constexpr std::string_view kEnd = "-- END LAYOUTS\n";

std::string rendered_layouts() {
  std::ostringstream lua;
  lua << kBegin << " (generated from common/itch/messages.hpp by tools/tests/itch50_lua_test.cpp,\n"
      << "-- which fails when they differ; VTB_UPDATE_LAYOUTS=1 rewrites this block). Each field:\n"
      << "-- {name, width in bytes, kind}, in wire order after the 1-byte message type; size is\n"
      << "-- the whole message's.\n"
      << "local LAYOUTS = {\n";
  for (const MessageInfo& m : message_infos()) {
    lua << "  " << m.type << " = { name = \"" << m.name << "\", size = " << m.size
        << ", fields = {\n";
    for (const FieldInfo& f : m.fields)
      lua << "    { \"" << f.name << "\", " << f.width << ", \"" << kind_name(f.kind) << "\" },\n";
    lua << "  } },\n";
  }
  lua << "}\n" << kEnd;
  return lua.str();
}

TEST(Itch50Lua, TheDissectorsLayoutsAreTheCodecs) {
  const std::string path = std::string(VTB_SOURCE_DIR) + "/tools/wireshark/itch50.lua";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string file((std::istreambuf_iterator<char>(in)), {});
  const std::size_t begin = file.find(kBegin);
  const std::size_t end = file.find(kEnd, begin);
  ASSERT_NE(begin, std::string::npos) << path << " has no '" << kBegin << "' line";
  ASSERT_NE(end, std::string::npos) << path << " has no '" << kEnd << "' line";
  const std::string in_file = file.substr(begin, end + kEnd.size() - begin);
  const std::string expected = rendered_layouts();
  if (in_file != expected && std::getenv("VTB_UPDATE_LAYOUTS") != nullptr) {
    file.replace(begin, in_file.size(), expected);
    std::ofstream(path) << file;
    GTEST_SKIP() << "rewrote the layouts in " << path;
  }
  EXPECT_EQ(in_file, expected) << path << "'s layouts differ from common/itch/messages.hpp";
}

// One name, one wire form: the dissector makes one ProtoField per name.
TEST(Itch50Lua, AFieldNameHasOneWidthAndKindInEveryMessage) {
  std::map<std::string_view, const FieldInfo*> seen;
  for (const MessageInfo& m : message_infos()) {
    for (const FieldInfo& f : m.fields) {
      const auto [it, first] = seen.emplace(f.name, &f);
      if (first) continue;
      EXPECT_EQ(it->second->width, f.width) << m.name << " " << f.name;
      EXPECT_EQ(it->second->kind, f.kind) << m.name << " " << f.name;
    }
  }
  EXPECT_EQ(message_infos().size(), 13u);
}

}  // namespace
}  // namespace vtb::itch

#pragma once
// The ITCH layouts (messages.hpp) as data, for tools that show or check messages field by field
// without knowing their types: the feed dump, the dissector tests. Not for hot paths.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/itch/messages.hpp"

namespace vtb::itch {

struct FieldInfo {
  std::string_view name;
  FieldKind kind;
  std::size_t offset;  // from the type byte
  std::size_t width;
};

struct MessageInfo {
  char type;
  std::string_view name;
  std::size_t size;
  std::vector<FieldInfo> fields;  // after the type byte, in wire order
};

// Every message type, in the specification's order.
const std::vector<MessageInfo>& message_infos();
// The type's layout, or nullptr for a type this library does not know.
const MessageInfo* message_info(char type);

// A field's value in a message at least offset + width long: an integer, timestamp or price as
// the number sent (prices with their 4 implied decimals); an alphanumeric without its padding.
std::uint64_t field_number(std::string_view message, const FieldInfo& field);
std::string_view field_text(std::string_view message, const FieldInfo& field);

}  // namespace vtb::itch

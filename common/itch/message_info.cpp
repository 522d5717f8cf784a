#include "common/itch/message_info.hpp"

namespace vtb::itch {

const std::vector<MessageInfo>& message_infos() {
  static const std::vector<MessageInfo> infos = [] {
    std::vector<MessageInfo> all;
    for_each_message([&]<class M>(M) {
      MessageInfo info{M::kType, M::kName, M::kSize, {}};
      for_each_field<M>(
          [&](std::string_view name, FieldKind kind, std::size_t offset, std::size_t width) {
            info.fields.push_back({name, kind, offset, width});
          });
      all.push_back(std::move(info));
    });
    return all;
  }();
  return infos;
}

const MessageInfo* message_info(char type) {
  for (const MessageInfo& info : message_infos()) {
    if (info.type == type) return &info;
  }
  return nullptr;
}

std::uint64_t field_number(std::string_view message, const FieldInfo& field) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < field.width; ++i)
    value = value << 8 | static_cast<unsigned char>(message[field.offset + i]);
  return value;
}

std::string_view field_text(std::string_view message, const FieldInfo& field) {
  return without_padding(message.substr(field.offset, field.width));
}

}  // namespace vtb::itch

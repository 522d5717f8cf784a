#pragma once
// A FIX data dictionary in QuickFIX's XML format, loaded at run time: fields with their types and
// enumerated values, the header and trailer, and each message's fields, groups and components
// (components are flattened into the message, as QuickFIX does). validate_message() checks a
// message against it the way QuickFIX's DataDictionary::validate does, and reports the first
// problem as a SessionRejectReason and the tag it concerns.

#include <bitset>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/fix/message_view.hpp"

namespace vtb::fix {

class DictionaryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class FieldType : std::uint8_t {
  String,
  MultipleValueString,  // space-separated enum values
  Char,
  Int,
  NumInGroup,  // an Int that opens a repeating group
  Float,
  Boolean,
  UtcTimestamp,
  UtcTimeOnly,
  UtcDateOnly,
  Data,
};

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::String;
  std::vector<std::string> values;  // enumerated values, sorted; empty: any
  bool single_char_values = false;  // every value is one character: checked in char_values
  std::bitset<256> char_values;
  // When every value fits 8 bytes: the values as integers (bytes little-endian, zero-padded),
  // sorted, so a check compares integers instead of strings.
  bool packed = false;
  std::vector<std::uint64_t> packed_values;
};

// `text` (at most 8 bytes) as an integer: the key of FieldSpec::packed_values.
inline std::uint64_t pack_value(std::string_view text) {
  std::uint64_t key = 0;
  for (std::size_t i = text.size(); i-- > 0;)
    key = (key << 8) | static_cast<unsigned char>(text[i]);
  return key;
}

struct GroupSpec;

// The fields one level of a message may hold: a body, the header, the trailer or a group. Sized
// by what it holds, not by the largest tag number: FIX50SP2.xml defines tags up to 50002 and
// flattens its components into hundreds of field sets, so a table indexed by tag would cost
// 50 KB a set (about 1 GB for that dictionary).
class FieldSet {
 public:
  static constexpr std::uint8_t kMember = 1, kRequired = 2, kOpensGroup = 4;

  FieldSet() = default;
  // `members`: tag -> required; `groups`: the members that open a repeating group.
  FieldSet(const std::map<int, bool>& members, const std::map<int, const GroupSpec*>& groups);

  // One byte says member, required, and opens a group: an open-addressing probe. No guard is
  // needed: the table always has an empty slot, whose tag 0 (and flags 0) ends any search.
  std::uint8_t flags_of(int tag) const {
    for (std::size_t i = slot_of(tag);; i = (i + 1) & mask_) {
      const Slot& slot = table_[i];
      if (slot.tag == tag) return slot.flags;
      if (slot.tag == 0) return 0;
    }
  }
  bool contains(int tag) const { return flags_of(tag) & kMember; }
  bool is_required(int tag) const { return flags_of(tag) & kRequired; }
  const GroupSpec* group(int tag) const;
  const std::vector<int>& required() const { return required_; }  // ascending
  // Every member, for building the dictionary's indexes (in no particular order).
  template <typename F>
  void for_each_member(F&& f) const {
    for (const Slot& slot : table_) {
      if (slot.tag != 0) f(slot.tag, (slot.flags & kRequired) != 0);
    }
  }

 private:
  struct Slot {
    std::int32_t tag = 0;  // 0: empty (tags are positive)
    std::uint8_t flags = 0;
  };
  // Fibonacci hashing: the top bits of the 32-bit product.
  std::size_t slot_of(int tag) const {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(tag) * 2654435761u) >> shift_;
  }

  std::vector<Slot> table_ = std::vector<Slot>(1);  // a power of two, at most half full
  std::size_t mask_ = 0;
  unsigned shift_ = 32;
  std::vector<std::pair<int, const GroupSpec*>> groups_;  // by count tag, ascending
  std::vector<int> required_;
};

struct GroupSpec {
  int delimiter = 0;  // first field of every instance
  FieldSet members;
};

class DataDictionary {
 public:
  DataDictionary() = default;
  DataDictionary(DataDictionary&&) = default;
  DataDictionary& operator=(DataDictionary&&) = default;
  // Not copyable: validation caches what it learns about messages under id(), and a copy would
  // share the id but not the memory.
  DataDictionary(const DataDictionary&) = delete;
  DataDictionary& operator=(const DataDictionary&) = delete;

  static DataDictionary load(const std::string& path);
  static DataDictionary parse(const std::string& xml, const std::string& name);

  // "FIX.4.4", "FIXT.1.1"; empty for an application dictionary of FIX 5.0 and later.
  const std::string& begin_string() const { return begin_string_; }
  const FieldSpec* field(int tag) const {
    const std::uint16_t index = check(tag).spec;
    return index == TagCheck::kNoSpec ? nullptr : &specs_[index];
  }
  const FieldSet* message(std::string_view msg_type) const;
  std::uint64_t id() const { return id_; }  // unique to each loaded dictionary, never reused

  // What the fast validation path needs of a tag, in four bytes: its type, where it may be, and
  // where its definition is.
  struct TagCheck {
    static constexpr std::uint8_t kDefined = 1, kHasValues = 2, kHeader = 4, kTrailer = 8,
                                  kHeaderRequired = 16, kTrailerRequired = 32;
    static constexpr std::uint16_t kNoSpec = 0xFFFF;
    FieldType type = FieldType::String;
    std::uint8_t flags = 0;
    std::uint16_t spec = kNoSpec;  // index into specs_
  };
  TagCheck check(int tag) const {
    return tag >= 0 && static_cast<std::size_t>(tag) < checks_.size() ? checks_[tag] : TagCheck{};
  }
  const FieldSet& header() const { return header_; }
  const FieldSet& trailer() const { return trailer_; }
  bool is_header_field(int tag) const { return header_.contains(tag); }
  bool is_trailer_field(int tag) const { return trailer_.contains(tag); }
  std::size_t tag_limit() const { return checks_.size(); }  // every defined tag is below this

 private:
  void build_indexes();  // checks_ and message_index_, once loaded

  std::uint64_t id_ = 0;
  std::string begin_string_;
  std::vector<TagCheck> checks_;                                          // by tag
  std::vector<std::pair<std::uint64_t, const FieldSet*>> message_index_;  // packed MsgType, sorted
  std::vector<FieldSpec> specs_;  // the defined fields, ascending by tag
  std::map<std::string, FieldSet, std::less<>> messages_;
  // Every repeating group, once for each place the XML defines it: a component's groups are
  // shared by every message that includes the component. A deque keeps their addresses.
  std::deque<GroupSpec> groups_;
  FieldSet header_;
  FieldSet trailer_;
  friend class DictionaryLoader;
};

struct ValidationError {
  int reason;   // SessionRejectReason (373)
  int ref_tag;  // RefTagID (371), when has_ref_tag
  bool has_ref_tag;
};

struct ValidationOptions {
  bool check_fields_have_values = true;   // ValidateFieldsHaveValues
  bool check_user_defined_fields = true;  // ValidateUserDefinedFields (tags 5000 and up)
  // AllowUnknownMsgFields: tags below 5000 that the dictionary does not define, or does not
  // define for the message, are let through (their values are still checked when defined).
  bool allow_unknown_msg_fields = false;

  // Whether `tag` is exempt from the defined-tag and in-this-message checks, as QuickFIX's
  // DataDictionary::shouldCheckTag decides.
  bool unchecked(int tag) const {
    return tag < 5000 ? allow_unknown_msg_fields : !check_user_defined_fields;
  }
};

// `session` validates the header and trailer, `application` the body and the message type (the
// same dictionary for FIX 4.x; FIXT.1.1 and the application version for FIX 5.0 and later).
// Returns nullopt when the message is valid.
std::optional<ValidationError> validate_message(const MessageView& message,
                                                const DataDictionary& session,
                                                const DataDictionary& application,
                                                const ValidationOptions& options = {});

}  // namespace vtb::fix

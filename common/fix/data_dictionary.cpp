#include "common/fix/data_dictionary.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <pugixml.hpp>
#include <unordered_map>

#include "common/fix/header_fields.hpp"
#include "common/fix/utc_timestamp.hpp"

namespace vtb::fix {

// ---------------------------------------------------------------------------------------------
// Loading

class DictionaryLoader {
 public:
  DictionaryLoader(const pugi::xml_node& root, const std::string& name)
      : root_(root), name_(name) {}

  DataDictionary load() {
    DataDictionary d;
    std::map<int, FieldSpec> fields;  // by tag; a later definition of a tag replaces an earlier
    const std::string type = root_.attribute("type").as_string("FIX");
    const std::string major = root_.attribute("major").as_string();
    const std::string minor = root_.attribute("minor").as_string();
    if (major.empty() || minor.empty()) fail("<fix> needs major and minor attributes");
    if (type == "FIXT") {
      d.begin_string_ = "FIXT." + major + "." + minor;
    } else if (major < "5") {
      d.begin_string_ = "FIX." + major + "." + minor;
    }  // FIX 5.0 and later travel in FIXT.1.1: the application dictionary has no BeginString
    for (const auto& f : root_.child("fields").children("field")) {
      const int number = f.attribute("number").as_int(-1);
      const std::string field_name = f.attribute("name").as_string();
      if (number <= 0 || field_name.empty()) fail("a <field> needs a positive number and a name");
      FieldSpec spec;
      spec.name = field_name;
      // FIX 4.0 and 4.1 use CHAR for strings (QuickFIX reads it as STRING there).
      const bool before_fix42 = type != "FIXT" && (major + "." + minor) < "4.2";
      spec.type = type_of(f.attribute("type").as_string(), before_fix42);
      for (const auto& v : f.children("value"))
        spec.values.emplace_back(v.attribute("enum").as_string());
      std::sort(spec.values.begin(), spec.values.end());  // binary search when validating
      spec.single_char_values = spec.type != FieldType::MultipleValueString && !spec.values.empty();
      for (const auto& value : spec.values) {
        if (value.size() != 1) spec.single_char_values = false;
      }
      if (spec.single_char_values) {
        for (const auto& value : spec.values)
          spec.char_values.set(static_cast<unsigned char>(value[0]));
      }
      spec.packed = std::all_of(spec.values.begin(), spec.values.end(),
                                [](const std::string& v) { return v.size() <= 8; });
      if (spec.packed) {
        for (const auto& value : spec.values)
          spec.packed_values.push_back(pack_value(value));
        std::sort(spec.packed_values.begin(), spec.packed_values.end());
      }
      tags_by_name_[field_name] = number;
      fields[number] = std::move(spec);
    }
    if (fields.size() >= DataDictionary::TagCheck::kNoSpec) fail("more than 65534 fields");
    d.checks_.assign(fields.empty() ? 0 : static_cast<std::size_t>(fields.rbegin()->first) + 1u,
                     DataDictionary::TagCheck{});
    for (auto& [number, spec] : fields) {
      auto& check = d.checks_[static_cast<std::size_t>(number)];
      check.type = spec.type;
      check.flags = DataDictionary::TagCheck::kDefined |
                    (spec.values.empty() ? 0 : DataDictionary::TagCheck::kHasValues);
      check.spec = static_cast<std::uint16_t>(d.specs_.size());
      d.specs_.push_back(std::move(spec));
    }
    for (const auto& c : root_.child("components").children("component")) {
      components_[c.attribute("name").as_string()] = c;
    }
    dictionary_ = &d;
    Members header, trailer;
    add_members(root_.child("header"), header, true);
    add_members(root_.child("trailer"), trailer, true);
    // Framing fields belong to the header and trailer whatever the dictionary says (FIX 5.0
    // application dictionaries have an empty header): the validator relies on it.
    for (const int tag : {8, 9, 35})
      header.fields.try_emplace(tag, true);
    trailer.fields.try_emplace(10, true);
    d.header_ = header.build();
    d.trailer_ = trailer.build();
    for (const auto& m : root_.child("messages").children("message")) {
      Members members;
      add_members(m, members, true);
      d.messages_[m.attribute("msgtype").as_string()] = members.build();
    }
    d.build_indexes();
    return d;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw DictionaryError(name_ + ": " + why);
  }

  static FieldType type_of(std::string t, bool before_fix42) {
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::toupper(c); });
    if (t == "NUMINGROUP") return FieldType::NumInGroup;
    if (t == "INT" || t == "LENGTH" || t == "SEQNUM" || t == "TAGNUM" || t == "DAYOFMONTH") {
      return FieldType::Int;
    }
    if (t == "FLOAT" || t == "QTY" || t == "QUANTITY" || t == "PRICE" || t == "PRICEOFFSET" ||
        t == "AMT" || t == "PERCENTAGE") {
      return FieldType::Float;
    }
    if (t == "CHAR") return before_fix42 ? FieldType::String : FieldType::Char;
    if (t == "BOOLEAN") return FieldType::Boolean;
    if (t == "UTCTIMESTAMP" || t == "TIME") return FieldType::UtcTimestamp;
    if (t == "UTCTIMEONLY") return FieldType::UtcTimeOnly;
    if (t == "UTCDATEONLY" || t == "UTCDATE") return FieldType::UtcDateOnly;
    if (t == "DATA" || t == "XMLDATA") return FieldType::Data;
    if (t == "MULTIPLEVALUESTRING" || t == "MULTIPLESTRINGVALUE" || t == "MULTIPLECHARVALUE") {
      return FieldType::MultipleValueString;
    }
    return FieldType::String;
  }

  int tag_of(const pugi::xml_node& node) const {
    const std::string name = node.attribute("name").as_string();
    const auto it = tags_by_name_.find(name);
    if (it == tags_by_name_.end()) fail("field '" + name + "' is used but not defined in <fields>");
    return it->second;
  }

  // A field set while it is read: tag -> required, and the groups its members open.
  struct Members {
    std::map<int, bool> fields;
    std::map<int, const GroupSpec*> groups;
    FieldSet build() const { return FieldSet(fields, groups); }
  };

  // Fields, groups and components of `node` into `set`; `required` is false inside an optional
  // component, whose fields are then optional whatever they say.
  void add_members(const pugi::xml_node& node, Members& set, bool required) {
    for (const auto& child : node.children()) {
      const std::string kind = child.name();
      const bool says_required = std::string(child.attribute("required").as_string("N")) == "Y";
      if (kind == "field") {
        set.fields[tag_of(child)] = required && says_required;
      } else if (kind == "group") {
        const int tag = tag_of(child);
        set.fields[tag] = required && says_required;
        set.groups[tag] = group_of(child);
      } else if (kind == "component") {
        const std::string name = child.attribute("name").as_string();
        const auto it = components_.find(name);
        if (it == components_.end()) fail("component '" + name + "' is used but not defined");
        add_members(it->second, set, required && says_required);
      }
    }
  }

  // A group's members do not depend on where it is included (they are read as required as they
  // say), so each <group> element is built once, however many messages include it.
  const GroupSpec* group_of(const pugi::xml_node& node) {
    const auto known = groups_by_node_.find(node.internal_object());
    if (known != groups_by_node_.end()) return known->second;
    Members members;
    add_members(node, members, true);  // nested groups first: this may add to groups_by_node_
    const GroupSpec* built =
        &dictionary_->groups_.emplace_back(GroupSpec{first_tag(node), members.build()});
    groups_by_node_.emplace(node.internal_object(), built);
    return built;
  }

  // A group's delimiter: its first field, looking through a leading component.
  int first_tag(const pugi::xml_node& group) const {
    for (const auto& child : group.children()) {
      const std::string kind = child.name();
      if (kind == "field" || kind == "group") return tag_of(child);
      if (kind == "component") {
        const auto it = components_.find(child.attribute("name").as_string());
        if (it != components_.end()) return first_tag(it->second);
      }
    }
    return 0;
  }

  pugi::xml_node root_;
  std::string name_;
  DataDictionary* dictionary_ = nullptr;  // the one being loaded
  std::unordered_map<std::string, int> tags_by_name_;
  std::unordered_map<std::string, pugi::xml_node> components_;
  std::unordered_map<const void*, const GroupSpec*> groups_by_node_;
};

FieldSet::FieldSet(const std::map<int, bool>& members,
                   const std::map<int, const GroupSpec*>& groups)
    : groups_(groups.begin(), groups.end()) {
  std::size_t size = 8;
  unsigned bits = 3;
  while (size < 2 * members.size()) {
    size *= 2;
    ++bits;
  }
  table_.assign(size, Slot{});
  mask_ = size - 1;
  shift_ = 32 - bits;
  for (const auto& [tag, required] : members) {
    if (tag <= 0) continue;  // the loader only reads positive numbers
    if (required) required_.push_back(tag);
    std::size_t i = slot_of(tag);
    while (table_[i].tag != 0)
      i = (i + 1) & mask_;
    table_[i] = Slot{tag, static_cast<std::uint8_t>(kMember | (required ? kRequired : 0) |
                                                    (groups.contains(tag) ? kOpensGroup : 0))};
  }
}

const GroupSpec* FieldSet::group(int tag) const {
  const auto it = std::lower_bound(groups_.begin(), groups_.end(), tag,
                                   [](const auto& entry, int t) { return entry.first < t; });
  return it != groups_.end() && it->first == tag ? it->second : nullptr;
}

DataDictionary DataDictionary::parse(const std::string& xml, const std::string& name) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size());
  if (!result) {
    throw DictionaryError(name + ": not valid XML at byte " + std::to_string(result.offset) + ": " +
                          result.description());
  }
  const auto root = doc.child("fix");
  if (!root) throw DictionaryError(name + ": no <fix> element: not a QuickFIX data dictionary");
  return DictionaryLoader(root, name).load();
}

DataDictionary DataDictionary::load(const std::string& path) {
  pugi::xml_document doc;
  const auto result = doc.load_file(path.c_str());
  if (!result) {
    throw DictionaryError(path + ": cannot load the data dictionary: " + result.description());
  }
  const auto root = doc.child("fix");
  if (!root) throw DictionaryError(path + ": no <fix> element: not a QuickFIX data dictionary");
  return DictionaryLoader(root, path).load();
}

const FieldSet* DataDictionary::message(std::string_view msg_type) const {
  if (msg_type.empty()) return nullptr;
  if (msg_type.size() <= 8) {  // every such type is in the index
    const std::uint64_t key = pack_value(msg_type);
    const auto it =
        std::lower_bound(message_index_.begin(), message_index_.end(), key,
                         [](const auto& entry, std::uint64_t k) { return entry.first < k; });
    return it != message_index_.end() && it->first == key ? it->second : nullptr;
  }
  const auto it = messages_.find(msg_type);
  return it == messages_.end() ? nullptr : &it->second;
}

void DataDictionary::build_indexes() {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
  const auto mark = [&](const FieldSet& set, std::uint8_t where, std::uint8_t required) {
    set.for_each_member([&](int tag, bool req) {
      if (checks_.size() <= static_cast<std::size_t>(tag)) checks_.resize(tag + 1u);
      checks_[static_cast<std::size_t>(tag)].flags |= where | (req ? required : 0);
    });
  };
  mark(header_, TagCheck::kHeader, TagCheck::kHeaderRequired);
  mark(trailer_, TagCheck::kTrailer, TagCheck::kTrailerRequired);
  message_index_.clear();
  for (const auto& [type, set] : messages_) {
    if (type.size() <= 8 && !type.empty()) message_index_.emplace_back(pack_value(type), &set);
  }
  std::sort(message_index_.begin(), message_index_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

// ---------------------------------------------------------------------------------------------
// Validation

namespace {

constexpr int kInvalidTagNumber = 0;
constexpr int kRequiredTagMissing = 1;
constexpr int kTagNotDefinedForMessage = 2;
constexpr int kTagWithoutValue = 4;
constexpr int kValueIncorrect = 5;
constexpr int kIncorrectDataFormat = 6;
constexpr int kInvalidMsgType = 11;
constexpr int kTagAppearsMoreThanOnce = 13;
constexpr int kTagOutOfOrder = 14;
constexpr int kGroupCountMismatch = 16;

struct RawField {
  int tag;
  std::string_view value;
};

// One level of a parsed message: its fields, and the instances of each group it holds.
struct Level {
  std::vector<RawField> fields;
  std::vector<std::pair<int, std::vector<Level>>> groups;  // count tag -> instances
};

inline bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (static_cast<unsigned>(static_cast<unsigned char>(c) - '0') > 9u) return false;
  }
  return true;
}

// The fixed-width UTCTimestamp the hot path sees (YYYYMMDD-HH:MM:SS[.sss]) checked in place;
// anything else takes the general parser. Same answers as is_utc_timestamp().
inline bool quick_utc_timestamp(std::string_view v) {
  if (v.size() != 17 && v.size() != 21) return is_utc_timestamp(v);
  const auto d = [&](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(v[i]) - '0');
  };
  for (const std::size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 15, 16}) {
    if (d(i) > 9) return false;
  }
  if (v[8] != '-' || v[11] != ':' || v[14] != ':') return false;
  const unsigned month = d(4) * 10 + d(5), day = d(6) * 10 + d(7);
  if (month < 1 || month > 12 || day < 1 || day > 31 || d(9) * 10 + d(10) > 23 ||
      d(12) * 10 + d(13) > 59 || d(15) * 10 + d(16) > 60) {
    return false;
  }
  return v.size() == 17 || (v[17] == '.' && d(18) <= 9 && d(19) <= 9 && d(20) <= 9);
}

inline bool valid_int(std::string_view v) {
  if (!v.empty() && v[0] == '-') v.remove_prefix(1);
  return is_digits(v);
}

bool valid_float(std::string_view v) {
  if (!v.empty() && v[0] == '-') v.remove_prefix(1);
  const auto dot = v.find('.');
  if (dot == std::string_view::npos) return is_digits(v);
  const auto whole = v.substr(0, dot), fraction = v.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || is_digits(whole)) && (fraction.empty() || is_digits(fraction));
}

bool valid_time_only(std::string_view v) {
  if (v.size() < 8 || v[2] != ':' || v[5] != ':') return false;
  if (!is_digits(v.substr(0, 2)) || !is_digits(v.substr(3, 2)) || !is_digits(v.substr(6, 2))) {
    return false;
  }
  if (v.size() == 8) return true;
  return v[8] == '.' && v.size() > 9 && v.size() <= 18 && is_digits(v.substr(9));
}

inline bool valid_format(FieldType type, std::string_view v) {
  switch (type) {
    case FieldType::Int:
    case FieldType::NumInGroup:
      return valid_int(v);
    case FieldType::Float:
      return valid_float(v);
    case FieldType::Char:
      return v.size() == 1;
    case FieldType::Boolean:
      return v == "Y" || v == "N";
    case FieldType::UtcTimestamp:
      return quick_utc_timestamp(v);
    case FieldType::UtcTimeOnly:
      return valid_time_only(v);
    case FieldType::UtcDateOnly:
      return v.size() == 8 && is_digits(v);
    default:
      return true;
  }
}

bool valid_value(const FieldSpec& spec, std::string_view v) {
  if (spec.values.empty()) return true;
  if (spec.single_char_values) {
    const auto c = static_cast<unsigned char>(v.size() == 1 ? v[0] : 0);
    return v.size() == 1 && spec.char_values[c];
  }
  const auto known = [&](std::string_view one) {
    if (spec.packed) {
      return one.size() <= 8 && std::binary_search(spec.packed_values.begin(),
                                                   spec.packed_values.end(), pack_value(one));
    }
    return std::binary_search(spec.values.begin(), spec.values.end(), one,
                              [](std::string_view a, std::string_view b) { return a < b; });
  };
  if (spec.type != FieldType::MultipleValueString) return known(v);
  std::size_t pos = 0;
  while (pos <= v.size()) {
    const auto space = v.find(' ', pos);
    const auto token = v.substr(pos, space == std::string_view::npos ? v.npos : space - pos);
    if (!token.empty() && !known(token)) return false;
    if (space == std::string_view::npos) break;
    pos = space + 1;
  }
  return true;
}

// Tags as QuickFIX reads them (atoi): "-1" is tag -1, so a Reject can name it.
std::optional<int> read_tag(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (!is_digits(text) || text.size() > 9) return std::nullopt;
  int tag = 0;
  for (char c : text)
    tag = tag * 10 + (c - '0');
  return negative ? -tag : tag;
}

// Reads the fields of one group instance or of the body, starting at fields[i], as QuickFIX's
// parser (Message::setGroup) does: a group goes on while its members come, and a member starts
// the next instance when it is the delimiter or when this instance already has it.
void parse_level(const std::vector<RawField>& fields, std::size_t& i, const FieldSet& set,
                 Level& level, bool is_group, int delimiter) {
  bool first = true;
  while (i < fields.size()) {
    const RawField& f = fields[i];
    if (is_group) {
      if (!set.contains(f.tag)) return;  // not a member: the group ends
      const bool again = std::any_of(level.fields.begin(), level.fields.end(),
                                     [&](const RawField& seen) { return seen.tag == f.tag; });
      if (!first && (f.tag == delimiter || again)) return;  // the next instance starts
    }
    first = false;
    level.fields.push_back(f);
    ++i;
    const GroupSpec* group = set.group(f.tag);
    if (!group) continue;
    std::vector<Level> instances;
    while (i < fields.size() && group->members.contains(fields[i].tag)) {
      Level instance;
      parse_level(fields, i, group->members, instance, true, group->delimiter);
      instances.push_back(std::move(instance));
    }
    level.groups.emplace_back(f.tag, std::move(instances));
  }
}

// Buffers reused from message to message, so that validating allocates only for repeating
// groups' instances once warm.
struct Scratch {
  std::vector<RawField> header, body, trailer;
  Level header_level, body_level, trailer_level;
  std::vector<std::vector<RawField>> sorted;  // by group depth
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

class Validator {
 public:
  Validator(const DataDictionary& session, const DataDictionary& app, const ValidationOptions& o)
      : session_(session), app_(app), options_(o) {}

  std::optional<ValidationError> run(const MessageView& message) {
    // Split into header, body and trailer; a header field after the body has started, or
    // anything after the trailer, breaks the required order.
    Scratch& work = scratch();
    auto& header = work.header;
    auto& body = work.body;
    auto& trailer = work.trailer;
    header.clear();
    body.clear();
    trailer.clear();
    int out_of_order = 0;
    for (const Field& f : message) {
      const int tag = f.tag;
      const RawField field{tag, f.value};
      if (is_header(tag)) {
        if ((!body.empty() || !trailer.empty()) && out_of_order == 0) out_of_order = tag;
        header.push_back(field);
      } else if (is_trailer(tag)) {
        trailer.push_back(field);
      } else {
        if (!trailer.empty() && out_of_order == 0) out_of_order = tag;
        body.push_back(field);
      }
    }
    if (out_of_order != 0) return error(kTagOutOfOrder, out_of_order);

    const std::string_view type = message.msg_type();
    const FieldSet* definition = app_.message(type);
    if (!definition) return ValidationError{kInvalidMsgType, 0, false};

    std::size_t i = 0;
    Level& body_level = work.body_level;
    body_level.fields.clear();
    body_level.groups.clear();
    parse_level(body, i, *definition, body_level, false, 0);
    // Fields parse_level could not place (they follow a group yet belong to no member) still
    // count as body fields.
    while (i < body.size())
      body_level.fields.push_back(body[i++]);

    Level& header_level = work.header_level;
    Level& trailer_level = work.trailer_level;
    header_level.fields.assign(header.begin(), header.end());
    trailer_level.fields.assign(trailer.begin(), trailer.end());
    if (auto e = check_required(header_level, session_.header())) return e;
    if (auto e = check_required(trailer_level, session_.trailer())) return e;
    if (auto e = check_required(body_level, *definition)) return e;

    if (auto e = iterate(header_level, session_, nullptr, 0)) return e;
    if (auto e = iterate(trailer_level, session_, nullptr, 0)) return e;
    if (auto e = iterate(body_level, app_, definition, 0)) return e;
    return std::nullopt;
  }

 private:
  // QuickFIX places a field by its standard header list first, then by the dictionary: a header
  // tag the version does not define (144 in FIX 4.0) is then an invalid header field.
  bool is_header(int tag) const { return is_header_tag(tag) || session_.is_header_field(tag); }
  bool is_trailer(int tag) const { return is_trailer_tag(tag) || session_.is_trailer_field(tag); }

  static std::optional<ValidationError> error(int reason, int tag) {
    return ValidationError{reason, tag, true};
  }

  std::optional<ValidationError> check_required(const Level& level, const FieldSet& set) const {
    for (const int tag : set.required()) {
      const bool present = std::any_of(level.fields.begin(), level.fields.end(),
                                       [&](const RawField& f) { return f.tag == tag; });
      if (!present) return error(kRequiredTagMissing, tag);
    }
    for (const auto& [count_tag, instances] : level.groups) {
      const GroupSpec* group = set.group(count_tag);
      if (!group) continue;
      for (const Level& instance : instances) {
        if (auto e = check_required(instance, group->members)) return e;
      }
    }
    return std::nullopt;
  }

  // QuickFIX walks each level in tag order, so the lowest-numbered problem is the one reported.
  std::optional<ValidationError> iterate(const Level& level, const DataDictionary& dictionary,
                                         const FieldSet* definition, std::size_t depth) const {
    auto& buffers = scratch().sorted;
    if (buffers.size() <= depth) buffers.resize(depth + 1);
    std::vector<RawField>& sorted = buffers[depth];
    sorted.assign(level.fields.begin(), level.fields.end());
    // Equal tags are an error whatever their order, so an unstable sort (no buffer) will do.
    std::sort(sorted.begin(), sorted.end(),
              [](const RawField& a, const RawField& b) { return a.tag < b.tag; });
    for (std::size_t k = 0; k < sorted.size(); ++k) {
      const RawField& f = sorted[k];
      if (k > 0 && f.tag == sorted[k - 1].tag) return error(kTagAppearsMoreThanOnce, f.tag);
      if (options_.check_fields_have_values && f.value.empty())
        return error(kTagWithoutValue, f.tag);
      const FieldSpec* spec = dictionary.field(f.tag);
      if (spec) {
        if (!valid_format(spec->type, f.value)) return error(kIncorrectDataFormat, f.tag);
        if (!valid_value(*spec, f.value)) return error(kValueIncorrect, f.tag);
      }
      if (options_.unchecked(f.tag)) continue;
      if (!spec) return error(kInvalidTagNumber, f.tag);
      if (definition && !is_header(f.tag) && !is_trailer(f.tag)) {
        if (!definition->contains(f.tag)) return error(kTagNotDefinedForMessage, f.tag);
        if (definition->group(f.tag)) {
          const auto instances = std::find_if(level.groups.begin(), level.groups.end(),
                                              [&](const auto& g) { return g.first == f.tag; });
          const std::size_t count = instances == level.groups.end() ? 0 : instances->second.size();
          const auto declared = read_tag(f.value);
          if (!declared || static_cast<std::size_t>(*declared) != count) {
            return error(kGroupCountMismatch, f.tag);
          }
        }
      }
    }
    if (!definition) return std::nullopt;
    for (const auto& [count_tag, instances] : level.groups) {
      const GroupSpec* group = definition->group(count_tag);
      if (!group) continue;
      for (const Level& instance : instances) {
        if (auto e = iterate(instance, dictionary, &group->members, depth + 1)) return e;
      }
    }
    return std::nullopt;
  }

  const DataDictionary& session_;
  const DataDictionary& app_;
  const ValidationOptions& options_;
};

// A field's value against its type and enumeration (the per-field half of FastCheck).
inline bool value_ok(DataDictionary::TagCheck check, const FieldSpec* spec, std::string_view v) {
  // Free text needs no format check: skip the call for the commonest case.
  if (check.type == FieldType::Int) {
    if (!valid_int(v)) return false;
  } else if (check.type == FieldType::Char) {
    if (v.size() != 1) return false;
  } else if (check.type != FieldType::String && !valid_format(check.type, v)) {
    return false;
  }
  if (!spec) return true;
  if (spec->single_char_values) {
    return v.size() == 1 && spec->char_values[static_cast<unsigned char>(v[0])];
  }
  return valid_value(*spec, v);
}

// The structure of a message FastCheck found valid: its tags in order, what each must hold, and
// the counts its groups declared. Another message with exactly these tags and counts has the
// same structure, so only its values need checking: senders repeat a handful of shapes.
struct Shape {
  struct Field {
    int tag;
    DataDictionary::TagCheck check;
    const FieldSpec* spec;  // when the value is enumerated
    int count;              // a group counter's declared instances; -1 otherwise
  };
  std::uint64_t session = 0;  // DataDictionary::id()s
  std::uint64_t app = 0;
  bool check_values = false;
  bool check_user_defined = false;
  bool allow_unknown = false;
  std::uint64_t msg_type = 0;  // packed; types over 8 characters are not kept
  std::vector<Field> fields;
};

struct ShapeCache {
  static constexpr std::size_t kEntries = 8;
  std::array<Shape, kEntries> shapes;
  std::size_t next = 0;  // replaced round-robin
  Shape building;

  static ShapeCache& get() {
    thread_local ShapeCache cache;
    return cache;
  }
};

// True when `message` has a known shape and all its values are right. False means "not known":
// the full check decides.
bool matches_known_shape(const MessageView& message, const DataDictionary& session,
                         const DataDictionary& app, const ValidationOptions& options) {
  auto it = message.begin();
  const auto end = message.end();
  Field first[3];
  for (Field& f : first) {
    if (it == end) return false;
    f = *it;
    ++it;
  }
  if (first[2].tag != 35 || first[2].value.empty() || first[2].value.size() > 8) return false;
  const std::uint64_t type = pack_value(first[2].value);
  ShapeCache& cache = ShapeCache::get();
  const Shape* shape = nullptr;
  for (const Shape& s : cache.shapes) {
    if (s.msg_type == type && s.session == session.id() && s.app == app.id() &&
        s.check_values == options.check_fields_have_values &&
        s.check_user_defined == options.check_user_defined_fields &&
        s.allow_unknown == options.allow_unknown_msg_fields) {
      shape = &s;
      break;
    }
  }
  if (!shape) return false;
  const std::size_t n = shape->fields.size();
  std::size_t i = 0;
  const auto field_ok = [&](const Field& f) {
    if (i >= n) return false;
    const Shape::Field& expected = shape->fields[i++];
    if (f.tag != expected.tag) return false;
    if (options.check_fields_have_values && f.value.empty()) return false;
    if (!value_ok(expected.check, expected.spec, f.value)) return false;
    return expected.count < 0 || read_tag(f.value) == expected.count;
  };
  for (const Field& f : first) {
    if (!field_ok(f)) return false;
  }
  for (; it != end; ++it) {
    if (!field_ok(*it)) return false;
  }
  return i == n;
}

// The common case, a valid message, in one pass with no allocation: true when the message is
// certainly valid. On any doubt it says false and the QuickFIX-order walk above decides (and
// names the problem), so the two can never disagree about what is valid.
class FastCheck {
 public:
  FastCheck(const DataDictionary& session, const DataDictionary& app, const ValidationOptions& o,
            Shape* record = nullptr)
      : session_(session), app_(app), options_(o), record_(record) {}

  bool valid(const MessageView& message) {
    auto& seen = seen_tags();
    const std::size_t limit = std::max(session_.tag_limit(), app_.tag_limit());
    if (seen.size() < limit) seen.resize(limit, 0);
    const std::uint32_t header_level = next_level(seen);
    const std::uint32_t trailer_level = next_level(seen);
    std::uint32_t body_level = next_level(seen);
    std::size_t header_required = 0, trailer_required = 0, body_required = 0;
    int phase = 0;  // 0 header, 1 body, 2 trailer
    int position = 0;
    const FieldSet* definition = nullptr;
    depth_ = 0;
    unchecked_count_ = 0;

    for (const Field& f : message) {
      const int tag = f.tag;
      if (tag <= 0) return false;
      if (position < 3 && tag != (position == 0 ? 8 : position == 1 ? 9 : 35)) return false;
      ++position;
      if (options_.check_fields_have_values && f.value.empty()) return false;
      if (static_cast<std::size_t>(tag) >= limit) {
        // Above every tag the dictionaries define (a client's own tags, say): only a field let
        // through unchecked can be here, and it ends every group and sits in the body.
        if (!options_.unchecked(tag) || is_header_tag(tag) || is_trailer_tag(tag) || phase == 2 ||
            !definition || !first_unchecked(tag)) {
          return false;
        }
        while (depth_ > 0) {
          if (!close_top()) return false;
        }
        phase = 1;
        if (record_) record_->fields.push_back({tag, DataDictionary::TagCheck{}, nullptr, -1});
        continue;
      }
      if (tag == 35) {
        definition = app_.message(f.value);
        if (!definition) return false;
      }
      using Check = DataDictionary::TagCheck;
      const Check place = session_.check(tag);
      const bool in_header = place.flags & Check::kHeader;
      const bool in_trailer = !in_header && (place.flags & Check::kTrailer);
      const DataDictionary& owner = in_header || in_trailer ? session_ : app_;
      const Check check = in_header || in_trailer ? place : app_.check(tag);
      if (!(check.flags & Check::kDefined) && !options_.unchecked(tag)) return false;
      const FieldSpec* spec = (check.flags & Check::kHasValues) ? owner.field(tag) : nullptr;
      if (!value_ok(check, spec, f.value)) return false;
      if (record_) record_->fields.push_back({tag, check, spec, -1});

      if (in_header) {
        if (phase != 0 || seen[tag] == header_level) return false;
        seen[tag] = header_level;
        header_required += (place.flags & Check::kHeaderRequired) != 0;
        continue;
      }
      if (in_trailer) {
        phase = 2;
        if (seen[tag] == trailer_level) return false;
        seen[tag] = trailer_level;
        trailer_required += (place.flags & Check::kTrailerRequired) != 0;
        continue;
      }
      if (phase == 2 || !definition) return false;
      phase = 1;
      // Inside groups: a member stays in the innermost group that has it; its delimiter opens a
      // new instance. A field no open group has closes them, innermost first.
      while (depth_ > 0) {
        Frame& top = stack_[depth_ - 1];
        if (top.group->members.contains(tag)) {
          if (tag == top.group->delimiter) {
            if (top.instances > 0 && top.required_seen != top.group->members.required().size()) {
              return false;
            }
            ++top.instances;
            top.level = next_level(seen);
            top.required_seen = 0;
          } else if (top.instances == 0) {
            return false;  // a group must start with its delimiter
          }
          break;
        }
        if (!close_top()) return false;
      }
      const FieldSet& set = depth_ > 0 ? stack_[depth_ - 1].group->members : *definition;
      const std::uint32_t level = depth_ > 0 ? stack_[depth_ - 1].level : body_level;
      const std::uint8_t membership = set.flags_of(tag);
      if (!(membership & FieldSet::kMember)) {
        // Not the message's, yet let through (AllowUnknownMsgFields, ValidateUserDefinedFields=N):
        // it closed every group and sits in the body, as QuickFIX's parser places it. A
        // standard header or trailer tag there is the full check's to judge. Its repeats are
        // looked for apart from seen[], which a group member of the same tag overwrites.
        if (!options_.unchecked(tag) || is_header_tag(tag) || is_trailer_tag(tag) ||
            !first_unchecked(tag)) {
          return false;
        }
        continue;
      }
      if (seen[tag] == level) return false;
      seen[tag] = level;
      if (membership & FieldSet::kRequired) {
        if (depth_ > 0) {
          ++stack_[depth_ - 1].required_seen;
        } else {
          ++body_required;
        }
      }
      // Whatever the count field's declared type (FIX42.xml says INT), the dictionary's group
      // structure decides, as in QuickFIX.
      if (membership & FieldSet::kOpensGroup) {
        const GroupSpec* group = set.group(tag);
        const auto declared = read_tag(f.value);
        if (!declared || depth_ == kMaxDepth) return false;
        if (record_) record_->fields.back().count = *declared;
        stack_[depth_++] = Frame{group, *declared, 0, 0, 0};
      }
    }
    while (depth_ > 0) {
      if (!close_top()) return false;
    }
    return definition && header_required == session_.header().required().size() &&
           trailer_required == session_.trailer().required().size() &&
           body_required == definition->required().size();
  }

 private:
  static constexpr std::size_t kMaxDepth = 8;
  struct Frame {
    const GroupSpec* group;
    int declared;
    int instances;
    std::size_t required_seen;
    std::uint32_t level;
  };

  bool close_top() {
    const Frame& top = stack_[--depth_];
    if (top.instances != top.declared) return false;
    return top.instances == 0 || top.required_seen == top.group->members.required().size();
  }

  static std::vector<std::uint32_t>& seen_tags() {
    thread_local std::vector<std::uint32_t> seen;
    return seen;
  }

  // A fresh mark for "seen at this level"; on wrap-around the marks are cleared.
  static std::uint32_t next_level(std::vector<std::uint32_t>& seen) {
    thread_local std::uint32_t generation = 0;
    if (++generation == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      generation = 1;
    }
    return generation;
  }

  const DataDictionary& session_;
  const DataDictionary& app_;
  const ValidationOptions& options_;
  Shape* record_;  // the valid message's shape is written here
  // The fields let through unchecked in this message's body, for the repeated-tag check; more
  // than a few and the full check decides.
  bool first_unchecked(int tag) {
    for (std::size_t i = 0; i < unchecked_count_; ++i) {
      if (unchecked_[i] == tag) return false;
    }
    if (unchecked_count_ == kMaxUnchecked) return false;
    unchecked_[unchecked_count_++] = tag;
    return true;
  }

  Frame stack_[kMaxDepth]{};
  std::size_t depth_ = 0;
  static constexpr std::size_t kMaxUnchecked = 16;
  int unchecked_[kMaxUnchecked]{};
  std::size_t unchecked_count_ = 0;
};

}  // namespace

std::optional<ValidationError> validate_message(const MessageView& message,
                                                const DataDictionary& session,
                                                const DataDictionary& application,
                                                const ValidationOptions& options) {
  if (matches_known_shape(message, session, application, options)) return std::nullopt;
  ShapeCache& cache = ShapeCache::get();
  Shape& shape = cache.building;
  shape.fields.clear();
  if (FastCheck(session, application, options, &shape).valid(message)) {
    const std::string_view type = message.msg_type();
    if (type.size() <= 8) {  // keep the shape for the next message like it
      shape.session = session.id();
      shape.app = application.id();
      shape.check_values = options.check_fields_have_values;
      shape.check_user_defined = options.check_user_defined_fields;
      shape.allow_unknown = options.allow_unknown_msg_fields;
      shape.msg_type = pack_value(type);
      // The latest shape of a message type replaces the one before.
      std::size_t slot = cache.next;
      for (std::size_t k = 0; k < ShapeCache::kEntries; ++k) {
        const Shape& old = cache.shapes[k];
        if (old.msg_type == shape.msg_type && old.session == shape.session &&
            old.app == shape.app && old.check_values == shape.check_values &&
            old.check_user_defined == shape.check_user_defined &&
            old.allow_unknown == shape.allow_unknown) {
          slot = k;
          break;
        }
      }
      if (slot == cache.next) cache.next = (cache.next + 1) % ShapeCache::kEntries;
      std::swap(cache.shapes[slot], shape);
    }
    return std::nullopt;
  }
  // Fields whose tag MessageView could not read as a positive number: QuickFIX reads "-1" as
  // tag -1 and rejects it as an invalid tag number, naming it.
  for (const Field& f : message) {
    if (f.tag != 0) continue;
    const char* eq = f.value.data() - 1;  // the '=' before the value
    const char* start = eq;
    while (start > message.bytes().data() && start[-1] != kSoh)
      --start;
    const auto tag = read_tag(std::string_view(start, static_cast<std::size_t>(eq - start)));
    return ValidationError{kInvalidTagNumber, tag.value_or(0), true};
  }
  return Validator(session, application, options).run(message);
}

}  // namespace vtb::fix

#include "common/fix/data_dictionary.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <pugixml.hpp>
#include <unordered_map>

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

}  // namespace vtb::fix

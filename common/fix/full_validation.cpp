#include "common/fix/full_validation.hpp"

#include <algorithm>
#include <vector>

#include "common/fix/header_fields.hpp"
#include "common/fix/validation_rules.hpp"

namespace vtb::fix {

namespace {

using namespace validation;

struct RawField {
  int tag;
  std::string_view value;
};

// One level of a parsed message: its fields, and the instances of each group it holds.
struct Level {
  std::vector<RawField> fields;
  std::vector<std::pair<int, std::vector<Level>>> groups;  // count tag -> instances
};

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
    if (out_of_order != 0) return error(reason::TagSpecifiedOutOfRequiredOrder, out_of_order);

    const std::string_view type = message.msg_type();
    const FieldSet* definition = app_.message(type);
    if (!definition) return ValidationError{reason::InvalidMsgType, 0, false};

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
      if (!present) return error(reason::RequiredTagMissing, tag);
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
      if (k > 0 && f.tag == sorted[k - 1].tag) return error(reason::TagAppearsMoreThanOnce, f.tag);
      if (options_.check_fields_have_values && f.value.empty())
        return error(reason::TagSpecifiedWithoutAValue, f.tag);
      const FieldSpec* spec = dictionary.field(f.tag);
      if (spec) {
        if (!valid_format(spec->type, f.value)) return error(reason::IncorrectDataFormat, f.tag);
        if (!valid_value(*spec, f.value)) return error(reason::ValueIsIncorrect, f.tag);
      }
      if (options_.unchecked(f.tag)) continue;
      if (!spec) return error(reason::InvalidTagNumber, f.tag);
      if (definition && !is_header(f.tag) && !is_trailer(f.tag)) {
        if (!definition->contains(f.tag)) return error(reason::TagNotDefinedForMessageType, f.tag);
        if (definition->group(f.tag)) {
          const auto instances = std::find_if(level.groups.begin(), level.groups.end(),
                                              [&](const auto& g) { return g.first == f.tag; });
          const std::size_t count = instances == level.groups.end() ? 0 : instances->second.size();
          const auto declared = read_tag(f.value);
          if (!declared || static_cast<std::size_t>(*declared) != count) {
            return error(reason::IncorrectNumInGroupCount, f.tag);
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

}  // namespace

std::optional<ValidationError> validate_fully(const MessageView& message,
                                              const DataDictionary& session,
                                              const DataDictionary& application,
                                              const ValidationOptions& options) {
  return Validator(session, application, options).run(message);
}

}  // namespace vtb::fix

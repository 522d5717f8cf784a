// validate_message(): a message checked against its dictionaries as QuickFIX checks it. The
// common case, a valid message, takes the fast path: its shape (tags and group counts) matched
// against the last few valid shapes, else one pass over it with no allocation. On any doubt the
// full check (full_validation.cpp) decides and names the problem, so the two cannot disagree.

#include <array>
#include <vector>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/full_validation.hpp"
#include "common/fix/header_fields.hpp"
#include "common/fix/validation_rules.hpp"

namespace vtb::fix {

namespace {

using namespace validation;

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
    return ValidationError{reason::InvalidTagNumber, tag.value_or(0), true};
  }
  return validate_fully(message, session, application, options);
}

}  // namespace vtb::fix

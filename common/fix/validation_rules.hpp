#pragma once
// What validating a FIX message checks of one field, shared by the full QuickFIX-order walk
// (full_validation.cpp) and the fast path (validation.cpp): each type's format, a value against
// its enumeration, a tag as QuickFIX reads it. Internal to validation.

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/utc_timestamp.hpp"
#include "common/fix/values.hpp"

namespace vtb::fix::validation {

namespace reason = session_reject_reason;

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

inline bool valid_float(std::string_view v) {
  if (!v.empty() && v[0] == '-') v.remove_prefix(1);
  const auto dot = v.find('.');
  if (dot == std::string_view::npos) return is_digits(v);
  const auto whole = v.substr(0, dot), fraction = v.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || is_digits(whole)) && (fraction.empty() || is_digits(fraction));
}

inline bool valid_time_only(std::string_view v) {
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

inline bool valid_value(const FieldSpec& spec, std::string_view v) {
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
inline std::optional<int> read_tag(std::string_view text) {
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

}  // namespace vtb::fix::validation

#pragma once
// QuickFIX as a reference, behind an interface that shows no QuickFIX type: the project is C++20,
// while QuickFIX's Debian headers only compile as C++14 (dynamic exception specifications). This
// header is valid C++14 and C++20; only quickfix_validator.cpp includes QuickFIX.

#include <memory>
#include <string>

namespace vtb {
namespace quickfix_reference {

class QuickFixValidator {
 public:
  // The session settings of the same names.
  struct Options {
    bool validate_fields_have_values = true;
    bool validate_user_defined_fields = true;
    bool allow_unknown_msg_fields = false;
  };

  // Loads a data dictionary in QuickFIX's XML format. Throws std::runtime_error with QuickFIX's
  // reason when the dictionary does not load.
  explicit QuickFixValidator(const std::string& dictionary_path);
  QuickFixValidator(const std::string& dictionary_path, const Options& options);
  ~QuickFixValidator();
  QuickFixValidator(const QuickFixValidator&) = delete;
  QuickFixValidator& operator=(const QuickFixValidator&) = delete;

  // Parses `raw` (one whole tag=value message) and validates it as a QuickFIX session with this
  // dictionary would (BodyLength, CheckSum, tags, required fields, values, formats, order).
  // Returns an empty string when QuickFIX accepts the message, else QuickFIX's reason.
  std::string validate(const std::string& raw) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quickfix_reference
}  // namespace vtb

// Compiled as C++14: the only translation unit that includes QuickFIX headers.
#include "tools/quickfix_reference/quickfix_validator.hpp"

#include <quickfix/DataDictionary.h>
#include <quickfix/Exceptions.h>
#include <quickfix/Message.h>

#include <stdexcept>

namespace vtb {
namespace quickfix_reference {

struct QuickFixValidator::Impl {
  FIX::DataDictionary dictionary;
};

QuickFixValidator::QuickFixValidator(const std::string& dictionary_path)
    : QuickFixValidator(dictionary_path, Options()) {}

QuickFixValidator::QuickFixValidator(const std::string& dictionary_path, const Options& options)
    : impl_(new Impl) {
  try {
    impl_->dictionary.readFromURL(dictionary_path);
    impl_->dictionary.checkFieldsHaveValues(options.validate_fields_have_values);
    impl_->dictionary.checkUserDefinedFields(options.validate_user_defined_fields);
    impl_->dictionary.allowUnknownMsgFields(options.allow_unknown_msg_fields);
  } catch (const FIX::Exception& e) {
    throw std::runtime_error(dictionary_path +
                             ": QuickFIX cannot load the dictionary: " + e.what());
  }
}

QuickFixValidator::~QuickFixValidator() = default;

std::string QuickFixValidator::validate(const std::string& raw) const {
  try {
    // `true`: QuickFIX checks BodyLength and CheckSum while parsing.
    FIX::Message message(raw, impl_->dictionary, true);
    impl_->dictionary.validate(message);
    return std::string();
  } catch (const FIX::Exception& e) {
    std::string reason = e.type.empty() ? std::string() : e.type + ": ";
    reason += e.what();
    return reason.empty() ? "rejected by QuickFIX" : reason;
  }
}

}  // namespace quickfix_reference
}  // namespace vtb

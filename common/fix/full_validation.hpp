#pragma once
// The full check, in QuickFIX's order: the message parsed into levels (header, body, groups,
// trailer), required fields, then every field in tag order, so that the problem reported is the
// one QuickFIX would report. validate_message() runs it when the fast path is in doubt.

#include <optional>

#include "common/fix/data_dictionary.hpp"
#include "common/fix/message_view.hpp"

namespace vtb::fix {

std::optional<ValidationError> validate_fully(const MessageView& message,
                                              const DataDictionary& session,
                                              const DataDictionary& application,
                                              const ValidationOptions& options);

}  // namespace vtb::fix

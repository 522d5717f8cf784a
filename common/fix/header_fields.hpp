#pragma once
// Which tags belong to the standard header and trailer (FIX 4.0 to FIXT.1.1), for splitting a
// message into header, body and trailer as the FIX rules on field order require; and how the
// routing ones are answered.

#include "common/fix/tags.hpp"

namespace vtb::fix {

constexpr bool is_header_tag(int tag) {
  switch (tag) {
    case 8:
    case 9:
    case 35:
    case 49:
    case 56:
    case 115:
    case 128:
    case 90:
    case 91:
    case 34:
    case 50:
    case 142:
    case 57:
    case 143:
    case 116:
    case 144:
    case 129:
    case 145:
    case 43:
    case 97:
    case 52:
    case 122:
    case 212:
    case 213:
    case 347:
    case 369:
    case 627:
    case 628:
    case 629:
    case 630:
    case 1128:
    case 1129:
    case 1156:
      return true;
    default:
      return false;
  }
}

constexpr bool is_trailer_tag(int tag) {
  return tag == 93 || tag == 89 || tag == 10;
}

// Routing fields are answered reversed: OnBehalfOf* becomes DeliverTo* and back; 0 for
// any other field.
constexpr int reversed_route(int field) {
  switch (field) {
    case tag::OnBehalfOfCompID:
      return tag::DeliverToCompID;
    case tag::DeliverToCompID:
      return tag::OnBehalfOfCompID;
    case tag::OnBehalfOfSubID:
      return tag::DeliverToSubID;
    case tag::DeliverToSubID:
      return tag::OnBehalfOfSubID;
    case tag::OnBehalfOfLocationID:
      return tag::DeliverToLocationID;
    case tag::DeliverToLocationID:
      return tag::OnBehalfOfLocationID;
    default:
      return 0;
  }
}

}  // namespace vtb::fix

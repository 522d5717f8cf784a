#pragma once
// FIX's code values by their FIX names, beside the tag numbers of tags.hpp (hffix's named
// vocabulary idea): the project writes fix::exec_type::Trade, not 'F'. Only the values the
// project reads or writes are here; the dictionaries in fixtures/ hold the full enumerations.

#include <string_view>

#include "common/market/types.hpp"

namespace vtb::fix {

namespace msg_type {
inline constexpr std::string_view Heartbeat = "0";
inline constexpr std::string_view TestRequest = "1";
inline constexpr std::string_view ResendRequest = "2";
inline constexpr std::string_view Reject = "3";
inline constexpr std::string_view SequenceReset = "4";
inline constexpr std::string_view Logout = "5";
inline constexpr std::string_view ExecutionReport = "8";
inline constexpr std::string_view OrderCancelReject = "9";
inline constexpr std::string_view Logon = "A";
inline constexpr std::string_view Email = "C";
inline constexpr std::string_view NewOrderSingle = "D";
inline constexpr std::string_view OrderCancelRequest = "F";
inline constexpr std::string_view OrderCancelReplaceRequest = "G";
inline constexpr std::string_view OrderStatusRequest = "H";
inline constexpr std::string_view SecurityDefinition = "d";
inline constexpr std::string_view BusinessMessageReject = "j";
inline constexpr std::string_view OrderMassCancelRequest = "q";
inline constexpr std::string_view OrderMassCancelReport = "r";
inline constexpr std::string_view OrderMassStatusRequest = "AF";
}  // namespace msg_type

namespace exec_type {
inline constexpr char New = '0';
inline constexpr char PartialFill = '1';  // FIX 4.2 (Trade from FIX 4.3 on)
inline constexpr char Fill = '2';         // FIX 4.2
inline constexpr char Canceled = '4';
inline constexpr char Replaced = '5';
inline constexpr char Rejected = '8';
inline constexpr char Expired = 'C';
inline constexpr char Restated = 'D';
inline constexpr char Trade = 'F';
inline constexpr char OrderStatus = 'I';
inline constexpr char Triggered = 'L';  // Triggered or Activated by System
}  // namespace exec_type

namespace exec_trans_type {  // FIX 4.2
inline constexpr char New = '0';
inline constexpr char Status = '3';
}  // namespace exec_trans_type

namespace ord_status {
inline constexpr char New = '0';
inline constexpr char PartiallyFilled = '1';
inline constexpr char Filled = '2';
inline constexpr char Canceled = '4';
inline constexpr char Rejected = '8';
inline constexpr char Expired = 'C';
}  // namespace ord_status

namespace ord_type {
inline constexpr char Market = '1';
inline constexpr char Limit = '2';
inline constexpr char Stop = '3';
inline constexpr char StopLimit = '4';
}  // namespace ord_type

namespace time_in_force {
inline constexpr char Day = '0';
inline constexpr char GoodTillCancel = '1';
inline constexpr char AtTheOpening = '2';
inline constexpr char ImmediateOrCancel = '3';
inline constexpr char FillOrKill = '4';
inline constexpr char GoodTillDate = '6';
inline constexpr char AtTheClose = '7';
}  // namespace time_in_force

namespace side {
inline constexpr char Buy = '1';
inline constexpr char Sell = '2';
inline constexpr char SellShort = '5';
inline constexpr char SellShortExempt = '6';
inline constexpr char Undisclosed = '7';
}  // namespace side

// FIX's Side(54) code for a side of the book.
constexpr char side_code(Side s) {
  return s == Side::Buy ? side::Buy : side::Sell;
}

namespace ord_rej_reason {
inline constexpr int BrokerOption = 0;  // what FIX 4.2 says for reasons it does not have
inline constexpr int UnknownSymbol = 1;
inline constexpr int UnknownOrder = 5;
inline constexpr int DuplicateOrder = 6;
inline constexpr int UnsupportedOrderCharacteristic = 11;
inline constexpr int IncorrectQuantity = 13;
inline constexpr int Other = 99;
inline constexpr int LastInFix42 = 8;  // later values are sent as BrokerOption on FIX 4.2
}  // namespace ord_rej_reason

namespace cxl_rej_reason {
inline constexpr int UnknownOrder = 1;
inline constexpr int BrokerOption = 2;  // FIX 4.2's answer for reasons it does not have
inline constexpr int LastInFix42 = 3;
inline constexpr int DuplicateClOrdId = 6;
inline constexpr int Other = 99;
}  // namespace cxl_rej_reason

namespace cxl_rej_response_to {
inline constexpr char CancelRequest = '1';
inline constexpr char CancelReplaceRequest = '2';
}  // namespace cxl_rej_response_to

namespace exec_restatement_reason {
inline constexpr int BrokerOption = 4;  // FIX 4.2's nearest
inline constexpr int LastInFix42 = 5;
inline constexpr int MarketOption = 8;  // Market (Exchange) Option: the venue's own doing
}  // namespace exec_restatement_reason

namespace session_reject_reason {
inline constexpr int InvalidTagNumber = 0;
inline constexpr int RequiredTagMissing = 1;
inline constexpr int TagNotDefinedForMessageType = 2;
inline constexpr int TagSpecifiedWithoutAValue = 4;
inline constexpr int ValueIsIncorrect = 5;
inline constexpr int IncorrectDataFormat = 6;
inline constexpr int CompIdProblem = 9;
inline constexpr int SendingTimeAccuracyProblem = 10;
inline constexpr int InvalidMsgType = 11;
inline constexpr int TagAppearsMoreThanOnce = 13;
inline constexpr int TagSpecifiedOutOfRequiredOrder = 14;
inline constexpr int IncorrectNumInGroupCount = 16;
inline constexpr int Other = 99;
}  // namespace session_reject_reason

// The standard text of a SessionRejectReason, nullptr for one without.
inline const char* session_reject_text(int code) {
  switch (code) {
    case session_reject_reason::InvalidTagNumber:
      return "Invalid tag number";
    case session_reject_reason::RequiredTagMissing:
      return "Required tag missing";
    case session_reject_reason::TagNotDefinedForMessageType:
      return "Tag not defined for this message type";
    case session_reject_reason::TagSpecifiedWithoutAValue:
      return "Tag specified without a value";
    case session_reject_reason::ValueIsIncorrect:
      return "Value is incorrect (out of range) for this tag";
    case session_reject_reason::IncorrectDataFormat:
      return "Incorrect data format for value";
    case session_reject_reason::CompIdProblem:
      return "CompID problem";
    case session_reject_reason::SendingTimeAccuracyProblem:
      return "SendingTime accuracy problem";
    case session_reject_reason::InvalidMsgType:
      return "Invalid MsgType";
    case session_reject_reason::TagAppearsMoreThanOnce:
      return "Tag appears more than once";
    case session_reject_reason::TagSpecifiedOutOfRequiredOrder:
      return "Tag specified out of required order";
    case session_reject_reason::IncorrectNumInGroupCount:
      return "Incorrect NumInGroup count for repeating group";
    default:
      return nullptr;
  }
}

namespace business_reject_reason {
inline constexpr int Other = 0;
inline constexpr int UnsupportedMessageType = 3;
}  // namespace business_reject_reason

namespace mass_cancel_request_type {
inline constexpr char CancelOrdersForASecurity = '1';
inline constexpr char CancelAllOrders = '7';
}  // namespace mass_cancel_request_type

namespace mass_cancel_response {
inline constexpr char CancelRequestRejected = '0';
}  // namespace mass_cancel_response

namespace mass_cancel_reject_reason {
inline constexpr int MassCancelNotSupported = 1;
inline constexpr int InvalidOrUnknownSecurity = 2;
}  // namespace mass_cancel_reject_reason

namespace mass_status_req_type {
inline constexpr std::string_view StatusForOrdersForASecurity = "1";
inline constexpr std::string_view StatusForAllOrders = "7";
}  // namespace mass_status_req_type

}  // namespace vtb::fix

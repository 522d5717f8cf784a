#pragma once
// FIX tag numbers used by the project, by their FIX names.

namespace vtb::fix::tag {

inline constexpr int AvgPx = 6;
inline constexpr int BeginSeqNo = 7;
inline constexpr int BeginString = 8;
inline constexpr int BodyLength = 9;
inline constexpr int CheckSum = 10;
inline constexpr int ClOrdID = 11;
inline constexpr int CumQty = 14;
inline constexpr int EndSeqNo = 16;
inline constexpr int ExecID = 17;
inline constexpr int LastPx = 31;
inline constexpr int LastQty = 32;
inline constexpr int MsgSeqNum = 34;
inline constexpr int MsgType = 35;
inline constexpr int NewSeqNo = 36;
inline constexpr int OrderID = 37;
inline constexpr int OrderQty = 38;
inline constexpr int OrdStatus = 39;
inline constexpr int OrigClOrdID = 41;
inline constexpr int OrdType = 40;
inline constexpr int PossDupFlag = 43;
inline constexpr int Price = 44;
inline constexpr int PossResend = 97;
inline constexpr int RefSeqNum = 45;
inline constexpr int SenderCompID = 49;
inline constexpr int SendingTime = 52;
inline constexpr int Side = 54;
inline constexpr int Symbol = 55;
inline constexpr int TargetCompID = 56;
inline constexpr int Text = 58;
inline constexpr int TimeInForce = 59;
inline constexpr int TransactTime = 60;
inline constexpr int EncryptMethod = 98;
inline constexpr int ExecTransType = 20;
inline constexpr int StopPx = 99;
inline constexpr int MinQty = 110;
inline constexpr int MaxFloor = 111;
inline constexpr int ExpireTime = 126;
inline constexpr int ExecRestatementReason = 378;
inline constexpr int CxlRejReason = 102;
inline constexpr int OrdRejReason = 103;
inline constexpr int CxlRejResponseTo = 434;
inline constexpr int MassCancelRequestType = 530;
inline constexpr int MassCancelResponse = 531;
inline constexpr int MassCancelRejectReason = 532;
inline constexpr int TotalAffectedOrders = 533;
inline constexpr int Username = 553;
inline constexpr int OnBehalfOfCompID = 115;
inline constexpr int CopyMsgIndicator = 797;
inline constexpr int TrdMatchID = 880;  // FIX 4.4 on: the venue's feed match number
inline constexpr int Password = 554;
inline constexpr int HeartBtInt = 108;
inline constexpr int TestReqID = 112;
inline constexpr int OrigSendingTime = 122;
inline constexpr int GapFillFlag = 123;
inline constexpr int ResetSeqNumFlag = 141;
inline constexpr int ExecType = 150;
inline constexpr int LeavesQty = 151;
inline constexpr int RefTagID = 371;
inline constexpr int RefMsgType = 372;
inline constexpr int SessionRejectReason = 373;
inline constexpr int BusinessRejectReason = 380;
inline constexpr int DefaultApplVerID = 1137;

}  // namespace vtb::fix::tag

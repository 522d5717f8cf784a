// Compiled as C++14 with QuickFIX's headers.
#include "tools/quickfix_reference/quickfix_bench.hpp"

#include <quickfix/DataDictionary.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/Values.h>

namespace vtb {
namespace quickfix_reference {

struct QuickFixCodecBench::Impl {
  FIX::DataDictionary dictionary;
  std::string out;
};

QuickFixCodecBench::QuickFixCodecBench(const std::string& dictionary_path) : impl_(new Impl) {
  impl_->dictionary.readFromURL(dictionary_path);
}

QuickFixCodecBench::~QuickFixCodecBench() = default;

const std::string& QuickFixCodecBench::encode_new_order_single(int seq) {
  FIX::Message message;
  FIX::Header& header = message.getHeader();
  header.setField(FIX::BeginString("FIX.4.4"));
  header.setField(FIX::MsgType("D"));
  header.setField(FIX::SenderCompID("ENGINE"));
  header.setField(FIX::TargetCompID("VENUE"));
  header.setField(FIX::MsgSeqNum(seq));
  header.setField(FIX::SendingTime(FIX::UtcTimeStamp(), true));
  message.setField(FIX::ClOrdID("1234567"));
  message.setField(FIX::Symbol("ACME"));
  message.setField(FIX::Side(FIX::Side_BUY));
  message.setField(FIX::TransactTime(FIX::UtcTimeStamp(), true));
  message.setField(FIX::OrderQty(100));
  message.setField(FIX::OrdType(FIX::OrdType_LIMIT));
  message.setField(FIX::Price(99.98));
  message.setField(FIX::TimeInForce(FIX::TimeInForce_IMMEDIATE_OR_CANCEL));
  for (int i = 0; i < 2; ++i) {
    FIX::Group party(FIX::FIELD::NoPartyIDs, FIX::FIELD::PartyID);
    party.setField(FIX::PartyID(i == 0 ? "TRADER1" : "FIRM7"));
    party.setField(FIX::PartyIDSource('D'));
    party.setField(FIX::PartyRole(i == 0 ? 11 : 1));
    message.addGroup(party);
  }
  message.toString(impl_->out);
  return impl_->out;
}

bool QuickFixCodecBench::decode_and_validate(const std::string& raw) {
  try {
    FIX::Message message(raw, impl_->dictionary, true);
    impl_->dictionary.validate(message);
    return true;
  } catch (const FIX::Exception&) {
    return false;
  }
}

}  // namespace quickfix_reference
}  // namespace vtb

namespace vtb {
namespace quickfix_reference {

std::string quickfix_serialize(const std::string& begin_string, const std::string& msg_type,
                               const std::vector<std::pair<int, std::string>>& body) {
  FIX::Message message;
  message.getHeader().setField(FIX::BeginString(begin_string));
  message.getHeader().setField(FIX::MsgType(msg_type));
  message.getHeader().setField(FIX::SenderCompID("ENGINE"));
  message.getHeader().setField(FIX::TargetCompID("VENUE"));
  message.getHeader().setField(FIX::MsgSeqNum(7));
  message.getHeader().setField(FIX::SendingTime(FIX::UtcTimeStamp(), true));
  for (std::size_t i = 0; i < body.size(); ++i) {
    message.setField(body[i].first, body[i].second);
  }
  std::string out;
  message.toString(out);
  return out;
}

}  // namespace quickfix_reference
}  // namespace vtb

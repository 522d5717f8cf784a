// Compiled as C++14 with QuickFIX's headers (see CMakeLists.txt).
#include "tools/quickfix_reference/quickfix_acceptor.hpp"

#include <quickfix/Application.h>
#include <quickfix/Log.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>

#include <condition_variable>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "common/fix/printable.hpp"
#include "tools/quickfix_reference/dictionary_settings.hpp"

namespace vtb {
namespace quickfix_reference {

namespace {

// QuickFIX reports what it cannot accept as session events (it throws internally, catches, and
// logs); these are the phrases of those events. Routine events (logon, logout) match none.
bool is_problem_event(const std::string& text) {
  static const char* const phrases[] = {
      "Invalid message", "parse", "not valid", "MsgSeqNum too", "missing",
      "Rejected",        "Error", "Timed out", "Incorrect",     "Unsupported"};
  for (const char* phrase : phrases) {
    if (text.find(phrase) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

struct QuickFixAcceptor::Impl : FIX::Application, FIX::LogFactory, FIX::Log {
  Options options;
  std::unique_ptr<FIX::SessionSettings> settings;
  std::unique_ptr<FIX::MemoryStoreFactory> store;
  std::unique_ptr<FIX::SocketAcceptor> acceptor;

  mutable std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> received;
  std::vector<std::string> problems;
  std::vector<std::string> events;
  std::size_t orders_answered = 0;
  std::size_t replaces_answered = 0;
  std::size_t cancels_answered = 0;
  bool logged_on = false;
  bool logged_out = false;
  bool stopping = false;  // our own Logout at stop() is not a problem

  void problem(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex);
    problems.push_back(text);
  }

  // FIX::LogFactory: one log (this object) for every session; QuickFIX never owns it.
  FIX::Log* create() override { return this; }
  FIX::Log* create(const FIX::SessionID&) override { return this; }
  void destroy(FIX::Log*) override {}

  // FIX::Log: onIncoming sees each message's bytes before QuickFIX parses them, so garbled
  // messages are recorded too.
  void clear() override {}
  void backup() override {}
  void onIncoming(const std::string& raw) override {
    std::lock_guard<std::mutex> lock(mutex);
    received.push_back(raw);
  }
  void onOutgoing(const std::string&) override {}
  void onEvent(const std::string& text) override {
    std::lock_guard<std::mutex> lock(mutex);
    events.push_back(text);
    if (is_problem_event(text)) problems.push_back("QuickFIX event: " + text);
  }

  // FIX::Application
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mutex);
    logged_on = true;
    changed.notify_all();
  }
  void onLogout(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mutex);
    if (logged_on) logged_out = true;
    changed.notify_all();
  }
  void toAdmin(FIX::Message& message, const FIX::SessionID&) override {
    const std::string type = message.getHeader().getField(35);
    if (type == "3")
      problem("QuickFIX sent a session Reject: " + fix::printable(message.toString()));
    if (type == "2") problem("QuickFIX asked for a resend: " + fix::printable(message.toString()));
    if (type == "5" && message.isSetField(58)) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!stopping)
        problems.push_back("QuickFIX logged out: " + fix::printable(message.toString()));
    }
  }
  void toApp(FIX::Message& message, const FIX::SessionID&) throw(FIX::DoNotSend) override {
    if (message.getHeader().getField(35) == "j") {
      problem("QuickFIX sent a BusinessMessageReject: " + fix::printable(message.toString()));
    }
  }
  void fromAdmin(const FIX::Message& message,
                 const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                              FIX::IncorrectTagValue, FIX::RejectLogon) override {
    if (message.getHeader().getField(35) == "3") {
      problem("the counterparty sent a Reject: " + fix::printable(message.toString()));
    }
  }
  void fromApp(const FIX::Message& message,
               const FIX::SessionID& session) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                    FIX::IncorrectTagValue,
                                                    FIX::UnsupportedMessageType) override {
    const std::string type = message.getHeader().getField(35);
    if (type != "D" && type != "G" && type != "F") return;
    try {
      answer(type, message, session);
    } catch (const FIX::Exception& e) {
      // The dictionary has already accepted the message, so this is our own mistake: say so
      // rather than let QuickFIX turn it into a reject the counterparty did not earn.
      problem("could not answer a " + type + ": " + e.what());
    }
  }

  // The ExecutionReport for an order, a replace or a cancel, with every field the venue's
  // dictionary requires: a NewOrderSingle canceled untouched (an IOC that found nothing) or
  // acknowledged (keep_orders), a replace Replaced, a cancel Canceled.
  void answer(const std::string& type, const FIX::Message& request, const FIX::SessionID& session) {
    std::size_t n = 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      n = ++(type == "D" ? orders_answered : type == "G" ? replaces_answered : cancels_answered);
    }
    const bool rests = (type == "D" && options.keep_orders) || type == "G";
    const std::string exec_type = type == "D" ? (rests ? "0" : "4") : type == "G" ? "5" : "4";
    FIX::Message report;
    report.getHeader().setField(35, "8");
    report.setField(37, "QF" + std::to_string(n) + type);             // OrderID
    report.setField(17, "QFE" + std::to_string(n) + type);            // ExecID
    if (options.begin_string == "FIX.4.2") report.setField(20, "0");  // ExecTransType: New
    report.setField(150, exec_type);                                  // ExecType
    report.setField(39, rests ? "0" : "4");                           // OrdStatus
    for (const int tag : {11, 41, 55, 54, 38, 40, 44, 59}) {
      if (request.isSetField(tag)) report.setField(tag, request.getField(tag));
    }
    report.setField(151, rests && request.isSetField(38) ? request.getField(38) : "0");
    report.setField(14, "0");  // CumQty
    report.setField(6, "0");   // AvgPx
    report.setField(FIX::UtcTimeStampField(60, 3));
    if (!FIX::Session::sendToTarget(report, session)) {
      problem("QuickFIX did not send the ExecutionReport for ClOrdID " + request.getField(11));
    }
  }
};

QuickFixAcceptor::QuickFixAcceptor(const Options& options) : impl_(new Impl) {
  impl_->options = options;
  std::ostringstream config;
  // Every check QuickFIX has, on: the dictionary, field order, empty values, user-defined fields,
  // unknown fields, CompIDs, latency, BodyLength and CheckSum.
  config << "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << options.port << "\n"
         << "StartTime=00:00:00\nEndTime=00:00:00\nResetOnLogon=Y\nUseDataDictionary=Y\n"
         << "ValidateLengthAndChecksum=Y\nValidateFieldsOutOfOrder=Y\n"
         << "ValidateFieldsHaveValues=Y\nValidateUserDefinedFields=Y\nAllowUnknownMsgFields=N\n"
         << "CheckCompID=Y\nCheckLatency=Y\nMaxLatency=120\n"
         << "[SESSION]\nBeginString=" << options.begin_string << "\n";
  config << dictionary_settings(options.begin_string, options.dictionary,
                                options.transport_dictionary, options.app_dictionary,
                                options.default_appl_ver_id);
  config << "SenderCompID=" << options.sender_comp_id << "\n"
         << "TargetCompID=" << options.target_comp_id << "\n";
  std::istringstream text(config.str());
  try {
    impl_->settings.reset(new FIX::SessionSettings(text));
    impl_->store.reset(new FIX::MemoryStoreFactory());
    impl_->acceptor.reset(new FIX::SocketAcceptor(*impl_, *impl_->store, *impl_->settings,
                                                  *impl_));  // the Impl is its own log factory
    impl_->acceptor->start();
  } catch (const FIX::Exception& e) {
    throw std::runtime_error(std::string("QuickFIX acceptor on port ") +
                             std::to_string(options.port) + ": " + e.what());
  }
}

QuickFixAcceptor::~QuickFixAcceptor() {
  stop();
}

void QuickFixAcceptor::stop() {
  if (!impl_->acceptor) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->acceptor->stop();
  impl_->acceptor.reset();
}

bool QuickFixAcceptor::wait_logged_on(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return impl_->logged_on; });
}

bool QuickFixAcceptor::wait_logged_out(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return impl_->logged_out; });
}

std::vector<std::string> QuickFixAcceptor::received() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->received;
}

std::vector<std::string> QuickFixAcceptor::problems() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->problems;
}

std::vector<std::string> QuickFixAcceptor::events() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->events;
}

std::size_t QuickFixAcceptor::orders_answered() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->orders_answered;
}

std::size_t QuickFixAcceptor::replaces_answered() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->replaces_answered;
}

std::size_t QuickFixAcceptor::cancels_answered() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->cancels_answered;
}

}  // namespace quickfix_reference
}  // namespace vtb

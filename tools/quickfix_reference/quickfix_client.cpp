// Compiled as C++14 with QuickFIX's headers (see CMakeLists.txt).
#include "tools/quickfix_reference/quickfix_client.hpp"

#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Group.h>
#include <quickfix/Log.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "tools/quickfix_reference/dictionary_settings.hpp"

namespace vtb {
namespace quickfix_reference {

namespace {

QuickFixClient::Fields to_fields(const FIX::Message& message) {
  QuickFixClient::Fields fields;
  for (FIX::FieldMap::const_iterator it = message.getHeader().begin();
       it != message.getHeader().end(); ++it)
    fields[it->getTag()] = it->getString();
  for (FIX::FieldMap::const_iterator it = message.begin(); it != message.end(); ++it)
    fields[it->getTag()] = it->getString();
  return fields;
}

}  // namespace

struct QuickFixClient::Impl : FIX::Application {
  Options options;
  std::unique_ptr<FIX::SessionSettings> settings;
  std::unique_ptr<FIX::MessageStoreFactory> store;
  std::unique_ptr<FIX::ScreenLogFactory> log;
  std::unique_ptr<FIX::SocketInitiator> initiator;
  FIX::SessionID session;

  mutable std::mutex mutex;
  std::condition_variable changed;
  std::deque<Fields> inbox;
  std::vector<std::string> problems;
  bool logged_on = false;
  bool stopping = false;  // a Logout answering ours is not a problem

  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mutex);
    logged_on = true;
    changed.notify_all();
  }
  void onLogout(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mutex);
    logged_on = false;
    changed.notify_all();
  }
  void toAdmin(FIX::Message& message, const FIX::SessionID&) override {
    const std::string type = message.getHeader().getField(35);
    if (type == "A") {
      if (!options.username.empty()) message.setField(553, options.username);
      if (!options.password.empty()) message.setField(554, options.password);
    }
    if (type == "3") {  // QuickFIX found something wrong in what the venue sent
      std::lock_guard<std::mutex> lock(mutex);
      problems.push_back("QuickFIX rejected a venue message: " + message.toString());
    }
  }
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message& message,
                 const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                              FIX::IncorrectTagValue, FIX::RejectLogon) override {
    const std::string type = message.getHeader().getField(35);
    std::lock_guard<std::mutex> lock(mutex);
    if (type == "3" || (type == "5" && !stopping))
      problems.push_back("the venue sent: " + message.toString());
  }
  void fromApp(const FIX::Message& message,
               const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                            FIX::IncorrectTagValue,
                                            FIX::UnsupportedMessageType) override {
    std::lock_guard<std::mutex> lock(mutex);
    inbox.push_back(to_fields(message));
    changed.notify_all();
  }
};

QuickFixClient::QuickFixClient(const Options& options) : impl_(new Impl) {
  impl_->options = options;
  std::ostringstream config;
  config << "[DEFAULT]\nConnectionType=initiator\nReconnectInterval=1\nHeartBtInt=30\n"
         << "StartTime=00:00:00\nEndTime=00:00:00\nResetOnLogon="
         << (options.reset_on_logon ? "Y" : "N") << "\nUseDataDictionary=Y\n"
         << "[SESSION]\nBeginString=" << options.begin_string << "\n";
  config << dictionary_settings(options.begin_string, options.dictionary,
                                options.transport_dictionary, options.app_dictionary,
                                options.default_appl_ver_id);
  config << "SenderCompID=" << options.sender_comp_id << "\n"
         << "TargetCompID=" << options.target_comp_id << "\n"
         << "SocketConnectHost=" << options.host << "\nSocketConnectPort=" << options.port << "\n";
  if (!options.file_store_path.empty())
    config << "FileStorePath=" << options.file_store_path << "\n";
  std::istringstream text(config.str());
  try {
    impl_->settings.reset(new FIX::SessionSettings(text));
    if (options.file_store_path.empty()) {
      impl_->store.reset(new FIX::MemoryStoreFactory());
    } else {
      impl_->store.reset(new FIX::FileStoreFactory(*impl_->settings));
    }
    impl_->log.reset(new FIX::ScreenLogFactory(false, false, false));
    impl_->initiator.reset(
        new FIX::SocketInitiator(*impl_, *impl_->store, *impl_->settings, *impl_->log));
    impl_->session =
        FIX::SessionID(options.begin_string, options.sender_comp_id, options.target_comp_id);
    impl_->initiator->start();
  } catch (const FIX::Exception& e) {
    throw std::runtime_error(std::string("QuickFIX client: ") + e.what());
  }
}

QuickFixClient::~QuickFixClient() {
  stop();
}

void QuickFixClient::stop() {
  if (impl_->initiator) {
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->stopping = true;
    }
    impl_->initiator->stop();
    impl_->initiator.reset();
  }
}

bool QuickFixClient::wait_logged_on(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return impl_->logged_on; });
}

bool QuickFixClient::logged_on() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->logged_on;
}

bool QuickFixClient::send(const std::string& msg_type,
                          const std::vector<std::pair<int, std::string>>& fields,
                          const std::vector<Group>& groups) {
  FIX::Message message;
  message.getHeader().setField(35, msg_type);
  for (const auto& field : fields) {
    if (FIX::Message::isHeaderField(field.first)) {
      message.getHeader().setField(field.first, field.second);
    } else {
      message.setField(field.first, field.second);
    }
  }
  for (const Group& group : groups) {
    for (const auto& instance : group.instances) {
      FIX::Group g(group.count_tag, group.delimiter);
      for (const auto& field : instance)
        g.setField(field.first, field.second);
      message.addGroup(g);
    }
  }
  try {
    return FIX::Session::sendToTarget(message, impl_->session);
  } catch (const FIX::Exception&) {
    return false;
  }
}

QuickFixClient::Fields QuickFixClient::receive(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, timeout, [&] { return !impl_->inbox.empty(); })) return {};
  Fields next = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  return next;
}

std::vector<std::string> QuickFixClient::problems() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->problems;
}

}  // namespace quickfix_reference
}  // namespace vtb

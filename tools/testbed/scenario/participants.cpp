#include "tools/testbed/scenario/participants.hpp"

#include <stdexcept>

#include "common/fix/utc_timestamp.hpp"

namespace vtb::scenario {

namespace {

std::string transact_time() {
  char text[fix::kMaxTimestampLength];
  const std::size_t n =
      fix::format_utc_timestamp(text, wall_clock_ns(), fix::TimestampPrecision::Millis);
  return std::string(text, n);
}

std::string side_code(const std::string& side) {
  return side == "buy" ? "1" : "2";
}

std::string tif_code(const std::string& tif) {
  if (tif == "ioc") return "3";
  if (tif == "gtc") return "1";
  return "0";
}

}  // namespace

Participants::Participants(const std::vector<std::string>& sessions, const std::string& host,
                           std::uint16_t fix_port, const std::string& dictionary) {
  for (const std::string& session : sessions) {
    quickfix_reference::QuickFixClient::Options o;
    o.host = host;
    o.port = fix_port;
    o.sender_comp_id = session;
    o.target_comp_id = "VENUE";
    o.dictionary = dictionary;
    clients_[session] = std::make_unique<quickfix_reference::QuickFixClient>(o);
  }
  for (auto& [session, c] : clients_) {
    if (!c->wait_logged_on(std::chrono::seconds(10))) {
      throw std::runtime_error("participant " + session +
                               " did not log on to the venue within 10 s (is it one of the "
                               "venue's sessions?)");
    }
  }
}

std::string Participants::wait_logged_on(std::chrono::milliseconds timeout) {
  for (auto& [session, c] : clients_) {
    if (!c->wait_logged_on(timeout)) return session;
  }
  return {};
}

Participants::~Participants() {
  stop();
}

void Participants::stop() {
  for (auto& [session, c] : clients_)
    c->stop();
}

quickfix_reference::QuickFixClient* Participants::client(const std::string& session) {
  const auto it = clients_.find(session);
  return it == clients_.end() ? nullptr : it->second.get();
}

std::string Participants::order(const OrderStep& o) {
  auto* c = client(o.session);
  if (!c) return "no participant session " + o.session;
  Order& order = orders_[o.session + "/" + o.id];
  order = {o.id, o.side, o.symbol, o.price, o.type, o.quantity, 0};
  std::vector<std::pair<int, std::string>> fields = {{11, o.id},
                                                     {55, o.symbol},
                                                     {54, side_code(o.side)},
                                                     {60, transact_time()},
                                                     {38, std::to_string(o.quantity)},
                                                     {40, o.type == "market" ? "1" : "2"},
                                                     {59, tif_code(o.tif)}};
  if (!o.price.empty()) fields.push_back({44, o.price});
  return c->send("D", fields) ? "" : o.session + " is not logged on";
}

// A cancel (F) or a replace (G, with `price` and `quantity`) of the order the scenario calls
// `id`: it names the order by its current ClOrdID and gives it the next one.
std::string Participants::amend(const std::string& session, const std::string& id,
                                const ReplaceStep* replace) {
  auto* c = client(session);
  const auto it = orders_.find(session + "/" + id);
  if (!c || it == orders_.end()) return "no order '" + id + "' from " + session;
  Order& order = it->second;
  const std::string orig = order.clordid;
  order.clordid = id + "-" + std::to_string(++order.versions);
  if (replace) {
    order.price = replace->price;
    order.quantity = replace->quantity;
  }
  std::vector<std::pair<int, std::string>> fields = {{41, orig},
                                                     {11, order.clordid},
                                                     {55, order.symbol},
                                                     {54, side_code(order.side)},
                                                     {60, transact_time()},
                                                     {38, std::to_string(order.quantity)}};
  if (replace) fields.insert(fields.end(), {{40, "2"}, {44, order.price}});
  return c->send(replace ? "G" : "F", fields) ? "" : session + " is not logged on";
}

std::string Participants::cancel(const CancelStep& step) {
  return amend(step.session, step.id, nullptr);
}

std::string Participants::replace(const ReplaceStep& step) {
  return amend(step.session, step.id, &step);
}

}  // namespace vtb::scenario

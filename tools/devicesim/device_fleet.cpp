#include "tools/devicesim/device_fleet.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <utility>
#include <variant>

#include "devices/protocol/device_key.h"
#include "devices/protocol/message_codec.h"

namespace hall::devicesim {

namespace {

namespace protocol = devices::protocol;

// The real clock on purpose: what is measured is the real time a call takes
// from the server's clock to this program.
int64_t nowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string typeKey(const protocol::ServerMessage& message) {
  if (const auto* display = std::get_if<protocol::Display>(&message)) {
    return std::string("display/") + protocol::topicName(display->topic);
  }
  if (const auto* command = std::get_if<protocol::Command>(&message)) {
    return std::string("command/") + protocol::commandName(command->command);
  }
  return protocol::typeName(message);
}

// The receipt of a call display; nullopt when a member it needs is missing.
std::optional<CallReceipt> callReceiptOf(const FleetMember& device, const protocol::Display& call,
                                         int64_t received_us) {
  if (!call.data || call.sent_at_ms == 0) return std::nullopt;
  try {
    if (!call.data->has("at") || !call.data->has("number")) return std::nullopt;
    CallReceipt receipt;
    receipt.device_id = device.id;
    receipt.kind = device.kind;
    receipt.number = call.data->getValue<std::string>("number");
    receipt.window = call.data->optValue<std::string>("window", "");
    receipt.recall = call.data->optValue<bool>("recall", false);
    receipt.at_ms = call.data->getValue<Poco::Int64>("at");
    receipt.sent_at_ms = call.sent_at_ms;
    receipt.received_us = received_us;
    return receipt;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

DeviceFleet::DeviceFleet(FleetOptions options, Observer observer)
    : options_(std::move(options)), observer_(std::move(observer)) {}

DeviceFleet::~DeviceFleet() { close(); }

std::vector<ConnectFailure> DeviceFleet::connect(const std::vector<FleetMember>& members) {
  std::vector<ConnectFailure> failures;
  for (const FleetMember& device : members) {
    protocol::DeviceClientOptions client_options;
    client_options.host = options_.host;
    client_options.port = options_.port;
    client_options.device_id = device.id;
    client_options.key = protocol::deviceKey(options_.secret, device.id);
    client_options.software = options_.software;
    client_options.connect_timeout = options_.connect_timeout;

    protocol::DeviceClient* client = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closing_) {
        failures.push_back({device.id, "the fleet is closing", std::nullopt});
        continue;
      }
      if (index_.count(device.id) > 0) {
        failures.push_back({device.id, "already in the fleet", std::nullopt});
        continue;
      }
      const size_t index = members_.size();
      auto member = std::make_unique<Member>();
      member->device = device;
      member->client = std::make_unique<protocol::DeviceClient>(
          client_options,
          [this, index](const protocol::ServerMessage& message) { received(index, message); },
          [this, index](const protocol::CloseReason& reason) { ended(index, reason); });
      client = member->client.get();
      index_.emplace(device.id, index);
      members_.push_back(std::move(member));
    }
    // Outside the lock: the client's reader thread hands `registered` (and
    // the snapshot) to received() while connect() waits.
    const protocol::ConnectResult result = client->connect();
    if (!result.ok) failures.push_back({device.id, result.error, result.refusal});
  }
  return failures;
}

size_t DeviceFleet::connectedCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<size_t>(std::count_if(
      members_.begin(), members_.end(),
      [](const std::unique_ptr<Member>& m) { return m->client && m->client->connected(); }));
}

void DeviceFleet::received(size_t index, const protocol::ServerMessage& message) {
  const int64_t received_us = nowMicros();
  FleetMember device;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Member& member = *members_[index];
    device = member.device;
    if (const auto* capture = std::get_if<protocol::FingerprintCapture>(&message)) {
      // Only queued: the client's sender thread writes it.
      (void)member.client->send(answerCapture(*capture, options_.fingers));
    }
    ++member.messages;
    if (std::holds_alternative<protocol::Registered>(message)) member.registered = true;
    ++member.by_type[typeKey(message)];
    if (const auto* display = std::get_if<protocol::Display>(&message);
        display && display->topic == protocol::DisplayTopic::Call) {
      if (std::optional<CallReceipt> receipt = callReceiptOf(device, *display, received_us)) {
        calls_.push_back(std::move(*receipt));
        changed_.notify_all();
      } else {
        ++malformed_calls_;
      }
    }
  }
  if (observer_) observer_(device, message, received_us);
}

void DeviceFleet::ended(size_t index, const protocol::CloseReason& reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_ || !members_[index]->registered) return;
  drops_.push_back({members_[index]->device.id, reason});
  changed_.notify_all();
}

std::optional<CallReceipt> DeviceFleet::awaitCall(const std::string& device_id,
                                                  const std::string& number,
                                                  std::chrono::milliseconds limit) const {
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<CallReceipt> found;
  changed_.wait_for(lock, limit, [&] {
    const auto it = std::find_if(calls_.begin(), calls_.end(), [&](const CallReceipt& r) {
      return r.device_id == device_id && r.number == number;
    });
    if (it != calls_.end()) found = *it;
    return found.has_value();
  });
  return found;
}

bool DeviceFleet::awaitCallReceipts(size_t count, std::chrono::milliseconds limit) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return calls_.size() >= count; });
}

std::vector<CallReceipt> DeviceFleet::callReceipts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return calls_;
}

size_t DeviceFleet::malformedCalls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return malformed_calls_;
}

std::vector<KindReport> DeviceFleet::report() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, KindReport> kinds;
  for (const std::unique_ptr<Member>& m : members_) {
    KindReport& kind = kinds[m->device.kind];
    kind.kind = m->device.kind;
    ++kind.devices;
    kind.messages += m->messages;
    for (const auto& [type, n] : m->by_type) kind.by_type[type] += n;
  }
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> samples;
  for (const CallReceipt& r : calls_) {
    samples[r.kind].first.push_back(r.fromCallMs());
    samples[r.kind].second.push_back(r.fromSentMs());
  }
  std::vector<KindReport> out;
  for (auto& [name, kind] : kinds) {
    if (auto it = samples.find(name); it != samples.end()) {
      kind.call_from_at = summarize(std::move(it->second.first));
      kind.call_from_sent = summarize(std::move(it->second.second));
    }
    out.push_back(std::move(kind));
  }
  return out;
}

std::vector<Drop> DeviceFleet::drops() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return drops_;
}

void DeviceFleet::close() {
  std::vector<std::unique_ptr<protocol::DeviceClient>> clients;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    for (std::unique_ptr<Member>& m : members_) {
      if (m->client) clients.push_back(std::move(m->client));
    }
  }
  // Close frames first, all of them, then wait for each client's threads:
  // the answers arrive in parallel rather than one device after another.
  for (const auto& client : clients) client->close();
  clients.clear();
}

}  // namespace hall::devicesim

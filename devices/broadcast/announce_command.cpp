#include "devices/broadcast/announce_command.h"

#include <variant>

#include "devices/broadcast/call_phrase.h"

namespace devices::broadcast {

std::optional<std::string> announcementOf(const devices::protocol::ServerMessage& message) {
  const auto* command = std::get_if<devices::protocol::Command>(&message);
  if (!command || command->command != devices::protocol::CommandKind::Announce || !command->data) {
    return std::nullopt;
  }
  const Poco::JSON::Object::Ptr& data = command->data;
  if (!data->has("number") || !data->has("windowNumber")) return std::nullopt;
  try {
    return callPhrase(data->getValue<std::string>("number"), data->getValue<int>("windowNumber"));
  } catch (const Poco::Exception&) {
    return std::nullopt;  // a member of the wrong kind
  }
}

}  // namespace devices::broadcast

// What a loudspeaker says for an `announce` command of the device protocol
// (data: number, windowNumber — devices/protocol/README.md): the call's
// words, or nothing for a command that is not an announcement or lacks them.
#pragma once

#include <optional>
#include <string>

#include "devices/protocol/server_message.h"

namespace devices::broadcast {

std::optional<std::string> announcementOf(const devices::protocol::ServerMessage& message);

}  // namespace devices::broadcast

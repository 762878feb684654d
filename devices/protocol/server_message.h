// The messages the hall server sends to a device ("server → device" in
// README.md), as plain values; message_codec.h turns them into JSON text and
// back. The `data` of display and command messages is a JSON object whose
// members depend on the topic or command (README.md lists them); a null
// pointer stands for the empty object. Value types, but `data` is shared by
// copies: do not change it once the message is handed on.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <variant>

namespace devices::protocol {

// The answer to a register the server accepted: what the hall layout says
// about the device, and how often it wants a heartbeat.
struct Registered {
  std::string device_id;
  std::string kind;    // ticket-kiosk, ticket-desktop, welcome-screen, broadcast, window-strip …
  std::string zone;    // "" when the layout places the device in no zone
  std::string window;  // the window of a strip; "" otherwise
  int heartbeat_seconds = 10;
  bool operator==(const Registered&) const = default;
};

struct HeartbeatAck {
  int64_t seq = 0;
  bool operator==(const HeartbeatAck&) const = default;
};

// What a screen shows: a call (叫号), the queues' waiting counts, a window's
// state, a notice (公告), or — right after it registers — a snapshot of all
// of these as they stand, so a screen that just (re)connected is current.
enum class DisplayTopic { Call, Queues, Window, Notice, Snapshot };

struct Display {
  DisplayTopic topic = DisplayTopic::Notice;
  Poco::JSON::Object::Ptr data;  // null: {}
  int64_t sent_at_ms = 0;        // epoch milliseconds; the hub stamps it when 0
};

// Something a device does: speak (播报), print (打印), or reload its content.
enum class CommandKind { Announce, Print, Reload };

struct Command {
  CommandKind command = CommandKind::Reload;
  Poco::JSON::Object::Ptr data;  // null: {}
};

// Asks a fingerprint reader to capture a finger: to enrol a clerk's finger
// (an administrator at the window), or to confirm that the clerk at the
// window is who is signed in (when they accept a case). The reader answers
// with fingerprint or fingerprint-failed carrying the same requestId.
enum class FingerprintPurpose { Enroll, Verify };

struct FingerprintCapture {
  std::string request_id;  // 1–64 letters, digits, '.', '_', '-'; random per request
  FingerprintPurpose purpose = FingerprintPurpose::Verify;
  std::string clerk;  // the login whose finger is asked for
  bool operator==(const FingerprintCapture&) const = default;
};

// Why the server refused a message.
enum class ErrorCode { UnknownDevice, BadKey, BadMessage, NotRegistered };

struct ErrorMessage {
  ErrorCode code = ErrorCode::BadMessage;
  std::string message;
  bool operator==(const ErrorMessage&) const = default;
};

using ServerMessage =
    std::variant<Registered, HeartbeatAck, Display, Command, ErrorMessage, FingerprintCapture>;

}  // namespace devices::protocol

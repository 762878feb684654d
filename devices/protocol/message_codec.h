// The JSON form of the device protocol (README.md): one JSON object per
// WebSocket text frame, with `type` first. encode() writes compact UTF-8 JSON;
// the decoders read it and check every field they know, and when something is
// wrong they name the field and say why — the server sends exactly that back
// in its `bad-message` error. Members a decoder does not know are ignored, so
// either end may learn new optional fields first.
//
// Stateless functions; safe to call from any thread.
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "devices/protocol/device_message.h"
#include "devices/protocol/server_message.h"

namespace devices::protocol {

// Why a text is not a valid message: the JSON field at fault ("" when the text
// as a whole is) and a sentence that starts with that field.
struct DecodeError {
  std::string field;
  std::string message;
};

// A decoded message, or why there is none.
template <typename T>
class [[nodiscard]] Decoded {
 public:
  Decoded(T value) : result_(std::move(value)) {}            // NOLINT: implicit by design
  Decoded(DecodeError error) : result_(std::move(error)) {}  // NOLINT

  bool ok() const { return result_.index() == 0; }
  // Calling value() on an error (or error() on a value) is a bug.
  const T& value() const { return std::get<0>(result_); }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  const DecodeError& error() const { return std::get<1>(result_); }

 private:
  std::variant<T, DecodeError> result_;
};

std::string encode(const DeviceMessage& message);
std::string encode(const ServerMessage& message);

Decoded<DeviceMessage> decodeDeviceMessage(std::string_view text);
Decoded<ServerMessage> decodeServerMessage(std::string_view text);

// A JSON object from its text, for building `data` (e.g. from another JSON
// library's output). An error when the text is not one JSON object.
Decoded<Poco::JSON::Object::Ptr> parseObject(std::string_view text);

// Wire names: the `type` of a message, and the values of topic, command and
// error code.
const char* typeName(const DeviceMessage& message);
const char* typeName(const ServerMessage& message);
const char* topicName(DisplayTopic topic);
const char* commandName(CommandKind command);
const char* errorCodeName(ErrorCode code);
const char* purposeName(FingerprintPurpose purpose);
const char* failureName(FingerprintFailure failure);
std::optional<DisplayTopic> topicFromName(std::string_view name);
std::optional<CommandKind> commandFromName(std::string_view name);
std::optional<ErrorCode> errorCodeFromName(std::string_view name);
std::optional<FingerprintPurpose> purposeFromName(std::string_view name);
std::optional<FingerprintFailure> failureFromName(std::string_view name);

}  // namespace devices::protocol

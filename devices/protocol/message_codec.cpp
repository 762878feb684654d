#include "devices/protocol/message_codec.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <array>
#include <cstdint>
#include <sstream>
#include <type_traits>

#include "devices/protocol/protocol_constants.h"

namespace devices::protocol {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

// Past 2^53 a number no longer survives a JavaScript device's JSON.parse.
constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;
constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxKeyLength = 128;
constexpr size_t kMaxSoftwareLength = 128;
constexpr size_t kMaxMessageLength = 1024;
// Nesting deeper than this in a message is refused before it costs stack.
constexpr size_t kMaxDepth = 32;

template <typename Enum>
struct Named {
  Enum value;
  const char* name;
};

constexpr std::array<Named<DisplayTopic>, 5> kTopics = {{{DisplayTopic::Call, "call"},
                                                         {DisplayTopic::Queues, "queues"},
                                                         {DisplayTopic::Window, "window"},
                                                         {DisplayTopic::Notice, "notice"},
                                                         {DisplayTopic::Snapshot, "snapshot"}}};
constexpr std::array<Named<CommandKind>, 3> kCommands = {{{CommandKind::Announce, "announce"},
                                                          {CommandKind::Print, "print"},
                                                          {CommandKind::Reload, "reload"}}};
constexpr std::array<Named<ErrorCode>, 4> kErrorCodes = {
    {{ErrorCode::UnknownDevice, "unknown-device"},
     {ErrorCode::BadKey, "bad-key"},
     {ErrorCode::BadMessage, "bad-message"},
     {ErrorCode::NotRegistered, "not-registered"}}};
constexpr std::array<Named<FingerprintPurpose>, 2> kPurposes = {
    {{FingerprintPurpose::Enroll, "enroll"}, {FingerprintPurpose::Verify, "verify"}}};
constexpr std::array<Named<FingerprintFailure>, 3> kFailures = {
    {{FingerprintFailure::Timeout, "timeout"},
     {FingerprintFailure::Cancelled, "cancelled"},
     {FingerprintFailure::PoorQuality, "poor-quality"}}};
// Base64 text of a template of at most kMaxFingerprintTemplateBytes.
constexpr size_t kMaxTemplateLength = (kMaxFingerprintTemplateBytes + 2) / 3 * 4;

template <typename Enum, size_t N>
const char* nameOf(const std::array<Named<Enum>, N>& table, Enum value) {
  for (const Named<Enum>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return table[0].name;
}

template <typename Enum, size_t N>
std::optional<Enum> valueOf(const std::array<Named<Enum>, N>& table, std::string_view name) {
  for (const Named<Enum>& entry : table) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

// "call, queues, window or notice".
template <typename Enum, size_t N>
std::string listOf(const std::array<Named<Enum>, N>& table) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += table[i].name;
  }
  return out;
}

bool isObject(const Var& value) { return value.type() == typeid(Object::Ptr); }

std::string kindOf(const Var& value) {
  if (value.isEmpty()) return "null";
  if (isObject(value)) return "an object";
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (value.isBoolean()) return "a boolean";
  if (value.isString()) return "a string";
  if (value.isNumeric()) return "a number";
  return "something else";
}

bool isIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool isCodeCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool isBase64Character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Standard base64 (RFC 4648, 4): groups of four, '=' only as padding at the end.
bool isBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (!isBase64Character(text[i])) return false;
  }
  return true;
}

// Reads the members of one object; the first problem found is kept and later
// reads return empty values, so a decoder reads straight through and checks
// once at the end.
class FieldReader {
 public:
  explicit FieldReader(const Object& object) : object_(object) {}

  // A string member of at most `max_length` bytes; "" when absent and optional.
  std::string text(const std::string& name, bool required, size_t max_length) {
    const std::optional<Var> value = member(name, required);
    if (!value) return "";
    if (!value->isString()) {
      fail(name, "expected a string, got " + kindOf(*value));
      return "";
    }
    std::string out = value->extract<std::string>();
    if (out.size() > max_length) {
      fail(name, "longer than " + std::to_string(max_length) + " bytes");
      return "";
    }
    return out;
  }

  // An id: 1 to 64 letters, digits, '.', '_' or '-'.
  std::string id(const std::string& name) {
    std::string out = text(name, true, kMaxIdLength);
    if (error_) return "";
    bool well_formed = !out.empty();
    for (char c : out) well_formed = well_formed && isIdCharacter(c);
    if (!well_formed) {
      fail(name, "expected 1 to 64 letters, digits, '.', '_' or '-'");
      return "";
    }
    return out;
  }

  // A fault code: 1 to 64 lower-case letters, digits or '-', e.g. paper-out.
  std::string code(const std::string& name) {
    std::string out = text(name, true, kMaxIdLength);
    if (error_) return "";
    bool well_formed = !out.empty();
    for (char c : out) well_formed = well_formed && isCodeCharacter(c);
    if (!well_formed) {
      fail(name, "expected 1 to 64 lower-case letters, digits or '-' (e.g. paper-out)");
      return "";
    }
    return out;
  }

  // A fingerprint template: 1 to kMaxTemplateLength characters of base64.
  std::string base64(const std::string& name) {
    std::string out = text(name, true, kMaxTemplateLength);
    if (error_) return "";
    if (!isBase64(out)) {
      fail(name, "expected base64 (A-Z, a-z, 0-9, '+', '/', '=' padding; groups of 4)");
      return "";
    }
    const size_t padding = out.size() - out.find_last_not_of('=') - 1;
    if (out.size() / 4 * 3 - padding > kMaxFingerprintTemplateBytes) {
      fail(name,
           "longer than " + std::to_string(kMaxFingerprintTemplateBytes) + " bytes once decoded");
      return "";
    }
    return out;
  }

  // An integer in [min, kMaxSafeInteger]; `fallback` when absent and optional.
  int64_t integer(const std::string& name, bool required, int64_t min, int64_t max,
                  int64_t fallback = 0) {
    const std::optional<Var> value = member(name, required);
    if (!value) return fallback;
    if (!value->isInteger() || value->isBoolean()) {
      fail(name, "expected an integer, got " + kindOf(*value));
      return fallback;
    }
    int64_t out = 0;
    try {
      out = value->convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
      fail(name, "out of range");
      return fallback;
    }
    if (out < min || out > max) {
      fail(name, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return out;
  }

  // An object member; null when absent (the empty object).
  Object::Ptr object(const std::string& name) {
    const std::optional<Var> value = member(name, false);
    if (!value) return nullptr;
    if (!isObject(*value)) {
      fail(name, "expected an object, got " + kindOf(*value));
      return nullptr;
    }
    return value->extract<Object::Ptr>();
  }

  template <typename Enum, size_t N>
  Enum oneOf(const std::string& name, const std::array<Named<Enum>, N>& table, const char* what) {
    const std::string value = text(name, true, kMaxIdLength);
    if (error_) return table[0].value;
    const std::optional<Enum> out = valueOf(table, value);
    if (!out) {
      fail(name,
           "unknown " + std::string(what) + " '" + value + "' (expected " + listOf(table) + ")");
      return table[0].value;
    }
    return *out;
  }

  const std::optional<DecodeError>& error() const { return error_; }

  void fail(const std::string& field, const std::string& why) {
    if (!error_) error_ = DecodeError{field, field + ": " + why};
  }

 private:
  // The member, or nullopt when it is absent or null (then an error if required).
  std::optional<Var> member(const std::string& name, bool required) {
    if (error_) return std::nullopt;
    if (object_.has(name) && !object_.isNull(name)) return object_.get(name);
    if (required) fail(name, "missing");
    return std::nullopt;
  }

  const Object& object_;
  std::optional<DecodeError> error_;
};

// The text as one JSON object, or why not.
Decoded<Object::Ptr> parse(std::string_view text) {
  // Poco's parser reports a lone scalar with a message about its own stack;
  // what the sender needs to hear is that a message is an object.
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return DecodeError{"", "not JSON: the text is empty"};
  if (text[start] != '{') return DecodeError{"", "expected a JSON object"};
  Var parsed;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxDepth);
    parsed = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    return DecodeError{"", "not JSON: " + e.message()};
  }
  if (!isObject(parsed)) return DecodeError{"", "expected a JSON object, got " + kindOf(parsed)};
  Object::Ptr object = parsed.extract<Object::Ptr>();
  if (object.isNull()) return DecodeError{"", "expected a JSON object, got null"};
  return object;
}

template <typename Message>
Decoded<Message> finish(const FieldReader& fields, Message message) {
  if (fields.error()) return *fields.error();
  return message;
}

std::string write(const Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// An object that writes its members in the order they were set (`type` first).
Object ordered() { return Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr orEmpty(const Object::Ptr& data) {
  return data.isNull() ? Object::Ptr(new Object(Poco::JSON_PRESERVE_KEY_ORDER)) : data;
}

}  // namespace

const char* typeName(const DeviceMessage& message) {
  return std::visit(
      [](const auto& m) -> const char* {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Register>) return "register";
        if constexpr (std::is_same_v<T, Heartbeat>) return "heartbeat";
        if constexpr (std::is_same_v<T, Fault>) return "fault";
        if constexpr (std::is_same_v<T, FaultCleared>) return "fault-cleared";
        if constexpr (std::is_same_v<T, Fingerprint>) return "fingerprint";
        if constexpr (std::is_same_v<T, FingerprintFailed>) return "fingerprint-failed";
      },
      message);
}

const char* typeName(const ServerMessage& message) {
  return std::visit(
      [](const auto& m) -> const char* {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Registered>) return "registered";
        if constexpr (std::is_same_v<T, HeartbeatAck>) return "heartbeat-ack";
        if constexpr (std::is_same_v<T, Display>) return "display";
        if constexpr (std::is_same_v<T, Command>) return "command";
        if constexpr (std::is_same_v<T, ErrorMessage>) return "error";
        if constexpr (std::is_same_v<T, FingerprintCapture>) return "fingerprint-capture";
      },
      message);
}

const char* topicName(DisplayTopic topic) { return nameOf(kTopics, topic); }
const char* commandName(CommandKind command) { return nameOf(kCommands, command); }
const char* errorCodeName(ErrorCode code) { return nameOf(kErrorCodes, code); }
std::optional<DisplayTopic> topicFromName(std::string_view name) { return valueOf(kTopics, name); }
std::optional<CommandKind> commandFromName(std::string_view name) {
  return valueOf(kCommands, name);
}
std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
  return valueOf(kErrorCodes, name);
}
const char* purposeName(FingerprintPurpose purpose) { return nameOf(kPurposes, purpose); }
const char* failureName(FingerprintFailure failure) { return nameOf(kFailures, failure); }
std::optional<FingerprintPurpose> purposeFromName(std::string_view name) {
  return valueOf(kPurposes, name);
}
std::optional<FingerprintFailure> failureFromName(std::string_view name) {
  return valueOf(kFailures, name);
}

std::string encode(const DeviceMessage& message) {
  Object out = ordered();
  out.set("type", typeName(message));
  std::visit(
      [&out](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Register>) {
          out.set("deviceId", m.device_id);
          out.set("key", m.key);
          out.set("software", m.software);
        } else if constexpr (std::is_same_v<T, Heartbeat>) {
          out.set("seq", static_cast<Poco::Int64>(m.seq));
        } else if constexpr (std::is_same_v<T, Fault>) {
          out.set("code", m.code);
          out.set("message", m.message);
        } else if constexpr (std::is_same_v<T, FaultCleared>) {
          out.set("code", m.code);
        } else if constexpr (std::is_same_v<T, Fingerprint>) {
          out.set("requestId", m.request_id);
          out.set("template", m.template_base64);
        } else if constexpr (std::is_same_v<T, FingerprintFailed>) {
          out.set("requestId", m.request_id);
          out.set("reason", failureName(m.reason));
        }
      },
      message);
  return write(out);
}

std::string encode(const ServerMessage& message) {
  Object out = ordered();
  out.set("type", typeName(message));
  std::visit(
      [&out](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Registered>) {
          out.set("deviceId", m.device_id);
          out.set("kind", m.kind);
          out.set("zone", m.zone);
          out.set("window", m.window);
          out.set("heartbeatSeconds", m.heartbeat_seconds);
        } else if constexpr (std::is_same_v<T, HeartbeatAck>) {
          out.set("seq", static_cast<Poco::Int64>(m.seq));
        } else if constexpr (std::is_same_v<T, Display>) {
          out.set("topic", topicName(m.topic));
          out.set("data", orEmpty(m.data));
          out.set("sentAt", static_cast<Poco::Int64>(m.sent_at_ms));
        } else if constexpr (std::is_same_v<T, Command>) {
          out.set("command", commandName(m.command));
          out.set("data", orEmpty(m.data));
        } else if constexpr (std::is_same_v<T, ErrorMessage>) {
          out.set("code", errorCodeName(m.code));
          out.set("message", m.message);
        } else if constexpr (std::is_same_v<T, FingerprintCapture>) {
          out.set("requestId", m.request_id);
          out.set("purpose", purposeName(m.purpose));
          out.set("clerk", m.clerk);
        }
      },
      message);
  return write(out);
}

Decoded<Poco::JSON::Object::Ptr> parseObject(std::string_view text) { return parse(text); }

Decoded<DeviceMessage> decodeDeviceMessage(std::string_view text) {
  const Decoded<Object::Ptr> object = parse(text);
  if (!object.ok()) return object.error();
  FieldReader fields(**object);
  const std::string type = fields.text("type", true, kMaxIdLength);
  if (fields.error()) return *fields.error();

  if (type == "register") {
    Register m;
    m.device_id = fields.id("deviceId");
    m.key = fields.text("key", true, kMaxKeyLength);
    m.software = fields.text("software", false, kMaxSoftwareLength);
    return finish<DeviceMessage>(fields, std::move(m));
  }
  if (type == "heartbeat") {
    return finish<DeviceMessage>(fields,
                                 Heartbeat{fields.integer("seq", true, 0, kMaxSafeInteger)});
  }
  if (type == "fault") {
    Fault m;
    m.code = fields.code("code");
    m.message = fields.text("message", false, kMaxMessageLength);
    return finish<DeviceMessage>(fields, std::move(m));
  }
  if (type == "fault-cleared") {
    return finish<DeviceMessage>(fields, FaultCleared{fields.code("code")});
  }
  if (type == "fingerprint") {
    Fingerprint m;
    m.request_id = fields.id("requestId");
    m.template_base64 = fields.base64("template");
    return finish<DeviceMessage>(fields, std::move(m));
  }
  if (type == "fingerprint-failed") {
    FingerprintFailed m;
    m.request_id = fields.id("requestId");
    m.reason = fields.oneOf("reason", kFailures, "reason");
    return finish<DeviceMessage>(fields, std::move(m));
  }
  fields.fail("type", "unknown message type '" + type +
                          "' (expected register, heartbeat, fault, fault-cleared, fingerprint or "
                          "fingerprint-failed)");
  return *fields.error();
}

Decoded<ServerMessage> decodeServerMessage(std::string_view text) {
  const Decoded<Object::Ptr> object = parse(text);
  if (!object.ok()) return object.error();
  FieldReader fields(**object);
  const std::string type = fields.text("type", true, kMaxIdLength);
  if (fields.error()) return *fields.error();

  if (type == "registered") {
    Registered m;
    m.device_id = fields.id("deviceId");
    m.kind = fields.text("kind", true, kMaxIdLength);
    m.zone = fields.text("zone", false, kMaxIdLength);
    m.window = fields.text("window", false, kMaxIdLength);
    m.heartbeat_seconds = static_cast<int>(fields.integer("heartbeatSeconds", true, 1, 3600));
    return finish<ServerMessage>(fields, std::move(m));
  }
  if (type == "heartbeat-ack") {
    return finish<ServerMessage>(fields,
                                 HeartbeatAck{fields.integer("seq", true, 0, kMaxSafeInteger)});
  }
  if (type == "display") {
    Display m;
    m.topic = fields.oneOf("topic", kTopics, "topic");
    m.data = fields.object("data");
    m.sent_at_ms = fields.integer("sentAt", true, 0, kMaxSafeInteger);
    return finish<ServerMessage>(fields, std::move(m));
  }
  if (type == "command") {
    Command m;
    m.command = fields.oneOf("command", kCommands, "command");
    m.data = fields.object("data");
    return finish<ServerMessage>(fields, std::move(m));
  }
  if (type == "error") {
    ErrorMessage m;
    m.code = fields.oneOf("code", kErrorCodes, "error code");
    m.message = fields.text("message", false, kMaxMessageLength);
    return finish<ServerMessage>(fields, std::move(m));
  }
  if (type == "fingerprint-capture") {
    FingerprintCapture m;
    m.request_id = fields.id("requestId");
    m.purpose = fields.oneOf("purpose", kPurposes, "purpose");
    m.clerk = fields.id("clerk");
    return finish<ServerMessage>(fields, std::move(m));
  }
  fields.fail("type", "unknown message type '" + type +
                          "' (expected registered, heartbeat-ack, display, command, error or "
                          "fingerprint-capture)");
  return *fields.error();
}

}  // namespace devices::protocol

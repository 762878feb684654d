#include "portal/web/front_desk_publisher.h"

#include <Poco/JSON/Parser.h>

#include "portal/web/front_desk_routes.h"

namespace portal::web {

namespace {

using devices::protocol::Command;
using devices::protocol::CommandKind;
using devices::protocol::Display;
using devices::protocol::DisplayTopic;

const std::vector<std::string> kScreens = {"welcome-screen"};
const std::vector<std::string> kQueueBoards = {"welcome-screen", "ticket-kiosk", "ticket-desktop"};

Poco::JSON::Object::Ptr toPoco(const wf::Value& value) {
  Poco::JSON::Parser parser;
  return parser.parse(value.toJson()).extract<Poco::JSON::Object::Ptr>();
}

Display display(DisplayTopic topic, const wf::Value& data) {
  return Display{topic, toPoco(data), 0};
}

}  // namespace

wf::Value windowDisplayJson(const hall::domain::WindowView& v) {
  const wf::Value full = toJson(v);
  return wf::Value(wf::Object{
      {"window", *full.find("id")},
      {"windowNumber", *full.find("number")},
      {"state", *full.find("state")},
      {"clerk", *full.find("clerk")},
      {"ticketNumber", *full.find("ticketNumber")},
  });
}

wf::Value FrontDeskPublisher::queuesJson(hall::domain::FrontDesk& desk) const {
  wf::Array queues;
  for (const hall::domain::QueueView& q : desk.queues()) queues.push_back(toJson(q));
  return wf::Value(wf::Object{{"queues", wf::Value(std::move(queues))}});
}

void FrontDeskPublisher::called(const hall::domain::CallEvent& call) {
  const wf::Value data(wf::Object{
      {"number", wf::Value(call.number)},
      {"queue", wf::Value(call.queue)},
      {"queueName", wf::Value(call.queue_name)},
      {"window", wf::Value(call.window)},
      {"windowNumber", wf::Value(call.window_number)},
      {"zone", wf::Value(call.zone)},
      {"recall", wf::Value(call.recall)},
      {"at", wf::Value(call.at)},
  });
  {
    std::lock_guard lock(mu_);
    recent_calls_.push_front(data);
    if (recent_calls_.size() > kRecentCalls) recent_calls_.pop_back();
  }
  const Display shown = display(DisplayTopic::Call, data);
  hub_.publish(shown, DeviceFilter{.kinds = kScreens});
  hub_.publish(shown, DeviceFilter{.kinds = {"window-strip"}, .window = call.window});
  if (call.voice) {
    const wf::Value words(wf::Object{{"number", wf::Value(call.number)},
                                     {"windowNumber", wf::Value(call.window_number)},
                                     {"queueName", wf::Value(call.queue_name)},
                                     {"zone", wf::Value(call.zone)}});
    hub_.publish(Command{CommandKind::Announce, toPoco(words)},
                 DeviceFilter{.kinds = {"broadcast"}, .zone = call.zone});
  }
}

void FrontDeskPublisher::windowChanged(const hall::domain::WindowSession& session) {
  hall::domain::FrontDesk* desk = desk_.load();
  if (!desk) return;
  wf::Result<hall::domain::WindowView> view = desk->window(session.window);
  if (!view.ok()) return;
  const Display shown = display(DisplayTopic::Window, windowDisplayJson(*view));
  hub_.publish(shown, DeviceFilter{.kinds = {"window-strip"}, .window = session.window});
  hub_.publish(shown, DeviceFilter{.kinds = kScreens});
}

void FrontDeskPublisher::queueChanged(const std::string&) {
  hall::domain::FrontDesk* desk = desk_.load();
  if (!desk) return;
  hub_.publish(display(DisplayTopic::Queues, queuesJson(*desk)),
               DeviceFilter{.kinds = kQueueBoards});
}

void FrontDeskPublisher::deviceChanged(const DeviceStatus& status) {
  hall::domain::FrontDesk* desk = desk_.load();
  if (!desk || status.state != "online") return;
  wf::Object data = queuesJson(*desk).asObject();
  wf::Array windows;
  for (const hall::domain::WindowView& w : desk->windows()) {
    if (status.kind == "window-strip" && w.session.window != status.window) continue;
    windows.push_back(windowDisplayJson(w));
  }
  data["windows"] = wf::Value(std::move(windows));
  wf::Array recent;
  {
    std::lock_guard lock(mu_);
    recent.assign(recent_calls_.begin(), recent_calls_.end());
  }
  data["recentCalls"] = wf::Value(std::move(recent));
  hub_.publish(display(DisplayTopic::Snapshot, wf::Value(std::move(data))),
               DeviceFilter{.ids = {status.id}});
}

}  // namespace portal::web

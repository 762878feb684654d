#include "tools/devicesim/devicesim_options.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "devices/protocol/message_codec.h"
#include "tools/cli/option_reader.h"

namespace hall::devicesim {

namespace {

wf::Result<int> countOf(const std::string& option, const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) {
    return wf::Status::invalid(option + ": expected a count of 0 or more, got \"" + text + "\"");
  }
  return value;
}

wf::Result<double> amountOf(const std::string& option, const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0) {
    return wf::Status::invalid(option + ": expected a number of 0 or more, got \"" + text + "\"");
  }
  return value;
}

std::vector<std::string> splitIds(const std::string& text) {
  std::vector<std::string> ids;
  std::istringstream in(text);
  for (std::string id; std::getline(in, id, ',');) {
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

}  // namespace

wf::Result<DevicesimOptions> parseDevicesimOptions(const std::vector<std::string>& args) {
  DevicesimOptions o;
  hall::cli::OptionReader reader(args);
  while (reader.next()) {
    const std::string& arg = reader.name();
    const auto flag = [&](const char* name) { return reader.flag(name); };
    const auto value = [&] { return reader.value(); };
    if (flag("--help") || flag("-h")) {
      o.help = true;
      return o;
    }
    if (flag("--verbose")) {
      o.verbose = true;
    } else if (flag("--all")) {
      o.fleet.all = true;
    } else if (arg == "--url") {
      ASSIGN_OR_RETURN(o.url, value());
    } else if (arg == "--secret") {
      ASSIGN_OR_RETURN(o.secret, value());
    } else if (arg == "--layout") {
      ASSIGN_OR_RETURN(o.layout, value());
    } else if (arg == "--devices") {
      ASSIGN_OR_RETURN(const std::string ids, value());
      for (std::string& id : splitIds(ids)) o.fleet.ids.push_back(std::move(id));
    } else if (arg == "--strips" || arg == "--screens" || arg == "--kiosks" ||
               arg == "--desktops" || arg == "--speakers") {
      ASSIGN_OR_RETURN(const std::string text, value());
      ASSIGN_OR_RETURN(const int n, countOf(arg, text));
      int& target = arg == "--strips"     ? o.fleet.strips
                    : arg == "--screens"  ? o.fleet.screens
                    : arg == "--kiosks"   ? o.fleet.kiosks
                    : arg == "--desktops" ? o.fleet.desktops
                                          : o.fleet.speakers;
      target = n;
    } else if (arg == "--take-tickets-per-minute") {
      ASSIGN_OR_RETURN(const std::string text, value());
      ASSIGN_OR_RETURN(o.tickets_per_minute, amountOf(arg, text));
    } else if (arg == "--duration") {
      ASSIGN_OR_RETURN(const std::string text, value());
      ASSIGN_OR_RETURN(o.duration_seconds, amountOf(arg, text));
    } else if (arg == "--finger") {
      ASSIGN_OR_RETURN(const std::string text, value());
      const size_t equals = text.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
        return wf::Status::invalid("--finger: expected LOGIN=SECRET, got \"" + text + "\"");
      }
      o.fingers.secrets[text.substr(0, equals)] = text.substr(equals + 1);
    } else if (arg == "--finger-fail") {
      ASSIGN_OR_RETURN(const std::string text, value());
      o.fingers.fail = devices::protocol::failureFromName(text);
      if (!o.fingers.fail) {
        return wf::Status::invalid(
            "--finger-fail: expected timeout, cancelled or poor-quality, got \"" + text + "\"");
      }
    } else if (arg == "--extra-screens") {
      return wf::Status::invalid(
          "--extra-screens: the hub keeps one connection per device id (a second connection "
          "of led-1f replaces the first), so more welcome screens need more devices in the "
          "layout; connect every device with --all, or see tools/bench/screens_bench "
          "--extra-screens, which serves a copy of the layout with more");
    } else {
      return reader.unknown();
    }
  }
  return o;
}

}  // namespace hall::devicesim

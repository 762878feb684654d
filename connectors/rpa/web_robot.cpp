#include "connectors/rpa/web_robot.h"

#include <Poco/URI.h>

#include <algorithm>
#include <map>
#include <optional>

namespace connectors {

// One run of a section: where the robot is, the forms it is filling, what
// it has extracted.
struct WebRobot::Run {
  std::string section;
  const wf::Value& variables;
  bool signing_in = false;
  bool stale = false;  // the app sent it to the sign-in page
  std::string target;
  HtmlPage page = HtmlPage::parse("");
  std::map<std::string, HtmlForm> forms;
  wf::Object extracted;
};

namespace {

// What a page says, for a failure: its title and the errors it shows.
std::string pageSummary(const HtmlPage& page) {
  std::string out = "the page \"" + page.title() + "\"";
  const std::vector<std::string> errors = page.errors();
  if (!errors.empty()) {
    out += " says:";
    for (const std::string& e : errors) out += " " + e + ";";
    out.pop_back();
  }
  return out;
}

}  // namespace

WebRobot::WebRobot(RpaScript script, const std::string& base_url, WebCredentials credentials)
    : script_(std::move(script)),
      credentials_(std::move(credentials)),
      sign_in_target_(script_.path_prefix + script_.sign_in.front().url),
      browser_(base_url, std::chrono::milliseconds(script_.timeout_ms)) {}

int WebRobot::signIns() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sign_ins_;
}

wf::Result<wf::Value> WebRobot::push(const wf::Value& variables, const std::string&) {
  return run("push", script_.push, variables);
}

wf::Result<wf::Value> WebRobot::fetch(const wf::Value& variables, const std::string&) {
  return run("fetch", script_.fetch, variables);
}

wf::Result<wf::Value> WebRobot::run(const std::string& section, const std::vector<RpaStep>& list,
                                    const wf::Value& variables) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (list.empty()) {
    return wf::Status::invalid(script_.system + ": the script (" + script_.file + ") has no <" +
                               section + ">");
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!signed_in_) {
      browser_.forget();
      Run sign_in{"signIn", variables};
      sign_in.signing_in = true;
      RETURN_IF_ERROR(steps(sign_in, script_.sign_in));
      signed_in_ = true;
      ++sign_ins_;
    }
    Run r{section, variables};
    const wf::Status status = steps(r, list);
    if (r.stale) {
      signed_in_ = false;
      if (attempt == 0) continue;
      return wf::Status::unavailable(script_.system + " " + section +
                                     ": sent to the sign-in page again right after signing in");
    }
    RETURN_IF_ERROR(status);
    return wf::Value(std::move(r.extracted));
  }
  return wf::Status::internal("unreachable");
}

wf::Status WebRobot::steps(Run& run, const std::vector<RpaStep>& list) {
  for (const RpaStep& s : list) {
    RETURN_IF_ERROR(step(run, s));
    if (run.stale) return wf::Status();
  }
  return wf::Status();
}

wf::Status WebRobot::load(Run& run, const RpaStep& s, const WebReply& reply) {
  if (reply.status == 0) {
    return stepFailed(script_, run.section, s, script_.name + " unreachable: " + reply.error, true);
  }
  if (!run.signing_in &&
      std::any_of(reply.redirected.begin(), reply.redirected.end(), [&](const std::string& to) {
        return to.substr(0, to.find('?')) == sign_in_target_;
      })) {
    run.stale = true;
    return wf::Status();
  }
  run.target = reply.target;
  run.page = HtmlPage::parse(reply.body);
  run.forms.clear();
  if (reply.status >= 500) {
    return stepFailed(
        script_, run.section, s,
        script_.name + " HTTP " + std::to_string(reply.status) + ": " + reply.body.substr(0, 300),
        true);
  }
  if (reply.status >= 400) {
    return stepFailed(script_, run.section, s,
                      "HTTP " + std::to_string(reply.status) + ", " + pageSummary(run.page), false);
  }
  return wf::Status();
}

wf::Status WebRobot::step(Run& run, const RpaStep& s) {
  const auto formFor = [&](const std::string& name) -> HtmlForm* {
    if (auto found = run.forms.find(name); found != run.forms.end()) return &found->second;
    std::optional<HtmlForm> form = run.page.form(name);
    if (!form) return nullptr;
    return &run.forms.emplace(name, std::move(*form)).first->second;
  };
  const auto shows = [&](const RpaStep& x) {
    return !x.text.empty() ? run.page.shows(x.text) : run.page.elementText(x.element).has_value();
  };
  switch (s.kind) {
    case RpaStepKind::Open: {
      ASSIGN_OR_RETURN(const std::string url,
                       expandPlaceholders(script_, run.section, s, run.variables, s.url));
      return load(run, s, browser_.get(script_.path_prefix + url));
    }
    case RpaStepKind::Fill:
    case RpaStepKind::Select: {
      HtmlForm* form = formFor(s.form);
      if (form == nullptr) {
        return stepFailed(script_, run.section, s,
                          "no form " + s.form + " on " + pageSummary(run.page), false);
      }
      std::string value = s.value;
      if (!s.var.empty()) {
        ASSIGN_OR_RETURN(value, variableText(script_, run.section, s, run.variables, s.var));
      } else if (!s.credential.empty()) {
        value = s.credential == "user" ? credentials_.user : credentials_.password;
      }
      if (!form->has(s.field)) {
        return stepFailed(script_, run.section, s,
                          "the form " + s.form + " has no field " + s.field, false);
      }
      if (s.kind == RpaStepKind::Select) {
        const std::vector<std::string>* options = form->optionsOf(s.field);
        if (options == nullptr) {
          return stepFailed(script_, run.section, s, s.field + " is not a select", false);
        }
        if (std::find(options->begin(), options->end(), value) == options->end()) {
          return stepFailed(script_, run.section, s, s.field + " has no option \"" + value + "\"",
                            false);
        }
      }
      form->set(s.field, value);
      return wf::Status();
    }
    case RpaStepKind::Submit: {
      HtmlForm* form = formFor(s.form);
      if (form == nullptr) {
        return stepFailed(script_, run.section, s,
                          "no form " + s.form + " on " + pageSummary(run.page), false);
      }
      const std::string action =
          Poco::URI(Poco::URI("http://page" + run.target), form->action).getPathAndQuery();
      if (form->method == "post") return load(run, s, browser_.post(action, form->fields));
      const std::string query = encodeForm(form->fields);
      return load(run, s, browser_.get(action.substr(0, action.find('?')) + "?" + query));
    }
    case RpaStepKind::Expect:
      if (shows(s)) return wf::Status();
      return stepFailed(script_, run.section, s,
                        (s.text.empty() ? "no element " + s.element : "no text " + s.text) +
                            " on " + pageSummary(run.page),
                        false);
    case RpaStepKind::When:
      return shows(s) ? steps(run, s.steps) : wf::Status();
    case RpaStepKind::Extract: {
      const std::optional<std::string> found =
          s.element.empty() ? run.page.besideLabel(s.label) : run.page.elementText(s.element);
      if (!found) {
        return stepFailed(script_, run.section, s,
                          (s.element.empty() ? "no label " + s.label : "no element " + s.element) +
                              " on " + pageSummary(run.page),
                          false);
      }
      if (s.required && found->empty()) {
        return stepFailed(script_, run.section, s, "not entered in " + script_.name + " yet", true);
      }
      run.extracted[s.var] = wf::Value(*found);
      return wf::Status();
    }
    case RpaStepKind::Field:
      break;
  }
  return stepFailed(script_, run.section, s, "not a step of a web script", false);
}

}  // namespace connectors

#include "portal/web/front_desk_routes.h"

#include <string>
#include <utility>

#include "devices/ticket_printer/escpos_writer.h"
#include "devices/ticket_printer/png_preview.h"
#include "portal/domain/hall_time.h"
#include "portal/web/record_json.h"

namespace portal::web {

namespace {

using hall::domain::QueueView;
using hall::domain::TicketView;
using hall::domain::WindowView;

wf::Result<bool> boolMember(const wf::Value& body, std::string_view field) {
  ASSIGN_OR_RETURN(std::optional<wf::Value> member,
                   optionalMember(body, field, wf::ValueKind::Bool));
  return member && member->asBool();
}

wf::Result<hall::domain::TicketRequest> ticketRequest(const wf::Value& body) {
  hall::domain::TicketRequest r;
  ASSIGN_OR_RETURN(r.queue, textMember(body, "queue"));
  ASSIGN_OR_RETURN(const std::string channel, textMember(body, "channel"));
  const auto parsed = hall::domain::ticketChannelFromName(channel.empty() ? "walk-in" : channel);
  if (!parsed) {
    return wf::Status::invalid(
        "channel: expected walk-in, id-card, suishen, appointment or vip, got \"" + channel + "\"",
        fieldDetails("channel"));
  }
  r.channel = *parsed;
  ASSIGN_OR_RETURN(r.id_number, textMember(body, "idNumber"));
  ASSIGN_OR_RETURN(r.suishen_code, textMember(body, "suishenCode"));
  ASSIGN_OR_RETURN(r.appointment_code, textMember(body, "appointmentCode"));
  ASSIGN_OR_RETURN(r.phone, textMember(body, "phone"));
  ASSIGN_OR_RETURN(r.disabled, boolMember(body, "disabled"));
  return r;
}

wf::Value textOrNull(const std::string& text) {
  return text.empty() ? wf::Value() : wf::Value(text);
}

template <typename View>
ApiResponse answer(const wf::Result<View>& result) {
  if (!result.ok()) return ApiResponse::error(result.status());
  return ApiResponse::ok(toJson(*result));
}

constexpr const char* kSlipNotice = "请留意叫号屏幕及手机通知，过号请重新取号";

wf::Result<devices::printer::PaperWidth> paperOf(const ApiRequest& request) {
  const std::string paper = request.queryParam("paper").value_or("80");
  if (paper == "80") return devices::printer::PaperWidth::k80mm;
  if (paper == "58") return devices::printer::PaperWidth::k58mm;
  return wf::Status::invalid("paper: expected 58 or 80 (mm), got \"" + paper + "\"",
                             fieldDetails("paper"));
}

devices::printer::TicketSlip slipOf(const hall::domain::FrontDesk& desk, const TicketView& v,
                                    const std::string& host) {
  const hall::domain::HallTime issued = hall::domain::hallTime(v.ticket.issued_at);
  devices::printer::TicketSlip slip;
  slip.hall_name = desk.layout().name;
  slip.queue_name = v.queue_name;
  slip.number = v.ticket.number;
  slip.ahead = v.ahead;
  slip.estimated_wait_minutes = v.estimated_wait_minutes;
  slip.issued_at = issued.date + " " + issued.hhmm;
  slip.status_url = "http://" + (host.empty() ? std::string("127.0.0.1") : host) +
                    "/status.html?t=" + v.ticket.status_token;
  slip.notice = kSlipNotice;
  return slip;
}

}  // namespace

wf::Value toPublicJson(const TicketView& v) {
  const hall::domain::Ticket& t = v.ticket;
  return wf::Value(wf::Object{
      {"number", wf::Value(t.number)},
      {"queue", wf::Value(t.queue)},
      {"queueName", wf::Value(v.queue_name)},
      {"state", wf::Value(hall::domain::ticketStateName(t.state))},
      {"outcome", textOrNull(t.outcome)},
      {"ahead", wf::Value(v.ahead)},
      {"estimatedWaitMinutes", wf::Value(v.estimated_wait_minutes)},
      {"windowNumber", v.window_number ? wf::Value(v.window_number) : wf::Value()},
      {"issuedAt", instantJson(t.issued_at)},
      {"calledAt", instantJson(t.called_at)},
  });
}

wf::Value toJson(const TicketView& v) {
  const hall::domain::Ticket& t = v.ticket;
  wf::Object o = toPublicJson(v).asObject();
  o["id"] = wf::Value(t.id);
  o["processInstanceId"] = wf::Value(t.instance_id);
  o["channel"] = wf::Value(hall::domain::ticketChannelName(t.channel));
  o["window"] = textOrNull(t.window);
  o["statusToken"] = wf::Value(t.status_token);
  o["idNumber"] = textOrNull(t.id_masked);
  o["phone"] = textOrNull(t.phone_masked);
  o["appointmentOnTime"] = wf::Value(t.appointment_on_time);
  o["vip"] = wf::Value(t.vip);
  o["elderlyOrDisabled"] = wf::Value(t.elderly_or_disabled);
  o["transferred"] = wf::Value(t.transferred);
  o["calls"] = wf::Value(t.calls);
  o["noShows"] = wf::Value(t.no_shows);
  o["estimatedWaitAtIssueMinutes"] = wf::Value(t.estimated_wait_minutes);
  o["servingAt"] = instantJson(t.serving_at);
  o["endedAt"] = instantJson(t.ended_at);
  return wf::Value(std::move(o));
}

wf::Value toJson(const WindowView& v) {
  wf::Array queues;
  for (const std::string& q : v.queues) queues.emplace_back(q);
  return wf::Value(wf::Object{
      {"id", wf::Value(v.session.window)},
      {"number", wf::Value(v.number)},
      {"kind", wf::Value(v.kind)},
      {"zone", wf::Value(v.zone)},
      {"queues", wf::Value(std::move(queues))},
      {"state", wf::Value(hall::domain::windowStateName(v.session.state))},
      {"clerk", textOrNull(v.session.clerk)},
      {"ticket", textOrNull(v.session.ticket)},
      {"ticketNumber", textOrNull(v.ticket_number)},
      {"since", instantJson(v.session.since)},
  });
}

wf::Value toJson(const QueueView& v) {
  return wf::Value(wf::Object{
      {"id", wf::Value(v.id)},
      {"name", wf::Value(v.name)},
      {"prefix", wf::Value(std::string(1, v.prefix))},
      {"open", wf::Value(v.open)},
      {"waiting", wf::Value(v.waiting)},
      {"estimatedWaitMinutes", wf::Value(v.estimated_wait_minutes)},
  });
}

void FrontDeskRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (FrontDeskRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  router.add("POST", "/api/v1/tickets", bind(&FrontDeskRoutes::issueTicket));
  router.add("GET", "/api/v1/tickets/{id}", bind(&FrontDeskRoutes::getTicket));
  router.add("GET", "/api/v1/ticket-status/{token}", bind(&FrontDeskRoutes::ticketStatus));
  router.add("GET", "/api/v1/ticket-status/{token}/slip.png", bind(&FrontDeskRoutes::slipPng));
  router.add("GET", "/api/v1/ticket-status/{token}/slip.escpos",
             bind(&FrontDeskRoutes::slipEscPos));
  router.add("POST", "/api/v1/appointments", bind(&FrontDeskRoutes::bookAppointment));
  router.add("GET", "/api/v1/queues", bind(&FrontDeskRoutes::listQueues));
  router.add("GET", "/api/v1/windows", bind(&FrontDeskRoutes::listWindows));
  router.add("GET", "/api/v1/windows/{id}", bind(&FrontDeskRoutes::getWindow));
  router.add("POST", "/api/v1/windows/{id}/sign-in", bind(&FrontDeskRoutes::signIn));
  // A clerk works only the window they signed in to.
  auto at_own_window = [this, bind](ApiResponse (FrontDeskRoutes::*method)(const ApiRequest&)) {
    return [this, handler = bind(method)](const ApiRequest& request) {
      const wf::Status allowed = mayWorkWindow(request);
      return allowed.isOk() ? handler(request) : ApiResponse::error(allowed);
    };
  };
  router.add("POST", "/api/v1/windows/{id}/call-next", at_own_window(&FrontDeskRoutes::callNext));
  router.add("POST", "/api/v1/windows/{id}/recall", at_own_window(&FrontDeskRoutes::recall));
  router.add("POST", "/api/v1/windows/{id}/arrive", at_own_window(&FrontDeskRoutes::arrive));
  router.add("POST", "/api/v1/windows/{id}/no-show", at_own_window(&FrontDeskRoutes::noShow));
  router.add("POST", "/api/v1/windows/{id}/transfer", at_own_window(&FrontDeskRoutes::transfer));
  router.add("POST", "/api/v1/windows/{id}/end", at_own_window(&FrontDeskRoutes::end));
  router.add("POST", "/api/v1/windows/{id}/pause", at_own_window(&FrontDeskRoutes::pause));
  router.add("POST", "/api/v1/windows/{id}/resume", at_own_window(&FrontDeskRoutes::resume));
  router.add("POST", "/api/v1/windows/{id}/sign-out", at_own_window(&FrontDeskRoutes::signOut));
}

wf::Status FrontDeskRoutes::mayWorkWindow(const ApiRequest& request) {
  using hall::domain::Role;
  if (request.caller.has(Role::System) || request.caller.has(Role::Manager))
    return wf::Status::ok();
  wf::Result<WindowView> window = desk_.window(request.params.at("id"));
  if (!window.ok()) return window.status();
  if (window->session.clerk != request.caller.name) {
    return wf::Status::permissionDenied(
        window->session.clerk.empty()
            ? "请先签到: window " + window->session.window + " has no clerk signed in"
            : "该窗口由 " + window->session.clerk + " 签到: only they work window " +
                  window->session.window);
  }
  return wf::Status::ok();
}

ApiResponse FrontDeskRoutes::issueTicket(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<hall::domain::TicketRequest> parsed = ticketRequest(*body);
  if (!parsed.ok()) return ApiResponse::error(parsed.status());
  if (parsed->channel == hall::domain::TicketChannel::Vip &&
      request.caller.has(hall::domain::Role::Device)) {
    return ApiResponse::error(wf::Status(
        wf::StatusCode::PermissionDenied,
        "channel: a VIP ticket is issued by a clerk, not a machine", fieldDetails("channel")));
  }
  wf::Result<TicketView> issued = desk_.issue(*parsed);
  if (!issued.ok()) return ApiResponse::error(issued.status());
  return ApiResponse::created(toJson(*issued));
}

ApiResponse FrontDeskRoutes::getTicket(const ApiRequest& request) {
  return answer(desk_.ticket(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::ticketStatus(const ApiRequest& request) {
  wf::Result<TicketView> found = desk_.ticketByStatusToken(request.params.at("token"));
  if (!found.ok()) return ApiResponse::error(found.status());
  return ApiResponse::ok(toPublicJson(*found));
}

ApiResponse FrontDeskRoutes::slipPng(const ApiRequest& request) {
  wf::Result<devices::printer::PaperWidth> paper = paperOf(request);
  if (!paper.ok()) return ApiResponse::error(paper.status());
  wf::Result<TicketView> found = desk_.ticketByStatusToken(request.params.at("token"));
  if (!found.ok()) return ApiResponse::error(found.status());
  auto png = devices::printer::renderPng(slipOf(desk_, *found, request.host), *paper);
  if (!png.ok()) return ApiResponse::error(wf::Status::internal(png.error().describe()));
  return ApiResponse::file("image/png", std::string(png->begin(), png->end()));
}

ApiResponse FrontDeskRoutes::slipEscPos(const ApiRequest& request) {
  wf::Result<devices::printer::PaperWidth> paper = paperOf(request);
  if (!paper.ok()) return ApiResponse::error(paper.status());
  wf::Result<TicketView> found = desk_.ticketByStatusToken(request.params.at("token"));
  if (!found.ok()) return ApiResponse::error(found.status());
  auto job = devices::printer::renderEscPos(slipOf(desk_, *found, request.host), *paper);
  if (!job.ok()) return ApiResponse::error(wf::Status::internal(job.error().describe()));
  return ApiResponse::file("application/vnd.escpos", std::string(job->begin(), job->end()));
}

ApiResponse FrontDeskRoutes::bookAppointment(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> queue = textMember(*body, "queue");
  wf::Result<std::string> slot = textMember(*body, "slotAt");
  wf::Result<std::string> id_number = textMember(*body, "idNumber");
  wf::Result<bool> vip = boolMember(*body, "vip");
  for (const wf::Status& s : {queue.status(), slot.status(), id_number.status(), vip.status()}) {
    if (!s.isOk()) return ApiResponse::error(s);
  }
  const std::optional<wf::DateTime> at = wf::parseDateTime(*slot);
  if (!at) {
    return ApiResponse::error(wf::Status::invalid(
        "slotAt: expected an ISO 8601 date-time with offset, e.g. 2026-11-30T09:30:00+08:00",
        fieldDetails("slotAt")));
  }
  wf::Result<hall::domain::Appointment> booked =
      desk_.book(*queue, at->epoch_millis, *id_number, *vip);
  if (!booked.ok()) return ApiResponse::error(booked.status());
  return ApiResponse::created(wf::Value(wf::Object{{"code", wf::Value(booked->code)},
                                                   {"queue", wf::Value(booked->queue)},
                                                   {"slotAt", instantJson(booked->slot_at)},
                                                   {"vip", wf::Value(booked->vip)},
                                                   {"idNumber", textOrNull(booked->id_masked)}}));
}

ApiResponse FrontDeskRoutes::listQueues(const ApiRequest&) {
  wf::Array out;
  for (const QueueView& q : desk_.queues()) out.push_back(toJson(q));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse FrontDeskRoutes::listWindows(const ApiRequest&) {
  wf::Array out;
  for (const WindowView& w : desk_.windows()) out.push_back(toJson(w));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse FrontDeskRoutes::getWindow(const ApiRequest& request) {
  return answer(desk_.window(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::signIn(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> clerk = textMember(*body, "clerk");
  if (!clerk.ok()) return ApiResponse::error(clerk.status());
  // A person signs in as themselves; the hall's tools name the clerk.
  if (!request.caller.has(hall::domain::Role::System)) {
    if (!clerk->empty() && *clerk != request.caller.name) {
      return ApiResponse::error(wf::Status(wf::StatusCode::PermissionDenied,
                                           "clerk: 只能以本人身份签到", fieldDetails("clerk")));
    }
    *clerk = request.caller.name;
  }
  return answer(desk_.signIn(request.params.at("id"), *clerk));
}

ApiResponse FrontDeskRoutes::callNext(const ApiRequest& request) {
  wf::Result<std::optional<TicketView>> called = desk_.callNext(request.params.at("id"));
  if (!called.ok()) return ApiResponse::error(called.status());
  if (!called->has_value()) return ApiResponse::noContent();
  return ApiResponse::ok(toJson(**called));
}

ApiResponse FrontDeskRoutes::recall(const ApiRequest& request) {
  return answer(desk_.recall(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::arrive(const ApiRequest& request) {
  return answer(desk_.arrive(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::noShow(const ApiRequest& request) {
  return answer(desk_.noShow(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::transfer(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::TransferTarget target;
  wf::Result<std::string> queue = textMember(*body, "queue");
  wf::Result<std::string> window = textMember(*body, "window");
  if (!queue.ok()) return ApiResponse::error(queue.status());
  if (!window.ok()) return ApiResponse::error(window.status());
  if (queue->empty() == window->empty()) {
    return ApiResponse::error(
        wf::Status::invalid("queue: give either queue or window", fieldDetails("queue")));
  }
  target.queue = *queue;
  target.window = *window;
  return answer(desk_.transfer(request.params.at("id"), target));
}

ApiResponse FrontDeskRoutes::end(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> outcome = textMember(*body, "outcome");
  if (!outcome.ok()) return ApiResponse::error(outcome.status());
  return answer(desk_.end(request.params.at("id"), outcome->empty() ? "consultation" : *outcome));
}

ApiResponse FrontDeskRoutes::pause(const ApiRequest& request) {
  return answer(desk_.pause(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::resume(const ApiRequest& request) {
  return answer(desk_.resume(request.params.at("id")));
}

ApiResponse FrontDeskRoutes::signOut(const ApiRequest& request) {
  return answer(desk_.signOut(request.params.at("id")));
}

}  // namespace portal::web

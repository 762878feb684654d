// FrontDeskRoutes: the hall's front desk over HTTP — tickets, the visitor's
// status page, windows (sign in, call next, recall, no-show, transfer,
// pause, resume, end), queues and appointments. Shaped like the engine's
// routes: each handler parses its input, makes one FrontDesk call and maps
// the result; errors name the field. A clerk signs in to a window as
// themselves and works only that window; managers and the hall's tools may
// act on any.
//
// Personal data leaves only masked; GET /api/v1/ticket-status/{token} and
// its slip.png are public (what the ticket's QR code opens) and show
// nothing personal.
// Thread-safety: the FrontDesk is thread-safe and the handlers keep no state.
#pragma once

#include "portal/domain/front_desk.h"
#include "portal/web/router.h"

namespace portal::web {

class FrontDeskRoutes {
 public:
  // The front desk must outlive the router the routes are added to.
  explicit FrontDeskRoutes(hall::domain::FrontDesk& desk) : desk_(desk) {}

  void addTo(Router& router);

  ApiResponse issueTicket(const ApiRequest& request);
  ApiResponse getTicket(const ApiRequest& request);
  ApiResponse ticketStatus(const ApiRequest& request);
  ApiResponse bookAppointment(const ApiRequest& request);
  ApiResponse listQueues(const ApiRequest& request);
  ApiResponse listWindows(const ApiRequest& request);
  ApiResponse getWindow(const ApiRequest& request);
  ApiResponse signIn(const ApiRequest& request);
  ApiResponse callNext(const ApiRequest& request);
  ApiResponse recall(const ApiRequest& request);
  ApiResponse arrive(const ApiRequest& request);
  ApiResponse noShow(const ApiRequest& request);
  ApiResponse transfer(const ApiRequest& request);
  ApiResponse end(const ApiRequest& request);
  ApiResponse pause(const ApiRequest& request);
  ApiResponse resume(const ApiRequest& request);
  ApiResponse signOut(const ApiRequest& request);
  // The paper ticket of a status token: the PNG a kiosk shows, or the
  // ESC/POS job its thermal printer prints (?paper=58|80, default 80).
  ApiResponse slipPng(const ApiRequest& request);
  ApiResponse slipEscPos(const ApiRequest& request);

 private:
  // OK for the hall's tools and managers; for a clerk, only at the window
  // they signed in to (403 otherwise, 404 for no such window).
  wf::Status mayWorkWindow(const ApiRequest& request);

  hall::domain::FrontDesk& desk_;
};

// The wire form of the front desk's views.
wf::Value toJson(const hall::domain::TicketView& view);
wf::Value toJson(const hall::domain::WindowView& view);
wf::Value toJson(const hall::domain::QueueView& view);
// What the visitor's status page shows: nothing personal.
wf::Value toPublicJson(const hall::domain::TicketView& view);

}  // namespace portal::web

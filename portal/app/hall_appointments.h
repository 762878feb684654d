// HallAppointments: the hall kept in step with the city's 市统一预约平台
// (the connector file's <sync>), on a thread of its own:
//
// - fetch (at start, then every fetchEveryMs): the day's appointments of
//   the hall are booked at the front desk under the platform's codes — the
//   same code is booked once however often it is fetched — and each gets a
//   row in hall_appointment_reports (SociAppointmentReports);
// - report (every reportEveryMs): an appointment whose visitor took a
//   ticket with it becomes a due check-in (履约) at the ticket's time, one
//   whose slot ended noShowAfterMs ago without a ticket a due no-show (爽约)
//   at the slot's end; due reports are sent, and one that fails is tried
//   again with backoff (1 s doubling to 5 min) from the durable row, so a
//   restart or an outage of the platform loses none; a refusal is kept as
//   "refused" and logged;
// - push (every pushEveryMs): the waiting count of every queue, best
//   effort — the next push carries the newer count anyway.
//
// The log names appointment codes only, never a holder's data.
//
// Thread-safety: the steps may be called from any thread (the tests and the
// loop); start() and stop() from the owner's.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <thread>

#include "connectors/appointment/appointment_connector.h"
#include "portal/domain/front_desk.h"
#include "portal/domain/hall_store.h"
#include "portal/store/soci_appointment_reports.h"

namespace hall::app {

class HallAppointments {
 public:
  HallAppointments(connectors::AppointmentConnector& platform, connectors::SyncPolicy policy,
                   hall::domain::FrontDesk& desk, hall::domain::HallStore& store,
                   hall::store::SociAppointmentReports& reports, std::function<int64_t()> now_ms,
                   std::ostream& log);
  ~HallAppointments();

  // Each step once; the loop runs them on their schedule.
  wf::Status fetch();
  wf::Status settle();
  wf::Status deliver();
  wf::Status pushWaiting();

  void start();
  void stop();

 private:
  void run();
  void note(const std::string& line);

  connectors::AppointmentConnector& platform_;
  const connectors::SyncPolicy policy_;
  hall::domain::FrontDesk& desk_;
  hall::domain::HallStore& store_;
  hall::store::SociAppointmentReports& reports_;
  const std::function<int64_t()> now_;
  std::ostream& log_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::set<std::string> noted_;  // log lines said once
  std::thread thread_;
};

}  // namespace hall::app

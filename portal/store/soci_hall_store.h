// SociHallStore: the HallStore on SOCI — the same database as the engine
// (a SQLite file, or PostgreSQL for several nodes), in tables of its own
// (hall_*), created by numbered migrations recorded in hall_schema.
//
// Thread-safety: one connection behind a mutex; every member may be called
// from any thread. Each write is one transaction.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "portal/domain/hall_store.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociHallStore final : public hall::domain::HallStore {
 public:
  // `db_url` as the engine reads it (wf/database_url.h; sqlite::memory: is
  // a private in-memory database). InvalidArgument for a malformed URL;
  // Unavailable when the database cannot be opened.
  static wf::Result<std::unique_ptr<SociHallStore>> open(const std::string& db_url);
  ~SociHallStore() override;

  wf::Result<int> nextTicketSequence(const std::string& queue, const std::string& day) override;
  wf::Status save(const hall::domain::Ticket* ticket,
                  const hall::domain::WindowSession* session) override;
  wf::Result<std::optional<hall::domain::Ticket>> ticket(const std::string& id) override;
  wf::Result<std::optional<hall::domain::Ticket>> ticketByStatusToken(
      const std::string& token) override;
  wf::Result<std::vector<hall::domain::Ticket>> liveTickets() override;
  wf::Result<std::vector<hall::domain::Ticket>> ticketsOfDay(const std::string& day) override;
  wf::Result<std::vector<hall::domain::WindowSession>> windowSessions() override;
  wf::Status addAppointment(const hall::domain::Appointment& appointment) override;
  wf::Result<std::optional<hall::domain::Appointment>> appointment(
      const std::string& code) override;
  wf::Status checkInAppointment(const std::string& code, const std::string& ticket) override;

 private:
  explicit SociHallStore(std::unique_ptr<soci::session> session);
  wf::Result<std::vector<hall::domain::Ticket>> selectTickets(const std::string& where,
                                                              const std::string& value);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store

#include "portal/app/hall_ratings.h"

namespace hall::app {

namespace {

wf::Status fieldNotFound(const std::string& field, const wf::Status& status) {
  if (status.code() != wf::StatusCode::NotFound) return status;
  return wf::Status::notFound(field + ": " + status.message());
}

}  // namespace

// The front desk and the case desk as the services a visitor rates.
class HallRatings::Services final : public hall::domain::RatedServices {
 public:
  Services(hall::domain::CaseDesk* cases, hall::domain::FrontDesk* front_desk)
      : cases_(cases), front_desk_(front_desk) {}

  wf::Result<hall::domain::RatedService> byTicketToken(const std::string& token) override {
    if (front_desk_ == nullptr)
      return wf::Status::notFound("ticketToken: the hall has no front desk");
    wf::Result<hall::domain::TicketView> found = front_desk_->ticketByStatusToken(token);
    if (!found.ok()) return fieldNotFound("ticketToken", found.status());
    const hall::domain::Ticket& t = found->ticket;
    const bool served = t.state == hall::domain::TicketState::Serving ||
                        (t.state == hall::domain::TicketState::Done &&
                         (t.outcome == "consultation" || t.outcome == "intake"));
    if (!served) {
      return wf::Status::conflict("ticketToken: 号 " + t.number + " 尚未办理，不能评价");
    }
    hall::domain::RatedService s;
    s.service_type = "visit";
    s.subject = t.id;
    s.ticket_number = t.number;
    s.window = t.window;
    for (const hall::domain::WindowView& w : front_desk_->windows()) {
      if (w.session.window == t.window) s.clerk = w.session.clerk;
    }
    return s;
  }

  wf::Result<hall::domain::RatedService> byCaseCode(const std::string& case_code) override {
    if (cases_ == nullptr) return wf::Status::notFound("caseCode: the hall takes no cases");
    wf::Result<hall::domain::CaseRecord> found = cases_->find(case_code);
    if (!found.ok()) return fieldNotFound("caseCode", found.status());
    hall::domain::RatedService s;
    s.service_type = "case";
    s.subject = found->case_code;
    s.matter_code = found->subject;
    s.window = found->window;
    s.clerk = found->clerk;
    return s;
  }

 private:
  hall::domain::CaseDesk* const cases_;
  hall::domain::FrontDesk* const front_desk_;
};

HallRatings::~HallRatings() = default;

wf::Result<std::unique_ptr<HallRatings>> HallRatings::open(wf::Engine& engine,
                                                           hall::domain::CaseDesk* cases,
                                                           hall::domain::FrontDesk* front_desk,
                                                           const std::string& db_url,
                                                           std::ostream& out) {
  std::unique_ptr<HallRatings> hall(new HallRatings());
  ASSIGN_OR_RETURN(hall->store_, hall::store::SociRatingStore::open(db_url));
  hall->services_ = std::make_unique<Services>(cases, front_desk);
  hall->desk_ = std::make_unique<hall::domain::RatingDesk>(engine, *hall->services_, *hall->store_,
                                                           hall->clock_);
  ASSIGN_OR_RETURN(const int resumed, hall->desk_->resume());
  if (resumed > 0) {
    out << "ratings: started the process of " << resumed
        << " ratings a crash had kept without one\n";
  }
  hall->routes_ = std::make_unique<portal::web::RatingRoutes>(*hall->desk_, engine);
  return hall;
}

}  // namespace hall::app

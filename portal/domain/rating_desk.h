// RatingDesk: 好差评 at the hall. A visitor rates a service — their visit,
// named by the status token of their ticket (the QR code on the slip), or a
// case, named by its case code (the receipt's QR code) — with a level 1–5
// (5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意), the channel
// (window 评价器, kiosk, web, app, sms) and an optional comment.
//
// Durable first, then sent: the rating is kept (RatingStore: one per visit
// and per case — a second is Conflict), then the rating process
// (models/processes/rating.bpmn, key "rating") starts with it: its task
// rating.submit sends it to 市好差评 through the engine's job table (the
// outbox), and a poor rating (level ≤ 2) opens 整改, a task for the hall
// managers with a due date. A crash between keeping the rating and starting
// its process is mended by resume() at start.
//
// The clerk who served cannot rate themself: a signed-in caller who is the
// rated clerk is refused.
//
// Thread-safety: every member may be called from any thread (the store and
// the lookup are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace hall::domain {

inline constexpr const char* kRatingProcess = "rating";
inline constexpr const char* kFollowUpGroup = "manager";
inline constexpr const char* kFollowUpQueue = "rating-follow-up";

// The service a rating is of, as the hall knows it.
struct RatedService {
  std::string service_type;   // "visit" or "case"
  std::string subject;        // the ticket's id, or the case code
  std::string ticket_number;  // "A001" (visit)
  std::string matter_code;    // the case's matter (or theme) code
  std::string window;
  std::string clerk;  // login
};

// Where the rated services are found (the front desk and the case desk,
// wired in portal/app). NotFound when there is none; FailedPrecondition when
// it cannot be rated yet (a ticket not served).
class RatedServices {
 public:
  virtual ~RatedServices() = default;
  virtual wf::Result<RatedService> byTicketToken(const std::string& token) = 0;
  virtual wf::Result<RatedService> byCaseCode(const std::string& case_code) = 0;
};

struct RatingRecord {
  std::string id;           // "rt-<16 hex>"
  std::string subject_key;  // "visit:<ticket id>" or "case:<case code>": one rating each
  RatedService service;
  int level = 0;
  std::string channel;
  std::string comment;
  int64_t rated_at = 0;     // epoch ms
  std::string instance_id;  // its rating process; empty until started
};

class RatingStore {
 public:
  virtual ~RatingStore() = default;
  // Conflict when the subject is rated already.
  virtual wf::Status insert(const RatingRecord& record) = 0;
  virtual wf::Status setInstance(const std::string& id, const std::string& instance_id) = 0;
  virtual wf::Result<std::optional<RatingRecord>> find(const std::string& id) = 0;
  // Ratings whose process has not started (oldest first).
  virtual wf::Result<std::vector<RatingRecord>> unstarted(int limit) = 0;
};

struct RatingRequest {
  std::string ticket_token;  // one of these two
  std::string case_code;
  std::optional<int64_t> level;  // 1–5
  std::string channel;
  std::string comment;
  std::string caller;  // the signed-in login, if any
};

class RatingDesk {
 public:
  RatingDesk(wf::Engine& engine, RatedServices& services, RatingStore& store,
             const wf::Clock& clock)
      : engine_(engine), services_(services), store_(store), clock_(clock) {}

  // InvalidArgument naming the field (ticketToken, caseCode, level, channel,
  // comment); NotFound for no such ticket or case; Conflict when rated
  // already; PermissionDenied for the rated clerk. Nothing kept then.
  wf::Result<RatingRecord> rate(const RatingRequest& request);
  // Starts the process of every kept rating that has none; returns how many.
  wf::Result<int> resume();

  // The rating process's variables for a rating.
  static wf::Value variablesOf(const RatingRecord& record);

 private:
  wf::Status start(RatingRecord& record);

  wf::Engine& engine_;
  RatedServices& services_;
  RatingStore& store_;
  const wf::Clock& clock_;
};

// "window", "kiosk", "web", "app", "sms": the 好差评 channels.
bool isRatingChannel(const std::string& channel);

}  // namespace hall::domain

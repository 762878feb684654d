#include "portal/domain/rating_desk.h"

#include <cstdio>
#include <random>

namespace hall::domain {

namespace {

constexpr size_t kMaxCommentChars = 500;

wf::Status fieldError(const std::string& field, const std::string& why) {
  return wf::Status::invalid(field + ": " + why,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

size_t characters(const std::string& text) {
  size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string newRatingId() {
  std::random_device random;
  const uint64_t bits = (static_cast<uint64_t>(random()) << 32) ^ random();
  char id[24];
  std::snprintf(id, sizeof(id), "rt-%016llx", static_cast<unsigned long long>(bits));
  return id;
}

}  // namespace

bool isRatingChannel(const std::string& c) {
  return c == "window" || c == "kiosk" || c == "web" || c == "app" || c == "sms";
}

wf::Result<RatingRecord> RatingDesk::rate(const RatingRequest& request) {
  if (request.ticket_token.empty() == request.case_code.empty()) {
    return fieldError("ticketToken", "give the ticket's status token or the case code (one)");
  }
  if (!request.level) return fieldError("level", "is required");
  if (*request.level < 1 || *request.level > 5) {
    return fieldError("level", "must be 1 (非常不满意) to 5 (非常满意)");
  }
  if (!isRatingChannel(request.channel)) {
    return fieldError("channel", "must be one of window, kiosk, web, app, sms");
  }
  if (characters(request.comment) > kMaxCommentChars) {
    return fieldError("comment", "must be at most 500 characters");
  }
  wf::Result<RatedService> service = request.case_code.empty()
                                         ? services_.byTicketToken(request.ticket_token)
                                         : services_.byCaseCode(request.case_code);
  if (!service.ok()) return service.status();
  if (!request.caller.empty() && request.caller == service->clerk) {
    return wf::Status::permissionDenied("a clerk cannot rate their own service");
  }
  RatingRecord record;
  record.id = newRatingId();
  record.subject_key = service->service_type + ":" + service->subject;
  record.service = std::move(service).value();
  record.level = static_cast<int>(*request.level);
  record.channel = request.channel;
  record.comment = request.comment;
  record.rated_at = wf::toEpochMillis(clock_.now());
  RETURN_IF_ERROR(store_.insert(record));
  RETURN_IF_ERROR(start(record));
  return record;
}

wf::Result<int> RatingDesk::resume() {
  ASSIGN_OR_RETURN(std::vector<RatingRecord> pending, store_.unstarted(1000));
  for (RatingRecord& record : pending) RETURN_IF_ERROR(start(record));
  return static_cast<int>(pending.size());
}

wf::Status RatingDesk::start(RatingRecord& record) {
  ASSIGN_OR_RETURN(const wf::InstanceInfo instance,
                   engine_.startInstance(kRatingProcess, variablesOf(record), record.id));
  record.instance_id = instance.id;
  return store_.setInstance(record.id, instance.id);
}

wf::Value RatingDesk::variablesOf(const RatingRecord& r) {
  const RatedService& s = r.service;
  wf::Object v{{"ratingId", wf::Value(r.id)},     {"serviceType", wf::Value(s.service_type)},
               {"level", wf::Value(r.level)},     {"channel", wf::Value(r.channel)},
               {"window", wf::Value(s.window)},   {"clerk", wf::Value(s.clerk)},
               {"comment", wf::Value(r.comment)}, {"ratedAt", wf::Value(r.rated_at)}};
  if (!s.matter_code.empty()) v.emplace("matterCode", wf::Value(s.matter_code));
  if (s.service_type == "case") {
    v.emplace("caseCode", wf::Value(s.subject));
  } else {
    v.emplace("ticket", wf::Value(s.subject));
    v.emplace("ticketNumber", wf::Value(s.ticket_number));
  }
  return wf::Value(std::move(v));
}

}  // namespace hall::domain

#include "tools/citysim/rating_platform.h"

#include <cmath>
#include <cstdio>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

constexpr size_t kMaxCommentChars = 500;
constexpr int64_t kFutureSlackMs = 300'000;  // clocks differ; a rating five minutes ahead is wrong

// The channel codes of 好差评: 窗口评价器, 自助终端, 网上(PC), 移动端(随申办), 短信.
bool isChannel(const std::string& c) {
  return c == "window" || c == "kiosk" || c == "web" || c == "app" || c == "sms";
}

// Code points of UTF-8 text (continuation bytes not counted).
size_t characters(const std::string& text) {
  size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

wf::Result<std::string> optionalText(const wf::Value& body, const std::string& field,
                                     size_t max_bytes) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return std::string();
  if (!v->isString()) {
    return fieldRefused(field, std::string("must be a string, not ") + jsonTypeName(*v));
  }
  if (v->asString().size() > max_bytes) {
    return fieldRefused(field, "must be at most " + std::to_string(max_bytes) + " bytes");
  }
  return v->asString();
}

wf::Result<int64_t> wholeNumber(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return fieldRefused(field, "is required");
  if (!v->isNumber()) {
    return fieldRefused(field, std::string("must be a number, not ") + jsonTypeName(*v));
  }
  const double d = v->asNumber();
  if (d != std::floor(d) || std::fabs(d) > 9e15) {
    return fieldRefused(field, "must be a whole number");
  }
  return static_cast<int64_t>(d);
}

}  // namespace

std::string Rating::fingerprint() const {
  return wf::Value(wf::Object{{"serviceType", wf::Value(service_type)},
                              {"subject", wf::Value(subject)},
                              {"matterCode", wf::Value(matter_code)},
                              {"level", wf::Value(level)},
                              {"channel", wf::Value(channel)},
                              {"window", wf::Value(window)},
                              {"clerk", wf::Value(clerk)},
                              {"comment", wf::Value(comment)},
                              {"ratedAt", wf::Value(rated_at)}})
      .toJson();
}

wf::Result<Rating> parseRating(std::string_view body, int64_t now_ms) {
  std::string error;
  const std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return fieldRefused("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return fieldRefused("body", "must be a JSON object");
  Rating r;
  ASSIGN_OR_RETURN(r.service_type, requiredString(*json, "serviceType"));
  if (r.service_type == "visit") {
    ASSIGN_OR_RETURN(r.subject, requiredString(*json, "ticket", 64));
    ASSIGN_OR_RETURN(r.matter_code, optionalText(*json, "matterCode", 128));
  } else if (r.service_type == "case") {
    ASSIGN_OR_RETURN(r.subject, requiredString(*json, "caseCode"));
    if (!isCaseCode(r.subject)) {
      return fieldRefused("caseCode", "must be 23 characters of 0-9 and A-Z (统一办件编码)");
    }
    ASSIGN_OR_RETURN(r.matter_code, requiredString(*json, "matterCode", 128));
  } else {
    return fieldRefused("serviceType",
                        "must be \"visit\" or \"case\", not '" + r.service_type + "'");
  }
  ASSIGN_OR_RETURN(const int64_t level, wholeNumber(*json, "level"));
  if (level < 1 || level > 5) {
    return fieldRefused("level",
                        "must be 1 (非常不满意) to 5 (非常满意), not " + std::to_string(level));
  }
  r.level = static_cast<int>(level);
  ASSIGN_OR_RETURN(r.channel, requiredString(*json, "channel"));
  if (!isChannel(r.channel)) {
    return fieldRefused("channel",
                        "must be one of window, kiosk, web, app, sms, not '" + r.channel + "'");
  }
  ASSIGN_OR_RETURN(r.window, optionalText(*json, "window", 64));
  ASSIGN_OR_RETURN(r.clerk, optionalText(*json, "clerk", 64));
  ASSIGN_OR_RETURN(r.comment, optionalText(*json, "comment", kMaxCommentChars * 4));
  if (characters(r.comment) > kMaxCommentChars) {
    return fieldRefused("comment",
                        "must be at most " + std::to_string(kMaxCommentChars) + " characters");
  }
  ASSIGN_OR_RETURN(r.rated_at, wholeNumber(*json, "ratedAt"));
  if (r.rated_at <= 0 || r.rated_at > now_ms + kFutureSlackMs) {
    return fieldRefused("ratedAt", "must be epoch milliseconds, not in the future");
  }
  return r;
}

PlatformResponse RatingPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.size() != 1 || s[0] != "ratings") {
    return notFound("no endpoint of 市好差评 at " + request.path);
  }
  if (request.method == "POST") return submit(request, stats);
  if (request.method == "GET") return list(request);
  return methodNotAllowed(request);
}

PlatformResponse RatingPlatform::submit(const PlatformRequest& request, PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Result<Rating> rating = parseRating(request.body, request.now_ms);
  if (!rating.ok()) return refusalResponse(rating.status());
  const std::string fingerprint = rating->fingerprint();
  const std::string subject = rating->service_type + ":" + rating->subject;

  std::lock_guard<std::mutex> lock(mutex_);
  const auto replay = [&](const std::string& id) {
    ++stats.duplicates;
    wf::Object answer = toValue(ratings_.at(id)).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  };
  if (const auto seen = by_key_.find(key); seen != by_key_.end()) {
    if (ratings_.at(seen->second).rating.fingerprint() != fingerprint) {
      return errorResponse(
          409, "CONFLICT",
          "Idempotency-Key " + key + " was used for another rating (" + seen->second + ")");
    }
    return replay(seen->second);
  }
  if (const auto rated = by_subject_.find(subject); rated != by_subject_.end()) {
    // The same rating sent again under another key is the same rating.
    if (ratings_.at(rated->second).rating.fingerprint() == fingerprint) {
      by_key_.emplace(key, rated->second);
      return replay(rated->second);
    }
    const std::string what = rating->service_type == "case" ? "case " : "ticket ";
    return errorResponse(409, "ALREADY_RATED",
                         what + rating->subject + " is rated already (" + rated->second + ")",
                         rating->service_type == "case" ? "caseCode" : "ticket");
  }
  char id[32];
  std::snprintf(id, sizeof(id), "rat-%08lld", static_cast<long long>(++sequence_));
  Stored stored{id, std::move(*rating), request.now_ms};
  by_subject_.emplace(subject, stored.id);
  by_key_.emplace(key, stored.id);
  const auto [at, inserted] = ratings_.emplace(stored.id, std::move(stored));
  ++stats.issued;
  return jsonResponse(201, toValue(at->second));
}

PlatformResponse RatingPlatform::list(const PlatformRequest& request) {
  const auto case_code = request.query.find("caseCode");
  const auto ticket = request.query.find("ticket");
  std::string subject;
  if (case_code != request.query.end() && !case_code->second.empty()) {
    subject = "case:" + case_code->second;
  } else if (ticket != request.query.end() && !ticket->second.empty()) {
    subject = "visit:" + ticket->second;
  } else {
    return invalidArgument("caseCode", "the query parameter caseCode (or ticket) is required");
  }
  wf::Array rows;
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto rated = by_subject_.find(subject); rated != by_subject_.end()) {
    rows.push_back(toValue(ratings_.at(rated->second)));
  }
  return jsonResponse(200, wf::Value(std::move(rows)));
}

wf::Value RatingPlatform::toValue(const Stored& s) {
  const Rating& r = s.rating;
  wf::Object o{{"ratingId", wf::Value(s.id)},
               {"serviceType", wf::Value(r.service_type)},
               {"matterCode", wf::Value(r.matter_code)},
               {"level", wf::Value(r.level)},
               {"channel", wf::Value(r.channel)},
               {"window", wf::Value(r.window)},
               {"clerk", wf::Value(r.clerk)},
               {"comment", wf::Value(r.comment)},
               {"ratedAt", wf::Value(r.rated_at)},
               {"receivedAt", wf::Value(s.received_at)}};
  o.emplace(r.service_type == "case" ? "caseCode" : "ticket", wf::Value(r.subject));
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim

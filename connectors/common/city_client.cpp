#include "connectors/common/city_client.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include "connectors/common/request_signer.h"

namespace connectors {

namespace {

constexpr size_t kDescribeBody = 300;
constexpr size_t kMaxAnswer = 4 * 1024 * 1024;

Poco::Timespan span(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

// Full jitter: a random pause in [0, min(max, first · 2^(attempt-1))].
std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const int64_t ceiling = std::min<int64_t>(
      policy.max_backoff.count(), policy.first_backoff.count() << std::min(attempt - 1, 20));
  return std::chrono::milliseconds(
      std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(ceiling, 0))(random));
}

}  // namespace

bool readBoundedAnswer(std::istream& in, size_t limit, std::string* out) {
  out->clear();
  char chunk[8192];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    out->append(chunk, static_cast<size_t>(in.gcount()));
    if (out->size() > limit) return false;
  }
  return true;
}

std::string CityReply::describe(const std::string& platform_name) const {
  if (status == 0) return platform_name + " unreachable: " + error;
  return platform_name + " HTTP " + std::to_string(status) + ": " + body.substr(0, kDescribeBody);
}

wf::Status CityReply::failure(const std::string& what, const std::string& platform_name) const {
  const std::string why = what + ": " + describe(platform_name);
  return retryable() ? wf::Status::unavailable(why)
                     : wf::permanentJobFailure(wf::Status::invalid(why));
}

std::string CityReply::errorCode() const {
  const std::optional<wf::Value> json = wf::Value::parseJson(body);
  const wf::Value* code = json && json->isObject() ? json->find("code") : nullptr;
  return code != nullptr && code->isString() ? code->asString() : std::string();
}

wf::Result<wf::Value> CityReply::jsonObject(std::string_view job_type,
                                            const std::string& platform_name) const {
  const std::string what(job_type);
  if (!ok()) return failure(what, platform_name);
  std::string parse_error;
  std::optional<wf::Value> answer = wf::Value::parseJson(body, &parse_error);
  if (!answer) {
    return wf::Status::unavailable(what + ": " + platform_name + " answered with malformed JSON (" +
                                   parse_error + ")");
  }
  if (!answer->isObject()) {
    return wf::Status::unavailable(
        what + ": " + platform_name +
        " answered without a JSON object: " + body.substr(0, kDescribeBody));
  }
  return std::move(*answer);
}

CityClient::CityClient(PlatformConfig config, std::string base_url, std::string key,
                       std::function<int64_t()> now_ms)
    : config_(std::move(config)),
      base_url_(std::move(base_url)),
      key_(std::move(key)),
      now_(std::move(now_ms)),
      breaker_(config_.breaker, now_) {}

CityReply CityClient::send(std::string_view method, const std::string& path,
                           const std::string& body, const std::string& idempotency_key) {
  const std::string path_with_query = config_.path_prefix + path;
  CityReply reply;
  for (int attempt = 1; attempt <= config_.retry.attempts; ++attempt) {
    if (attempt > 1) std::this_thread::sleep_for(backoff(config_.retry, attempt - 1));
    if (!breaker_.allow()) {
      CityReply refused;
      refused.error = "circuit open after repeated failures; next trial at " +
                      std::to_string(breaker_.reopensAt()) + " (epoch ms)";
      refused.attempts = reply.attempts;
      return refused;
    }
    const int sent = reply.attempts + 1;
    reply = once(method, path_with_query, body, idempotency_key);
    reply.attempts = sent;
    if (!reply.retryable()) {
      // The platform answered: it is up, whatever it said.
      if (breaker_.succeeded()) notifyRecovered();
      return reply;
    }
    breaker_.failed();
  }
  return reply;
}

void CityClient::onRecovered(std::function<void()> callback) {
  auto shared = std::make_shared<const std::function<void()>>(std::move(callback));
  std::lock_guard lock(recovered_mu_);
  on_recovered_ = std::move(shared);
}

void CityClient::notifyRecovered() {
  std::shared_ptr<const std::function<void()>> callback;
  {
    std::lock_guard lock(recovered_mu_);
    callback = on_recovered_;
  }
  if (callback && *callback) (*callback)();
}

CityReply CityClient::once(std::string_view method, const std::string& path_with_query,
                           const std::string& body, const std::string& idempotency_key) {
  CityReply reply;
  try {
    const Poco::URI uri(base_url_);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(span(config_.connect_timeout), span(config_.timeout), span(config_.timeout));
    Poco::Net::HTTPRequest request(std::string(method), path_with_query,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    const RequestSignature s =
        signRequest(config_.app_id, key_, method, path_with_query, body, now_());
    request.set("X-Ca-Key", s.app_id);
    request.set("X-Ca-Timestamp", std::to_string(s.timestamp_ms));
    request.set("X-Ca-Nonce", s.nonce);
    request.set("X-Ca-Signature", s.signature);
    if (!idempotency_key.empty()) request.set("Idempotency-Key", idempotency_key);
    request.setContentType("application/json; charset=utf-8");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    // A platform's answer is bounded: a runaway body is an error, not memory.
    std::string answer;
    if (!readBoundedAnswer(in, kMaxAnswer, &answer)) {
      reply.error = "answer over " + std::to_string(kMaxAnswer) + " bytes refused";
      return reply;
    }
    reply.status = static_cast<int>(response.getStatus());
    reply.body = std::move(answer);
  } catch (const Poco::Exception& e) {
    reply.error = e.displayText();
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

}  // namespace connectors

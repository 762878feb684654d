#include "tools/citysim/citysim_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "tools/citysim/answer_garbler.h"
#include "tools/citysim/fault_plan.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim {

namespace {

// A body over the limit is still read (and dropped) up to this much, so the
// client, still sending, reads the 413 instead of a reset connection.
constexpr size_t kDrainBytes = size_t{64} << 20;

int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool isUnder(const std::string& path, const std::string& prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          path[prefix.size()] == '/');
}

// Reads the body; false when it is over `limit` (the rest is drained). A
// request with neither Content-Length nor chunked encoding has no body.
bool readBounded(Poco::Net::HTTPServerRequest& request, size_t limit, std::string* out) {
  out->clear();
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return true;
  std::istream& in = request.stream();
  char chunk[8192];
  size_t total = 0;
  while (in && total <= kDrainBytes) {
    in.read(chunk, sizeof(chunk));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    total += static_cast<size_t>(got);
    if (total <= limit) out->append(chunk, static_cast<size_t>(got));
  }
  if (total > limit) {
    out->clear();
    return false;
  }
  return true;
}

std::optional<std::string> headerOf(const Poco::Net::HTTPServerRequest& request,
                                    const std::string& name) {
  if (!request.has(name)) return std::nullopt;
  return request.get(name);
}

}  // namespace

struct CitysimServer::State {
  struct Entry {
    std::unique_ptr<Platform> platform;
    FaultPlan faults;
    PlatformStats stats;
  };

  CitysimServerOptions options;
  SignatureVerifier verifier;
  std::vector<std::unique_ptr<Entry>> platforms;

  State(CitysimServerOptions o, std::vector<std::unique_ptr<Platform>> list)
      : options(std::move(o)), verifier(options.app_key, options.key) {
    for (std::unique_ptr<Platform>& p : list) {
      auto entry = std::make_unique<Entry>();
      entry->platform = std::move(p);
      entry->platform->bindFaults(entry->faults);
      platforms.push_back(std::move(entry));
    }
  }

  int64_t now() const { return options.now_ms ? options.now_ms() : systemNowMs(); }

  Entry* byName(const std::string& name) const {
    for (const auto& e : platforms) {
      if (e->platform->name() == name) return e.get();
    }
    return nullptr;
  }

  Entry* byPath(const std::string& path) const {
    for (const auto& e : platforms) {
      if (isUnder(path, e->platform->prefix())) return e.get();
    }
    return nullptr;
  }
};

namespace {

using State = CitysimServer::State;

// The answer to a request, or nullopt to close the connection without one.
using Answer = std::optional<PlatformResponse>;

Answer simControl(State& state, const std::string& method, const std::string& path,
                  const std::string& body, bool too_large) {
  const int64_t now = state.now();
  if (path == "/_sim/stats") {
    if (method != "GET") return errorResponse(405, "METHOD_NOT_ALLOWED", method + " " + path);
    wf::Object stats;
    for (const auto& e : state.platforms) stats.emplace(e->platform->name(), e->stats.toValue());
    return jsonResponse(200, wf::Value(std::move(stats)));
  }
  const std::string faults_prefix = "/_sim/faults/";
  if (path.rfind(faults_prefix, 0) != 0) {
    // /_sim/{platform}/…: the platform's own controls.
    const size_t slash = path.find('/', 6);
    State::Entry* owner =
        state.byName(path.substr(6, slash == std::string::npos ? slash : slash - 6));
    if (owner == nullptr || slash == std::string::npos)
      return errorResponse(404, "NOT_FOUND", "no endpoint at " + path);
    if (too_large) return errorResponse(413, "TOO_LARGE", "the body is over 1 MiB");
    PlatformRequest control;
    control.method = method;
    control.path = path.substr(slash);
    control.path_with_query = control.path;
    control.body = body;
    control.now_ms = now;
    return owner->platform->control(control);
  }
  const std::string name = path.substr(faults_prefix.size());
  State::Entry* entry = state.byName(name);
  if (entry == nullptr) return errorResponse(404, "NOT_FOUND", "no platform " + name);
  const auto current = [&] {
    return jsonResponse(200, wf::Value(wf::Object{{"platform", wf::Value(name)},
                                                  {"faults", entry->faults.toValue(now)}}));
  };
  if (method == "GET") return current();
  if (method == "DELETE") {
    entry->faults.clear();
    return current();
  }
  if (method != "PUT") return errorResponse(405, "METHOD_NOT_ALLOWED", method + " " + path);
  if (too_large) return errorResponse(413, "TOO_LARGE", "the body is over 1 MiB");
  std::string error;
  const std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return invalidArgument("body", "is not JSON (" + error + ")");
  wf::Result<FaultSettings> settings = parseFaultSettings(*json);
  if (!settings.ok()) {
    const wf::Value* field = settings.status().details().find("field");
    return errorResponse(400, "INVALID_ARGUMENT", settings.status().message(),
                         field != nullptr && field->isString() ? field->asString() : "body");
  }
  entry->faults.set(*settings, now);
  return current();
}

Answer platformRequest(State& state, State::Entry& entry, Poco::Net::HTTPServerRequest& request,
                       const std::string& path, std::string body, bool too_large) {
  PlatformStats& stats = entry.stats;
  const std::string& platform_name = entry.platform->displayName();
  ++stats.requests;
  const FaultDecision fault = entry.faults.decide(state.now());
  if (fault.latency_ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
  switch (fault.action) {
    case FaultAction::Down:
      ++stats.faulted;
      return errorResponse(503, "PLATFORM_DOWN", platform_name + " is down (simulated)");
    case FaultAction::Drop:
      ++stats.faulted;
      return std::nullopt;
    case FaultAction::Error:
      ++stats.faulted;
      return errorResponse(500, "INTERNAL", platform_name + " failed (simulated)");
    case FaultAction::Malformed:
    case FaultAction::WrongTypes:
    case FaultAction::Huge:
    case FaultAction::None:
      break;
  }
  const auto refused = [&stats](PlatformResponse r) {
    if (r.status >= 400 && r.status < 500) ++stats.refused;
    return r;
  };
  if (too_large) {
    return refused(errorResponse(
        413, "TOO_LARGE", "the body is over 1 MiB (" + std::to_string(kMaxBodyBytes) + " bytes)"));
  }
  PlatformRequest p;
  p.method = request.getMethod();
  p.path = path;
  p.path_with_query = request.getURI();
  p.body = std::move(body);
  p.now_ms = state.now();
  if (const std::optional<SignatureRefusal> refusal =
          !entry.platform->signedRequests()
              ? std::nullopt
              : state.verifier.verify(
                    headerOf(request, kHeaderKey), headerOf(request, kHeaderTimestamp),
                    headerOf(request, kHeaderNonce), headerOf(request, kHeaderSignature), p.method,
                    p.path_with_query, p.body, p.now_ms)) {
    return refused(errorResponse(401, refusal->code, refusal->message));
  }
  try {
    for (const auto& [name, value] : Poco::URI(p.path_with_query).getQueryParameters()) {
      p.query.emplace(name, value);
    }
  } catch (const Poco::Exception&) {
    return refused(errorResponse(400, "INVALID_ARGUMENT", "query: does not decode", "query"));
  }
  for (const char* name : {"Idempotency-Key", "Cookie", "Content-Type"}) {
    if (const std::optional<std::string> value = headerOf(request, name)) {
      p.headers.emplace(name, *value);
    }
  }
  PlatformResponse answer = refused(entry.platform->handle(p, stats));
  if (fault.action != FaultAction::None) {
    ++stats.faulted;
    answer.body = garbleAnswer(answer.body, fault.action);
  }
  return answer;
}

class CitysimHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit CitysimHandler(std::shared_ptr<State> state) : state_(std::move(state)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    Answer answer;
    try {
      answer = serve(request);
    } catch (const std::exception& e) {
      std::cerr << "citysim: " << request.getMethod() << " " << request.getURI()
                << ": internal error: " << e.what() << "\n";
      answer = errorResponse(500, "INTERNAL", "the simulator failed");
    }
    if (answer) {
      try {
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer->status));
        response.setContentType(answer->content_type);
        for (const auto& [name, value] : answer->headers) response.add(name, value);
        response.setContentLength(static_cast<std::streamsize>(answer->body.size()));
        response.setKeepAlive(false);
        response.send() << answer->body;
      } catch (const Poco::Exception&) {
        // The client went away; nothing to answer.
      }
    } else {
      // A simulated drop: close the connection, answer nothing.
      response.setKeepAlive(false);
      if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request)) {
        try {
          impl->socket().shutdown();
        } catch (const Poco::Exception&) {
          // Closed already.
        }
      }
    }
    if (state_->options.log_requests) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      std::ostringstream line;
      line << "citysim: " << request.getMethod() << " " << request.getURI() << " "
           << (answer ? std::to_string(answer->status) : std::string("dropped")) << " (" << ms
           << " ms)\n";
      std::cerr << line.str() << std::flush;
    }
  }

 private:
  Answer serve(Poco::Net::HTTPServerRequest& request) {
    const std::string& target = request.getURI();
    std::string path;
    try {
      Poco::URI::decode(target.substr(0, target.find('?')), path);
    } catch (const Poco::Exception&) {
      return errorResponse(400, "INVALID_ARGUMENT", "path: does not decode", "path");
    }
    std::string body;
    const bool too_large = !readBounded(request, kMaxBodyBytes, &body);
    if (isUnder(path, "/_sim")) {
      return simControl(*state_, request.getMethod(), path, body, too_large);
    }
    State::Entry* entry = state_->byPath(path);
    if (entry == nullptr) return errorResponse(404, "NOT_FOUND", "no platform serves " + path);
    return platformRequest(*state_, *entry, request, path, std::move(body), too_large);
  }

  std::shared_ptr<State> state_;
};

class CitysimHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit CitysimHandlerFactory(std::shared_ptr<State> state) : state_(std::move(state)) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new CitysimHandler(state_);
  }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace

wf::Result<std::unique_ptr<CitysimServer>> CitysimServer::start(
    CitysimServerOptions options, std::vector<std::unique_ptr<Platform>> platforms) {
  if (options.key.empty()) return wf::Status::invalid("citysim: the shared key is empty");
  std::unique_ptr<CitysimServer> server(new CitysimServer());
  server->host_ = options.host;
  const int port = options.port;
  const int threads = std::max(1, options.max_threads);
  server->state_ = std::make_shared<State>(std::move(options), std::move(platforms));
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(server->host_, static_cast<Poco::UInt16>(port)),
                /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(/*backlog=*/64);
    server->port_ = socket.address().port();

    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(threads);
    params->setMaxQueued(256);
    params->setThreadIdleTime(Poco::Timespan(1, 0));
    // One request per connection, as `hall serve` answers: a dropped
    // connection (dropRate) then drops exactly one request.
    params->setKeepAlive(false);
    server->pool_ = std::make_unique<Poco::ThreadPool>(1, threads);
    server->server_ = std::make_unique<Poco::Net::HTTPServer>(
        new CitysimHandlerFactory(server->state_), *server->pool_, socket, params);
    server->server_->start();
  } catch (const Poco::Exception& e) {
    return wf::Status::unavailable("citysim: cannot listen on " + server->host_ + ":" +
                                   std::to_string(port) + ": " + e.displayText());
  }
  return server;
}

CitysimServer::~CitysimServer() { stop(); }

std::string CitysimServer::url() const {
  const bool ipv6 = host_.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

void CitysimServer::stop() {
  if (stopped_ || !server_) return;
  stopped_ = true;
  server_->stopAll(true);
  pool_->joinAll();
}

}  // namespace hall::citysim

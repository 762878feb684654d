// portal_api_bench: the portal's API under load with real sessions on
// loopback — a department's task list read by approvers, then their tasks
// decided — through the real WebServer (role matrix, session lookup, CSRF,
// audit trail) over the real engine on a SQLite file. Prints requests per
// second and latency percentiles for each phase.
//
//   portal_api_bench [--threads N] [--seconds S] [--tasks N] [--list N]
//                    [--keep-alive 0|1]
//
// --tasks: instances started (each one task for department a);
// --list: how many of them the read phase's department sees (the rest go
// to department b, whose approvers complete them in the second phase);
// --keep-alive 1 (the default): each client thread keeps its connection, as
// a browser does; 0: a new connection for every request (and the server's
// keep-alive off).
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "portal/domain/accounts.h"
#include "portal/store/soci_audit_trail.h"
#include "portal/web/audit_hook.h"
#include "portal/web/department_routes.h"
#include "portal/web/session_book.h"
#include "portal/web/web_server.h"
#include "wf/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:hall="urn:hall:bpmn:1" id="d" targetNamespace="urn:bench">
  <bpmn:process id="bench_a" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="approve" name="甲部门审批" hall:candidateGroups="dept:a" hall:dueIn="P5D"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
  </bpmn:process>
  <bpmn:process id="bench_b" isExecutable="true">
    <bpmn:startEvent id="start_b"/>
    <bpmn:userTask id="approve_b" name="乙部门审批" hall:candidateGroups="dept:b" hall:dueIn="P5D"/>
    <bpmn:endEvent id="end_b"/>
    <bpmn:sequenceFlow id="g1" sourceRef="start_b" targetRef="approve_b"/>
    <bpmn:sequenceFlow id="g2" sourceRef="approve_b" targetRef="end_b"/>
  </bpmn:process>
</bpmn:definitions>)";

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Options {
  int threads = 8;
  int seconds = 10;
  int tasks = 3000;
  int list = 50;
  bool keep_alive = true;
};

struct Session {
  std::string cookie;
  std::string csrf;
};

// One client's connection to the server: kept between requests with
// keep-alive (reopened when the server closed it), else new each time.
class Connection {
 public:
  Connection(uint16_t port, bool keep_alive) : port_(port), keep_alive_(keep_alive) {}

  int request(const std::string& method, const std::string& path, const Session& session,
              const std::string& body) {
    try {
      return send(method, path, session, body);
    } catch (const Poco::Exception&) {
      // The server may close a kept connection at any time; one retry on a
      // fresh one.
      client_.reset();
      return send(method, path, session, body);
    }
  }

 private:
  int send(const std::string& method, const std::string& path, const Session& session,
           const std::string& body) {
    if (!client_ || !keep_alive_) {
      client_ = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port_);
      client_->setKeepAlive(keep_alive_);
      client_->setKeepAliveTimeout(Poco::Timespan(1, 0));
    }
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(keep_alive_);
    req.set("Cookie", std::string(portal::web::kSessionCookie) + "=" + session.cookie);
    if (method != "GET") req.set(portal::web::kCsrfHeader, session.csrf);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    if (!body.empty()) req.setContentType("application/json");
    client_->sendRequest(req) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = client_->receiveResponse(response);
    ignored_.clear();  // copyToString appends
    Poco::StreamCopier::copyToString(in, ignored_);
    return response.getStatus();
  }

  uint16_t port_;
  bool keep_alive_;
  std::unique_ptr<Poco::Net::HTTPClientSession> client_;
  std::string ignored_;
};

void report(const char* phase, std::vector<double>& millis, double seconds, int errors) {
  std::sort(millis.begin(), millis.end());
  auto at = [&](double q) {
    return millis.empty() ? 0.0 : millis[std::min(millis.size() - 1, size_t(q * millis.size()))];
  };
  std::printf(
      "%-10s %8zu requests in %5.1f s: %8.0f /s   p50 %6.2f ms   p99 %6.2f ms   errors %d\n", phase,
      millis.size(), seconds, millis.size() / seconds, at(0.5), at(0.99), errors);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--threads")
      o.threads = v;
    else if (k == "--seconds")
      o.seconds = v;
    else if (k == "--tasks")
      o.tasks = v;
    else if (k == "--list")
      o.list = v;
    else if (k == "--keep-alive")
      o.keep_alive = v != 0;
    else {
      std::cerr << "usage: portal_api_bench [--threads N] [--seconds S] [--tasks N] [--list N] "
                   "[--keep-alive 0|1]\n";
      return 2;
    }
  }
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("portal-api-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "hall.db").string();
  wf::EngineOptions engine_options;
  engine_options.db_url = url;
  auto engine = wf::Engine::open(engine_options);
  if (!engine.ok() || !(*engine)->deploy("bench.bpmn", kModel).ok()) {
    std::cerr << "engine: " << engine.status().toString() << "\n";
    return 1;
  }
  std::vector<std::thread> starters;
  std::atomic<int> next{0};
  for (int t = 0; t < 4; ++t) {
    starters.emplace_back([&] {
      for (int i = next++; i < o.tasks; i = next++) {
        (void)(*engine)->startInstance(i < o.list ? "bench_a" : "bench_b", wf::Value(wf::Object{}));
      }
    });
  }
  for (std::thread& t : starters) t.join();

  auto audit = hall::store::SociAuditTrail::open(url);
  portal::web::SessionBook sessions(nowMillis);
  portal::web::DepartmentRoutes routes(**engine, nowMillis);
  portal::web::Router router;
  routes.addTo(router);
  portal::web::WebServerOptions web;
  web.port = 0;
  web.max_threads = 16;
  if (!o.keep_alive) web.keep_alive = std::chrono::milliseconds(0);
  web.sessions = [&](std::string_view id) { return sessions.find(id); };
  web.audit = portal::web::auditHook(**audit, nowMillis);
  auto token = portal::web::AdminToken::load(std::string("bench-token-0123456789"), dir);
  auto server = portal::web::WebServer::start(std::move(router), *token, web);
  if (!server.ok()) {
    std::cerr << server.status().toString() << "\n";
    return 1;
  }
  const uint16_t port = (*server)->port();
  auto sessionFor = [&](const std::string& login, const std::string& department) {
    hall::domain::Account account;
    account.login = login;
    account.roles = hall::domain::Role::Approver;
    account.department = department;
    const portal::web::Caller c = sessions.open(account);
    return Session{c.session, c.csrf};
  };
  std::printf(
      "portal_api_bench: %d threads, %d tasks (%d for the reading department), %d s a phase, "
      "%s\n",
      o.threads, o.tasks, o.list, o.seconds,
      o.keep_alive ? "keep-alive" : "a connection per request");

  // Phase 1: reads of the task list.
  {
    std::vector<std::vector<double>> per(o.threads);
    std::atomic<int> errors{0};
    const auto until = Clock::now() + std::chrono::seconds(o.seconds);
    const auto began = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < o.threads; ++t) {
      threads.emplace_back([&, t] {
        const Session s = sessionFor("reader" + std::to_string(t), "a");
        Connection connection(port, o.keep_alive);
        while (Clock::now() < until) {
          const auto t0 = Clock::now();
          if (connection.request("GET", "/api/v1/department/tasks", s, "") != 200) ++errors;
          per[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
      });
    }
    for (std::thread& t : threads) t.join();
    std::vector<double> all;
    for (auto& v : per) all.insert(all.end(), v.begin(), v.end());
    report("reads", all, std::chrono::duration<double>(Clock::now() - began).count(), errors);
  }

  // Phase 2: completions (decide approve) of department b's tasks.
  {
    wf::TaskQuery query;
    query.candidate_group = "dept:b";
    query.limit = o.tasks;
    auto tasks = (*engine)->tasks(query);
    std::vector<std::string> ids;
    for (const wf::TaskInfo& t : tasks.value()) ids.push_back(t.id);
    std::vector<std::vector<double>> per(o.threads);
    std::atomic<int> errors{0};
    std::atomic<size_t> taken{0};
    const auto until = Clock::now() + std::chrono::seconds(o.seconds);
    const auto began = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < o.threads; ++t) {
      threads.emplace_back([&, t] {
        const Session s = sessionFor("approver" + std::to_string(t), "b");
        Connection connection(port, o.keep_alive);
        for (size_t i = taken++; i < ids.size() && Clock::now() < until; i = taken++) {
          const auto t0 = Clock::now();
          if (connection.request("POST", "/api/v1/department/tasks/" + ids[i] + "/decide", s,
                                 R"({"decision":"approve"})") != 204) {
            ++errors;
          }
          per[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
      });
    }
    for (std::thread& t : threads) t.join();
    std::vector<double> all;
    for (auto& v : per) all.insert(all.end(), v.begin(), v.end());
    report("decisions", all, std::chrono::duration<double>(Clock::now() - began).count(), errors);
  }
  (*server)->stop();
  std::filesystem::remove_all(dir);
  return 0;
}

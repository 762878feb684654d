#include "citysim_process.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <signal.h>

#include <regex>
#include <sstream>

namespace hall::citysim::test {

namespace {

constexpr size_t kStderrTail = size_t{64} << 10;

}  // namespace

wf::Result<std::unique_ptr<CitysimProcess>> CitysimProcess::start(CitysimProcessOptions options) {
  std::unique_ptr<CitysimProcess> p(new CitysimProcess(std::move(options)));
  const CitysimProcessOptions& o = p->options_;
  p->out_pipe_ = std::make_unique<Poco::Pipe>();
  p->err_pipe_ = std::make_unique<Poco::Pipe>();
  try {
    Poco::Process::Env env(o.env.begin(), o.env.end());
    p->handle_.emplace(Poco::Process::launch(CITYSIM_BINARY, o.args, ".", nullptr,
                                             p->out_pipe_.get(), p->err_pipe_.get(), env));
  } catch (const Poco::Exception& e) {
    return wf::Status::unavailable(std::string(CITYSIM_BINARY) + ": " + e.displayText());
  }
  p->out_reader_ = std::thread([s = p.get()] { s->readStdout(); });
  p->err_reader_ = std::thread([s = p.get()] { s->readStderr(); });
  bool ready = false;
  {
    std::unique_lock<std::mutex> lock(p->mutex_);
    ready = p->changed_.wait_for(lock, o.start_timeout, [&] {
      return !p->url_.empty() || p->out_ended_;
    }) && !p->url_.empty();
  }
  if (!ready) {
    ::kill(static_cast<pid_t>(p->handle_->id()), SIGKILL);
    p->exit_status_ = p->handle_->wait();
    p->joinReaders();
    return wf::Status::unavailable("hall-citysim did not come up (exit status " +
                                   std::to_string(*p->exit_status_) + "); stdout:\n" +
                                   p->start_output_ + "stderr:\n" + p->errorOutput());
  }
  return p;
}

CitysimProcess::~CitysimProcess() {
  if (handle_ && !exit_status_) {
    ::kill(static_cast<pid_t>(handle_->id()), SIGKILL);
    try {
      handle_->wait();
    } catch (const Poco::Exception&) {
      // Reaped already.
    }
  }
  joinReaders();
}

void CitysimProcess::readStdout() {
  static const std::regex kUrl(R"(^citysim serving at (http://([^:/]+):(\d+))$)");
  Poco::PipeInputStream in(*out_pipe_);
  for (std::string line; std::getline(in, line);) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!url_.empty()) continue;
    start_output_ += line + "\n";
    std::smatch m;
    if (std::regex_search(line, m, kUrl)) {
      host_ = m[2];
      port_ = std::stoi(m[3]);
      url_ = m[1];
      changed_.notify_all();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  out_ended_ = true;
  changed_.notify_all();
}

void CitysimProcess::readStderr() {
  Poco::PipeInputStream in(*err_pipe_);
  for (std::string line; std::getline(in, line);) {
    std::lock_guard<std::mutex> lock(mutex_);
    stderr_tail_ += line + "\n";
    if (stderr_tail_.size() > kStderrTail) {
      stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
    }
  }
}

std::string CitysimProcess::errorOutput() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stderr_tail_;
}

int CitysimProcess::stop() {
  if (exit_status_) return *exit_status_;
  ::kill(static_cast<pid_t>(handle_->id()), SIGTERM);
  bool exited = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    exited = changed_.wait_for(lock, options_.stop_timeout, [this] { return out_ended_; });
  }
  if (!exited) ::kill(static_cast<pid_t>(handle_->id()), SIGKILL);
  const int status = handle_->wait();
  exit_status_ = exited ? status : -1;
  joinReaders();
  return *exit_status_;
}

void CitysimProcess::joinReaders() {
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

std::string Reply::code() const {
  const wf::Value* v = json.find("code");
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

std::string Reply::field() const {
  const wf::Value* v = json.find("field");
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

std::map<std::string, std::string> CitysimClient::signedHeaders(
    const std::string& key, const std::string& method, const std::string& path_with_query,
    const std::string& body, int64_t timestamp_ms, const std::string& nonce) const {
  const SignatureHeaders h =
      signRequest(key, app_key_, method, path_with_query, body, timestamp_ms, nonce);
  return {{kHeaderKey, h.app_key},
          {kHeaderTimestamp, h.timestamp},
          {kHeaderNonce, h.nonce},
          {kHeaderSignature, h.signature}};
}

Reply CitysimClient::send(const std::string& method, const std::string& path_with_query,
                          const std::string& body,
                          const std::map<std::string, std::string>& headers) {
  std::map<std::string, std::string> all =
      signedHeaders(key_, method, path_with_query, body, nowMs(), randomNonce());
  for (const auto& [name, value] : headers) all[name] = value;
  return sendRaw(method, path_with_query, body, all);
}

wf::Result<std::unique_ptr<CitysimProcess>> CitysimProcess::startQuiet(
    const std::string& key, const std::vector<std::string>& extra_args) {
  CitysimProcessOptions options;
  options.args = {"--port", "0", "--quiet"};
  options.args.insert(options.args.end(), extra_args.begin(), extra_args.end());
  options.env = {{"CITYSIM_KEY", key}};
  return start(std::move(options));
}

Reply CitysimClient::sendRaw(const std::string& method, const std::string& path_with_query,
                             const std::string& body,
                             const std::map<std::string, std::string>& headers) {
  Reply reply;
  try {
    Poco::Net::HTTPClientSession session(host_, static_cast<Poco::UInt16>(port_));
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(method, path_with_query, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = session.sendRequest(request);
    out << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    reply.status = static_cast<int>(response.getStatus());
    reply.body = text.str();
    for (const auto& [name, value] : response) reply.headers[name] = value;
    if (std::optional<wf::Value> json = wf::Value::parseJson(reply.body)) reply.json = *json;
  } catch (const Poco::Exception&) {
    reply.status = 0;  // no answer: the connection was closed or timed out
  }
  return reply;
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hall::citysim::test

// CallbackReceiver: a stand-in hall for the simulator's callback tests — a
// Poco HTTP server on a free loopback port that keeps every request it gets
// (target, X-Ca-* headers, body) and answers each with the next scripted
// status (200 once the script is used up).
//
// Thread-safety: the server's threads and the test's share one mutex.
#pragma once

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hall::citysim::test {

struct ReceivedCallback {
  std::string target;
  std::map<std::string, std::string>
      headers;  // X-Ca-Key, X-Ca-Timestamp, X-Ca-Nonce, X-Ca-Signature
  std::string body;
  int answered = 0;
};

class CallbackReceiver {
 public:
  CallbackReceiver();
  ~CallbackReceiver();

  std::string url() const;
  // The statuses the next requests are answered with, in order.
  void script(std::deque<int> statuses);
  std::vector<ReceivedCallback> received() const;

  struct Shared {
    mutable std::mutex mutex;
    std::deque<int> script;
    std::vector<ReceivedCallback> received;
  };

 private:
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace hall::citysim::test

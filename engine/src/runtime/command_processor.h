// CommandProcessor: the single writer. Commands from any thread queue here;
// one thread takes them in groups, runs each inside a savepoint of one
// transaction, commits once for the whole group, and only then answers
// every caller. A command that fails rolls back to its savepoint alone.
//
// This is group commit: with synchronous=FULL each commit costs an fsync,
// and sharing it among all commands that arrived meanwhile keeps durability
// from limiting throughput.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "wf/ports/store.h"

namespace wf::runtime {

// What a command asks to happen after its transaction commits (e.g. hand
// new jobs to workers, refresh a cache). Runs on the writer thread.
using AfterCommit = std::function<void()>;

// A command: runs against the writer inside the transaction and may add
// after-commit actions.
using Command = std::function<Status(StoreWriter&, std::vector<AfterCommit>&)>;

class CommandProcessor {
 public:
  CommandProcessor(Store& store, int max_batch);
  ~CommandProcessor();
  CommandProcessor(const CommandProcessor&) = delete;
  CommandProcessor& operator=(const CommandProcessor&) = delete;

  // Runs the command durably; returns its status once committed (or the
  // commit's failure).
  Status execute(Command command);

  // How many groups have ended (committed, or rolled back). It moves before
  // the group's callers are answered, so a number read after a command
  // returned differs from every number read before that command committed.
  uint64_t groupsEnded() const { return groups_ended_.load(std::memory_order_acquire); }

 private:
  struct Pending {
    Command command;
    std::promise<Status> done;
  };

  void loop();
  void runGroup(std::vector<Pending>& group);

  Store& store_;
  const size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::atomic<uint64_t> groups_ended_{0};
  std::thread thread_;
};

}  // namespace wf::runtime

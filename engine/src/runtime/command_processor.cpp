#include "runtime/command_processor.h"

namespace wf::runtime {

CommandProcessor::CommandProcessor(Store& store, int max_batch)
    : store_(store), max_batch_(static_cast<size_t>(std::max(1, max_batch))) {
  thread_ = std::thread([this] { loop(); });
}

CommandProcessor::~CommandProcessor() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

Status CommandProcessor::execute(Command command) {
  std::future<Status> result;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return Status::unavailable("engine is shutting down");
    queue_.push_back({std::move(command), std::promise<Status>()});
    result = queue_.back().done.get_future();
  }
  cv_.notify_one();
  return result.get();
}

void CommandProcessor::loop() {
  std::vector<Pending> group;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && group.size() < max_batch_) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    runGroup(group);
    group.clear();
  }
}

void CommandProcessor::runGroup(std::vector<Pending>& group) {
  StoreWriter& w = store_.writer();
  std::vector<Status> results(group.size());
  std::vector<AfterCommit> after;
  Status st = w.begin();
  if (st.isOk()) {
    for (size_t i = 0; i < group.size(); ++i) {
      Status sp = w.savepoint();
      if (!sp.isOk()) {
        results[i] = sp;
        continue;
      }
      std::vector<AfterCommit> mine;
      results[i] = group[i].command(w, mine);
      if (results[i].isOk()) {
        Status rel = w.releaseSavepoint();
        if (rel.isOk()) {
          for (AfterCommit& a : mine) after.push_back(std::move(a));
        } else {
          results[i] = rel;
        }
      } else {
        Status rb = w.rollbackToSavepoint();
        if (!rb.isOk()) results[i] = rb;
      }
    }
    st = w.commit();
  }
  if (st.isOk()) {
    for (AfterCommit& a : after) a();
  }
  groups_ended_.fetch_add(1, std::memory_order_acq_rel);
  for (size_t i = 0; i < group.size(); ++i) {
    group[i].done.set_value(st.isOk() ? results[i] : st);
  }
}

}  // namespace wf::runtime

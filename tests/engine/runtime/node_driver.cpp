// node_driver: one node of the multi-node test. It opens an engine on a
// shared PostgreSQL database and runs jobs of type "work" until its stdin
// closes (or it is killed). Each run of the handler appends the job's id to
// a log with write(2), so the lines survive a SIGKILL; the test counts them
// against the jobs in the database.
//
// usage: node_driver DB_URL LOG LEASE_MILLIS NODE_ID
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "wf/engine.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: node_driver DB_URL LOG LEASE_MILLIS NODE_ID\n");
    return 2;
  }
  const int log = ::open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log < 0) return 2;
  wf::EngineOptions options;
  options.db_url = argv[1];
  options.readers = 2;
  options.job_workers = 4;
  options.job_lease = std::chrono::milliseconds(std::atol(argv[3]));
  options.job_poll = std::chrono::milliseconds(20);
  options.node_id = argv[4];
  auto engine = wf::Engine::open(options);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().toString().c_str());
    return 1;
  }
  (*engine)->registerJobHandler("work", [log](const wf::JobContext& job) -> wf::Result<wf::Value> {
    const std::string line = job.job.id + "\n";
    if (::write(log, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::abort();
    return wf::Value(wf::Object{});
  });
  (*engine)->startJobWorkers();
  // Runs until the test closes our stdin.
  char c;
  while (::read(STDIN_FILENO, &c, 1) > 0) {
  }
  return 0;
}

#include "tools/cli/termination_signals.h"

#include <pthread.h>

namespace hall::cli {

sigset_t terminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void blockTerminationSignals(const sigset_t& set) { pthread_sigmask(SIG_BLOCK, &set, nullptr); }

int waitForTermination(const sigset_t& set) {
  int signal_number = 0;
  while (sigwait(&set, &signal_number) != 0) {
  }
  return signal_number;
}

}  // namespace hall::cli

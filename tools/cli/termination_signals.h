// How the hall's long-running programs stop: SIGINT and SIGTERM are blocked
// in every thread (threads inherit the mask of their creator, so block them
// before starting any) and taken with sigwait on the main thread — no
// handler runs in an arbitrary thread, and shutdown is ordinary code.
#pragma once

#include <signal.h>

namespace hall::cli {

// SIGINT and SIGTERM.
sigset_t terminationSignals();

// Blocks `set` in the calling thread (and so in threads it starts later).
void blockTerminationSignals(const sigset_t& set);

// Waits for one of `set` and returns its number.
int waitForTermination(const sigset_t& set);

}  // namespace hall::cli

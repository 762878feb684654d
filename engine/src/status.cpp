#include "wf/status.h"

#include <cstdio>
#include <cstdlib>

namespace wf {

const char* statusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::Ok:
      return "ok";
    case StatusCode::InvalidArgument:
      return "invalid-argument";
    case StatusCode::NotFound:
      return "not-found";
    case StatusCode::Conflict:
      return "conflict";
    case StatusCode::Unauthenticated:
      return "unauthenticated";
    case StatusCode::PermissionDenied:
      return "permission-denied";
    case StatusCode::Unavailable:
      return "unavailable";
    case StatusCode::Internal:
      return "internal";
  }
  return "unknown";
}

std::string Status::toString() const {
  if (isOk()) return "ok";
  return std::string(statusCodeName(code_)) + ": " + message_;
}

void checkFailed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "CHECK failed: %s at %s:%d\n", what, file, line);
  std::abort();
}

}  // namespace wf

// FingerprintCheck: the clerk's fingerprint at the window (指纹确认). An
// administrator enrols a clerk's finger through the fingerprint reader of a
// window; when a clerk then accepts a case at a window that has a reader,
// the reader captures the finger and the case is accepted only when it is
// the enrolled one.
//
// Neither the template nor anything a template can be rebuilt from is kept:
// only a keyed digest of it (TemplateDigest, HMAC-SM3 under a key derived
// from the hall's secrets), compared in constant time. The readers are
// devices of the device protocol, reached through the FingerprintReaders
// port (portal/web/fingerprint_gate); the digests are kept behind
// FingerprintStore (portal/store/soci_fingerprint_store).
//
// Thread-safety: every member may be called from any thread, when the
// ports' implementations may.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

enum class FingerprintPurpose { Enroll, Verify };

// The windows' fingerprint readers.
class FingerprintReaders {
 public:
  virtual ~FingerprintReaders() = default;
  // The id of the reader at `window`; nullopt when the window has none.
  virtual std::optional<std::string> readerAt(const std::string& window) const = 0;
  // Has the window's reader capture `clerk`'s finger and returns the
  // template (base64). Conflict when the reader is not connected, does not
  // answer in time or fails to capture; the message is for the clerk.
  virtual wf::Result<std::string> capture(const std::string& window, FingerprintPurpose purpose,
                                          const std::string& clerk) = 0;
};

// The enrolled digests, one per login.
class FingerprintStore {
 public:
  virtual ~FingerprintStore() = default;
  virtual wf::Result<std::optional<std::string>> digest(const std::string& login) = 0;
  // Enrols or replaces.
  virtual wf::Status put(const std::string& login, const std::string& digest,
                         int64_t enrolled_at) = 0;
  // Whether there was one to remove.
  virtual wf::Result<bool> remove(const std::string& login) = 0;
};

// A keyed digest of a template; the same template always gives the same
// digest. InvalidArgument naming `template` when it is not base64.
class TemplateDigest {
 public:
  virtual ~TemplateDigest() = default;
  virtual wf::Result<std::string> digest(std::string_view template_base64) const = 0;
};

class FingerprintCheck {
 public:
  FingerprintCheck(FingerprintReaders& readers, FingerprintStore& store,
                   const TemplateDigest& digest, std::function<int64_t()> now_millis);

  // Captures `login`'s finger at `window` and keeps its digest.
  // InvalidArgument naming `window` when the window has no reader.
  wf::Status enroll(const std::string& login, const std::string& window);
  // NotFound when `login` has no enrolled finger.
  wf::Status forget(const std::string& login);
  // Whether `login` has an enrolled finger.
  wf::Result<bool> enrolled(const std::string& login);

  // Before `clerk` accepts a case at `window`: false when the window has no
  // reader (nothing to confirm), true when the reader captured the clerk's
  // enrolled finger. Conflict "未登记指纹" when the clerk has none enrolled,
  // PermissionDenied "指纹不符" when it is another finger, and the reader's
  // Conflicts (capture()).
  wf::Result<bool> confirm(const std::string& clerk, const std::string& window);

 private:
  FingerprintReaders& readers_;
  FingerprintStore& store_;
  const TemplateDigest& digest_;
  std::function<int64_t()> now_millis_;
};

// Whether `a` and `b` are equal, in time that depends only on their lengths.
bool equalInConstantTime(std::string_view a, std::string_view b);

}  // namespace hall::domain

#include "portal/domain/fingerprint_check.h"

#include <utility>

namespace hall::domain {

FingerprintCheck::FingerprintCheck(FingerprintReaders& readers, FingerprintStore& store,
                                   const TemplateDigest& digest,
                                   std::function<int64_t()> now_millis)
    : readers_(readers), store_(store), digest_(digest), now_millis_(std::move(now_millis)) {}

wf::Status FingerprintCheck::enroll(const std::string& login, const std::string& window) {
  if (!readers_.readerAt(window)) {
    return wf::Status::invalid("window: 窗口 " + window + " 没有指纹仪",
                               wf::Value(wf::Object{{"field", wf::Value("window")}}));
  }
  ASSIGN_OR_RETURN(const std::string captured,
                   readers_.capture(window, FingerprintPurpose::Enroll, login));
  ASSIGN_OR_RETURN(const std::string digest, digest_.digest(captured));
  return store_.put(login, digest, now_millis_());
}

wf::Status FingerprintCheck::forget(const std::string& login) {
  ASSIGN_OR_RETURN(const bool removed, store_.remove(login));
  if (!removed) return wf::Status::notFound(login + " 未登记指纹");
  return wf::Status::ok();
}

wf::Result<bool> FingerprintCheck::enrolled(const std::string& login) {
  ASSIGN_OR_RETURN(const std::optional<std::string> digest, store_.digest(login));
  return digest.has_value();
}

wf::Result<bool> FingerprintCheck::confirm(const std::string& clerk, const std::string& window) {
  if (window.empty() || !readers_.readerAt(window)) return false;
  // Asked before the reader, so that a clerk with no finger enrolled is told
  // at once rather than asked to press in vain.
  ASSIGN_OR_RETURN(const std::optional<std::string> enrolled, store_.digest(clerk));
  if (!enrolled) return wf::Status::conflict("未登记指纹：请管理员先为 " + clerk + " 登记指纹");
  ASSIGN_OR_RETURN(const std::string captured,
                   readers_.capture(window, FingerprintPurpose::Verify, clerk));
  ASSIGN_OR_RETURN(const std::string digest, digest_.digest(captured));
  if (!equalInConstantTime(digest, *enrolled)) {
    return wf::Status::permissionDenied("指纹不符：按压的不是 " + clerk + " 的手指");
  }
  return true;
}

bool equalInConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  // Read through a volatile so the compiler cannot end the loop early.
  volatile unsigned char result = difference;
  return result == 0;
}

}  // namespace hall::domain

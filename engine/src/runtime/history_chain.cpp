#include "runtime/history_chain.h"

#include <openssl/evp.h>

#include <memory>

namespace wf::runtime {

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// What an event's hash covers: the predecessor's hash (its 32 bytes, which
// keeps the input one SM3 block shorter than hex would), then the event.
std::string contentOf(const HistoryEvent& e) {
  std::string out;
  out.reserve(128);
  for (size_t i = 0; i + 1 < e.prev_hash.size(); i += 2) {
    out += static_cast<char>(hexDigit(e.prev_hash[i]) * 16 + hexDigit(e.prev_hash[i + 1]));
  }
  out += '\n';
  out += e.instance_id;
  out += '\n';
  out += std::to_string(e.seq);
  out += '\n';
  out += std::to_string(e.at);
  out += '\n';
  out += e.type;
  out += '\n';
  out += e.element_id;
  out += '\n';
  if (!e.data.isNull()) out += e.data.toJson();
  return out;
}

}  // namespace

std::string sm3Hex(std::string_view data) {
  // The digest is fetched once; each thread keeps one context and re-inits
  // it, since allocating a context per event costs more than hashing it.
  static EVP_MD* const kSm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
  WF_CHECK(kSm3 != nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           EVP_MD_CTX_free);
  WF_CHECK(ctx != nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  WF_CHECK(EVP_DigestInit_ex2(ctx.get(), kSm3, nullptr) == 1);
  WF_CHECK(EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1);
  WF_CHECK(EVP_DigestFinal_ex(ctx.get(), digest, &len) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

void sealEvent(HistoryEvent& e) { e.hash = sm3Hex(contentOf(e)); }

Status verifyChain(const std::vector<HistoryEvent>& events) {
  std::string prev;
  int64_t expected_seq = 1;
  for (const HistoryEvent& stored : events) {
    if (stored.seq != expected_seq) {
      return Status::internal("history of " + stored.instance_id + ": event " +
                              std::to_string(expected_seq) + " is missing");
    }
    HistoryEvent e = stored;
    e.prev_hash = prev;
    sealEvent(e);
    if (e.hash != stored.hash) {
      return Status::internal("history of " + stored.instance_id + ": event " +
                              std::to_string(stored.seq) + " does not match its hash");
    }
    prev = stored.hash;
    ++expected_seq;
  }
  return Status::ok();
}

}  // namespace wf::runtime

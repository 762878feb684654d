#include "tools/citysim/callback_sender.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <sstream>
#include <thread>

#include "connectors/common/request_signer.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim {

namespace {

int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

CallbackDelivery CallbackSender::send(const std::string& hall_url, const std::string& platform,
                                      const std::string& body, bool tampered) const {
  const std::string path = "/api/v1/callbacks/" + platform;
  CallbackDelivery delivery;
  std::chrono::milliseconds pause = first_pause_;
  for (int n = 0; n <= retries_; ++n) {
    if (n > 0) {
      std::this_thread::sleep_for(pause);
      pause *= 2;
    }
    const int status = attempt(hall_url, path, body, tampered);
    delivery.statuses.push_back(status);
    delivery.delivered = status >= 200 && status < 300;
    if (delivery.delivered) break;
  }
  return delivery;
}

connectors::RequestSignature CallbackSender::sign(const std::string& path, const std::string& body,
                                                  bool tampered) const {
  if (!sm2_key_) {
    connectors::RequestSignature s =
        connectors::signRequest(app_id_, key_, "POST", path, body, systemNowMs());
    // A tampered callback: one hex digit of the signature changed.
    if (tampered) s.signature[0] = s.signature[0] == '0' ? '1' : '0';
    return s;
  }
  connectors::RequestSignature s{app_id_, systemNowMs(), randomNonce(), {}};
  // A tampered callback: a well-formed SM2 signature, of another body.
  s.signature = sm2_key_->sign(stringToSign("POST", path, std::to_string(s.timestamp_ms), s.nonce,
                                            tampered ? body + " " : body));
  return s;
}

int CallbackSender::attempt(const std::string& hall_url, const std::string& path,
                            const std::string& body, bool tampered) const {
  const connectors::RequestSignature s = sign(path, body, tampered);
  try {
    const Poco::URI uri(hall_url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json; charset=utf-8");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.set(kHeaderKey, s.app_id);
    request.set(kHeaderTimestamp, std::to_string(s.timestamp_ms));
    request.set(kHeaderNonce, s.nonce);
    request.set(kHeaderSignature, s.signature);
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream drained;
    drained << in.rdbuf();
    return static_cast<int>(response.getStatus());
  } catch (const Poco::Exception&) {
    return 0;
  }
}

}  // namespace hall::citysim

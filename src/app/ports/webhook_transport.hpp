// WebhookTransport: makes one signed POST of an event to an integrator's endpoint. The adapter
// signs the body (header `Sealpost-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`, one v1 per secret),
// re-checks the URL against the address policy, resolves the host once and connects only to an
// address it checked, follows no redirect and gives up after its time-out. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct WebhookMessage {
  std::string url;
  std::string event_id;              // also sent as header Sealpost-Event-Id
  std::string body;                  // JSON, sent byte for byte
  std::vector<std::string> secrets;  // signing secrets, newest first (never logged)
  common::TimePoint timestamp;       // the t= of the signature
};

struct WebhookReply {
  int status = 0;  // the HTTP status the endpoint answered
};

class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  // A reply for any HTTP answer (2xx or not). kInvalidArgument when the URL or an address it
  // resolves to is refused by the policy; kUnavailable when no answer came (DNS, connection,
  // TLS, time-out).
  virtual common::Result<WebhookReply> Deliver(const WebhookMessage& message) = 0;
};

}  // namespace sealpost::app

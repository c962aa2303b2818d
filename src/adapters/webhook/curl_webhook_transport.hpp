// WebhookTransport over libcurl. Each Deliver: checks the URL with domain::CheckWebhookUrl,
// resolves the host ONCE (getaddrinfo) and refuses it when any address it resolves to may not be
// connected to (domain::MayConnect: private, loopback, link-local, metadata, … — unless the host
// is allow-listed, or a loopback host in demo mode), then pins curl to the checked address
// (CURLOPT_RESOLVE), so a second DNS answer cannot point it elsewhere (no rebinding). No
// redirects are followed, no proxy from the environment is used, only http(s) is spoken, and the
// whole request gives up after the time-out; the response body is read up to 64 KiB and
// discarded. Thread-safe: one curl handle per call.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "app/ports/webhook_transport.hpp"
#include "domain/webhook_url.hpp"

namespace sealpost::adapters::webhook {

// Every address a host name resolves to; kUnavailable when it does not resolve.
using HostResolver =
    std::function<common::Result<std::vector<domain::IpAddress>>(const std::string& host)>;

// The system resolver (getaddrinfo).
common::Result<std::vector<domain::IpAddress>> ResolveWithSystem(const std::string& host);

struct WebhookTransportSettings {
  domain::WebhookUrlPolicy url_policy;
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds timeout{10};
  std::string user_agent = "sealpost-webhooks/1";
  HostResolver resolve = ResolveWithSystem;  // replaceable in tests
};

class CurlWebhookTransport final : public app::WebhookTransport {
 public:
  explicit CurlWebhookTransport(WebhookTransportSettings settings)
      : settings_(std::move(settings)) {}
  common::Result<app::WebhookReply> Deliver(const app::WebhookMessage& message) override;

 private:
  const WebhookTransportSettings settings_;
};

}  // namespace sealpost::adapters::webhook

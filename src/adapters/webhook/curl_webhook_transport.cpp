#include "adapters/webhook/curl_webhook_transport.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "adapters/webhook/webhook_signature.hpp"

namespace sealpost::adapters::webhook {

namespace {

using common::ErrorCode;

constexpr std::size_t kMaxResponseBytes = 64 * 1024;

// curl_global_init is not thread-safe on every build: once per process, before any handle.
common::Result<void> InitCurlOnce() {
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) {
    return common::Fail(ErrorCode::kInternal,
                        std::string("curl_global_init failed: ") + curl_easy_strerror(init));
  }
  return common::Ok();
}

std::size_t DiscardBody(char*, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<std::size_t*>(user);
  *received += size * count;
  if (*received > kMaxResponseBytes) return 0;  // stop reading; the status is known already
  return size * count;
}

// The address as curl expects it in CURLOPT_RESOLVE (IPv6 in brackets).
std::string AddressText(const domain::IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.size() == 4) {
    inet_ntop(AF_INET, address.data(), text, sizeof text);
    return text;
  }
  inet_ntop(AF_INET6, address.data(), text, sizeof text);
  return "[" + std::string(text) + "]";
}

}  // namespace

common::Result<std::vector<domain::IpAddress>> ResolveWithSystem(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    return common::Fail(ErrorCode::kUnavailable,
                        "the host name does not resolve: " + std::string(gai_strerror(rc)));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(list, freeaddrinfo);
  std::vector<domain::IpAddress> out;
  for (const addrinfo* a = list; a != nullptr; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(&in->sin_addr);
      out.emplace_back(bytes, bytes + 4);
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(&in6->sin6_addr);
      out.emplace_back(bytes, bytes + 16);
    }
  }
  if (out.empty()) return common::Fail(ErrorCode::kUnavailable, "the host name has no address");
  return out;
}

common::Result<app::WebhookReply> CurlWebhookTransport::Deliver(const app::WebhookMessage& m) {
  auto url = domain::CheckWebhookUrl(m.url, settings_.url_policy);
  if (!url) return common::Fail(url.error());
  // An IP literal is its own (only) address; a name is looked up once, here.
  common::Result<std::vector<domain::IpAddress>> addresses = std::vector<domain::IpAddress>{};
  if (auto literal = domain::ParseIpLiteral(url->host)) {
    addresses->push_back(*literal);
  } else {
    addresses = settings_.resolve(url->host);
  }
  if (!addresses) return common::Fail(addresses.error());
  if (addresses->empty()) return common::Fail(ErrorCode::kUnavailable, "the host has no address");
  for (const domain::IpAddress& address : *addresses) {
    if (!domain::MayConnect(*url, address, settings_.url_policy)) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          "the host resolves to a private, loopback or reserved address");
    }
  }
  if (auto init = InitCurlOnce(); !init) return common::Fail(init.error());

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return common::Fail(ErrorCode::kInternal, "curl_easy_init failed");
  // The connection goes to the address checked above: curl's own lookup is replaced.
  const std::string pin =
      url->host + ":" + std::to_string(url->port) + ":" + AddressText(addresses->front());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve(
      curl_slist_append(nullptr, pin.c_str()), curl_slist_free_all);
  const std::string signature = WebhookSignatureHeader(
      m.secrets,
      std::chrono::duration_cast<std::chrono::seconds>(m.timestamp.time_since_epoch()).count(),
      m.body);
  curl_slist* headers = nullptr;
  for (const std::string& h :
       {std::string("Content-Type: application/json"), "Sealpost-Signature: " + signature,
        "Sealpost-Event-Id: " + m.event_id, std::string("Expect:")}) {
    headers = curl_slist_append(headers, h.c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned_headers(headers,
                                                                            curl_slist_free_all);
  std::size_t received = 0;
  char error_text[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, m.url.c_str());
  curl_easy_setopt(h, CURLOPT_RESOLVE, resolve.get());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_PROXY, "");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(settings_.connect_timeout.count() * 1000));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count() * 1000));
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, m.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(m.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, owned_headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, settings_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, DiscardBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && status > 0)) {
    const std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(rc);
    return common::Fail(ErrorCode::kUnavailable, "no answer from the endpoint: " + detail);
  }
  return app::WebhookReply{static_cast<int>(status)};
}

}  // namespace sealpost::adapters::webhook

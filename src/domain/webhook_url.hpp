// Which webhook URLs sealpost will call (PRODUCT §7, issue 8: requests into private networks are
// refused). A webhook makes the server send requests wherever an account says, so a URL must not
// reach the service's own network (SSRF). Checked here, without I/O:
//   - absolute http(s) URL, at most 2048 characters, no user:password@, no fragment, no white space
//     or control characters, a host and a valid port;
//   - https only — plain http is accepted for the loopback hosts localhost, 127.0.0.1 and [::1]
//     (spelled so) when the policy allows it (demo mode), so a developer can point a webhook at
//     their own machine; other spellings of loopback stay refused;
//   - an IP literal host, in any spelling a resolver accepts (dotted, decimal 2130706433, hex
//     0x7f.1, octal 0177.0.0.1, short 127.1, IPv6, IPv4-mapped ::ffff:127.0.0.1, NAT64 and 6to4
//     embeddings), must be a public unicast address: loopback, "this network", private (RFC 1918,
//     fc00::/7), shared (100.64/10), link-local (169.254/16 — cloud metadata —, fe80::/10),
//     benchmarking, documentation, multicast, reserved and broadcast ranges are refused;
//   - the names "localhost", "*.localhost", "*.internal" and "*.local" are refused like loopback.
// A DNS name is checked again where the request is made: every address it resolves to must pass
// IsPublicAddress, and the connection goes to the checked address (no second lookup, no redirects;
// see adapters/webhook). Hosts in the operator's allow-list skip the address checks (https still
// applies). Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace sealpost::domain {

struct WebhookUrlPolicy {
  bool allow_http_loopback = false;        // demo mode: http://localhost and loopback addresses
  std::vector<std::string> allowed_hosts;  // lower-case host names or IP literals
};

struct WebhookUrl {
  std::string scheme;  // "https" or "http"
  std::string host;    // lower case, IPv6 without brackets
  std::uint16_t port = 0;
};

// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
using IpAddress = std::vector<std::uint8_t>;

// The address an IP-literal host denotes (IPv4 in every form inet_aton accepts, IPv6 with or
// without brackets); nullopt for a DNS name.
std::optional<IpAddress> ParseIpLiteral(std::string_view host);

// A public unicast address (see the list above). IPv4 addresses embedded in IPv6 (mapped,
// compatible, NAT64, 6to4) are judged as the IPv4 address they carry.
bool IsPublicAddress(const IpAddress& address);
bool IsLoopbackAddress(const IpAddress& address);

// Parses `url` and applies the rules above. kInvalidArgument with a message that says which rule
// failed.
common::Result<WebhookUrl> CheckWebhookUrl(std::string_view url, const WebhookUrlPolicy& policy);

// Whether `address`, one that `url.host` resolved to, may be connected to.
bool MayConnect(const WebhookUrl& url, const IpAddress& address, const WebhookUrlPolicy& policy);

}  // namespace sealpost::domain

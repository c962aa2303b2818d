#include "domain/webhook_url.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace sealpost::domain {

namespace {

using common::ErrorCode;

constexpr std::size_t kMaxUrlLength = 2048;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// One part of an inet_aton address: 0x… hex, 0… octal, otherwise decimal.
std::optional<std::uint64_t> ParseIpv4Part(std::string_view part) {
  if (part.empty()) return std::nullopt;
  unsigned base = 10;
  if (part.size() > 1 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
    if (part.empty()) return std::nullopt;
  } else if (part.size() > 1 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  std::uint64_t value = 0;
  for (char c : part) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    value = value * base + digit;
    if (value > 0xFFFFFFFFull) return std::nullopt;
  }
  return value;
}

std::optional<IpAddress> ParseIpv4(std::string_view host) {
  std::vector<std::uint64_t> parts;
  while (true) {
    const auto dot = host.find('.');
    auto part = ParseIpv4Part(host.substr(0, dot));
    if (!part) return std::nullopt;
    parts.push_back(*part);
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
    if (parts.size() == 4) return std::nullopt;
  }
  // a, a.b (8.24 bits), a.b.c (8.8.16 bits), a.b.c.d: the last part fills the remaining bytes.
  const std::size_t leading = parts.size() - 1;
  for (std::size_t i = 0; i < leading; ++i) {
    if (parts[i] > 0xFF) return std::nullopt;
  }
  const unsigned last_bits = static_cast<unsigned>(8 * (4 - leading));
  if (last_bits < 32 && parts.back() >= (1ull << last_bits)) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < leading; ++i) {
    value |= static_cast<std::uint32_t>(parts[i]) << (8 * (3 - i));
  }
  value |= static_cast<std::uint32_t>(parts.back());
  return IpAddress{static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
                   static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

bool InV4(const IpAddress& a, std::uint8_t b0, std::uint8_t b1, int prefix) {
  const std::uint32_t address =
      (std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) | (std::uint32_t{a[2]} << 8) | a[3];
  const std::uint32_t network = (std::uint32_t{b0} << 24) | (std::uint32_t{b1} << 16);
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (address & mask) == (network & mask);
}

bool InV4(const IpAddress& a, std::uint8_t b0, std::uint8_t b1, std::uint8_t b2, int prefix) {
  const std::uint32_t address =
      (std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) | (std::uint32_t{a[2]} << 8) | a[3];
  const std::uint32_t network =
      (std::uint32_t{b0} << 24) | (std::uint32_t{b1} << 16) | (std::uint32_t{b2} << 8);
  const std::uint32_t mask = ~std::uint32_t{0} << (32 - prefix);
  return (address & mask) == (network & mask);
}

bool IsPublicV4(const IpAddress& a) {
  return !(InV4(a, 0, 0, 8) ||           // "this network"
           InV4(a, 10, 0, 8) ||          // private
           InV4(a, 100, 64, 10) ||       // shared address space (carrier-grade NAT)
           InV4(a, 127, 0, 8) ||         // loopback
           InV4(a, 169, 254, 16) ||      // link-local, cloud metadata 169.254.169.254
           InV4(a, 172, 16, 12) ||       // private
           InV4(a, 192, 0, 0, 24) ||     // IETF protocol assignments
           InV4(a, 192, 0, 2, 24) ||     // documentation
           InV4(a, 192, 88, 99, 24) ||   // 6to4 relay anycast
           InV4(a, 192, 168, 16) ||      // private
           InV4(a, 198, 18, 15) ||       // benchmarking
           InV4(a, 198, 51, 100, 24) ||  // documentation
           InV4(a, 203, 0, 113, 24) ||   // documentation
           InV4(a, 224, 0, 4) ||         // multicast
           InV4(a, 240, 0, 4));          // reserved, broadcast
}

bool StartsWith(const IpAddress& a, std::initializer_list<std::uint8_t> prefix) {
  return std::equal(prefix.begin(), prefix.end(), a.begin());
}

// The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host.
std::optional<IpAddress> EmbeddedV4(const IpAddress& a) {
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr std::uint8_t kZero[12] = {};
  static constexpr std::uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(a.data(), kMapped, 12) == 0 || std::memcmp(a.data(), kNat64, 12) == 0 ||
      std::memcmp(a.data(), kZero, 12) == 0) {
    return IpAddress(a.begin() + 12, a.end());
  }
  if (a[0] == 0x20 && a[1] == 0x02) return IpAddress(a.begin() + 2, a.begin() + 6);  // 6to4
  return std::nullopt;
}

bool IsLoopbackName(const std::string& host) {
  return host == "localhost" || host.ends_with(".localhost");
}

// The loopback hosts demo mode lets through, in their ordinary spellings only.
bool IsDemoLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

bool Allowed(const WebhookUrlPolicy& policy, const std::string& host) {
  return std::find(policy.allowed_hosts.begin(), policy.allowed_hosts.end(), host) !=
         policy.allowed_hosts.end();
}

common::Error Refused(std::string message) {
  return {ErrorCode::kInvalidArgument, "url: " + std::move(message), ""};
}

}  // namespace

std::optional<IpAddress> ParseIpLiteral(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.find(':') != std::string_view::npos) {
    const std::string text(host);
    IpAddress out(16);
    if (inet_pton(AF_INET6, text.c_str(), out.data()) != 1) return std::nullopt;
    return out;
  }
  if (host.ends_with('.')) host.remove_suffix(1);
  return ParseIpv4(host);
}

bool IsLoopbackAddress(const IpAddress& address) {
  if (address.size() == 4) return address[0] == 127;
  if (address.size() != 16) return false;
  static constexpr std::uint8_t kOne[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  if (std::memcmp(address.data(), kOne, 16) == 0) return true;
  auto v4 = EmbeddedV4(address);
  return v4 && (*v4)[0] == 127;
}

bool IsPublicAddress(const IpAddress& address) {
  if (address.size() == 4) return IsPublicV4(address);
  if (address.size() != 16) return false;
  if (auto v4 = EmbeddedV4(address)) return IsPublicV4(*v4);
  // Global unicast is 2000::/3; within it the IETF assignments (Teredo and others, 2001::/23),
  // documentation (2001:db8::/32) and the NAT64 local-use prefix stay private.
  if ((address[0] & 0xE0) != 0x20) return false;
  if (StartsWith(address, {0x20, 0x01}) && address[2] < 0x02) return false;
  if (StartsWith(address, {0x20, 0x01, 0x0d, 0xb8})) return false;
  if (StartsWith(address, {0x3f, 0xff})) return false;  // documentation (RFC 9637)
  return true;
}

common::Result<WebhookUrl> CheckWebhookUrl(std::string_view url, const WebhookUrlPolicy& policy) {
  if (url.empty() || url.size() > kMaxUrlLength) {
    return common::Fail(Refused("must be 1 to 2048 characters"));
  }
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c >= 0x80) {
      return common::Fail(Refused("must not contain white space, control or non-ASCII characters"));
    }
  }
  WebhookUrl out;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return common::Fail(Refused("must be absolute"));
  out.scheme = Lower(url.substr(0, scheme_end));
  if (out.scheme != "https" && out.scheme != "http") {
    return common::Fail(Refused("must use https"));
  }
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) {
    return common::Fail(Refused("must not have a fragment"));
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.find('@') != std::string_view::npos) {
    return common::Fail(Refused("must not contain a user name or password"));
  }
  if (authority.find('\\') != std::string_view::npos) {
    return common::Fail(Refused("has an invalid host"));
  }
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return common::Fail(Refused("has an invalid host"));
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!ParseIpLiteral(host) || ParseIpLiteral(host)->size() != 16) {
      return common::Fail(Refused("has an invalid IPv6 address"));
    }
  } else {
    const auto colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon);
      host = host.substr(0, colon);
    }
  }
  if (!port.empty()) {
    if (port.front() != ':' || port.size() < 2 || port.size() > 6) {
      return common::Fail(Refused("has an invalid port"));
    }
    unsigned value = 0;
    for (char c : port.substr(1)) {
      if (c < '0' || c > '9') return common::Fail(Refused("has an invalid port"));
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return common::Fail(Refused("has an invalid port"));
    out.port = static_cast<std::uint16_t>(value);
  } else {
    out.port = out.scheme == "https" ? 443 : 80;
  }
  out.host = Lower(host);
  while (out.host.ends_with('.')) out.host.pop_back();
  if (out.host.empty()) return common::Fail(Refused("has no host"));
  for (char c : out.host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == '_' || c == ':';
    if (!ok) return common::Fail(Refused("has an invalid host"));
  }

  const bool allow_listed = Allowed(policy, out.host);
  const bool local_ok = policy.allow_http_loopback && IsDemoLoopbackHost(out.host);
  if (out.scheme != "https" && !local_ok) return common::Fail(Refused("must use https"));
  if (allow_listed || local_ok) return out;
  if (auto address = ParseIpLiteral(out.host)) {
    if (!IsPublicAddress(*address)) {
      return common::Fail(Refused("points at a private, loopback or reserved address"));
    }
    return out;
  }
  if (IsLoopbackName(out.host) || out.host.ends_with(".internal") || out.host.ends_with(".local") ||
      out.host.find('.') == std::string::npos) {
    return common::Fail(Refused("points at a local host name"));
  }
  return out;
}

bool MayConnect(const WebhookUrl& url, const IpAddress& address, const WebhookUrlPolicy& policy) {
  if (Allowed(policy, url.host)) return true;
  if (policy.allow_http_loopback && IsDemoLoopbackHost(url.host)) {
    return IsLoopbackAddress(address);
  }
  return IsPublicAddress(address);
}

}  // namespace sealpost::domain

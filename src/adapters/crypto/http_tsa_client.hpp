// HttpTsaClient: app::TimeStamper against an external RFC 3161 TSA over HTTP(S) (a qualified TSA
// in production). POSTs a DER TimeStampReq as application/timestamp-query and expects an
// application/timestamp-reply; checks status, nonce and imprint, and, when trust anchors are
// configured, the token's signature and TSA chain at the token's genTime.
// Thread-safety: thread-safe; each call uses its own curl handle.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/bytes.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

struct HttpTsaClientOptions {
  std::string url;  // e.g. "https://tsa.example/tsr"
  std::chrono::milliseconds timeout{10000};
  // PEM bundle of the TSA's root(s). Empty: tokens are checked against the request only, which is
  // acceptable only when the evidence verifier checks the chain later.
  std::string trust_anchors_pem;
  // Ask for a specific policy (dotted OID); the token must then carry it.
  std::optional<std::string> policy_oid;
};

class HttpTsaClient final : public app::TimeStamper {
 public:
  // Responses larger than this are cut off (a token is a few kilobytes).
  static constexpr std::size_t kMaxResponseSize = 1024 * 1024;

  // kInvalidArgument for an empty URL or unreadable trust anchors. `random` must outlive the
  // client.
  static common::Result<std::unique_ptr<HttpTsaClient>> Create(HttpTsaClientOptions options,
                                                               common::Random& random);

  // kUnavailable when the TSA cannot be reached, answers with an HTTP error or a refusal, or
  // returns a token that does not match the request; kInvalidArgument when the token does not
  // verify against the trust anchors.
  common::Result<app::TimeStampToken> TimeStamp(const common::Sha256Digest& imprint) override;

 private:
  HttpTsaClient(HttpTsaClientOptions options, std::vector<X509Ptr> anchors, common::Random& random);
  common::Result<common::Bytes> Post(const common::Bytes& request_der) const;

  const HttpTsaClientOptions options_;
  const std::vector<X509Ptr> anchors_;
  common::Random& random_;
};

}  // namespace sealpost::adapters::crypto

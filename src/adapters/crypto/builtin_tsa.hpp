// BuiltinTsa: an in-process RFC 3161 time-stamping authority for demo installations and tests (a
// qualified TSA is bought from a QTSP in production and reached through HttpTsaClient). Tokens are
// CMS SignedData signed with SHA-256 and ESSCertIDv2, policy kDefaultPolicyOid, accuracy 1 s, a
// 127-bit random serial number, and genTime read from the injected Clock.
// Respond() serves raw TimeStampReq bytes, so the same object can back an RFC 3161 HTTP endpoint.
// Thread-safety: thread-safe, and responses are produced in parallel: a TS_RESP_CTX holds
// per-request state, so each call borrows one from a pool (identically configured, sharing the
// up-referenced certificate and key, which OpenSSL only reads). The pool mutex is held only to take
// or return a context; the pool grows to the peak number of concurrent calls.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

class BuiltinTsa final : public app::TimeStamper {
 public:
  // The demo TSA policy: a private-enterprise arc, not a registered policy (verify before any use
  // outside demos).
  static constexpr const char* kDefaultPolicyOid = "1.3.6.1.4.1.99999.1.1";
  // Requests larger than this are refused before parsing (a TimeStampReq is ~100 bytes).
  static constexpr std::size_t kMaxRequestSize = 64 * 1024;

  // `certificate` must carry the critical extendedKeyUsage timeStamping that matches `key`; both
  // are up-referenced. `clock` and `random` must outlive the TSA.
  static common::Result<std::unique_ptr<BuiltinTsa>> Create(X509* certificate, EVP_PKEY* key,
                                                            const common::Clock& clock,
                                                            common::Random& random);

  // Stamps `imprint`: builds a request with a fresh nonce, answers it and checks the answer.
  common::Result<app::TimeStampToken> TimeStamp(const common::Sha256Digest& imprint) override;

  // Answers a DER TimeStampReq with a DER TimeStampResp. Requests OpenSSL can parse but refuses
  // (unsupported digest, unknown policy) get a "rejection" response, as RFC 3161 wants; only
  // oversized input or an internal failure is an error.
  common::Result<common::Bytes> Respond(const common::Bytes& request_der);

 private:
  class ContextLease;

  BuiltinTsa(X509Ptr certificate, EvpPkeyPtr key, const common::Clock& clock,
             common::Random& random);
  // A TS_RESP_CTX configured for this TSA (policy, digests, accuracy, callbacks bound to `this`).
  common::Result<TsRespCtxPtr> NewContext();
  common::Result<TsRespCtxPtr> TakeContext();
  void ReturnContext(TsRespCtxPtr context);
  // TS_RESP_create_response over `request_der` with a pooled context; never null on success.
  common::Result<TsRespPtr> CreateResponse(const common::Bytes& request_der);
  static int TimeCallback(TS_RESP_CTX* context, void* data, long* seconds, long* microseconds);
  static ASN1_INTEGER* SerialCallback(TS_RESP_CTX* context, void* data);

  const X509Ptr certificate_;
  const EvpPkeyPtr key_;
  const common::Clock& clock_;
  common::Random& random_;  // thread-safe (see common/random.hpp)
  std::mutex pool_mutex_;
  std::vector<TsRespCtxPtr> idle_contexts_;  // guarded by pool_mutex_
};

}  // namespace sealpost::adapters::crypto

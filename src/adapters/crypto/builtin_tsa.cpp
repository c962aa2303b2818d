#include "adapters/crypto/builtin_tsa.hpp"

#include <openssl/objects.h>

#include <chrono>
#include <climits>

#include "adapters/crypto/time_stamp_request.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

constexpr int kAccuracySeconds = 1;
// genTime carries microseconds (OpenSSL drops trailing zeros, as RFC 3161 §2.4.2 requires) so that
// events stamped within the same second keep their order.
constexpr unsigned kClockPrecisionDigits = 6;
constexpr std::size_t kSerialBytes = 16;

}  // namespace

// Returns the borrowed context to the pool on every exit path.
class BuiltinTsa::ContextLease {
 public:
  ContextLease(BuiltinTsa& owner, TsRespCtxPtr context)
      : owner_(owner), context_(std::move(context)) {}
  ContextLease(const ContextLease&) = delete;
  ContextLease& operator=(const ContextLease&) = delete;
  ~ContextLease() {
    if (context_) owner_.ReturnContext(std::move(context_));
  }
  TS_RESP_CTX* get() const { return context_.get(); }

 private:
  BuiltinTsa& owner_;
  TsRespCtxPtr context_;
};

BuiltinTsa::BuiltinTsa(X509Ptr certificate, EvpPkeyPtr key, const common::Clock& clock,
                       common::Random& random)
    : certificate_(std::move(certificate)), key_(std::move(key)), clock_(clock), random_(random) {}

common::Result<std::unique_ptr<BuiltinTsa>> BuiltinTsa::Create(X509* certificate, EVP_PKEY* key,
                                                               const common::Clock& clock,
                                                               common::Random& random) {
  if (certificate == nullptr || key == nullptr) {
    return common::Fail(ErrorCode::kInvalidArgument, "the TSA needs a certificate and a key");
  }
  if (X509_check_private_key(certificate, key) != 1) {
    return common::Fail(
        OpenSslError(ErrorCode::kInvalidArgument, "the TSA key does not match its certificate"));
  }
  std::unique_ptr<BuiltinTsa> tsa(new BuiltinTsa(UpRef(certificate), UpRef(key), clock, random));
  // One context now: configuration errors (a certificate without the timeStamping EKU) surface
  // here rather than on the first request.
  auto context = tsa->NewContext();
  if (!context) return common::Fail(context.error());
  tsa->ReturnContext(std::move(*context));
  return tsa;
}

common::Result<TsRespCtxPtr> BuiltinTsa::NewContext() {
  TsRespCtxPtr context(TS_RESP_CTX_new());
  if (!context) return common::Fail(OpenSslError(ErrorCode::kInternal, "TS_RESP_CTX_new failed"));
  // TS_RESP_CTX_set_signer_cert refuses a certificate without the critical timeStamping EKU.
  if (TS_RESP_CTX_set_signer_cert(context.get(), certificate_.get()) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument,
                                     "the TSA certificate is not valid for time-stamping"));
  }
  Asn1ObjectPtr policy(OBJ_txt2obj(kDefaultPolicyOid, 1));
  if (!policy || TS_RESP_CTX_set_signer_key(context.get(), key_.get()) != 1 ||
      TS_RESP_CTX_set_signer_digest(context.get(), EVP_sha256()) != 1 ||
      TS_RESP_CTX_set_ess_cert_id_digest(context.get(), EVP_sha256()) != 1 ||
      TS_RESP_CTX_set_def_policy(context.get(), policy.get()) != 1 ||
      // Imprint algorithms accepted from clients; sealpost itself always sends SHA-256.
      TS_RESP_CTX_add_md(context.get(), EVP_sha256()) != 1 ||
      TS_RESP_CTX_add_md(context.get(), EVP_sha384()) != 1 ||
      TS_RESP_CTX_add_md(context.get(), EVP_sha512()) != 1 ||
      TS_RESP_CTX_set_accuracy(context.get(), kAccuracySeconds, 0, 0) != 1 ||
      TS_RESP_CTX_set_clock_precision_digits(context.get(), kClockPrecisionDigits) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot configure the TS_RESP_CTX"));
  }
  // The callbacks get the TSA itself: it lives on the heap (Create) and never moves.
  TS_RESP_CTX_set_time_cb(context.get(), &BuiltinTsa::TimeCallback, this);
  TS_RESP_CTX_set_serial_cb(context.get(), &BuiltinTsa::SerialCallback, this);
  return context;
}

common::Result<TsRespCtxPtr> BuiltinTsa::TakeContext() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_contexts_.empty()) {
      TsRespCtxPtr context = std::move(idle_contexts_.back());
      idle_contexts_.pop_back();
      return context;
    }
  }
  return NewContext();  // outside the lock: every pooled context is busy
}

void BuiltinTsa::ReturnContext(TsRespCtxPtr context) {
  std::lock_guard lock(pool_mutex_);
  idle_contexts_.push_back(std::move(context));
}

int BuiltinTsa::TimeCallback(TS_RESP_CTX*, void* data, long* seconds, long* microseconds) {
  using namespace std::chrono;
  const auto* tsa = static_cast<const BuiltinTsa*>(data);
  common::TimePoint now = tsa->clock_.Now();
  auto whole = floor<std::chrono::seconds>(now);
  *seconds = static_cast<long>(whole.time_since_epoch().count());
  *microseconds = static_cast<long>((now - whole).count());
  return 1;
}

ASN1_INTEGER* BuiltinTsa::SerialCallback(TS_RESP_CTX*, void* data) {
  // Random 127-bit serials are unique without a persistent counter to keep in step across restarts
  // and replicas. Returning NULL makes OpenSSL answer with a rejection ("systemFailure").
  auto* tsa = static_cast<BuiltinTsa*>(data);
  common::Bytes bytes = tsa->random_.Generate(kSerialBytes);
  bytes[0] &= 0x7f;
  BigNumPtr serial(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  return serial ? BN_to_ASN1_INTEGER(serial.get(), nullptr) : nullptr;
}

common::Result<TsRespPtr> BuiltinTsa::CreateResponse(const common::Bytes& request_der) {
  if (request_der.empty() || request_der.size() > kMaxRequestSize) {
    return common::Fail(ErrorCode::kInvalidArgument, "time-stamp request size out of range");
  }
  BioPtr input(BIO_new_mem_buf(request_der.data(), static_cast<int>(request_der.size())));
  if (!input) return common::Fail(OpenSslError(ErrorCode::kInternal, "BIO_new_mem_buf failed"));
  auto pooled = TakeContext();
  if (!pooled) return common::Fail(pooled.error());
  ContextLease context(*this, std::move(*pooled));
  TsRespPtr response(TS_RESP_create_response(context.get(), input.get()));
  if (!response) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "TS_RESP_create_response failed"));
  }
  // A request OpenSSL could not answer leaves errors in the queue although the response (a
  // rejection) is fine: drop them so that they do not end up in an unrelated later message.
  DrainOpenSslErrors();
  return response;
}

common::Result<common::Bytes> BuiltinTsa::Respond(const common::Bytes& request_der) {
  auto response = CreateResponse(request_der);
  if (!response) return common::Fail(response.error());
  int len = i2d_TS_RESP(response->get(), nullptr);
  if (len <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_TS_RESP failed"));
  common::Bytes der(static_cast<std::size_t>(len));
  unsigned char* p = der.data();
  if (i2d_TS_RESP(response->get(), &p) != len) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_TS_RESP failed"));
  }
  return der;
}

common::Result<app::TimeStampToken> BuiltinTsa::TimeStamp(const common::Sha256Digest& imprint) {
  auto request = NewTimeStampRequest(imprint, random_);
  if (!request) return common::Fail(request.error());
  // The request goes through its DER (TS_RESP_create_response reads a BIO, as a real TSA would),
  // but the response is checked as built: serialising and re-parsing it proves nothing more.
  auto response = CreateResponse(request->der);
  if (!response) return common::Fail(response.error());
  auto token = TokenFromResponse(request->request.get(), response->get());
  if (!token) {
    // The built-in TSA answering with a refusal or a mismatching token is a bug, not an outage.
    return common::Fail(ErrorCode::kInternal, "built-in TSA: " + token.error().message);
  }
  return token;
}

}  // namespace sealpost::adapters::crypto

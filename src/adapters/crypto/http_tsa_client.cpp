#include "adapters/crypto/http_tsa_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

#include "adapters/crypto/pem.hpp"
#include "adapters/crypto/time_stamp_request.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistDeleter>;

constexpr long kHttpOk = 200;

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<common::Bytes*>(user);
  std::size_t n = size * count;
  if (body->size() + n > HttpTsaClient::kMaxResponseSize) return 0;  // aborts the transfer
  body->insert(body->end(), data, data + n);
  return n;
}

// RFC 3161 §3.4 names application/timestamp-reply; some deployed TSAs still send the draft's
// application/timestamp-response, which carries the same DER.
bool IsTimeStampReplyType(const char* content_type) {
  if (content_type == nullptr) return false;
  std::string type(content_type);
  type = type.substr(0, type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/timestamp-reply" || type == "application/timestamp-response";
}

}  // namespace

HttpTsaClient::HttpTsaClient(HttpTsaClientOptions options, std::vector<X509Ptr> anchors,
                             common::Random& random)
    : options_(std::move(options)), anchors_(std::move(anchors)), random_(random) {}

common::Result<std::unique_ptr<HttpTsaClient>> HttpTsaClient::Create(HttpTsaClientOptions options,
                                                                     common::Random& random) {
  if (options.url.empty()) return common::Fail(ErrorCode::kInvalidArgument, "TSA URL missing");
  std::vector<X509Ptr> anchors;
  if (!options.trust_anchors_pem.empty()) {
    auto parsed = CertificatesFromPem(options.trust_anchors_pem);
    if (!parsed) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          "TSA trust anchors: " + parsed.error().message);
    }
    anchors = std::move(*parsed);
  }
  // curl_global_init is not thread-safe: once per process, before any handle exists.
  static std::once_flag curl_once;
  static CURLcode curl_init = CURLE_OK;
  std::call_once(curl_once, [] { curl_init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (curl_init != CURLE_OK) {
    return common::Fail(ErrorCode::kInternal,
                        std::string("curl_global_init failed: ") + curl_easy_strerror(curl_init));
  }
  return std::unique_ptr<HttpTsaClient>(
      new HttpTsaClient(std::move(options), std::move(anchors), random));
}

common::Result<common::Bytes> HttpTsaClient::Post(const common::Bytes& request_der) const {
  CurlPtr curl(curl_easy_init());
  if (!curl) return common::Fail(ErrorCode::kInternal, "curl_easy_init failed");
  // Appending to an existing list returns its (unchanged) head, or NULL on failure.
  CurlSlistPtr headers(curl_slist_append(nullptr, "Content-Type: application/timestamp-query"));
  if (headers &&
      curl_slist_append(headers.get(), "Accept: application/timestamp-reply") == nullptr) {
    headers.reset();
  }
  if (!headers) return common::Fail(ErrorCode::kInternal, "curl_slist_append failed");

  common::Bytes body;
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  long timeout_ms = static_cast<long>(options_.timeout.count());
  bool set = curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&  // worker threads
             curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_POST, 1L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_POSTFIELDS, request_der.data()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                              static_cast<curl_off_t>(request_der.size())) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &AppendBody) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_WRITEDATA, &body) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error) == CURLE_OK;
  if (!set) return common::Fail(ErrorCode::kInternal, "cannot configure the curl handle");

  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    return common::Fail(ErrorCode::kUnavailable,
                        "TSA " + options_.url + " unreachable: " +
                            (error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc)));
  }
  long status = 0;
  char* content_type = nullptr;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type);
  if (status != kHttpOk) {
    return common::Fail(ErrorCode::kUnavailable,
                        "TSA " + options_.url + " answered HTTP " + std::to_string(status));
  }
  if (!IsTimeStampReplyType(content_type)) {
    return common::Fail(ErrorCode::kUnavailable,
                        "TSA " + options_.url + " answered with content type " +
                            (content_type != nullptr ? content_type : "(none)"));
  }
  return body;
}

common::Result<app::TimeStampToken> HttpTsaClient::TimeStamp(const common::Sha256Digest& imprint) {
  auto request = NewTimeStampRequest(imprint, random_, options_.policy_oid);
  if (!request) return common::Fail(request.error());
  auto response = Post(request->der);
  if (!response) return common::Fail(response.error());
  auto token = TokenFromResponse(request->request.get(), *response);
  if (!token)
    return common::Fail(token.error().code, "TSA " + options_.url + ": " + token.error().message);
  if (!anchors_.empty()) {
    std::vector<X509*> anchors;
    for (const auto& anchor : anchors_) anchors.push_back(anchor.get());
    auto verified = VerifyTimeStampToken(token->der, imprint, anchors);
    if (!verified) {
      return common::Fail(verified.error().code,
                          "TSA " + options_.url + ": " + verified.error().message);
    }
  }
  return token;
}

}  // namespace sealpost::adapters::crypto

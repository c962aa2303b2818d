#include "adapters/crypto/http_tsa_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/crypto_test_support.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::crypto {
namespace {

using test_support::TempDir;

struct HttpReply {
  int status = 200;
  std::string content_type = "application/timestamp-reply";
  common::Bytes body;
};

HttpReply Reply(common::Bytes body, int status = 200,
                std::string content_type = "application/timestamp-reply") {
  HttpReply reply;
  reply.status = status;
  reply.content_type = std::move(content_type);
  reply.body = std::move(body);
  return reply;
}

HttpTsaClientOptions Options(std::string url, std::string anchors_pem = "") {
  HttpTsaClientOptions options;
  options.url = std::move(url);
  options.timeout = std::chrono::seconds(5);
  options.trust_anchors_pem = std::move(anchors_pem);
  return options;
}

// A minimal HTTP/1.1 server on 127.0.0.1, port 0, one connection at a time, just enough for
// POST with Content-Length. Records the request headers of the last request for assertions.
class LoopbackHttpServer {
 public:
  using Handler = std::function<HttpReply(const common::Bytes& body)>;

  explicit LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 ||
        ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 8) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot start the loopback server";
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~LoopbackHttpServer() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/tsr"; }
  std::string last_headers() {
    std::lock_guard lock(mutex_);
    return last_headers_;
  }
  int requests() const { return requests_; }

 private:
  void Serve() {
    while (!stopping_) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;
      HandleConnection(fd);
      ::close(fd);
    }
  }

  void HandleConnection(int fd) {
    std::string data;
    char buf[4096];
    std::size_t header_end = std::string::npos;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      data.append(buf, static_cast<std::size_t>(n));
    }
    std::string headers = data.substr(0, header_end);
    std::string lower = headers;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t length = 0;
    if (auto at = lower.find("content-length:"); at != std::string::npos) {
      length = std::stoul(lower.substr(at + 15));
    }
    std::string body = data.substr(header_end + 4);
    while (body.size() < length) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      body.append(buf, static_cast<std::size_t>(n));
    }
    {
      std::lock_guard lock(mutex_);
      last_headers_ = headers;
    }
    ++requests_;
    HttpReply reply = handler_(common::ToBytes(body));
    std::string response = "HTTP/1.1 " + std::to_string(reply.status) +
                           " X\r\nContent-Type: " + reply.content_type +
                           "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                           "\r\nConnection: close\r\n\r\n" + common::ToString(reply.body);
    std::size_t sent = 0;
    while (sent < response.size()) {
      ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::string last_headers_;
  std::thread thread_;
};

class HttpTsaClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pki = DemoPki::LoadOrCreate(tmp_.path() / "pki", clock_);
    ASSERT_TRUE(pki) << pki.error().ToString();
    pki_.emplace(std::move(*pki));
    auto tsa = BuiltinTsa::Create(pki_->tsa_certificate(), pki_->tsa_key(), clock_, random_);
    ASSERT_TRUE(tsa) << tsa.error().ToString();
    tsa_ = std::move(*tsa);
  }

  HttpReply Answer(const common::Bytes& request) {
    auto response = tsa_->Respond(request);
    if (!response) return Reply({}, 400, "text/plain");
    return Reply(*response);
  }

  std::unique_ptr<HttpTsaClient> Client(const std::string& url, std::string anchors_pem) {
    auto client = HttpTsaClient::Create(Options(url, std::move(anchors_pem)), random_);
    EXPECT_TRUE(client) << client.error().ToString();
    return client ? std::move(*client) : nullptr;
  }

  TempDir tmp_;
  sealpost::testing::FakeClock clock_{test_support::TestTime()};
  common::SecureRandom random_;
  std::optional<DemoPki> pki_;
  std::unique_ptr<BuiltinTsa> tsa_;
};

TEST_F(HttpTsaClientTest, RoundTripAgainstTheBuiltinTsaOverHttp) {
  LoopbackHttpServer server([this](const common::Bytes& body) { return Answer(body); });
  auto client = Client(server.url(), pki_->ca_certificate_pem());
  ASSERT_TRUE(client);
  common::Sha256Digest imprint = common::Sha256("evidence over http");
  auto token = client->TimeStamp(imprint);
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_EQ(token->gen_time, test_support::TestTime());
  auto info = VerifyTimeStampToken(token->der, imprint, pki_->ca_certificate_pem());
  EXPECT_TRUE(info) << info.error().ToString();
  EXPECT_NE(server.last_headers().find("Content-Type: application/timestamp-query"),
            std::string::npos)
      << server.last_headers();
  EXPECT_EQ(server.requests(), 1);

  // A second call is a second request with its own nonce.
  auto again = client->TimeStamp(imprint);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_NE(again->der, token->der);
}

TEST_F(HttpTsaClientTest, ReplayedResponseIsRejectedByItsNonce) {
  std::mutex mutex;
  std::optional<common::Bytes> first_response;
  LoopbackHttpServer server([&](const common::Bytes& body) {
    std::lock_guard lock(mutex);
    if (!first_response) first_response = Answer(body).body;
    return Reply(*first_response);  // e.g. a caching proxy gone wrong
  });
  auto client = Client(server.url(), pki_->ca_certificate_pem());
  ASSERT_TRUE(client);
  common::Sha256Digest imprint = common::Sha256("same imprint");
  ASSERT_TRUE(client->TimeStamp(imprint));
  auto replayed = client->TimeStamp(imprint);
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().code, common::ErrorCode::kUnavailable);
}

TEST_F(HttpTsaClientTest, TokenForAnotherImprintIsRejected) {
  // A TSA that keeps the client's nonce but stamps another imprint.
  LoopbackHttpServer server([this](const common::Bytes& body) {
    const unsigned char* in = body.data();
    TsReqPtr request(d2i_TS_REQ(nullptr, &in, static_cast<long>(body.size())));
    common::Sha256Digest other = common::Sha256("something else");
    if (!request || TS_MSG_IMPRINT_set_msg(TS_REQ_get_msg_imprint(request.get()), other.data(),
                                           static_cast<int>(other.size())) != 1) {
      return Reply({}, 400, "text/plain");
    }
    unsigned char* der = nullptr;
    int len = i2d_TS_REQ(request.get(), &der);
    common::Bytes altered(der, der + std::max(len, 0));
    OPENSSL_free(der);
    return Answer(altered);
  });
  auto client = Client(server.url(), pki_->ca_certificate_pem());
  ASSERT_TRUE(client);
  auto token = client->TimeStamp(common::Sha256("mine"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kUnavailable);
  EXPECT_NE(token.error().message.find("does not match the request"), std::string::npos)
      << token.error().message;
}

TEST_F(HttpTsaClientTest, BareTokenInsteadOfAResponseIsRejected) {
  LoopbackHttpServer server([this](const common::Bytes&) {
    auto other = tsa_->TimeStamp(common::Sha256("mine"));
    return Reply(other ? other->der : common::Bytes{});
  });
  auto token = Client(server.url(), "")->TimeStamp(common::Sha256("mine"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kUnavailable);
}

TEST_F(HttpTsaClientTest, UntrustedTsaIsRejectedButAcceptedWithoutAnchors) {
  LoopbackHttpServer server([this](const common::Bytes& body) { return Answer(body); });
  TempDir other_dir;
  auto other = DemoPki::LoadOrCreate(other_dir.path(), clock_);
  ASSERT_TRUE(other);
  auto strict = Client(server.url(), other->ca_certificate_pem());
  ASSERT_TRUE(strict);
  auto token = strict->TimeStamp(common::Sha256("x"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kInvalidArgument);

  auto lenient = Client(server.url(), "");
  ASSERT_TRUE(lenient);
  EXPECT_TRUE(lenient->TimeStamp(common::Sha256("x")));
}

TEST_F(HttpTsaClientTest, HttpErrorsAndRefusalsAreUnavailable) {
  LoopbackHttpServer error_server(
      [](const common::Bytes&) { return Reply(common::ToBytes("busy"), 503, "text/plain"); });
  auto token = Client(error_server.url(), "")->TimeStamp(common::Sha256("x"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kUnavailable);
  EXPECT_NE(token.error().message.find("503"), std::string::npos) << token.error().message;

  LoopbackHttpServer wrong_type([this](const common::Bytes& body) {
    HttpReply reply = Answer(body);
    reply.content_type = "text/html";
    return reply;
  });
  auto typed = Client(wrong_type.url(), "")->TimeStamp(common::Sha256("x"));
  ASSERT_FALSE(typed);
  EXPECT_EQ(typed.error().code, common::ErrorCode::kUnavailable);

  LoopbackHttpServer refusing([this](const common::Bytes&) {
    return Answer(common::ToBytes("not a request"));  // the TSA's own rejection response
  });
  auto refused = Client(refusing.url(), "")->TimeStamp(common::Sha256("x"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, common::ErrorCode::kUnavailable);
  EXPECT_NE(refused.error().message.find("refused"), std::string::npos) << refused.error().message;
}

TEST_F(HttpTsaClientTest, UnreachableTsaIsUnavailable) {
  std::string url;
  {
    LoopbackHttpServer closed([](const common::Bytes&) { return HttpReply{}; });
    url = closed.url();
  }  // the port is closed again now
  auto token = Client(url, "")->TimeStamp(common::Sha256("x"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kUnavailable);
}

TEST_F(HttpTsaClientTest, CreateValidatesItsOptions) {
  EXPECT_EQ(HttpTsaClient::Create(Options(""), random_).error().code,
            common::ErrorCode::kInvalidArgument);
  EXPECT_EQ(HttpTsaClient::Create(Options("http://127.0.0.1:1/", "garbage"), random_).error().code,
            common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::crypto

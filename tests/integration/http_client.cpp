#include "integration/http_client.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace sealpost::integration {

namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    // A repeated field (Set-Cookie) keeps every value, one per line.
    auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
    auto [it, inserted] = headers.emplace(name, value);
    if (!inserted) it->second += "\n" + value;
  }
  return size * count;
}

// The OpenAPI contract test (tests/openapi/validate_exchanges.mjs) checks every /api/v1 answer of
// this suite against the description: when SEALPOST_API_EXCHANGE_LOG names a file, each exchange
// is appended to it as one JSON line. Several test processes append at once (ctest -j), so each
// line is written whole under an exclusive lock.
void LogExchange(const std::string& method, const std::string& path, const Response& response) {
  const char* log = std::getenv("SEALPOST_API_EXCHANGE_LOG");
  if (log == nullptr || *log == '\0' || response.status == 0) return;
  const std::string route = path.substr(0, path.find('?'));
  if (!route.starts_with("/api/v1/")) return;
  nlohmann::json line = {{"method", method},
                         {"path", route},
                         {"status", response.status},
                         {"content_type", response.Header("content-type")},
                         {"body_bytes", response.body.size()}};
  const std::string type = line["content_type"].get<std::string>();
  const std::string media = type.substr(0, type.find(';'));
  if (media == "application/json" || media.ends_with("+json")) {
    nlohmann::json body = response.Json();
    if (body.is_discarded()) {
      line["body_text"] = response.body.substr(0, 2000);
    } else {
      line["body"] = std::move(body);
    }
  }
  if (const auto* test = ::testing::UnitTest::GetInstance()->current_test_info()) {
    line["test"] = std::string(test->test_suite_name()) + "." + test->name();
  }
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const int fd = ::open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  ::flock(fd, LOCK_EX);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

Response Transfer(CURL* curl, const std::string& url, const std::string& key,
                  const std::vector<std::string>& extra_headers) {
  Response response;
  curl_slist* list = nullptr;
  if (!key.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + key).c_str());
  // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait for the server.
  list = curl_slist_append(list, "Expect:");
  for (const auto& h : extra_headers) list = curl_slist_append(list, h.c_str());
  Headers headers(list, curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    response.error = curl_easy_strerror(rc);
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

Response Perform(CURL* curl, const std::string& method, const std::string& base_url,
                 const std::string& path, const std::string& key,
                 const std::vector<std::string>& extra_headers) {
  Response response = Transfer(curl, base_url + path, key, extra_headers);
  LogExchange(method, path, response);
  return response;
}

}  // namespace

std::string Response::Header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json Response::Json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string Response::Describe() const {
  if (status == 0) return "transfer failed: " + error;
  return "status " + std::to_string(status) + ", content-type " + Header("content-type") +
         ", body " + body.substr(0, 2000);
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) { GlobalInit(); }

Response HttpClient::Get(const std::string& path, const std::string& key) const {
  Easy curl(curl_easy_init(), curl_easy_cleanup);
  return Perform(curl.get(), "GET", base_url_, path, key, {});
}

Response HttpClient::Submit(const std::string& key, const std::string& item_json,
                            const std::vector<FilePart>& files,
                            const std::vector<std::string>& headers) const {
  Easy curl(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> mime(curl_mime_init(curl.get()),
                                                             curl_mime_free);
  curl_mimepart* item = curl_mime_addpart(mime.get());
  curl_mime_name(item, "item");
  curl_mime_data(item, item_json.data(), item_json.size());
  curl_mime_type(item, "application/json");
  for (const auto& f : files) {
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_name(part, f.field.c_str());
    curl_mime_data(part, f.data.data(), f.data.size());
    curl_mime_filename(part, f.file_name.c_str());
    curl_mime_type(part, f.content_type.c_str());
  }
  curl_easy_setopt(curl.get(), CURLOPT_MIMEPOST, mime.get());
  return Perform(curl.get(), "POST", base_url_, "/api/v1/items", key, headers);
}

Response HttpClient::PostFile(const std::string& path, const FilePart& file) const {
  Easy curl(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> mime(curl_mime_init(curl.get()),
                                                             curl_mime_free);
  curl_mimepart* part = curl_mime_addpart(mime.get());
  curl_mime_name(part, file.field.c_str());
  curl_mime_data(part, file.data.data(), file.data.size());
  curl_mime_filename(part, file.file_name.c_str());
  curl_mime_type(part, file.content_type.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MIMEPOST, mime.get());
  return Perform(curl.get(), "POST", base_url_, path, "", {});
}

Response HttpClient::Raw(const std::string& method, const std::string& path, const std::string& key,
                         const std::string& body, const std::vector<std::string>& headers) const {
  Easy curl(curl_easy_init(), curl_easy_cleanup);
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method != "GET" && method != "HEAD") {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  return Perform(curl.get(), method, base_url_, path, key, headers);
}

}  // namespace sealpost::integration

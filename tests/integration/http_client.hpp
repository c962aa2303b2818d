// A small blocking libcurl client speaking to the sealpost API as any client would: bearer keys,
// JSON, multipart uploads built by libcurl (curl_mime), and raw bodies for malformed requests.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sealpost::integration {

struct Response {
  long status = 0;                             // 0 when the transfer itself failed
  std::string error;                           // curl's message when status == 0
  std::map<std::string, std::string> headers;  // lower-cased names; repeated: one value per line
  std::string body;

  std::string Header(const std::string& lower_case_name) const;
  // The body as JSON, or a discarded value when it is not JSON.
  nlohmann::json Json() const;
  // "status 404, body …" for assertion messages.
  std::string Describe() const;
};

struct FilePart {
  std::string field = "file";
  std::string file_name;
  std::string content_type;
  std::string data;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);

  // An empty key sends no Authorization header.
  Response Get(const std::string& path, const std::string& key) const;
  // POST /api/v1/items as multipart: the `item` JSON part, then one part per file.
  Response Submit(const std::string& key, const std::string& item_json,
                  const std::vector<FilePart>& files,
                  const std::vector<std::string>& headers = {}) const;
  // POST `path` as multipart with one file part (a browser's file upload form).
  Response PostFile(const std::string& path, const FilePart& file) const;
  // Anything else, with a body sent exactly as given.
  Response Raw(const std::string& method, const std::string& path, const std::string& key,
               const std::string& body, const std::vector<std::string>& headers) const;

 private:
  std::string base_url_;
};

}  // namespace sealpost::integration

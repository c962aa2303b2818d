// A minimal blocking libcurl client for the HTTP server tests. Each call uses its own easy handle,
// so calls from several threads are fine once curl_global_init has run (done on first use).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sealpost::http::testing {

struct ClientResponse {
  long status = 0;                             // 0 when the transfer failed
  std::string error;                           // curl error text when status == 0
  std::map<std::string, std::string> headers;  // lower-cased names, last value wins
  std::string body;
};

ClientResponse Fetch(const std::string& method, const std::string& url,
                     const std::string& body = {}, const std::vector<std::string>& headers = {});

}  // namespace sealpost::http::testing

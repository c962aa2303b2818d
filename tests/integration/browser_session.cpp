#include "integration/browser_session.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

namespace sealpost::integration {

std::string CookieFrom(const Response& r) {
  std::smatch m;
  const std::string header = r.Header("set-cookie");
  if (std::regex_search(header, m, std::regex("sealpost_session=([^;]*)"))) return m[1];
  return {};
}

std::string PathOf(const std::string& location) {
  auto scheme = location.find("://");
  if (scheme == std::string::npos) return location;
  auto slash = location.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : location.substr(slash);
}

std::string FormValue(const std::string& html, const std::string& name) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\"")))
    return m[1];
  return {};
}

std::vector<std::string> BrowserSession::Headers(bool changes_state) const {
  std::vector<std::string> headers = {"Cookie: sealpost_session=" + cookie};
  if (changes_state) headers.push_back("X-CSRF-Token: " + csrf);
  return headers;
}

Response BrowserSession::Get(const HttpClient& client, const std::string& path) const {
  return client.Raw("GET", path, "", "", Headers(false));
}

Response BrowserSession::PostForm(const HttpClient& client, const std::string& path,
                                  const std::string& form) const {
  std::vector<std::string> headers = Headers(false);
  headers.push_back("Content-Type: application/x-www-form-urlencoded");
  return client.Raw("POST", path, "", form, headers);
}

BrowserSession SignInAsDemoCitizen(const HttpClient& client,
                                   const std::string& formatted_national_number) {
  Response choice = client.Raw("GET", "/sign-in", "", "", {});
  EXPECT_EQ(choice.status, 200) << choice.Describe();
  const std::string first_cookie = CookieFrom(choice);
  Response start = client.Raw("POST", "/sign-in/demo", "", "csrf=" + FormValue(choice.body, "csrf"),
                              {"Content-Type: application/x-www-form-urlencoded",
                               "Cookie: sealpost_session=" + first_cookie});
  EXPECT_EQ(start.status, 302) << start.Describe();
  Response page = client.Raw("GET", PathOf(start.Header("location")), "", "", {});
  EXPECT_EQ(page.status, 200) << page.Describe();
  // The chooser lists each citizen as a submit button carrying the citizen's subject.
  std::smatch m;
  const std::regex button(
      "name=\"citizen\" value=\"([^\"]+)\">[^<]*<br><small>" +
      std::regex_replace(formatted_national_number, std::regex(R"([.\-])"), R"(\$&)"));
  if (!std::regex_search(page.body, m, button)) {
    ADD_FAILURE() << "no demo citizen " << formatted_national_number;
    return {};
  }
  const std::string form = "request=" + FormValue(page.body, "request") +
                           "&csrf=" + FormValue(page.body, "csrf") + "&citizen=" + m[1].str();
  Response chosen = client.Raw("POST", "/demo-idp/authorize", "", form,
                               {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(chosen.status, 302) << chosen.Describe();
  Response callback = client.Raw("GET", PathOf(chosen.Header("location")), "", "",
                                 {"Cookie: sealpost_session=" + first_cookie});
  EXPECT_EQ(callback.status, 302) << callback.Describe();
  BrowserSession session;
  session.cookie = CookieFrom(callback);
  Response account = client.Raw("GET", "/account", "", "", session.Headers(false));
  session.csrf = FormValue(account.body, "csrf");
  EXPECT_FALSE(session.cookie.empty());
  EXPECT_FALSE(session.csrf.empty()) << account.Describe();
  return session;
}

std::string CompanyIdOf(const HttpClient& client, const BrowserSession& session,
                        const std::string& name) {
  const nlohmann::json account =
      client.Raw("GET", "/api/v1/account", "", "", session.Headers(false)).Json();
  if (account.is_object() && account["companies"].is_array()) {
    for (const auto& c : account["companies"]) {
      if (c["name"] == name) return c["id"];
    }
  }
  ADD_FAILURE() << "no company " << name << " in " << account.dump();
  return {};
}

std::string ActForCompany(const HttpClient& client, const BrowserSession& session,
                          const std::string& name) {
  const std::string id = CompanyIdOf(client, session, name);
  std::vector<std::string> headers = session.Headers(true);
  headers.push_back("Content-Type: application/json");
  Response r = client.Raw("PUT", "/api/v1/account/acting-for", "",
                          nlohmann::json{{"account_id", id}}.dump(), headers);
  EXPECT_EQ(r.status, 200) << r.Describe();
  return id;
}

}  // namespace sealpost::integration

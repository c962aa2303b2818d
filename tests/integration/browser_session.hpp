// A browser's side of sign-in for the black-box tests: follows the authorization-code round trip
// through the built-in demo identity provider as a chosen test citizen and keeps the session
// cookie and the CSRF token of the signed-in session (read from the page, as a browser would).
#pragma once

#include <string>
#include <vector>

#include "integration/http_client.hpp"

namespace sealpost::integration {

// The sealpost_session value of a response's Set-Cookie, or "".
std::string CookieFrom(const Response& r);
// "http://host:port/path?query" → "/path?query"; a path stays as it is.
std::string PathOf(const std::string& location);
// The value of the first <input name="NAME" value="…"> in an HTML page, or "".
std::string FormValue(const std::string& html, const std::string& name);

struct BrowserSession {
  std::string cookie;
  std::string csrf;

  // Headers for a request of this browser: the cookie, and the CSRF token for changes.
  std::vector<std::string> Headers(bool changes_state) const;
  // A page as this browser sees it.
  Response Get(const HttpClient& client, const std::string& path) const;
  // A form of a page submitted by this browser: `form` is urlencoded and carries the page's
  // csrf field itself (so that tests can also send a forged one).
  Response PostForm(const HttpClient& client, const std::string& path,
                    const std::string& form) const;
};

// Signs in at the demo provider as the test citizen whose national number is printed as
// `formatted_national_number` (e.g. "85.07.30-033.28"). Fails the test (non-fatally) and returns
// an empty session when any step does not answer as expected.
BrowserSession SignInAsDemoCitizen(const HttpClient& client,
                                   const std::string& formatted_national_number);

// The id of the company named `name` among the companies the session's person belongs to (as
// GET /api/v1/account lists them); "" and a test failure when there is none.
std::string CompanyIdOf(const HttpClient& client, const BrowserSession& session,
                        const std::string& name);

// Makes `session` act for the company named `name` through the API; returns its id.
std::string ActForCompany(const HttpClient& client, const BrowserSession& session,
                          const std::string& name);

}  // namespace sealpost::integration

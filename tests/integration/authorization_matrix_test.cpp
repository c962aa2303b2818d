// The authorization matrix (issue "Sign in"): every /api/v1 route × every kind of caller — no
// credentials, API keys with all or one scope, a person on their own account, an operator, a
// company member in each role, and the admin of another company — with the exact status each must
// get. A foreign resource answers 404 exactly like a missing one. The route list is read from the
// source, so a new route without a row here fails this test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;

// Columns of the matrix.
enum Who {
  kAnonymous,
  kKeyAll,      // Demo Sender NV's demo key: send read inbox
  kKeyRead,     // a key of Demo Sender NV with the read scope only
  kPerson,      // Jürgen Müller on his own account (no company)
  kOperator,    // Sophie Martin, operator, on her own account
  kAdmin,       // Émile Dupont-Lefèvre, admin of Demo Sender NV
  kSender,      // An Peeters as sender of Demo Sender NV
  kHandler,     // An Peeters as recipient handler of Demo Sender NV
  kAccountant,  // An Peeters as accountant of Demo Sender NV
  kRecipient,   // Jan Janssens, admin and recipient handler of Demo Recipient BV — the recipient
  kWhoCount
};
constexpr const char* kWhoNames[kWhoCount] = {
    "anonymous", "key(all)", "key(read)", "person",     "operator",
    "admin",     "sender",   "handler",   "accountant", "recipient-company-admin"};

// The enterprise number for 0 + `seven` digits with its check digits (REFERENCE §4).
std::string EnterpriseNumber(int seven) {
  std::string first8 = std::to_string(seven);
  first8.insert(0, 8 - first8.size(), '0');
  const long check = 97 - std::stol(first8) % 97;
  return first8 + (check < 10 ? "0" : "") + std::to_string(check);
}

struct Row {
  std::string method;
  std::string path;  // with {item}, {delivery}, … placeholders
  std::array<int, kWhoCount> expected;
  std::function<std::string(Who)> body = nullptr;  // JSON body; nullptr: none
  bool submit = false;                             // multipart item submission
};

class AuthorizationMatrixTest : public IntegrationTest {
 protected:
  void SetUp() override {
    StartServer();
    person_ = SignInAsDemoCitizen(client(), "62.11.03-157.65");
    operator_ = SignInAsDemoCitizen(client(), "78.05.22-246.88");
    admin_ = SignInAsDemoCitizen(client(), "85.07.30-033.28");
    an_ = SignInAsDemoCitizen(client(), "03.02.14-124.47");
    recipient_ = SignInAsDemoCitizen(client(), "90.01.01-319.93");
    sender_company_ = ActForCompany(client(), admin_, "Demo Sender NV");
    ActForCompany(client(), an_, "Demo Sender NV");
    recipient_company_ = ActForCompany(client(), recipient_, "Demo Recipient BV");
    const json members = Json(Call(admin_, "GET", "/api/v1/members"));
    for (const auto& m : members["items"]) {
      if (m["name"] == "An Peeters") values_["{an}"] = m["person_id"];
    }
    key_read_ = Json(Call(admin_, "POST", "/api/v1/api-keys",
                          json{{"label", "read only"}, {"scopes", {"read"}}}.dump()))["secret"];

    json item = SubmitToDemoRecipient("matrix", SmallPdf());
    values_["{item}"] = item["id"];
    values_["{delivery}"] = item["deliveries"][0]["id"];
    values_["{attachment}"] = item["attachments"][0]["id"];
    values_["{evidence}"] = EvidenceList(item["id"], sender())[0]["id"];
    values_["{random}"] = "00000000-0000-4000-8000-00000000abcd";
    // A webhook endpoint of Demo Sender NV (nothing listens there) and one queued test event.
    values_["{hook}"] = Json(
        Call(admin_, "POST", "/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/matrix"})"))["id"];
    values_["{hook_delivery}"] =
        Json(Call(admin_, "POST", "/api/v1/webhooks/" + values_["{hook}"] + "/test"))["id"];
  }

  static json Json(const Response& r) {
    EXPECT_LT(r.status, 300) << r.Describe();
    return r.Json();
  }

  Response Call(const BrowserSession& s, const std::string& method, const std::string& path,
                const std::string& body = "") {
    std::vector<std::string> headers = s.Headers(method != "GET");
    headers.push_back("Content-Type: application/json");
    return client().Raw(method, path, "", body, headers);
  }

  // The company (or null) each session acts for, so that re-choosing it changes nothing.
  std::string CurrentAccountBody(Who who) {
    if (who == kRecipient) return json{{"account_id", recipient_company_}}.dump();
    if (who == kPerson || who == kOperator) return json{{"account_id", nullptr}}.dump();
    return json{{"account_id", sender_company_}}.dump();
  }

  Response Send(Who who, const Row& row, const std::string& path) {
    const BrowserSession* session = nullptr;
    std::string key;
    switch (who) {
      case kAnonymous:
        break;
      case kKeyAll:
        key = sender();
        break;
      case kKeyRead:
        key = key_read_;
        break;
      case kPerson:
        session = &person_;
        break;
      case kOperator:
        session = &operator_;
        break;
      case kAdmin:
        session = &admin_;
        break;
      case kSender:
      case kHandler:
      case kAccountant: {
        const char* role = who == kSender    ? "sender"
                           : who == kHandler ? "recipient_handler"
                                             : "accountant";
        // A read-then-write transaction: it must not fail because a job committed meanwhile
        // (SQLite begins writing units of work IMMEDIATE), so no retry here.
        Response set = Call(admin_, "PUT", "/api/v1/members/" + values_["{an}"],
                            json{{"roles", {role}}}.dump());
        Json(set);
        session = &an_;
        break;
      }
      case kRecipient:
        session = &recipient_;
        break;
      case kWhoCount:
        break;
    }
    std::vector<std::string> headers;
    if (session != nullptr) headers = session->Headers(row.method != "GET");
    if (row.submit) return client().Submit(key, DemoItemJson("matrix"), {SmallPdf()}, headers);
    headers.push_back("Content-Type: application/json");
    return client().Raw(row.method, path, key, row.body ? row.body(who) : "", headers);
  }

  std::string Expand(std::string path) {
    for (const auto& [name, value] : values_) {
      for (auto at = path.find(name); at != std::string::npos; at = path.find(name)) {
        path.replace(at, name.size(), value);
      }
    }
    return path;
  }

  BrowserSession person_, operator_, admin_, an_, recipient_;
  std::string sender_company_, recipient_company_, key_read_;
  std::map<std::string, std::string> values_;
  int next_company_ = 1000;
};

// "METHOD /api/v1/…" of every route registered in the API sources.
std::set<std::string> RegisteredApiRoutes() {
  std::set<std::string> routes;
  const std::regex add(R"re(router\.Add\(\s*"([A-Z]+)",\s*"(/api/v1/[^"]*)")re");
  // Every file of the API layer, so that a new routes file cannot slip past the matrix.
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(SEALPOST_SOURCE_DIR) + "/src/http/api")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(text.empty()) << entry.path();
    for (std::sregex_iterator it(text.begin(), text.end(), add), end; it != end; ++it) {
      routes.insert((*it)[1].str() + " " + (*it)[2].str());
    }
  }
  return routes;
}

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryCallerAsItsRoleAllows) {
  auto same = [](std::string_view body) { return [b = std::string(body)](Who) { return b; }; };
  // Columns: anonymous, key(all), key(read), person, operator, admin, sender, handler, accountant,
  // recipient-company-admin.
  std::vector<Row> rows = {
      {"GET", "/api/v1/account", {401, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"PUT",
       "/api/v1/account/acting-for",
       {401, 403, 403, 200, 200, 200, 200, 200, 200, 200},
       [this](Who who) { return CurrentAccountBody(who); }},
      {"POST",
       "/api/v1/companies",
       {401, 403, 403, 201, 201, 403, 403, 403, 403, 403},
       [this](Who) {
         return json{{"enterprise_number", EnterpriseNumber(next_company_++)},
                     {"name", "Matrix BV"},
                     {"email", "m@example.be"}}
             .dump();
       }},
      // A person's own account starts with a zero balance: allowed to send, but 402 until topped
      // up; the demo companies start with EUR 1,000.
      {"POST", "/api/v1/items", {401, 201, 403, 402, 402, 201, 201, 403, 403, 201}, nullptr, true},
      {"GET", "/api/v1/items", {401, 200, 200, 200, 200, 200, 200, 403, 403, 200}},
      {"GET", "/api/v1/items/{item}", {401, 200, 200, 404, 404, 200, 200, 403, 403, 404}},
      {"GET", "/api/v1/items/{item}/evidence", {401, 200, 200, 404, 404, 200, 200, 404, 403, 200}},
      {"GET", "/api/v1/evidence/{evidence}", {401, 200, 200, 404, 404, 200, 200, 404, 403, 200}},
      {"GET",
       "/api/v1/items/{item}/proof-bundle",
       {401, 200, 200, 404, 404, 200, 200, 404, 403, 200}},
      {"GET", "/api/v1/inbox", {401, 200, 403, 200, 200, 200, 403, 200, 403, 200}},
      {"GET",
       "/api/v1/deliveries/{delivery}/content",
       {401, 404, 403, 404, 404, 404, 403, 404, 403, 200}},
      {"GET",
       "/api/v1/deliveries/{delivery}/attachments/{attachment}",
       {401, 404, 403, 404, 404, 404, 403, 404, 403, 200}},
      {"GET",
       "/api/v1/deliveries/{delivery}/certificate",
       {401, 200, 200, 404, 404, 200, 200, 404, 403, 200}},
      {"GET", "/api/v1/members", {401, 403, 403, 403, 403, 200, 403, 403, 403, 200}},
      {"PUT",
       "/api/v1/members/{an}",
       {401, 403, 403, 403, 403, 200, 403, 403, 403, 404},
       same(R"({"roles":["sender"]})")},
      {"DELETE", "/api/v1/members/{random}", {401, 403, 403, 403, 403, 404, 403, 403, 403, 404}},
      {"GET", "/api/v1/invitations", {401, 403, 403, 403, 403, 200, 403, 403, 403, 200}},
      {"POST",
       "/api/v1/invitations",
       {401, 403, 403, 403, 403, 201, 403, 403, 403, 201},
       same(R"({"email":"new@example.be","roles":["sender"]})")},
      {"DELETE",
       "/api/v1/invitations/{invitation}",
       {401, 403, 403, 403, 403, 204, 403, 403, 403, 404}},
      {"GET", "/api/v1/api-keys", {401, 403, 403, 200, 200, 200, 403, 403, 403, 200}},
      {"POST",
       "/api/v1/api-keys",
       {401, 403, 403, 201, 201, 201, 403, 403, 403, 201},
       same(R"({"label":"matrix","scopes":["read"]})")},
      {"DELETE", "/api/v1/api-keys/{key}", {401, 403, 403, 404, 404, 204, 403, 403, 403, 404}},
      {"GET", "/api/v1/balance", {401, 403, 403, 200, 200, 200, 403, 403, 200, 200}},
      {"GET", "/api/v1/movements", {401, 403, 403, 200, 200, 200, 403, 403, 200, 200}},
      // Webhooks: reading, testing and replaying need `read`; registering, deleting and rotating
      // are for who manages the account's credentials, signed in (app/usecases/manage_webhooks).
      {"GET", "/api/v1/webhooks", {401, 200, 200, 200, 200, 200, 200, 403, 403, 200}},
      {"POST",
       "/api/v1/webhooks",
       {401, 403, 403, 201, 201, 201, 403, 403, 403, 201},
       same(R"({"url":"https://erp.example.be/hooks/sealpost"})")},
      {"DELETE", "/api/v1/webhooks/{webhook}", {401, 403, 403, 404, 404, 204, 403, 403, 403, 404}},
      {"POST",
       "/api/v1/webhooks/{hook}/rotate-secret",
       {401, 403, 403, 404, 404, 200, 403, 403, 403, 404}},
      {"POST", "/api/v1/webhooks/{hook}/test", {401, 202, 202, 404, 404, 202, 202, 403, 403, 404}},
      {"GET",
       "/api/v1/webhooks/{hook}/deliveries",
       {401, 200, 200, 404, 404, 200, 200, 403, 403, 404}},
      {"POST",
       "/api/v1/webhooks/{hook}/deliveries/{hook_delivery}/replay",
       {401, 202, 202, 404, 404, 202, 202, 403, 403, 404}},
      {"GET", "/api/v1/openapi.json", {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
  };

  std::set<std::string> covered;
  for (const Row& row : rows) covered.insert(row.method + " " + row.path);
  std::set<std::string> registered = RegisteredApiRoutes();
  for (const auto& route : registered) {
    // The table names placeholders by what they stand for; compare the shapes only.
    const std::string shape = std::regex_replace(route, std::regex(R"(\{[a-z_]+\})"), "{}");
    bool found = false;
    for (const auto& c : covered) {
      found |= std::regex_replace(c, std::regex(R"(\{[a-z_]+\})"), "{}") == shape;
    }
    EXPECT_TRUE(found) << "route without a row in the authorization matrix: " << route;
  }
  EXPECT_EQ(covered.size(), registered.size());

  for (const Row& row : rows) {
    for (int w = 0; w < kWhoCount; ++w) {
      const Who who = static_cast<Who>(w);
      // Fresh targets of Demo Sender NV for the deleting rows, made by its admin.
      if (row.path.find("{invitation}") != std::string::npos) {
        values_["{invitation}"] =
            Json(Call(admin_, "POST", "/api/v1/invitations",
                      R"({"email":"victim@example.be","roles":["sender"]})"))["id"];
      }
      if (row.path.find("{key}") != std::string::npos) {
        values_["{key}"] = Json(Call(admin_, "POST", "/api/v1/api-keys",
                                     R"({"label":"victim","scopes":["read"]})"))["id"];
      }
      if (row.path.find("{webhook}") != std::string::npos && w == 0) {
        values_["{webhook}"] = Json(Call(admin_, "POST", "/api/v1/webhooks",
                                         R"({"url":"https://erp.example.be/victim"})"))["id"];
      }
      const std::string path = Expand(row.path);
      Response r = Send(who, row, path);
      EXPECT_EQ(r.status, row.expected[w])
          << row.method << " " << row.path << " as " << kWhoNames[w] << ": " << r.Describe();
    }
  }
}

TEST_F(AuthorizationMatrixTest, ListsShowOnlyWhatBelongsToTheCaller) {
  const std::string item = values_["{item}"];
  const std::string delivery = values_["{delivery}"];
  auto ids = [](const json& page) {
    std::set<std::string> out;
    for (const auto& i : page["items"]) {
      out.insert(i.contains("delivery") ? i["delivery"]["id"].get<std::string>()
                                        : i["id"].get<std::string>());
    }
    return out;
  };
  EXPECT_TRUE(ids(Json(Call(admin_, "GET", "/api/v1/items"))).count(item));
  EXPECT_FALSE(ids(Json(Call(recipient_, "GET", "/api/v1/items"))).count(item));
  EXPECT_FALSE(ids(Json(Call(person_, "GET", "/api/v1/items"))).count(item));
  EXPECT_FALSE(ids(Json(Call(operator_, "GET", "/api/v1/items"))).count(item))
      << "an operator sees no customer's items through the API";
  const std::string inbox_of_recipient = Json(Call(recipient_, "GET", "/api/v1/inbox")).dump();
  EXPECT_NE(inbox_of_recipient.find(delivery), std::string::npos);
  EXPECT_EQ(Json(Call(admin_, "GET", "/api/v1/inbox")).dump().find(delivery), std::string::npos);

  const std::string members_of_sender = Json(Call(admin_, "GET", "/api/v1/members")).dump();
  EXPECT_EQ(members_of_sender.find("Jan Janssens"), std::string::npos);
  const std::string members_of_recipient = Json(Call(recipient_, "GET", "/api/v1/members")).dump();
  EXPECT_EQ(members_of_recipient.find("An Peeters"), std::string::npos);
  const std::string keys_of_recipient = Json(Call(recipient_, "GET", "/api/v1/api-keys")).dump();
  EXPECT_EQ(keys_of_recipient.find("read only"), std::string::npos);
}

TEST_F(AuthorizationMatrixTest, NotYoursAnswersExactlyLikeNotFound) {
  auto problem = [&](const BrowserSession& s, const std::string& path) {
    Response r = Call(s, "GET", path);
    EXPECT_EQ(r.status, 404) << path << ": " << r.Describe();
    json body = r.Json();
    body.erase("instance");
    body.erase("request_id");
    return body;
  };
  EXPECT_EQ(problem(recipient_, "/api/v1/items/" + values_["{item}"]),
            problem(recipient_, "/api/v1/items/" + values_["{random}"]));
  EXPECT_EQ(problem(admin_, "/api/v1/deliveries/" + values_["{delivery}"] + "/content"),
            problem(admin_, "/api/v1/deliveries/" + values_["{random}"] + "/content"));
  EXPECT_EQ(problem(person_, "/api/v1/evidence/" + values_["{evidence}"]),
            problem(person_, "/api/v1/evidence/" + values_["{random}"]));
}

}  // namespace
}  // namespace sealpost::integration

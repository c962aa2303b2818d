// Accounts, members, roles, invitations and API keys over HTTP, as a browser (session cookie +
// CSRF header) and as an integrator (API key) use them, against the real binary in demo mode. The
// demo data has Émile Dupont-Lefèvre as admin and An Peeters as sender of Demo Sender NV, Jan
// Janssens as admin of Demo Recipient BV; Jürgen Müller has no company.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kEmile = "85.07.30-033.28";
constexpr const char* kAn = "03.02.14-124.47";
constexpr const char* kJurgen = "62.11.03-157.65";

class AccountRoutesTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Call(const BrowserSession& s, const std::string& method, const std::string& path,
                const json& body = nullptr) {
    std::vector<std::string> headers = s.Headers(method != "GET");
    headers.push_back("Content-Type: application/json");
    return client().Raw(method, path, "", body.is_null() ? "" : body.dump(), headers);
  }

  BrowserSession ActingFor(const std::string& citizen, const std::string& company) {
    BrowserSession s = SignInAsDemoCitizen(client(), citizen);
    ActForCompany(client(), s, company);
    return s;
  }

  std::string PersonId(const BrowserSession& admin, const std::string& name) {
    const json members = Call(admin, "GET", "/api/v1/members").Json();
    for (const auto& m : members["items"]) {
      if (m["name"] == name) return m["person_id"];
    }
    ADD_FAILURE() << "no member " << name << " in " << members.dump();
    return {};
  }
};

TEST_F(AccountRoutesTest, ASignedInPersonSeesTheirCompaniesAndActsForOne) {
  BrowserSession emile = SignInAsDemoCitizen(client(), kEmile);
  json me = Call(emile, "GET", "/api/v1/account").Json();
  EXPECT_EQ(me["account"]["kind"], "person");
  EXPECT_EQ(me["account"]["name"], "Émile Dupont-Lefèvre");
  EXPECT_EQ(me["authentication"]["method"], "demo");
  ASSERT_EQ(me["companies"].size(), 1u) << me.dump();
  EXPECT_EQ(me["companies"][0]["name"], "Demo Sender NV");
  EXPECT_EQ(me["companies"][0]["roles"], json::array({"admin"}));

  // Changing what the session acts for is a change: without the CSRF token it is refused.
  const std::string company = me["companies"][0]["id"];
  Response forged = client().Raw("PUT", "/api/v1/account/acting-for", "",
                                 json{{"account_id", company}}.dump(), emile.Headers(false));
  ExpectProblem(forged, 403);
  EXPECT_EQ(Call(emile, "GET", "/api/v1/account").Json()["account"]["kind"], "person");

  Response acting = Call(emile, "PUT", "/api/v1/account/acting-for", {{"account_id", company}});
  ASSERT_EQ(acting.status, 200) << acting.Describe();
  json now = Call(emile, "GET", "/api/v1/account").Json();
  EXPECT_EQ(now["account"]["name"], "Demo Sender NV");
  EXPECT_EQ(now["account"]["enterprise_number"], "0403019261");
  EXPECT_THAT(now["permissions"].dump(), HasSubstr("\"members\""));

  // A company the person is not a member of is "not found", like an id that does not exist.
  BrowserSession jan = SignInAsDemoCitizen(client(), "90.01.01-319.93");
  Response foreign = Call(jan, "PUT", "/api/v1/account/acting-for", {{"account_id", company}});
  ExpectProblem(foreign, 404);
  Response unknown = Call(jan, "PUT", "/api/v1/account/acting-for",
                          {{"account_id", "00000000-0000-4000-8000-000000000000"}});
  ExpectProblem(unknown, 404);
  EXPECT_EQ(foreign.Json()["detail"], unknown.Json()["detail"]);
}

TEST_F(AccountRoutesTest, AnAdminManagesApiKeysAndAKeyIsShownOnce) {
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  Response created = Call(admin, "POST", "/api/v1/api-keys",
                          {{"label", "Boekhouding Exact"}, {"scopes", {"read"}}});
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.Header("cache-control"), "no-store");
  const std::string secret = created.Json()["secret"];
  const std::string id = created.Json()["id"];
  EXPECT_EQ(created.Json()["scopes"], json::array({"read"}));

  EXPECT_EQ(client().Get("/api/v1/items", secret).status, 200);
  ExpectProblem(client().Submit(secret, DemoItemJson("no send scope"), {SmallPdf()}), 403);
  // A key never manages keys, whatever it may do.
  ExpectProblem(client().Get("/api/v1/api-keys", sender()), 403);

  json listed = Call(admin, "GET", "/api/v1/api-keys").Json();
  bool found = false;
  for (const auto& k : listed["items"]) {
    EXPECT_FALSE(k.contains("secret"));
    if (k["id"] == id) {
      found = true;
      EXPECT_FALSE(k["last_used_at"].is_null()) << "the key was used above";
    }
  }
  EXPECT_TRUE(found);

  ASSERT_EQ(Call(admin, "DELETE", "/api/v1/api-keys/" + id).status, 204);
  ExpectProblem(client().Get("/api/v1/items", secret), 401);
  ExpectProblem(Call(admin, "POST", "/api/v1/api-keys", {{"label", "x"}, {"scopes", {"root"}}}),
                400);
  ExpectProblem(Call(admin, "POST", "/api/v1/api-keys", {{"label", ""}, {"scopes", {"read"}}}),
                400);
}

TEST_F(AccountRoutesTest, RolesTakeEffectAtOnceAndACompanyKeepsAnAdmin) {
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  BrowserSession an = ActingFor(kAn, "Demo Sender NV");
  const std::string an_id = PersonId(admin, "An Peeters");
  const std::string emile_id = PersonId(admin, "Émile Dupont-Lefèvre");

  auto submit_as_an = [&] {
    return client().Submit("", DemoItemJson("sent by An"), {SmallPdf()}, an.Headers(true));
  };
  Response sent = submit_as_an();
  EXPECT_EQ(sent.status, 201) << sent.Describe();
  ExpectProblem(Call(an, "GET", "/api/v1/members"), 403);

  Response changed = Call(admin, "PUT", "/api/v1/members/" + an_id, {{"roles", {"accountant"}}});
  ASSERT_EQ(changed.status, 200) << changed.Describe();
  ExpectProblem(submit_as_an(), 403);
  ExpectProblem(Call(an, "GET", "/api/v1/items"), 403);
  ExpectProblem(Call(admin, "PUT", "/api/v1/members/" + an_id, {{"roles", {"owner"}}}), 400);

  // The only admin cannot step down or leave.
  ExpectProblem(Call(admin, "PUT", "/api/v1/members/" + emile_id, {{"roles", {"sender"}}}), 409);
  ExpectProblem(Call(admin, "DELETE", "/api/v1/members/" + emile_id), 409);

  ASSERT_EQ(Call(admin, "DELETE", "/api/v1/members/" + an_id).status, 204);
  // An's session now acts for her own account again.
  json an_now = Call(an, "GET", "/api/v1/account").Json();
  EXPECT_EQ(an_now["account"]["kind"], "person");
  EXPECT_TRUE(an_now["companies"].empty());
}

TEST_F(AccountRoutesTest, InvitationsAreListedAndWithdrawn) {
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  Response invited = Call(
      admin, "POST", "/api/v1/invitations",
      {{"email", "nieuw@example.be"}, {"roles", {"sender", "accountant"}}, {"language", "nl"}});
  ASSERT_EQ(invited.status, 201) << invited.Describe();
  EXPECT_EQ(invited.Json()["status"], "pending");
  EXPECT_FALSE(invited.Json().contains("link")) << "the link travels in the e-mail only";
  const std::string id = invited.Json()["id"];
  ExpectProblem(Call(admin, "POST", "/api/v1/invitations",
                     {{"email", "not an address"}, {"roles", {"sender"}}}),
                400);
  ExpectProblem(Call(admin, "POST", "/api/v1/invitations",
                     {{"email", "a@example.be"}, {"roles", {"sender"}}, {"language", "xx"}}),
                400);

  json listed = Call(admin, "GET", "/api/v1/invitations").Json();
  ASSERT_EQ(listed["items"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["items"][0]["email"], "nieuw@example.be");

  ASSERT_EQ(Call(admin, "DELETE", "/api/v1/invitations/" + id).status, 204);
  EXPECT_EQ(Call(admin, "GET", "/api/v1/invitations").Json()["items"][0]["status"], "revoked");
}

TEST_F(AccountRoutesTest, AnInviteeJoinsThroughTheLinkInTheEmail) {
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  Response invited =
      Call(admin, "POST", "/api/v1/invitations",
           {{"email", "juergen@example.de"}, {"roles", {"accountant"}}, {"language", "de"}});
  ASSERT_EQ(invited.status, 201) << invited.Describe();
  const std::string mail = MailTo("juergen@example.de", "/invitations/");
  EXPECT_THAT(mail, HasSubstr("Demo Sender NV"));
  std::smatch link;
  ASSERT_TRUE(std::regex_search(mail, link, std::regex(R"((/invitations/[A-Za-z0-9_\-]{20,}))")));
  const std::string path = link[1];

  // Before signing in the page names the company and asks to sign in first.
  Response anonymous = client().Raw("GET", path + "?lang=en", "", "", {});
  ASSERT_EQ(anonymous.status, 200) << anonymous.Describe();
  EXPECT_THAT(anonymous.body, HasSubstr("Demo Sender NV"));
  EXPECT_THAT(anonymous.body, HasSubstr("accountant"));
  EXPECT_THAT(anonymous.body, HasSubstr("/sign-in?return_to=" + path));

  BrowserSession jurgen = SignInAsDemoCitizen(client(), kJurgen);
  Response page = client().Raw("GET", path, "", "", jurgen.Headers(false));
  const std::string csrf = FormValue(page.body, "csrf");
  ASSERT_FALSE(csrf.empty()) << page.Describe();
  std::vector<std::string> form_headers = jurgen.Headers(false);
  form_headers.push_back("Content-Type: application/x-www-form-urlencoded");
  Response joined = client().Raw("POST", path + "/accept", "", "csrf=" + csrf, form_headers);
  ASSERT_EQ(joined.status, 303) << joined.Describe();
  // Now acting for the company, with the invited role only.
  json me = Call(jurgen, "GET", "/api/v1/account").Json();
  EXPECT_EQ(me["account"]["name"], "Demo Sender NV");
  EXPECT_EQ(me["permissions"], json::array({"billing"}));
  // The link is used up.
  Response again = client().Raw("POST", path + "/accept", "", "csrf=" + csrf, form_headers);
  EXPECT_NE(again.status, 303);
  EXPECT_THAT(client().Raw("GET", path + "?lang=en", "", "", {}).body,
              HasSubstr("This invitation has already been used."));
}

TEST_F(AccountRoutesTest, TheApiKeysPageShowsANewSecretOnceAndRevokes) {
  EXPECT_EQ(client().Raw("GET", "/account/api-keys", "", "", {}).status, 303);
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  auto form_headers = [](const BrowserSession& s) {
    std::vector<std::string> headers = s.Headers(false);
    headers.push_back("Content-Type: application/x-www-form-urlencoded");
    return headers;
  };
  Response page = client().Raw("GET", "/account/api-keys?lang=en", "", "", admin.Headers(false));
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.body, HasSubstr("demo key"));
  EXPECT_EQ(page.Header("cache-control"), "no-store");

  Response created =
      client().Raw("POST", "/account/api-keys?lang=en", "",
                   "csrf=" + admin.csrf + "&label=Exact+Online&scope=read", form_headers(admin));
  ASSERT_EQ(created.status, 200) << created.Describe();
  std::smatch secret;
  ASSERT_TRUE(std::regex_search(created.body, secret, std::regex("(sp_live_[A-Za-z0-9_-]{43})")));
  EXPECT_EQ(client().Get("/api/v1/items", secret[1]).status, 200);
  // Shown once: the list does not show it again.
  EXPECT_THAT(client().Raw("GET", "/account/api-keys", "", "", admin.Headers(false)).body,
              Not(HasSubstr(secret[1].str())));
  Response invalid = client().Raw("POST", "/account/api-keys?lang=en", "",
                                  "csrf=" + admin.csrf + "&label=", form_headers(admin));
  EXPECT_EQ(invalid.status, 400);
  EXPECT_THAT(invalid.body, HasSubstr("choose at least one right"));
  EXPECT_EQ(client()
                .Raw("POST", "/account/api-keys", "", "csrf=forged&label=x&scope=read",
                     form_headers(admin))
                .status,
            403);

  json keys = Call(admin, "GET", "/api/v1/api-keys").Json();
  std::string id;
  for (const auto& k : keys["items"]) {
    if (k["label"] == "Exact Online") id = k["id"];
  }
  ASSERT_FALSE(id.empty());
  Response revoked = client().Raw("POST", "/account/api-keys/" + id + "/revoke", "",
                                  "csrf=" + admin.csrf, form_headers(admin));
  EXPECT_EQ(revoked.status, 303) << revoked.Describe();
  EXPECT_EQ(client().Get("/api/v1/items", secret[1]).status, 401);

  // A member without the right gets a refusal page.
  BrowserSession an = ActingFor(kAn, "Demo Sender NV");
  EXPECT_EQ(client().Raw("GET", "/account/api-keys", "", "", an.Headers(false)).status, 403);
}

TEST_F(AccountRoutesTest, TheMembersPageChangesRolesInvitesAndKeepsAnAdmin) {
  BrowserSession admin = ActingFor(kEmile, "Demo Sender NV");
  const std::string an_id = PersonId(admin, "An Peeters");
  const std::string emile_id = PersonId(admin, "Émile Dupont-Lefèvre");
  std::vector<std::string> form = admin.Headers(false);
  form.push_back("Content-Type: application/x-www-form-urlencoded");
  auto post = [&](const std::string& path, const std::string& body) {
    return client().Raw("POST", path, "", "csrf=" + admin.csrf + body, form);
  };
  Response page = client().Raw("GET", "/account/members?lang=en", "", "", admin.Headers(false));
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.body, HasSubstr("An Peeters"));

  EXPECT_EQ(post("/account/members/" + an_id + "/roles", "&role=accountant").status, 303);
  BrowserSession an = ActingFor(kAn, "Demo Sender NV");
  ExpectProblem(client().Submit("", DemoItemJson("not allowed"), {SmallPdf()}, an.Headers(true)),
                403);
  EXPECT_EQ(client().Raw("GET", "/account/members", "", "", an.Headers(false)).status, 403);

  EXPECT_EQ(post("/account/members/" + emile_id + "/remove", "").status, 409)
      << "the only admin stays";
  EXPECT_EQ(client()
                .Raw("POST", "/account/members/invitations", "",
                     "csrf=forged&email=x%40example.be&role=sender", form)
                .status,
            403);
  EXPECT_EQ(post("/account/members/invitations", "&email=nieuw%40example.be&role=sender").status,
            303);
  json invitations = Call(admin, "GET", "/api/v1/invitations").Json();
  ASSERT_EQ(invitations["items"].size(), 1u);
  EXPECT_EQ(invitations["items"][0]["email"], "nieuw@example.be");
  const std::string id = invitations["items"][0]["id"];
  EXPECT_EQ(post("/account/members/invitations/" + id + "/withdraw", "").status, 303);
  EXPECT_THAT(client().Raw("GET", "/account/members?lang=en", "", "", admin.Headers(false)).body,
              HasSubstr("withdrawn"));
  EXPECT_EQ(post("/account/members/" + an_id + "/remove", "").status, 303);
  EXPECT_THAT(client().Raw("GET", "/account/members", "", "", admin.Headers(false)).body,
              Not(HasSubstr("An Peeters")));
}

TEST_F(AccountRoutesTest, APersonOpensACompanyAccountOnce) {
  BrowserSession jurgen = SignInAsDemoCitizen(client(), kJurgen);
  json company = {{"enterprise_number", "0417.497.106"},
                  {"name", "Müller Bau GmbH"},
                  {"email", "info@mueller-bau.example"}};
  Response created = Call(jurgen, "POST", "/api/v1/companies", company);
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.Json()["can_send"], false) << "until the subscription is approved";
  ExpectProblem(Call(jurgen, "POST", "/api/v1/companies", company), 409);
  company["enterprise_number"] = "0417.497.107";
  ExpectProblem(Call(jurgen, "POST", "/api/v1/companies", company), 400);
  ExpectProblem(Call(jurgen, "POST", "/api/v1/companies", "not an object"), 400);

  json me = Call(jurgen, "GET", "/api/v1/account").Json();
  ASSERT_EQ(me["companies"].size(), 1u);
  EXPECT_EQ(me["companies"][0]["roles"], json::array({"admin"}));
}

TEST_F(AccountRoutesTest, OperatorsAreGrantedFromTheCommandLineOnly) {
  BrowserSession jurgen = SignInAsDemoCitizen(client(), kJurgen);
  EXPECT_EQ(Call(jurgen, "GET", "/api/v1/account").Json()["operator"], false);
  const std::string admin = std::string(SEALPOST_BINARY) + " admin ";
  const std::string data = " --demo --data " + ShellQuote(data_dir().string());
  CommandResult granted = RunCommand(admin + "grant-operator 62110315765" + data);
  ASSERT_EQ(granted.exit_code, 0) << granted.output;
  EXPECT_THAT(granted.output, HasSubstr("Jürgen Müller 62.11.03-157.65 is now an operator"));
  EXPECT_EQ(Call(jurgen, "GET", "/api/v1/account").Json()["operator"], true);
  CommandResult listed = RunCommand(admin + "list-operators" + data);
  EXPECT_THAT(listed.output, HasSubstr("Jürgen Müller"));
  EXPECT_THAT(listed.output, HasSubstr("Sophie Martin")) << "the demo operator";

  CommandResult unknown = RunCommand(admin + "grant-operator 86073003349" + data);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.output, HasSubstr("must sign in once"));
  CommandResult malformed = RunCommand(admin + "grant-operator 12345" + data);
  EXPECT_EQ(malformed.exit_code, 1);
  CommandResult usage = RunCommand(admin + "make-me-root" + data);
  EXPECT_EQ(usage.exit_code, 2);

  ASSERT_EQ(RunCommand(admin + "revoke-operator 62.11.03-157.65" + data).exit_code, 0);
  EXPECT_EQ(Call(jurgen, "GET", "/api/v1/account").Json()["operator"], false);

  // Every grant and revocation is in the hash-chained audit log; changing an entry afterwards
  // (here: hiding who granted the role) breaks the chain, and the check says where.
  CommandResult intact = RunCommand(admin + "check-audit-log" + data);
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_THAT(intact.output, HasSubstr("audit log intact"));
  const CommandResult tampered = RunCommand(
      "sqlite3 " + ShellQuote((data_dir() / "sealpost.db").string()) + " " +
      ShellQuote("UPDATE audit_log SET actor = 'command-line:nobody' WHERE seq = (SELECT "
                 "MAX(seq) FROM audit_log WHERE action = 'operator.granted')"));
  ASSERT_EQ(tampered.exit_code, 0) << tampered.output;
  CommandResult broken = RunCommand(admin + "check-audit-log" + data);
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_THAT(broken.output, HasSubstr("audit log BROKEN at entry"));
  EXPECT_THAT(broken.output, HasSubstr("was changed"));
}

}  // namespace
}  // namespace sealpost::integration

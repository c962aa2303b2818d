// The sender and inbox pages (outbox, compose, inbox) over HTTP against the real binary in demo
// mode, as a browser without script uses them: what a browser test is too slow for. Sign-in is
// required everywhere, forms need the session's CSRF token, compose errors name their field and
// keep what was typed, permissions answer 403, another account's item answers exactly like a
// missing one, pages speak the ?lang= language, and opening an inbox item is a POST.
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
using ::testing::StartsWith;

constexpr const char* kEmile = "85.07.30-033.28";  // admin of Demo Sender NV
constexpr const char* kAn = "03.02.14-124.47";     // sender at Demo Sender NV
constexpr const char* kJan = "90.01.01-319.93";    // admin + recipient handler, Demo Recipient BV
constexpr const char* kBoundary = "sealpost-web-test-boundary";

// A multipart/form-data body as a browser sends it: fields in order, then files.
struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<FilePart> files;

  Form& Add(std::string name, std::string value) {
    fields.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string Body() const {
    std::string body;
    for (const auto& [name, value] : fields) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    }
    for (const FilePart& f : files) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
              f.field + "\"; filename=\"" + f.file_name + "\"\r\nContent-Type: " + f.content_type +
              "\r\n\r\n" + f.data + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
  }
};

// One recipient row of the compose form.
void AddRecipient(Form& form, const std::string& email, const std::string& name,
                  const std::string& enterprise_number, const std::string& national_number = "") {
  form.Add("recipient_email", email)
      .Add("recipient_name", name)
      .Add("recipient_enterprise_number", enterprise_number)
      .Add("recipient_national_number", national_number);
}

class WebPagesTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Page(const BrowserSession& s, const std::string& path) {
    return client().Raw("GET", path, "", "", s.Headers(false));
  }
  Response PostForm(const BrowserSession& s, const std::string& path, const std::string& body) {
    std::vector<std::string> headers = {"Cookie: sealpost_session=" + s.cookie,
                                        "Content-Type: application/x-www-form-urlencoded"};
    return client().Raw("POST", path, "", body, headers);
  }
  Response PostCompose(const BrowserSession& s, const Form& form, const std::string& query = "") {
    std::vector<std::string> headers = {
        "Cookie: sealpost_session=" + s.cookie,
        std::string("Content-Type: multipart/form-data; boundary=") + kBoundary};
    return client().Raw("POST", "/compose" + query, "", form.Body(), headers);
  }

  // Signs in and acts for `company` through the account page's form, as a browser does.
  BrowserSession ActingFor(const std::string& citizen, const std::string& company) {
    BrowserSession s = SignInAsDemoCitizen(client(), citizen);
    Response r = PostForm(s, "/account/acting-for",
                          "csrf=" + s.csrf + "&account_id=" + CompanyIdOf(client(), s, company));
    EXPECT_EQ(r.status, 303) << r.Describe();
    return s;
  }

  Form ValidItem(const BrowserSession& s, const std::string& subject) {
    Form form;
    form.Add("csrf", s.csrf);
    AddRecipient(form, kRecipientEmail, kRecipientName, kRecipientEnterpriseNumber);
    form.Add("subject", subject).Add("message", "Geachte,\nzie bijlage.").Add("confirm", "yes");
    FilePart pdf = SmallPdf("ingebrekestelling.pdf");
    pdf.field = "attachments";
    form.files.push_back(pdf);
    return form;
  }

  // The delivery state of the item's first delivery, as the API tells the sender.
  std::string DeliveryState(const std::string& item_id) {
    json item = client().Get("/api/v1/items/" + item_id, sender()).Json();
    return item["deliveries"][0]["state"];
  }
  // Whether the first delivery of the item was handed over (the mail job may move a delivery from
  // "consigned" to "notified" at any moment, which is no hand-over).
  bool HandedOver(const std::string& item_id) { return DeliveryState(item_id) == "handed_over"; }
};

TEST_F(WebPagesTest, EveryPageAsksToSignInFirstAndComesBack) {
  for (const std::string path :
       {"/outbox", "/outbox/0b6c1bde-79c4-4d8f-9a39-8d0c2e7a3c11", "/compose", "/inbox",
        "/inbox/0b6c1bde-79c4-4d8f-9a39-8d0c2e7a3c11",
        "/outbox/0b6c1bde-79c4-4d8f-9a39-8d0c2e7a3c11/proof-bundle",
        "/inbox/0b6c1bde-79c4-4d8f-9a39-8d0c2e7a3c11/proof-bundle", "/notifications",
        "/account/recipient", "/account/company"}) {
    Response r = client().Raw("GET", path, "", "", {});
    EXPECT_EQ(r.status, 303) << path << ": " << r.Describe();
    EXPECT_EQ(r.Header("location"), "/sign-in?return_to=" + path) << path;
  }
  // The query comes back too, escaped so that it stays one parameter.
  Response filtered = client().Raw("GET", "/outbox?state=refused&q=x", "", "", {});
  EXPECT_EQ(filtered.status, 303);
  EXPECT_EQ(filtered.Header("location"), "/sign-in?return_to=/outbox%3Fstate%3Drefused%26q%3Dx");
  // Forms without a session are refused, never redirected.
  EXPECT_EQ(client().Raw("POST", "/compose", "", "csrf=x", {}).status, 403);
  EXPECT_EQ(client().Raw("POST", "/inbox/x/open", "", "csrf=x", {}).status, 403);
  Response status =
      client().Raw("GET", "/compose/recipient-status?email=a@b.be&name=A", "", "", {});
  EXPECT_EQ(status.status, 401);
  EXPECT_EQ(status.Json()["error"], "unauthenticated");
}

// A person's own account starts with a zero balance: the compose page refuses the item with 402,
// in the reader's language, keeps what was typed, and nothing is created.
TEST_F(WebPagesTest, ComposeWithoutBalanceIsRefusedAndCreatesNothing) {
  BrowserSession jurgen = SignInAsDemoCitizen(client(), "62.11.03-157.65");
  Response en = PostCompose(jurgen, ValidItem(jurgen, "Zonder saldo"), "?lang=en");
  EXPECT_EQ(en.status, 402) << en.Describe();
  EXPECT_THAT(en.Header("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(en.body, HasSubstr("Your balance does not cover this item, so nothing was sent."));
  EXPECT_THAT(en.body, HasSubstr("value=\"Zonder saldo\"")) << "what was typed is kept";
  Response fr = PostCompose(jurgen, ValidItem(jurgen, "Zonder saldo"), "?lang=fr");
  EXPECT_EQ(fr.status, 402) << fr.Describe();
  EXPECT_THAT(fr.body, HasSubstr("Votre solde ne couvre pas cet envoi"));
  Response listed = client().Raw("GET", "/api/v1/items", "", "", jurgen.Headers(false));
  ASSERT_EQ(listed.status, 200) << listed.Describe();
  EXPECT_TRUE(listed.Json()["items"].empty()) << "no item was created";
}

TEST_F(WebPagesTest, ComposeSendsAndTheOutboxShowsTheItemWithItsTimeline) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  Response form = Page(emile, "/compose");
  ASSERT_EQ(form.status, 200) << form.Describe();
  EXPECT_THAT(form.body, HasSubstr("enctype=\"multipart/form-data\""));
  EXPECT_THAT(form.Header("content-security-policy"), HasSubstr("script-src 'self'"));

  Response sent = PostCompose(emile, ValidItem(emile, "Ingebrekestelling 2026-113"));
  ASSERT_EQ(sent.status, 303) << sent.Describe();
  const std::string location = sent.Header("location");
  ASSERT_THAT(location, StartsWith("/outbox/"));
  const std::string item_id = location.substr(std::string("/outbox/").size());
  EXPECT_THAT(SenderItemIds(), ::testing::Contains(item_id));

  Response item = Page(emile, location + "?lang=en");
  ASSERT_EQ(item.status, 200) << item.Describe();
  EXPECT_THAT(item.body, HasSubstr("Ingebrekestelling 2026-113"));
  EXPECT_THAT(item.body, HasSubstr("Recipient 1: Demo Recipient BV"));
  EXPECT_THAT(item.body, HasSubstr("0566.988.259"));
  EXPECT_THAT(item.body, HasSubstr("Item accepted for delivery (proof of sending)"));
  EXPECT_THAT(item.body, HasSubstr("Item placed in the recipient’s inbox"));
  EXPECT_THAT(item.body, HasSubstr("ingebrekestelling.pdf"));
  // The message keeps its lines.
  EXPECT_THAT(item.body, HasSubstr(">Geachte,</span><span class=\"message-text__line\">zie"));

  // Each evidence link serves the sealed XML; the bundle is a zip.
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(item.body, m, std::regex("href=\"(/outbox/[^\"]+/evidence/[^\"]+)\"")));
  Response xml = Page(emile, m[1]);
  EXPECT_EQ(xml.status, 200);
  EXPECT_THAT(xml.Header("content-type"), HasSubstr("application/xml"));
  EXPECT_THAT(xml.body, HasSubstr("SubmissionAcceptance"));
  Response zip = Page(emile, location + "/proof-bundle");
  EXPECT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.substr(0, 2), "PK");

  // The list shows it with its state; the filters keep or drop it.
  auto listed = [&](const std::string& query) {
    Response r = Page(emile, "/outbox" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.Describe();
    return r.body.find("href=\"" + location + "\"") != std::string::npos;
  };
  EXPECT_TRUE(listed(""));
  EXPECT_TRUE(listed("?state=" + DeliveryState(item_id)));
  EXPECT_FALSE(listed("?state=handed_over"));
  EXPECT_TRUE(listed("?recipient=demo+recipient"));
  EXPECT_TRUE(listed("?recipient=0566988259"));
  EXPECT_FALSE(listed("?recipient=someone+else"));
  EXPECT_TRUE(listed("?q=ingebrekestelling"));
  EXPECT_FALSE(listed("?q=factuur"));
  EXPECT_TRUE(listed("?from=2000-01-01&to=2999-12-31"));
  EXPECT_FALSE(listed("?from=2999-01-01"));
  EXPECT_FALSE(listed("?to=2000-01-01"));
  Response bad_date = Page(emile, "/outbox?from=31-12-2026");
  EXPECT_THAT(bad_date.body, HasSubstr("id=\"from-error\""));
  EXPECT_THAT(bad_date.body, HasSubstr("aria-describedby=\"from-error\""));
}

TEST_F(WebPagesTest, ComposeErrorsNameTheFieldAndKeepWhatWasTyped) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  Form form;
  form.Add("csrf", emile.csrf);
  AddRecipient(form, "not-an-address", "Jan <b>Janssens</b>", "0566.988.258");
  AddRecipient(form, "second@example.be", "", "", "85.07.30-033.28");
  form.Add("subject", "").Add("message", "Bericht dat blijft staan");
  Response r = PostCompose(emile, form, "?lang=en");
  ASSERT_EQ(r.status, 422) << r.Describe();
  const std::string& html = r.body;

  // What was typed is back, escaped.
  EXPECT_THAT(html, HasSubstr("value=\"not-an-address\""));
  EXPECT_THAT(html, HasSubstr("value=\"Jan &lt;b&gt;Janssens&lt;/b&gt;\""));
  EXPECT_THAT(html, HasSubstr("value=\"0566.988.258\""));
  EXPECT_THAT(html, HasSubstr("value=\"second@example.be\""));
  EXPECT_THAT(html, HasSubstr("value=\"85.07.30-033.28\""));
  EXPECT_THAT(html, HasSubstr(">Bericht dat blijft staan</textarea>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>Janssens")));

  // Each error sits beside its field, which points at it and is marked invalid.
  for (const std::string field : {"recipient-0-email", "recipient-0-enterprise_number",
                                  "recipient-1-name", "subject", "attachments", "confirm"}) {
    SCOPED_TRACE(field);
    EXPECT_THAT(html, HasSubstr("id=\"" + field + "-error\""));
    EXPECT_TRUE(std::regex_search(
        html,
        std::regex("id=\"" + field + "\"[^>]*aria-invalid=\"true\" aria-describedby=\"[^\"]*" +
                   field + "-error\"")))
        << html;
    EXPECT_THAT(html, HasSubstr("<a href=\"#" + field + "\">"));  // the summary links to it
  }
  EXPECT_TRUE(
      std::regex_search(html, std::regex("id=\"recipient-1-email\"[^>]*aria-invalid=\"false\"")));
  EXPECT_THAT(html, HasSubstr("Recipient 1: Enter a valid e-mail address"));
  EXPECT_THAT(html, HasSubstr("Recipient 1: This enterprise number is not valid."));
  EXPECT_THAT(html, HasSubstr("Recipient 2: Enter the recipient’s name."));
  EXPECT_THAT(html, HasSubstr("Enter a subject."));
  EXPECT_THAT(html, HasSubstr("Add at least one attachment."));
  EXPECT_THAT(html, HasSubstr("Tick the box to confirm that you checked the recipients"));
  // Nothing was submitted: no item, no rejection evidence.
  EXPECT_TRUE(SenderItemIds().empty());
}

TEST_F(WebPagesTest, ARefusedSubmissionIsExplainedWithItsProof) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  Form form = ValidItem(emile, "Not really a PDF");
  form.files[0].data = "this is plain text under a .pdf name";
  Response r = PostCompose(emile, form, "?lang=en");
  ASSERT_EQ(r.status, 422) << r.Describe();
  EXPECT_THAT(r.body, HasSubstr("sealpost refused this item: An attachment is of a type"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex("href=\"(/outbox/[0-9a-f-]{36})\"")));
  EXPECT_THAT(r.body, HasSubstr("value=\"Not really a PDF\"")) << "the form keeps the input";

  // The refusal is an item of the outbox, with its sealed proof.
  Response item = Page(emile, m[1].str() + "?lang=en");
  ASSERT_EQ(item.status, 200) << item.Describe();
  EXPECT_THAT(item.body, HasSubstr("This item was refused"));
  EXPECT_THAT(item.body, HasSubstr("(reason code RA05)"));
  ASSERT_TRUE(
      std::regex_search(item.body, m, std::regex("href=\"(/outbox/[^\"]+/evidence/[^\"]+)\"")));
  Response xml = Page(emile, m[1]);
  EXPECT_EQ(xml.status, 200);
  EXPECT_THAT(xml.body, HasSubstr("SubmissionRejection"));
  Response refused = Page(emile, "/outbox?state=rejected");
  EXPECT_THAT(refused.body, HasSubstr("Not really a PDF"));
}

TEST_F(WebPagesTest, FormsRefuseAWrongCsrfToken) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  Form forged = ValidItem(emile, "Forged");
  forged.fields[0].second = "0000" + emile.csrf.substr(4);
  Response r = PostCompose(emile, forged);
  EXPECT_EQ(r.status, 403) << r.Describe();
  EXPECT_THAT(r.Header("content-type"), HasSubstr("text/html"));
  EXPECT_TRUE(SenderItemIds().empty());

  json submitted = SubmitToDemoRecipient("For the inbox", SmallPdf());
  const std::string delivery = submitted["deliveries"][0]["id"];
  BrowserSession jan = ActingFor(kJan, "Demo Recipient BV");
  EXPECT_EQ(PostForm(jan, "/inbox/" + delivery + "/open", "csrf=" + emile.csrf).status, 403);
  EXPECT_EQ(PostForm(jan, "/inbox/" + delivery + "/open", "").status, 403);
  EXPECT_FALSE(HandedOver(submitted["id"])) << "no hand-over without the token";
}

TEST_F(WebPagesTest, OpeningIsAPostAndTheOnlyWayToAHandOver) {
  FilePart pdf = SmallPdf("notice.pdf");
  pdf.data += std::string("\0\x01\xff binary tail", 15);
  json submitted = SubmitToDemoRecipient("Opening is a POST", pdf);
  const std::string item_id = submitted["id"];
  const std::string delivery = submitted["deliveries"][0]["id"];
  BrowserSession jan = ActingFor(kJan, "Demo Recipient BV");

  Response inbox = Page(jan, "/inbox?lang=en");
  ASSERT_EQ(inbox.status, 200) << inbox.Describe();
  EXPECT_THAT(inbox.body, HasSubstr("1 item to open"));
  EXPECT_THAT(inbox.body, HasSubstr("href=\"/inbox/" + delivery + "\""));
  EXPECT_THAT(inbox.body, Not(HasSubstr("Opening is a POST"))) << "the subject waits for opening";

  // Looking at the item (as a link prefetcher would) hands nothing over.
  Response before = Page(jan, "/inbox/" + delivery + "?lang=en");
  ASSERT_EQ(before.status, 200) << before.Describe();
  EXPECT_THAT(before.body, HasSubstr("action=\"/inbox/" + delivery + "/open\""));
  EXPECT_THAT(before.body, HasSubstr("proof of receipt"));
  EXPECT_THAT(before.body, Not(HasSubstr("Opening is a POST")));
  EXPECT_EQ(Page(jan, "/inbox/" + delivery + "/proof-bundle").status, 200);
  EXPECT_FALSE(HandedOver(item_id));

  Response opened = PostForm(jan, "/inbox/" + delivery + "/open", "csrf=" + jan.csrf);
  ASSERT_EQ(opened.status, 303) << opened.Describe();
  EXPECT_EQ(opened.Header("location"), "/inbox/" + delivery);
  EXPECT_TRUE(HandedOver(item_id));

  Response after = Page(jan, "/inbox/" + delivery + "?lang=en");
  ASSERT_EQ(after.status, 200) << after.Describe();
  EXPECT_THAT(after.body, HasSubstr("Opening is a POST"));
  EXPECT_THAT(after.body, HasSubstr("Content handed over to the recipient (proof of receipt)"));
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(after.body, m, std::regex("href=\"(/inbox/[^\"]+/attachments/[^\"]+)\"")));
  Response file = Page(jan, m[1]);
  ASSERT_EQ(file.status, 200) << file.Describe();
  EXPECT_EQ(file.body, pdf.data) << "byte for byte";
  EXPECT_THAT(file.Header("content-disposition"), HasSubstr("notice.pdf"));

  // Opening again changes nothing and records nothing.
  const auto events = EvidenceEvents(item_id, sender()).size();
  EXPECT_EQ(PostForm(jan, "/inbox/" + delivery + "/open", "csrf=" + jan.csrf).status, 303);
  EXPECT_EQ(EvidenceEvents(item_id, sender()).size(), events);
}

TEST_F(WebPagesTest, AMemberWhoMayNotSendGetsAForbiddenPage) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  BrowserSession an = ActingFor(kAn, "Demo Sender NV");
  EXPECT_EQ(Page(an, "/compose").status, 200) << "a sender may";
  // An may follow items but not take over received ones.
  Response inbox = Page(an, "/inbox");
  EXPECT_EQ(inbox.status, 403) << inbox.Describe();

  std::string an_id;
  json members = client().Raw("GET", "/api/v1/members", "", "", emile.Headers(false)).Json();
  for (const auto& m : members["items"]) {
    if (m["name"] == "An Peeters") an_id = m["person_id"];
  }
  ASSERT_FALSE(an_id.empty()) << members.dump();
  std::vector<std::string> headers = emile.Headers(true);
  headers.push_back("Content-Type: application/json");
  Response changed = client().Raw("PUT", "/api/v1/members/" + an_id, "",
                                  json{{"roles", {"accountant"}}}.dump(), headers);
  ASSERT_EQ(changed.status, 200) << changed.Describe();

  Response compose = Page(an, "/compose?lang=en");
  EXPECT_EQ(compose.status, 403) << compose.Describe();
  EXPECT_THAT(compose.Header("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(compose.body, HasSubstr("You may not send registered items for this account."));
  EXPECT_EQ(PostCompose(an, ValidItem(an, "Not allowed")).status, 403);
  EXPECT_EQ(Page(an, "/outbox").status, 403);
  EXPECT_EQ(Page(an, "/compose/recipient-status?enterprise_number=0566988259").status, 403);
  EXPECT_TRUE(SenderItemIds().empty());
}

TEST_F(WebPagesTest, AnotherAccountsItemIsNotFoundExactlyLikeAMissingOne) {
  json submitted = SubmitToDemoRecipient("Not yours", SmallPdf());
  const std::string item_id = submitted["id"];
  const std::string delivery = submitted["deliveries"][0]["id"];
  const std::string missing = "6f1b3a52-0c1e-4f7e-9a57-2b8d4f4d1c90";
  // Jan administers the recipient company: it may read its own items, not the sender's.
  BrowserSession jan = ActingFor(kJan, "Demo Recipient BV");
  // Émile acting for himself is a third party to the delivery.
  BrowserSession emile = SignInAsDemoCitizen(client(), kEmile);

  auto main_of = [](const Response& r, const std::string& id) {
    const auto from = r.body.find("<main");
    const auto to = r.body.find("</main>");
    std::string main = r.body.substr(from, to - from);
    return std::regex_replace(main, std::regex(id), "ID");
  };
  for (const BrowserSession* who : {&jan, &emile}) {
    for (const std::string suffix : {"", "/proof-bundle"}) {
      Response theirs = Page(*who, "/outbox/" + item_id + suffix);
      Response none = Page(*who, "/outbox/" + missing + suffix);
      EXPECT_EQ(theirs.status, 404) << theirs.Describe();
      EXPECT_EQ(none.status, 404);
      EXPECT_EQ(main_of(theirs, item_id), main_of(none, missing));
    }
  }
  Response evidence = client().Get("/api/v1/items/" + item_id + "/evidence", sender());
  const std::string evidence_id = evidence.Json()["items"][0]["id"];
  EXPECT_EQ(Page(emile, "/outbox/" + item_id + "/evidence/" + evidence_id).status, 404);
  // The recipient's deliveries are in its inbox, never someone else's.
  EXPECT_EQ(Page(emile, "/inbox/" + delivery).status, 404);
  EXPECT_EQ(PostForm(emile, "/inbox/" + delivery + "/open", "csrf=" + emile.csrf).status, 404);
  EXPECT_EQ(Page(emile, "/inbox/" + delivery + "/evidence/" + evidence_id).status, 404);
  EXPECT_FALSE(HandedOver(item_id));
}

TEST_F(WebPagesTest, PagesAnswerInTheAskedLanguage) {
  json submitted = SubmitToDemoRecipient("Taal", SmallPdf());
  const std::string delivery = submitted["deliveries"][0]["id"];
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  BrowserSession jan = ActingFor(kJan, "Demo Recipient BV");
  struct Case {
    const BrowserSession* who;
    std::string path;
    std::string lang;
    std::string phrase;
  };
  const std::vector<Case> cases = {
      {&emile, "/outbox", "nl", "Verzonden zendingen"},
      {&emile, "/outbox", "fr", "Envois expédiés"},
      {&emile, "/outbox", "de", "Gesendete Sendungen"},
      {&emile, "/compose", "fr", "Expédier un envoi recommandé"},
      {&emile, "/compose", "de", "Ein Einschreiben versenden"},
      {&emile, "/compose", "nl", "Een aangetekende zending versturen"},
      {&emile, "/outbox/" + submitted["id"].get<std::string>(), "de",
       "Sendung in den Posteingang des Empfängers gelegt"},
      {&jan, "/inbox", "fr", "1 envoi à ouvrir"},
      {&jan, "/inbox/" + delivery, "nl", "De zending openen"},
      {&jan, "/inbox/" + delivery, "de", "Die Sendung öffnen"},
  };
  const std::regex leaked(R"((\{\{|\bt_[a-z]+_|\b(items|compose|outbox|inbox)\.[a-z_]+\.[a-z_]))");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path + " " + c.lang);
    Response r = Page(*c.who, c.path + "?lang=" + c.lang);
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_THAT(r.body, HasSubstr("<html lang=\"" + c.lang + "\">"));
    EXPECT_EQ(r.Header("content-language"), c.lang);
    EXPECT_THAT(r.body, HasSubstr(c.phrase));
    EXPECT_FALSE(std::regex_search(r.body, leaked)) << r.body;
  }
}

TEST_F(WebPagesTest, TheRecipientStatusEndpointTellsWhetherARecipientIsRegistered) {
  BrowserSession emile = ActingFor(kEmile, "Demo Sender NV");
  auto ask = [&](const std::string& query) {
    return Page(emile, "/compose/recipient-status?" + query);
  };
  Response company = ask("enterprise_number=0566.988.259");
  ASSERT_EQ(company.status, 200) << company.Describe();
  EXPECT_EQ(company.Json(), json({{"registered", true}}));
  EXPECT_EQ(ask("email=recipient%40demo.sealpost.test&name=Demo+Recipient+BV").Json(),
            json({{"registered", true}}));
  EXPECT_EQ(ask("email=nobody%40example.org&name=Nobody").Json(), json({{"registered", false}}));
  EXPECT_EQ(ask("enterprise_number=0403.019.261").Json(), json({{"registered", false}}));
  Response invalid = ask("enterprise_number=0566.988.258");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.Json()["error"], "invalid_argument");
}

}  // namespace
}  // namespace sealpost::integration

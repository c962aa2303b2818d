// The company subscription procedure end to end (PRODUCT.md §3, issue 6), black box against the
// demo binary: a new company's admin fills in the request, downloads the approval form, signs it
// with a certificate of the demo PKI shaped like a Belgian eID signature certificate, uploads it
// with a KBO extract and submits; the demo operator reviews the signature report and a document,
// refuses with a reason (the requester gets the e-mail), the requester submits again, the operator
// approves, and a key of the company can now send. Also the paper path, and that the back office
// is invisible to anyone but operators.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "adapters/crypto/pem.hpp"
#include "adapters/pdf/pades_sealer.hpp"
#include "common/clock.hpp"
#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kJurgen = "62.11.03-157.65";
constexpr const char* kSophie = "78.05.22-246.88";
constexpr const char* kEmile = "85.07.30-033.28";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x01');

class SubscriptionFlowTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Call(const BrowserSession& s, const std::string& method, const std::string& path,
                const json& body = nullptr) {
    std::vector<std::string> headers = s.Headers(method != "GET");
    headers.push_back("Content-Type: application/json");
    return client().Raw(method, path, "", body.is_null() ? "" : body.dump(), headers);
  }

  // A new company opened by `citizen`, who then acts for it.
  BrowserSession NewCompanyAdmin(const std::string& citizen, const std::string& number,
                                 const std::string& name) {
    BrowserSession s = SignInAsDemoCitizen(client(), citizen);
    Response created =
        Call(s, "POST", "/api/v1/companies",
             {{"enterprise_number", number}, {"name", name}, {"email", "info@company.example"}});
    EXPECT_EQ(created.status, 201) << created.Describe();
    ActForCompany(client(), s, name);
    return s;
  }

  // A browser's multipart form: the csrf field, the text fields, then one file.
  Response Upload(const BrowserSession& s, const std::string& path,
                  const std::vector<std::pair<std::string, std::string>>& fields,
                  const std::string& file_field, const std::string& file_name,
                  const std::string& content) {
    const std::string boundary = "----sealpostTestBoundary7MA4YWxkTrZu0gW";
    std::string body;
    auto part = [&](const std::string& name, const std::string& value) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    };
    part("csrf", s.csrf);
    for (const auto& [name, value] : fields) part(name, value);
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file_field +
            "\"; filename=\"" + file_name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
            content + "\r\n";
    body += "--" + boundary + "--\r\n";
    std::vector<std::string> headers = s.Headers(true);
    headers.push_back("Content-Type: multipart/form-data; boundary=" + boundary);
    return client().Raw("POST", path, "", body, headers);
  }

  // Signs `pdf` like a citizen's signing application, with a certificate issued by the demo CA
  // carrying `serial_number` (the national number) and `common_name`.
  std::string SignAsCitizen(const std::string& pdf, const std::string& common_name,
                            const std::string& serial_number) {
    const std::filesystem::path dir = work_dir() / ("signer-" + serial_number);
    std::filesystem::create_directories(dir);
    const std::string key = (dir / "key.pem").string(), csr = (dir / "req.csr").string(),
                      cert = (dir / "cert.pem").string(), ext = (dir / "ext.cnf").string();
    WriteFile(ext, "keyUsage=critical,nonRepudiation\n");
    const std::string pki = (data_dir() / "pki").string();
    CommandResult request =
        RunCommand("openssl req -new -newkey rsa:2048 -nodes -utf8 -keyout " + ShellQuote(key) +
                   " -out " + ShellQuote(csr) + " -subj " +
                   ShellQuote("/C=BE/CN=" + common_name + "/serialNumber=" + serial_number));
    EXPECT_EQ(request.exit_code, 0) << request.output;
    CommandResult issue = RunCommand(
        "openssl x509 -req -in " + ShellQuote(csr) + " -CA " + ShellQuote(pki + "/ca.pem") +
        " -CAkey " + ShellQuote(pki + "/ca-key.pem") + " -set_serial 0x5e1d -days 30 -extfile " +
        ShellQuote(ext) + " -out " + ShellQuote(cert));
    EXPECT_EQ(issue.exit_code, 0) << issue.output;
    auto certificate = adapters::crypto::CertificateFromPem(ReadFile(cert));
    auto private_key = adapters::crypto::PrivateKeyFromPem(ReadFile(key));
    if (!certificate || !private_key) {
      ADD_FAILURE() << "no signer certificate";
      return "";
    }
    static common::SystemClock clock;
    auto signer =
        adapters::pdf::PadesPdfSealer::Create(std::move(*private_key), std::move(*certificate), {},
                                              nullptr, clock, {"Approved", "Eupen", ""});
    if (!signer) {
      ADD_FAILURE() << signer.error().ToString();
      return "";
    }
    auto signed_pdf = (*signer)->Seal(pdf);
    if (!signed_pdf) {
      ADD_FAILURE() << signed_pdf.error().ToString();
      return "";
    }
    return *signed_pdf;
  }

  std::string RequestIdInQueue(const BrowserSession& operator_session, const std::string& name) {
    Response queue = operator_session.Get(client(), "/operator/subscriptions?lang=en");
    EXPECT_EQ(queue.status, 200) << queue.Describe();
    EXPECT_THAT(queue.body, HasSubstr(name));
    std::smatch m;
    static const std::regex href("/operator/subscriptions/([0-9a-f-]{36})");
    if (!std::regex_search(queue.body, m, href)) return "";
    return m[1];
  }
};

TEST_F(SubscriptionFlowTest, ACompanyIsApprovedAfterARefusalAndCanThenSend) {
  BrowserSession jurgen = NewCompanyAdmin(kJurgen, "0417.497.106", "Müller Bau GmbH");
  Response page = jurgen.Get(client(), "/account/subscription?lang=en");
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.body, HasSubstr("0417.497.106"));
  EXPECT_THAT(page.body, HasSubstr("Müller Bau GmbH")) << "prefilled from the company account";

  // A wrong national number comes back beside its field, with the input kept.
  const std::string form = "csrf=" + jurgen.csrf +
                           "&company_name=M%C3%BCller+Bau+GmbH"
                           "&company_address=Kirchstra%C3%9Fe+1%0D%0A4700+Eupen"
                           "&representative_name=J%C3%BCrgen+M%C3%BCller"
                           "&contact_email=jm%40mueller-bau.example&contact_phone=";
  Response bad = jurgen.PostForm(client(), "/account/subscription?lang=en",
                                 form + "&representative_national_number=62.11.03-157.66");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("This value is not valid."));
  EXPECT_THAT(bad.body, HasSubstr("62.11.03-157.66"));
  Response saved = jurgen.PostForm(client(), "/account/subscription?lang=en",
                                   form + "&representative_national_number=62.11.03-157.65");
  ASSERT_EQ(saved.status, 303) << saved.Describe();

  Response pdf = jurgen.Get(client(), "/account/subscription/approval-form.pdf?lang=en");
  ASSERT_EQ(pdf.status, 200) << pdf.Describe();
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  ASSERT_TRUE(pdf.body.starts_with("%PDF-"));

  // Uploads are sniffed: a text file is not a KBO extract, an image is no signed form.
  EXPECT_EQ(Upload(jurgen, "/account/subscription/documents?lang=en", {{"kind", "kbo_extract"}},
                   "document", "kbo.pdf", "just text")
                .status,
            422);
  Response not_pdf = Upload(jurgen, "/account/subscription/documents?lang=en",
                            {{"kind", "signed_form"}}, "document", "form.pdf", kPng);
  EXPECT_EQ(not_pdf.status, 422);
  EXPECT_THAT(not_pdf.body, HasSubstr("must be a PDF file"));

  const std::string signed_form =
      SignAsCitizen(pdf.body, "Jürgen Müller (Signature)", "62110315765");
  ASSERT_FALSE(signed_form.empty());
  ASSERT_EQ(Upload(jurgen, "/account/subscription/documents", {{"kind", "signed_form"}}, "document",
                   "approval-signed.pdf", signed_form)
                .status,
            303);
  ASSERT_EQ(Upload(jurgen, "/account/subscription/documents", {{"kind", "kbo_extract"}}, "document",
                   "kbo.png", kPng)
                .status,
            303);
  ASSERT_EQ(jurgen.PostForm(client(), "/account/subscription/submit", "csrf=" + jurgen.csrf).status,
            303);
  EXPECT_THAT(jurgen.Get(client(), "/account/subscription?lang=en").body,
              HasSubstr("submitted for review"));

  // The back office does not exist for the requester.
  EXPECT_EQ(jurgen.Get(client(), "/operator/subscriptions").status, 404);

  BrowserSession sophie = SignInAsDemoCitizen(client(), kSophie);
  const std::string id = RequestIdInQueue(sophie, "Müller Bau GmbH");
  ASSERT_FALSE(id.empty());
  Response detail = sophie.Get(client(), "/operator/subscriptions/" + id + "?lang=en");
  ASSERT_EQ(detail.status, 200) << detail.Describe();
  EXPECT_THAT(detail.body, HasSubstr("data-verdict=\"valid\""));
  EXPECT_THAT(detail.body, HasSubstr("the signer is a declared representative"));
  EXPECT_THAT(detail.body, HasSubstr("62.11.03-157.65"));
  EXPECT_THAT(detail.body, Not(HasSubstr("signature-flag")));
  std::smatch m;
  const std::string body = detail.body;
  ASSERT_TRUE(std::regex_search(body, m,
                                std::regex("(/operator/subscriptions/[0-9a-f-]{36}/"
                                           "documents/[0-9a-f-]{36})")));
  Response document = sophie.Get(client(), m[1]);
  ASSERT_EQ(document.status, 200) << document.Describe();
  EXPECT_EQ(document.Header("content-type"), "application/pdf");
  EXPECT_THAT(document.Header("content-disposition"), HasSubstr("inline"));
  EXPECT_EQ(document.body, signed_form) << "decrypted exactly as uploaded";

  // Refused with a reason: the requester is told by e-mail and on the page.
  const std::string reason = "Please add the Official Gazette publication of the statutes.";
  ASSERT_EQ(sophie
                .PostForm(client(), "/operator/subscriptions/" + id + "/refuse",
                          "csrf=" + sophie.csrf +
                              "&reason=Please+add+the+Official+Gazette+publication+of+the+"
                              "statutes.")
                .status,
            303);
  const std::string refusal = MailTo("jm@mueller-bau.example", "Official Gazette publication");
  EXPECT_THAT(refusal, HasSubstr("needs a correction"));
  EXPECT_THAT(jurgen.Get(client(), "/account/subscription?lang=en").body, HasSubstr(reason));
  ASSERT_EQ(Upload(jurgen, "/account/subscription/documents", {{"kind", "gazette"}}, "document",
                   "statutes.png", kPng)
                .status,
            303);

  // Before approval the company's keys cannot send.
  Response key = Call(jurgen, "POST", "/api/v1/api-keys", {{"label", "ERP"}, {"scopes", {"send"}}});
  ASSERT_EQ(key.status, 201) << key.Describe();
  const std::string secret = key.Json()["secret"];
  // Refused as a submission the sender may not make (an EN 319 522 rejection, not a 403).
  EXPECT_EQ(client().Submit(secret, DemoItemJson("Before approval"), {SmallPdf()}).status, 422);

  ASSERT_EQ(jurgen.PostForm(client(), "/account/subscription/submit", "csrf=" + jurgen.csrf).status,
            303);
  ASSERT_EQ(
      sophie.PostForm(client(), "/operator/subscriptions/" + id + "/approve", "csrf=" + sophie.csrf)
          .status,
      303);
  EXPECT_THAT(MailTo("jm@mueller-bau.example", "is approved"), HasSubstr("Müller Bau GmbH"));
  EXPECT_THAT(jurgen.Get(client(), "/account/subscription?lang=en").body,
              HasSubstr("The subscription is approved"));
  // Approved: the only thing left between the company and sending is paying for it.
  Response unpaid = client().Submit(secret, DemoItemJson("After approval"), {SmallPdf()});
  EXPECT_EQ(unpaid.status, 402) << unpaid.Describe();
  CommandResult plan = RunCommand(std::string(SEALPOST_BINARY) +
                                  " admin set-billing-plan 0417497106 postpaid --credit-limit 100 "
                                  "--demo --data " +
                                  ShellQuote(data_dir().string()));
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  Response sent = client().Submit(secret, DemoItemJson("After approval"), {SmallPdf()});
  EXPECT_EQ(sent.status, 201) << sent.Describe();
}

TEST_F(SubscriptionFlowTest, AFormSignedByAnotherPersonIsFlaggedForTheOperator) {
  BrowserSession jurgen = NewCompanyAdmin(kJurgen, "0812.345.603", "Eupener Druck AG");
  ASSERT_EQ(jurgen
                .PostForm(client(), "/account/subscription",
                          "csrf=" + jurgen.csrf +
                              "&company_name=Eupener+Druck+AG&company_address=Rathausplatz+1"
                              "&representative_name=J%C3%BCrgen+M%C3%BCller"
                              "&representative_national_number=62110315765"
                              "&contact_email=druck%40example.be")
                .status,
            303);
  Response pdf = jurgen.Get(client(), "/account/subscription/approval-form.pdf");
  ASSERT_EQ(pdf.status, 200);
  const std::string other = SignAsCitizen(pdf.body, "Emile Dupont (Signature)", "85073003328");
  ASSERT_EQ(Upload(jurgen, "/account/subscription/documents", {{"kind", "signed_form"}}, "document",
                   "form.pdf", other)
                .status,
            303);
  ASSERT_EQ(jurgen.PostForm(client(), "/account/subscription/submit", "csrf=" + jurgen.csrf).status,
            303)
      << "a mismatch does not block the submission";
  BrowserSession sophie = SignInAsDemoCitizen(client(), kSophie);
  const std::string id = RequestIdInQueue(sophie, "Eupener Druck AG");
  Response detail = sophie.Get(client(), "/operator/subscriptions/" + id + "?lang=en");
  EXPECT_THAT(detail.body, HasSubstr("signature-flag"));
  EXPECT_THAT(detail.body, HasSubstr("not one of the declared representatives"));
}

TEST_F(SubscriptionFlowTest, ThePaperPathWaitsForTheScanThenIsApproved) {
  BrowserSession jurgen = NewCompanyAdmin(kJurgen, "0428.759.497", "Papier Müller BV");
  ASSERT_EQ(jurgen
                .PostForm(client(), "/account/subscription?lang=en",
                          "csrf=" + jurgen.csrf +
                              "&company_name=Papier+M%C3%BCller+BV&company_address=Wetstraat+2"
                              "&representative_name=J%C3%BCrgen+M%C3%BCller"
                              "&contact_email=papier%40example.be")
                .status,
            303);
  ASSERT_EQ(jurgen.PostForm(client(), "/account/subscription/paper", "csrf=" + jurgen.csrf).status,
            303);
  EXPECT_THAT(jurgen.Get(client(), "/account/subscription?lang=en").body,
              HasSubstr("waiting for the posted form"));

  // Someone else than an operator is told there is nothing here.
  BrowserSession emile = SignInAsDemoCitizen(client(), kEmile);
  EXPECT_EQ(emile.Get(client(), "/operator/subscriptions").status, 404);

  BrowserSession sophie = SignInAsDemoCitizen(client(), kSophie);
  const std::string id = RequestIdInQueue(sophie, "Papier Müller BV");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(
      sophie.PostForm(client(), "/operator/subscriptions/" + id + "/approve", "csrf=" + sophie.csrf)
          .status,
      409)
      << "not before the paper arrived";
  ASSERT_EQ(Upload(sophie, "/operator/subscriptions/" + id + "/paper", {}, "scan", "scan.png", kPng)
                .status,
            303);
  Response detail = sophie.Get(client(), "/operator/subscriptions/" + id + "?lang=en");
  EXPECT_THAT(detail.body, HasSubstr("scan of the posted file"));
  ASSERT_EQ(
      sophie.PostForm(client(), "/operator/subscriptions/" + id + "/approve", "csrf=" + sophie.csrf)
          .status,
      303);
  EXPECT_THAT(MailTo("papier@example.be", "is approved"), HasSubstr("Papier Müller BV"));
  json me = Call(jurgen, "GET", "/api/v1/account").Json();
  EXPECT_THAT(me.dump(), HasSubstr("\"can_send\":true"));
}

}  // namespace
}  // namespace sealpost::integration

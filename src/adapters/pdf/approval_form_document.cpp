#include "adapters/pdf/approval_form_document.hpp"

#include "adapters/pdf/evidence_certificate_document.hpp"
#include "domain/belgian_identifiers.hpp"

namespace sealpost::adapters::pdf {

namespace {

// "0403.019.261" for ten digits; anything else as it is (the renderer prints, it does not judge).
std::string EnterpriseNumberText(const std::string& digits) {
  if (digits.size() != 10) return digits;
  return domain::EnterpriseNumber{digits}.Formatted();
}

std::string NationalNumberText(const std::string& digits) {
  if (digits.size() != 11) return digits;
  return domain::NationalNumber{digits}.Formatted();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    if (!out.empty()) out += "\n";
    out += line;
  }
  return out;
}

}  // namespace

std::string ApprovalSignatureFieldName(std::size_t index) {
  return "representative_" + std::to_string(index + 1);
}

app::PdfDocument ComposeApprovalFormDocument(const app::ApprovalFormContent& content,
                                             ui::Language language,
                                             const ui::Translator& translator) {
  auto T = [&](std::string_view key, const ui::MessageArgs& args = {}) {
    return translator.Text(language, key, args);
  };
  const std::string enterprise_number = EnterpriseNumberText(content.enterprise_number);
  const std::string date =
      translator.formatter(language).FormatDateTime({content.issued_at, ui::DateTimeStyle::kDate});
  const ui::MessageArgs provider = {{"provider", content.provider_name}};

  app::PdfDocument d;
  d.title = T("subscription.form.title");
  d.subtitle = T("subscription.form.subtitle",
                 {{"company", content.company_name}, {"enterprise_number", enterprise_number}});
  d.language = CertificateLanguageTag(language);
  d.metadata.author = content.provider_name;
  d.metadata.subject = T("subscription.form.metadata.subject", {{"company", content.company_name},
                                                                {"provider", content.provider_name},
                                                                {"reference", content.reference}});
  d.metadata.keywords = "sealpost, subscription, " + content.reference;
  d.metadata.creation_time = content.issued_at;
  d.footer = T("subscription.form.footer",
               {{"provider", content.provider_name}, {"reference", content.reference}});
  d.qr_code = app::PdfQrCode{content.reference, T("subscription.form.qr_caption")};

  d.blocks.push_back(app::PdfParagraph{T("subscription.form.intro", provider)});

  d.blocks.push_back(app::PdfHeading{T("subscription.form.section.company"), 1});
  app::PdfKeyValueTable company;
  company.rows.push_back({T("subscription.form.company.name"), content.company_name});
  company.rows.push_back({T("subscription.form.company.enterprise_number"), enterprise_number});
  company.rows.push_back(
      {T("subscription.form.company.address"), JoinLines(content.address_lines)});
  d.blocks.push_back(std::move(company));

  d.blocks.push_back(app::PdfHeading{T("subscription.form.section.request"), 1});
  app::PdfKeyValueTable request;
  request.rows.push_back({T("subscription.form.request.reference"), content.reference});
  request.rows.push_back({T("subscription.form.request.requester"), content.requester_name});
  request.rows.push_back({T("subscription.form.request.contact"),
                          JoinLines({content.contact_email, content.contact_phone})});
  request.rows.push_back({T("subscription.form.request.date"), date});
  d.blocks.push_back(std::move(request));

  d.blocks.push_back(app::PdfHeading{T("subscription.form.section.representatives"), 1});
  app::PdfTable representatives;
  representatives.columns = {
      {T("subscription.form.representatives.column.name"), 3.0, false},
      {T("subscription.form.representatives.column.national_number"), 2.0, true}};
  for (const app::ApprovalFormRepresentative& rep : content.representatives) {
    representatives.rows.push_back({rep.name, rep.national_number.empty()
                                                  ? T("subscription.form.representatives.not_given")
                                                  : NationalNumberText(rep.national_number)});
  }
  d.blocks.push_back(std::move(representatives));

  d.blocks.push_back(app::PdfHeading{T("subscription.form.section.terms"), 1});
  d.blocks.push_back(app::PdfParagraph{T("subscription.form.terms.intro")});
  for (const char* term :
       {"subscription.form.terms.1", "subscription.form.terms.2", "subscription.form.terms.3",
        "subscription.form.terms.4", "subscription.form.terms.5"}) {
    d.blocks.push_back(app::PdfParagraph{T(term, provider)});
  }
  d.blocks.push_back(
      app::PdfParagraph{T("subscription.form.declaration", {{"company", content.company_name}})});

  d.blocks.push_back(app::PdfHeading{T("subscription.form.section.signature"), 1});
  d.blocks.push_back(
      app::PdfParagraph{T("subscription.form.signature.how",
                          {{"provider", content.provider_name}, {"reference", content.reference}}),
                        true});
  const std::string caption = T("subscription.form.signature.caption");
  if (content.representatives.empty()) {
    d.blocks.push_back(app::PdfSignatureBox{ApprovalSignatureFieldName(0), caption, "", 80, 30});
  }
  for (std::size_t i = 0; i < content.representatives.size(); ++i) {
    d.blocks.push_back(app::PdfSpacer{4});
    d.blocks.push_back(app::PdfSignatureBox{ApprovalSignatureFieldName(i), caption,
                                            content.representatives[i].name, 80, 30});
  }
  return d;
}

}  // namespace sealpost::adapters::pdf

#include "adapters/pdf/evidence_certificate_document.hpp"

#include <cstdint>

#include "adapters/pdf/evidence_certificate_format.hpp"

namespace sealpost::adapters::pdf {
namespace {

// Sizes from 1 kB up also show the exact byte count: a proof states the size, not a rounding.
constexpr std::uint64_t kExactSizeFrom = 1000;

class Composer {
 public:
  Composer(const app::CertificateContent& content, ui::Language language,
           const ui::Translator& translator)
      : content_(content),
        language_(language),
        translator_(translator),
        formatter_(translator.formatter(language)) {}

  std::string T(std::string_view key, const ui::MessageArgs& args = {}) const {
    return translator_.Text(language_, key, args);
  }
  std::string Time(common::TimePoint time) const { return ProofTime(formatter_, time); }

  app::PdfKeyValueTable Item() const {
    app::PdfKeyValueTable table;
    table.rows.push_back({T("certificate.item.subject"), content_.subject});
    table.rows.push_back({T("certificate.item.submitted_at"), Time(content_.submitted_at)});
    if (!content_.events.empty()) {
      table.rows.push_back({T("certificate.item.status"),
                            EventText(translator_, language_, content_.events.back().event)});
    }
    table.rows.push_back({T("certificate.item.item_id"), content_.item_id});
    table.rows.push_back({T("certificate.item.delivery_id"), content_.delivery_id});
    return table;
  }

  app::PdfKeyValueTable Party(const app::StatedParty& party, bool is_recipient) const {
    app::PdfKeyValueTable table;
    table.rows.push_back({T("certificate.party.name"), party.name});
    if (!party.legal_person_identifier.empty()) {
      table.rows.push_back({T("certificate.party.enterprise_number"),
                            IdentifierText(party.legal_person_identifier)});
    }
    if (!party.person_identifier.empty()) {
      table.rows.push_back(
          {T("certificate.party.national_number"), IdentifierText(party.person_identifier)});
    }
    if (!party.email.empty()) table.rows.push_back({T("certificate.party.email"), party.email});
    if (!party.identified) {
      table.rows.push_back(
          {T("certificate.party.identity"), T(is_recipient ? "certificate.party.declared_by_sender"
                                                           : "certificate.party.declared")});
      return table;
    }
    table.rows.push_back(
        {T("certificate.party.identity"),
         T("certificate.party.identified", {{"provider", content_.provider_name}})});
    table.rows.push_back({T("certificate.party.level_of_assurance"),
                          LevelOfAssuranceText(translator_, language_, party.level_of_assurance)});
    if (!party.authentication_method.empty()) {
      const std::string method =
          AuthenticationMethodText(translator_, language_, party.authentication_method);
      table.rows.push_back(
          {T("certificate.party.authentication"),
           party.authentication_time
               ? T("certificate.party.authentication_value",
                   {{"method", method}, {"time", Time(*party.authentication_time)}})
               : method});
    }
    return table;
  }

  app::PdfTable Events() const {
    app::PdfTable table;
    table.columns = {{T("certificate.events.column.event"), 2.4, false},
                     {T("certificate.events.column.time"), 2.2, false},
                     {T("certificate.events.column.evidence"), 2.0, true}};
    for (const auto& e : content_.events) {
      std::string what = EventText(translator_, language_, e.event) + "\n" +
                         std::string(domain::EventName(e.event));
      if (!e.reason_code.empty()) {
        what += "\n" + T("certificate.events.reason",
                         {{"code", e.reason_code}, {"details", e.reason_details}});
      }
      table.rows.push_back({std::move(what), Time(e.time_stamped_at), e.evidence_id});
    }
    return table;
  }

  app::PdfTable Attachments() const {
    app::PdfTable table;
    // Wide enough for a whole SHA-256 (64 monospace digits) on one line: it is compared by eye,
    // and pango marks a break between two letters with a hyphen that is not part of the digest.
    table.columns = {{T("certificate.attachments.column.name"), 1.0, false},
                     {T("certificate.attachments.column.size"), 0.8, false},
                     {T("certificate.attachments.column.sha256"), 4.4, true}};
    for (const auto& a : content_.attachments) {
      std::string size = formatter_.FormatFileSize({a.size});
      if (a.size >= kExactSizeFrom) {
        size = T("certificate.attachments.exact_size",
                 {{"size", size}, {"bytes", static_cast<std::int64_t>(a.size)}});
      }
      table.rows.push_back({a.file_name, std::move(size), a.sha256});
    }
    return table;
  }

 private:
  const app::CertificateContent& content_;
  const ui::Language language_;
  const ui::Translator& translator_;
  const ui::Formatter& formatter_;
};

}  // namespace

std::string CertificateLanguageTag(ui::Language language) {
  switch (language) {
    case ui::Language::kNl:
      return "nl-BE";
    case ui::Language::kFr:
      return "fr-BE";
    case ui::Language::kEn:
      return "en";
    case ui::Language::kDe:
      return "de-BE";
  }
  return "nl-BE";
}

app::PdfDocument ComposeCertificateDocument(const app::CertificateContent& content,
                                            ui::Language language, const ui::Translator& translator,
                                            const std::string& verification_url) {
  const Composer c(content, language, translator);
  const ui::MessageArgs provider = {{"provider", content.provider_name}};
  app::PdfDocument d;
  d.title = c.T("certificate.title");
  d.subtitle = c.T("certificate.subtitle",
                   {{"sender", content.sender.name}, {"recipient", content.recipient.name}});
  d.language = CertificateLanguageTag(language);
  d.metadata.author = content.provider_name;
  d.metadata.subject = c.T("certificate.metadata.subject", {{"delivery_id", content.delivery_id}});
  d.metadata.keywords = "eIDAS, ERDS, ETSI EN 319 522, evidence";
  d.metadata.creation_time = content.issued_at;
  d.footer = c.T("certificate.footer",
                 {{"provider", content.provider_name}, {"time", c.Time(content.issued_at)}});
  d.qr_code = app::PdfQrCode{verification_url, c.T("certificate.qr_caption")};

  d.blocks.push_back(app::PdfParagraph{c.T("certificate.intro", provider)});
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.item"), 1});
  d.blocks.push_back(c.Item());
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.sender"), 1});
  d.blocks.push_back(c.Party(content.sender, false));
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.recipient"), 1});
  d.blocks.push_back(c.Party(content.recipient, true));
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.events"), 1});
  d.blocks.push_back(app::PdfParagraph{c.T("certificate.events.intro"), true});
  d.blocks.push_back(c.Events());
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.attachments"), 1});
  if (content.attachments.empty()) {
    d.blocks.push_back(app::PdfParagraph{c.T("certificate.attachments.none")});
  } else {
    d.blocks.push_back(c.Attachments());
    d.blocks.push_back(app::PdfParagraph{c.T("certificate.attachments.note"), true});
  }
  d.blocks.push_back(app::PdfHeading{c.T("certificate.section.verification"), 1});
  d.blocks.push_back(app::PdfParagraph{
      c.T("certificate.verification.seal",
          {{"provider", content.provider_name},
           {"count", static_cast<std::int64_t>(content.evidence_files.size())}})});
  d.blocks.push_back(
      app::PdfParagraph{c.T("certificate.verification.where", {{"url", verification_url}})});
  return d;
}

}  // namespace sealpost::adapters::pdf

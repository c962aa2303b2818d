#include "app/usecases/subscription_requests.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/person_account.hpp"
#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"
#include "domain/subscription_request_state.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using domain::SubscriptionEvent;

constexpr std::string_view kLoaSubstantial = "http://eidas.europa.eu/LoA/substantial";
constexpr long kMaxNameLength = 200;
constexpr long kMaxAddressLength = 500;
constexpr long kMaxPhoneLength = 40;

std::string Trimmed(std::string_view text) { return std::string(common::TrimAscii(text)); }

// CRLF → LF, each line trimmed, blank lines dropped.
std::string NormalizedAddress(std::string_view text) {
  std::string out, line;
  auto flush = [&] {
    const std::string trimmed = Trimmed(line);
    if (!trimmed.empty()) out += (out.empty() ? "" : "\n") + trimmed;
    line.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
    } else if (c != '\r') {
      line += c;
    }
  }
  flush();
  return out;
}

bool PrintableUpTo(std::string_view text, long max) {
  const long length = common::PrintableUtf8Length(text);
  return length >= 0 && length <= max;
}

std::vector<SubscriptionDraft::Representative> FilledRows(const SubscriptionDraft& draft) {
  std::vector<SubscriptionDraft::Representative> rows;
  for (const auto& r : draft.representatives) {
    if (Trimmed(r.name).empty() && Trimmed(r.national_number).empty()) continue;
    rows.push_back({Trimmed(r.name), Trimmed(r.national_number)});
  }
  return rows;
}

// The person behind a web session, identified with eID or itsme.
common::Result<domain::Account> Requester(const Caller& caller, UnitOfWork& uow) {
  if (caller.ViaApiKey() || caller.person_account_id.empty() ||
      caller.account.kind != domain::AccountKind::kCompany) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "a subscription is requested by a member signed in for a company");
  }
  auto person = uow.Accounts().FindById(caller.person_account_id);
  if (!person) return common::Fail(person.error());
  if (!*person ||
      ((*person)->assurance_level != kLoaHigh && (*person)->assurance_level != kLoaSubstantial)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "a subscription is requested after identification with eID or itsme");
  }
  return **person;
}

common::Result<void> Audit(UnitOfWork& uow, const Caller& caller, common::Random& random,
                           common::TimePoint at, const domain::SubscriptionRequest& request,
                           std::string action, nlohmann::json details = nlohmann::json::object()) {
  details["request_id"] = request.id;
  details["state"] = std::string(domain::SubscriptionStateName(request.state));
  return uow.AuditLog().Append(AuditEntryFor(caller, random, at, request.company_account_id,
                                             std::move(action), details.dump()));
}

// A time after `previous`: updates are recognised by their updated_at (optimistic concurrency).
common::TimePoint After(common::TimePoint previous, common::TimePoint now) {
  return now > previous ? now : previous + std::chrono::microseconds(1);
}

// The company's request, read for a change by its requester: `read_updated_at` is what Update
// compares with (optimistic concurrency), `now` the time of the change (never before the last
// one), and a refused request becomes a draft again (audited) — correcting it is how it is
// resubmitted.
struct RequestForChange {
  SubscriptionRecord record;
  common::TimePoint read_updated_at;
  common::TimePoint now;
};

common::Result<RequestForChange> LoadForChange(const Caller& caller, UnitOfWork& uow,
                                               const common::Clock& clock, common::Random& random) {
  if (auto who = Requester(caller, uow); !who) return common::Fail(who.error());
  auto found = uow.Subscriptions().FindByCompany(caller.account.id);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(ErrorCode::kNotFound, "no subscription request yet");
  RequestForChange loaded{std::move(**found), {}, {}};
  loaded.read_updated_at = loaded.record.request.updated_at;
  loaded.now = After(loaded.read_updated_at, clock.Now());
  domain::SubscriptionRequest& r = loaded.record.request;
  if (r.state == domain::SubscriptionState::kRefused) {
    if (auto ok = domain::ApplySubscriptionEvent(r, SubscriptionEvent::kReopen,
                                                 {loaded.now, caller.ActorAccountId(), ""});
        !ok) {
      return common::Fail(ok.error());
    }
    if (auto ok = Audit(uow, caller, random, loaded.now, r, "subscription.reopened"); !ok) {
      return common::Fail(ok.error());
    }
  }
  return loaded;
}

}  // namespace

std::vector<SubscriptionFieldError> CheckSubscriptionDraft(const SubscriptionDraft& draft) {
  std::vector<SubscriptionFieldError> errors;
  const std::string name = Trimmed(draft.company_name);
  if (name.empty()) {
    errors.push_back({"company_name", "missing"});
  } else if (!PrintableUpTo(name, kMaxNameLength)) {
    errors.push_back({"company_name", "invalid"});
  }
  const std::string address = NormalizedAddress(draft.company_address);
  bool address_ok = address.size() <= static_cast<std::size_t>(kMaxAddressLength);
  std::size_t start = 0;
  while (address_ok && start <= address.size() && !address.empty()) {
    const std::size_t end = std::min(address.find('\n', start), address.size());
    address_ok = PrintableUpTo(std::string_view(address).substr(start, end - start), 200);
    start = end + 1;
  }
  if (address.empty()) {
    errors.push_back({"company_address", "missing"});
  } else if (!address_ok) {
    errors.push_back({"company_address", "invalid"});
  }
  const auto rows = FilledRows(draft);
  if (rows.empty()) errors.push_back({"representatives", "missing"});
  if (rows.size() > kMaxSubscriptionRepresentatives) {
    errors.push_back({"representatives", "too_many"});
  }
  std::size_t index = 0;
  for (const auto& r : draft.representatives) {
    if (Trimmed(r.name).empty() && Trimmed(r.national_number).empty()) {
      ++index;
      continue;
    }
    const std::string prefix = "representative_" + std::to_string(index) + "_";
    if (Trimmed(r.name).empty()) {
      errors.push_back({prefix + "name", "missing"});
    } else if (!PrintableUpTo(Trimmed(r.name), kMaxNameLength)) {
      errors.push_back({prefix + "name", "invalid"});
    }
    if (!Trimmed(r.national_number).empty() &&
        !domain::NationalNumber::Parse(Trimmed(r.national_number))) {
      errors.push_back({prefix + "national_number", "invalid"});
    }
    ++index;
  }
  if (!domain::LooksLikeEmail(Trimmed(draft.contact_email))) {
    errors.push_back(
        {"contact_email", Trimmed(draft.contact_email).empty() ? "missing" : "invalid"});
  }
  if (!PrintableUpTo(Trimmed(draft.contact_phone), kMaxPhoneLength)) {
    errors.push_back({"contact_phone", "invalid"});
  }
  return errors;
}

SubscriptionRequests::SubscriptionRequests(Database& database, BlobStore& blobs,
                                           ContentCipher& cipher, ApprovalFormRenderer& forms,
                                           PdfSignatureInspector& inspector,
                                           const common::Clock& clock, common::Random& random,
                                           SubscriptionSettings settings)
    : database_(database),
      blobs_(blobs),
      cipher_(cipher),
      forms_(forms),
      inspector_(inspector),
      clock_(clock),
      random_(random),
      settings_(std::move(settings)) {}

common::Result<std::optional<SubscriptionRecord>> SubscriptionRequests::Current(
    const Caller& caller) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto who = Requester(caller, **uow); !who) return common::Fail(who.error());
  return (*uow)->Subscriptions().FindByCompany(caller.account.id);
}

common::Result<SubscriptionPrefill> SubscriptionRequests::Prefill(const Caller& caller) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto person = Requester(caller, **uow);
  if (!person) return common::Fail(person.error());
  SubscriptionPrefill prefill;
  prefill.enterprise_number = caller.account.enterprise_number;
  prefill.draft.company_name = caller.account.display_name;
  prefill.draft.contact_email = person->email;
  auto kbo = (*uow)->Kbo().Find(caller.account.enterprise_number);
  if (!kbo) return common::Fail(kbo.error());
  if (*kbo) {
    const KboRecord& k = **kbo;
    prefill.from_kbo = true;
    if (!k.name.empty()) prefill.draft.company_name = k.name;
    const bool french = k.name_language == "fr";
    const std::string& street = french && !k.address.street_fr.empty() ? k.address.street_fr
                                : k.address.street_nl.empty()          ? k.address.street_fr
                                                                       : k.address.street_nl;
    const std::string& town = french && !k.address.municipality_fr.empty()
                                  ? k.address.municipality_fr
                              : k.address.municipality_nl.empty() ? k.address.municipality_fr
                                                                  : k.address.municipality_nl;
    std::string line1 = street;
    if (!k.address.house_number.empty()) line1 += " " + k.address.house_number;
    if (!k.address.box.empty()) line1 += " " + k.address.box;
    std::string line2 = k.address.zipcode;
    if (!town.empty()) line2 += (line2.empty() ? "" : " ") + town;
    prefill.draft.company_address = NormalizedAddress(line1 + "\n" + line2);
  }
  prefill.draft.representatives.push_back({person->display_name, person->national_number});
  return prefill;
}

common::Result<SubscriptionRecord> SubscriptionRequests::Save(const Caller& caller,
                                                              const SubscriptionDraft& draft,
                                                              std::string_view language) {
  if (auto errors = CheckSubscriptionDraft(draft); !errors.empty()) {
    return common::Fail(
        ErrorCode::kInvalidArgument,
        "subscription request: " + errors.front().field + " is " + errors.front().code);
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto person = Requester(caller, **uow);
  if (!person) return common::Fail(person.error());
  auto found = (*uow)->Subscriptions().FindByCompany(caller.account.id);
  if (!found) return common::Fail(found.error());
  const common::TimePoint now = clock_.Now();
  SubscriptionRecord record;
  const bool exists = found->has_value();
  common::TimePoint read_updated_at{};
  if (exists) {
    record = std::move(**found);
    read_updated_at = record.request.updated_at;
    if (record.request.state == domain::SubscriptionState::kRefused) {
      if (auto ok = domain::ApplySubscriptionEvent(record.request, SubscriptionEvent::kReopen,
                                                   {now, caller.ActorAccountId(), ""});
          !ok) {
        return common::Fail(ok.error());
      }
      if (auto ok = Audit(**uow, caller, random_, now, record.request, "subscription.reopened");
          !ok) {
        return common::Fail(ok.error());
      }
    }
    if (!domain::IsEditable(record.request.state)) {
      return common::Fail(ErrorCode::kFailedPrecondition,
                          "the subscription request is under review or approved");
    }
  } else {
    record.request.id = common::NewUuid(random_);
    record.request.company_account_id = caller.account.id;
    record.request.enterprise_number = caller.account.enterprise_number;
    record.request.created_at = now;
  }
  domain::SubscriptionRequest& r = record.request;
  r.company_name = Trimmed(draft.company_name);
  r.company_address = NormalizedAddress(draft.company_address);
  r.requester_account_id = person->id;
  r.representatives.clear();
  for (const auto& row : FilledRows(draft)) {
    auto rep = domain::LegalRepresentative::Make(row.name, row.national_number);
    if (!rep) return common::Fail(rep.error());
    r.representatives.push_back(std::move(*rep));
  }
  r.contact_email = Trimmed(draft.contact_email);
  r.contact_phone = Trimmed(draft.contact_phone);
  record.language = std::string(language);
  r.updated_at = exists ? After(read_updated_at, now) : now;
  auto written = exists ? (*uow)->Subscriptions().Update(record, read_updated_at)
                        : (*uow)->Subscriptions().Insert(record);
  if (!written) return common::Fail(written.error());
  if (auto ok = Audit(**uow, caller, random_, now, r,
                      exists ? "subscription.updated" : "subscription.started",
                      {{"representatives", r.representatives.size()}});
      !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  return record;
}

common::Result<std::string> SubscriptionRequests::ApprovalForm(const Caller& caller,
                                                               std::string_view language) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto person = Requester(caller, **uow);
  if (!person) return common::Fail(person.error());
  auto found = (*uow)->Subscriptions().FindByCompany(caller.account.id);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(ErrorCode::kNotFound, "no subscription request yet");
  const domain::SubscriptionRequest& r = (*found)->request;
  ApprovalFormContent content;
  content.reference = r.id;
  content.provider_name = settings_.provider_name;
  content.company_name = r.company_name;
  content.enterprise_number = r.enterprise_number;
  std::size_t start = 0;
  while (start < r.company_address.size()) {
    const std::size_t end = std::min(r.company_address.find('\n', start), r.company_address.size());
    content.address_lines.push_back(r.company_address.substr(start, end - start));
    start = end + 1;
  }
  auto requester = (*uow)->Accounts().FindById(r.requester_account_id);
  if (!requester) return common::Fail(requester.error());
  content.requester_name = *requester ? (*requester)->display_name : person->display_name;
  content.contact_email = r.contact_email;
  content.contact_phone = r.contact_phone;
  for (const auto& rep : r.representatives) {
    content.representatives.push_back({rep.name, rep.national_number.value_or("")});
  }
  content.issued_at = clock_.Now();
  return forms_.Render(content, language);
}

common::Result<domain::SubscriptionDocument> SubscriptionRequests::Upload(
    const Caller& caller, const SubscriptionUpload& upload) {
  if (upload.kind == domain::SubscriptionDocumentKind::kPaperScan) {
    return common::Fail(ErrorCode::kInvalidArgument, "the paper scan is recorded by an operator");
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto loaded = LoadForChange(caller, **uow, clock_, random_);
  if (!loaded) return common::Fail(loaded.error());
  SubscriptionRecord& record = loaded->record;
  const common::TimePoint now = loaded->now;
  const common::TimePoint read_updated_at = loaded->read_updated_at;
  if (!domain::IsEditable(record.request.state)) {
    return common::Fail(ErrorCode::kFailedPrecondition,
                        "the subscription request is under review or approved");
  }
  auto stored = StoreSubscriptionDocument(cipher_, blobs_, random_, record.request.id, upload,
                                          settings_.max_document_bytes, now);
  if (!stored) return common::Fail(stored.error());
  auto& [document, blob] = *stored;
  if (upload.kind == domain::SubscriptionDocumentKind::kSignedForm) {
    for (const auto& previous : record.request.documents) {
      if (previous.kind != domain::SubscriptionDocumentKind::kSignedForm) continue;
      if (auto ok = (*uow)->Subscriptions().RemoveDocument(record.request.id, previous.id); !ok) {
        return common::Fail(ok.error());
      }
    }
    // A new form has not been checked yet.
    record.request.signature = {};
    record.signature_report_json.clear();
  }
  record.request.updated_at = After(read_updated_at, now);
  if (auto ok = (*uow)->Subscriptions().Update(record, read_updated_at); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Subscriptions().AddDocument(record.request.id, document, blob); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = Audit(**uow, caller, random_, now, record.request, "subscription.document_uploaded",
                      {{"document_id", document.id},
                       {"kind", std::string(domain::SubscriptionDocumentKindName(document.kind))},
                       {"content_type", document.content_type},
                       {"size_bytes", document.size_bytes},
                       {"sha256", document.sha256}});
      !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  return document;
}

common::Result<void> SubscriptionRequests::RemoveDocument(const Caller& caller,
                                                          const std::string& document_id) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto who = Requester(caller, **uow); !who) return common::Fail(who.error());
  auto found = (*uow)->Subscriptions().FindByCompany(caller.account.id);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(ErrorCode::kNotFound, "no subscription request yet");
  SubscriptionRecord record = std::move(**found);
  if (!domain::IsEditable(record.request.state)) {
    return common::Fail(ErrorCode::kFailedPrecondition, "the subscription request is not a draft");
  }
  const common::TimePoint now = clock_.Now();
  const common::TimePoint read_updated_at = record.request.updated_at;
  if (auto ok = (*uow)->Subscriptions().RemoveDocument(record.request.id, document_id); !ok) {
    return ok;
  }
  record.request.updated_at = After(read_updated_at, now);
  if (auto ok = (*uow)->Subscriptions().Update(record, read_updated_at); !ok) return ok;
  if (auto ok = Audit(**uow, caller, random_, now, record.request, "subscription.document_removed",
                      {{"document_id", document_id}});
      !ok) {
    return ok;
  }
  return (*uow)->Commit();
}

common::Result<SubscriptionDocumentContent> SubscriptionRequests::Document(
    const Caller& caller, const std::string& document_id) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto who = Requester(caller, **uow); !who) return common::Fail(who.error());
  auto found = (*uow)->Subscriptions().FindByCompany(caller.account.id);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(ErrorCode::kNotFound, "no subscription request yet");
  const domain::SubscriptionRequest& r = (**found).request;
  for (const auto& d : r.documents) {
    if (d.id != document_id) continue;
    auto blob = (*uow)->Subscriptions().FindDocumentBlob(r.id, d.id);
    if (!blob) return common::Fail(blob.error());
    if (!*blob) break;
    auto content = LoadSubscriptionDocument(cipher_, blobs_, r.id, d.id, **blob);
    if (!content) return common::Fail(content.error());
    return SubscriptionDocumentContent{d, std::move(*content)};
  }
  return common::Fail(ErrorCode::kNotFound, "no such document");
}

common::Result<SubscriptionRecord> SubscriptionRequests::Submit(const Caller& caller) {
  if (!caller.Can(domain::Permission::kManageCompany)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "only an administrator of the company submits the request");
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto loaded = LoadForChange(caller, **uow, clock_, random_);
  if (!loaded) return common::Fail(loaded.error());
  SubscriptionRecord& record = loaded->record;
  const common::TimePoint read_updated_at = loaded->read_updated_at;
  const common::TimePoint now = loaded->now;
  domain::SubscriptionRequest& r = record.request;
  if (r.state == domain::SubscriptionState::kDraft) r.path = domain::SubscriptionPath::kElectronic;
  const domain::SubscriptionDocument* form = nullptr;
  for (const auto& d : r.documents) {
    if (d.kind == domain::SubscriptionDocumentKind::kSignedForm) form = &d;
  }
  if (form != nullptr && domain::IsEditable(r.state)) {
    auto blob = (*uow)->Subscriptions().FindDocumentBlob(r.id, form->id);
    if (!blob) return common::Fail(blob.error());
    if (!*blob) return common::Fail(ErrorCode::kInternal, "the signed form's bytes are missing");
    auto pdf = LoadSubscriptionDocument(cipher_, blobs_, r.id, form->id, **blob);
    if (!pdf) return common::Fail(pdf.error());
    SignedFormCheck check = CheckSignedForm(inspector_, *pdf, settings_.trust_anchors_der,
                                            r.representatives, form->id, now);
    r.signature = check.summary;
    record.signature_report_json = std::move(check.report_json);
  }
  if (auto ok = domain::ApplySubscriptionEvent(r, SubscriptionEvent::kSubmitElectronically,
                                               {now, caller.ActorAccountId(), ""});
      !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Subscriptions().Update(record, read_updated_at); !ok) {
    return common::Fail(ok.error());
  }
  nlohmann::json details = {
      {"signature_verdict", std::string(domain::SignatureVerdictName(r.signature.verdict))},
      {"signer_matches_representative", r.signature.matched_representative.has_value()}};
  if (auto ok = Audit(**uow, caller, random_, now, r, "subscription.submitted", details); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  return record;
}

common::Result<SubscriptionRecord> SubscriptionRequests::ChoosePaperPath(const Caller& caller) {
  if (!caller.Can(domain::Permission::kManageCompany)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "only an administrator of the company submits the request");
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto loaded = LoadForChange(caller, **uow, clock_, random_);
  if (!loaded) return common::Fail(loaded.error());
  SubscriptionRecord& record = loaded->record;
  const common::TimePoint read_updated_at = loaded->read_updated_at;
  const common::TimePoint now = loaded->now;
  domain::SubscriptionRequest& r = record.request;
  if (auto ok = domain::ApplySubscriptionEvent(r, SubscriptionEvent::kChoosePaperPath,
                                               {now, caller.ActorAccountId(), ""});
      !ok) {
    return common::Fail(ok.error());
  }
  r.signature = {};
  record.signature_report_json.clear();
  if (auto ok = (*uow)->Subscriptions().Update(record, read_updated_at); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = Audit(**uow, caller, random_, now, r, "subscription.paper_path_chosen"); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  return record;
}

}  // namespace sealpost::app

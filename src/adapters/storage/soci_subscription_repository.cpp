#include "adapters/storage/soci_subscription_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

constexpr const char* kSelect =
    "SELECT id, company_account_id, enterprise_number, company_name, company_address, "
    "requester_account_id, language, contact_email, contact_phone, path, state, "
    "signature_verdict, signer_name, signer_national_number, signed_at, matched_representative, "
    "signature_report, refusal_reason, reviewed_by, created_at, updated_at, submitted_at, "
    "decided_at FROM subscription_requests WHERE ";

// The columns Insert and Update write, as bound values with their NULL indicators.
struct Row {
  explicit Row(const app::SubscriptionRecord& record) {
    const domain::SubscriptionRequest& r = record.request;
    path = std::string(domain::SubscriptionPathName(r.path));
    state = std::string(domain::SubscriptionStateName(r.state));
    verdict = std::string(domain::SignatureVerdictName(r.signature.verdict));
    if (r.signature.signed_at) {
      signed_at = ToMicros(*r.signature.signed_at);
      signed_at_ind = soci::i_ok;
    }
    if (r.signature.matched_representative) {
      matched = static_cast<int>(*r.signature.matched_representative);
      matched_ind = soci::i_ok;
    }
    reviewed_by_ind = r.reviewed_by.empty() ? soci::i_null : soci::i_ok;
    created_at = ToMicros(r.created_at);
    updated_at = ToMicros(r.updated_at);
    if (r.submitted_at) {
      submitted_at = ToMicros(*r.submitted_at);
      submitted_at_ind = soci::i_ok;
    }
    if (r.decided_at) {
      decided_at = ToMicros(*r.decided_at);
      decided_at_ind = soci::i_ok;
    }
  }
  std::string path, state, verdict;
  long long signed_at = 0, created_at = 0, updated_at = 0, submitted_at = 0, decided_at = 0;
  int matched = 0;
  soci::indicator signed_at_ind = soci::i_null, matched_ind = soci::i_null,
                  reviewed_by_ind = soci::i_null, submitted_at_ind = soci::i_null,
                  decided_at_ind = soci::i_null;
};

template <typename T>
common::Result<T> Parsed(std::optional<T> value, const std::string& what, const std::string& id) {
  if (!value) {
    return common::Fail(common::ErrorCode::kInternal,
                        "unknown " + what + " in subscription request " + id);
  }
  return *value;
}

}  // namespace

common::Result<void> SociSubscriptionRepository::Insert(const app::SubscriptionRecord& record) {
  return WithSavepoint(session_, "insert subscription request", [&]() -> common::Result<void> {
    const domain::SubscriptionRequest& r = record.request;
    Row row(record);
    session_ << "INSERT INTO subscription_requests (id, company_account_id, enterprise_number, "
                "company_name, company_address, requester_account_id, language, contact_email, "
                "contact_phone, path, state, signature_verdict, signer_name, "
                "signer_national_number, signed_at, matched_representative, signature_report, "
                "refusal_reason, reviewed_by, created_at, updated_at, submitted_at, decided_at) "
                "VALUES (:id, :company, :enterprise, :name, :address, :requester, :language, "
                ":email, :phone, :path, :state, :verdict, :signer_name, :signer_number, "
                ":signed_at, :matched, :report, :reason, :reviewed_by, :created_at, :updated_at, "
                ":submitted_at, :decided_at)",
        soci::use(r.id, "id"), soci::use(r.company_account_id, "company"),
        soci::use(r.enterprise_number, "enterprise"), soci::use(r.company_name, "name"),
        soci::use(r.company_address, "address"), soci::use(r.requester_account_id, "requester"),
        soci::use(record.language, "language"), soci::use(r.contact_email, "email"),
        soci::use(r.contact_phone, "phone"), soci::use(row.path, "path"),
        soci::use(row.state, "state"), soci::use(row.verdict, "verdict"),
        soci::use(r.signature.signer_name, "signer_name"),
        soci::use(r.signature.signer_national_number, "signer_number"),
        soci::use(row.signed_at, row.signed_at_ind, "signed_at"),
        soci::use(row.matched, row.matched_ind, "matched"),
        soci::use(record.signature_report_json, "report"), soci::use(r.refusal_reason, "reason"),
        soci::use(r.reviewed_by, row.reviewed_by_ind, "reviewed_by"),
        soci::use(row.created_at, "created_at"), soci::use(row.updated_at, "updated_at"),
        soci::use(row.submitted_at, row.submitted_at_ind, "submitted_at"),
        soci::use(row.decided_at, row.decided_at_ind, "decided_at");
    WriteRepresentatives(r);
    return common::Ok();
  });
}

common::Result<void> SociSubscriptionRepository::Update(const app::SubscriptionRecord& record,
                                                        common::TimePoint read_updated_at) {
  return WithSavepoint(session_, "update subscription request", [&]() -> common::Result<void> {
    const domain::SubscriptionRequest& r = record.request;
    Row row(record);
    const long long expected = ToMicros(read_updated_at);
    soci::statement update =
        (session_.prepare
             << "UPDATE subscription_requests SET enterprise_number = :enterprise, "
                "company_name = :name, company_address = :address, "
                "requester_account_id = :requester, language = :language, "
                "contact_email = :email, contact_phone = :phone, path = :path, state = :state, "
                "signature_verdict = :verdict, signer_name = :signer_name, "
                "signer_national_number = :signer_number, signed_at = :signed_at, "
                "matched_representative = :matched, signature_report = :report, "
                "refusal_reason = :reason, reviewed_by = :reviewed_by, updated_at = :updated_at, "
                "submitted_at = :submitted_at, decided_at = :decided_at "
                "WHERE id = :id AND updated_at = :expected",
         soci::use(r.enterprise_number, "enterprise"), soci::use(r.company_name, "name"),
         soci::use(r.company_address, "address"), soci::use(r.requester_account_id, "requester"),
         soci::use(record.language, "language"), soci::use(r.contact_email, "email"),
         soci::use(r.contact_phone, "phone"), soci::use(row.path, "path"),
         soci::use(row.state, "state"), soci::use(row.verdict, "verdict"),
         soci::use(r.signature.signer_name, "signer_name"),
         soci::use(r.signature.signer_national_number, "signer_number"),
         soci::use(row.signed_at, row.signed_at_ind, "signed_at"),
         soci::use(row.matched, row.matched_ind, "matched"),
         soci::use(record.signature_report_json, "report"), soci::use(r.refusal_reason, "reason"),
         soci::use(r.reviewed_by, row.reviewed_by_ind, "reviewed_by"),
         soci::use(row.updated_at, "updated_at"),
         soci::use(row.submitted_at, row.submitted_at_ind, "submitted_at"),
         soci::use(row.decided_at, row.decided_at_ind, "decided_at"), soci::use(r.id, "id"),
         soci::use(expected, "expected"));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      int count = 0;
      session_ << "SELECT COUNT(*) FROM subscription_requests WHERE id = :id", soci::into(count),
          soci::use(r.id, "id");
      if (count == 0) {
        return common::Fail(common::ErrorCode::kNotFound, "subscription request not found");
      }
      return common::Fail(common::ErrorCode::kConflict,
                          "the subscription request was changed meanwhile");
    }
    session_ << "DELETE FROM subscription_representatives WHERE request_id = :id",
        soci::use(r.id, "id");
    WriteRepresentatives(r);
    return common::Ok();
  });
}

void SociSubscriptionRepository::WriteRepresentatives(const domain::SubscriptionRequest& request) {
  for (std::size_t i = 0; i < request.representatives.size(); ++i) {
    const domain::LegalRepresentative& rep = request.representatives[i];
    const int position = static_cast<int>(i);
    const std::string national = rep.national_number.value_or("");
    soci::indicator national_ind = rep.national_number ? soci::i_ok : soci::i_null;
    session_ << "INSERT INTO subscription_representatives (request_id, position, name, "
                "national_number) VALUES (:request_id, :position, :name, :national_number)",
        soci::use(request.id, "request_id"), soci::use(position, "position"),
        soci::use(rep.name, "name"), soci::use(national, national_ind, "national_number");
  }
}

void SociSubscriptionRepository::ReadDetails(app::SubscriptionRecord& record) {
  domain::SubscriptionRequest& r = record.request;
  {
    std::string name, national;
    soci::indicator national_ind = soci::i_ok;
    soci::statement st =
        (session_.prepare << "SELECT name, national_number FROM "
                             "subscription_representatives WHERE request_id = "
                             ":id ORDER BY position",
         soci::into(name), soci::into(national, national_ind), soci::use(r.id, "id"));
    st.execute();
    while (st.fetch()) {
      domain::LegalRepresentative rep;
      rep.name = name;
      if (national_ind != soci::i_null) rep.national_number = national;
      r.representatives.push_back(std::move(rep));
    }
  }
  std::string id, kind, file_name, content_type, sha256;
  long long size = 0, uploaded_at = 0;
  soci::statement st =
      (session_.prepare << "SELECT id, kind, file_name, content_type, sha256, size_bytes, "
                           "uploaded_at FROM subscription_documents WHERE request_id = :id "
                           "ORDER BY uploaded_at, id",
       soci::into(id), soci::into(kind), soci::into(file_name), soci::into(content_type),
       soci::into(sha256), soci::into(size), soci::into(uploaded_at), soci::use(r.id, "id"));
  st.execute();
  while (st.fetch()) {
    domain::SubscriptionDocument d;
    d.id = id;
    const auto parsed = domain::SubscriptionDocumentKindFromName(kind);
    if (!parsed) throw std::runtime_error("unknown document kind in subscription request " + r.id);
    d.kind = *parsed;
    d.file_name = file_name;
    d.content_type = content_type;
    d.sha256 = sha256;
    d.size_bytes = static_cast<std::uint64_t>(size);
    d.uploaded_at = FromMicros(uploaded_at);
    r.documents.push_back(std::move(d));
  }
}

common::Result<std::vector<app::SubscriptionRecord>> SociSubscriptionRepository::Select(
    const std::string& where, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<app::SubscriptionRecord>> {
    std::string id, company, enterprise, name, address, requester, language, email, phone, path,
        state, verdict, signer_name, signer_number, report, reason, reviewed_by;
    long long signed_at = 0, created_at = 0, updated_at = 0, submitted_at = 0, decided_at = 0;
    int matched = 0;
    soci::indicator signed_at_ind = soci::i_ok, matched_ind = soci::i_ok,
                    reviewed_by_ind = soci::i_ok, submitted_at_ind = soci::i_ok,
                    decided_at_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(id));
    st.exchange(soci::into(company));
    st.exchange(soci::into(enterprise));
    st.exchange(soci::into(name));
    st.exchange(soci::into(address));
    st.exchange(soci::into(requester));
    st.exchange(soci::into(language));
    st.exchange(soci::into(email));
    st.exchange(soci::into(phone));
    st.exchange(soci::into(path));
    st.exchange(soci::into(state));
    st.exchange(soci::into(verdict));
    st.exchange(soci::into(signer_name));
    st.exchange(soci::into(signer_number));
    st.exchange(soci::into(signed_at, signed_at_ind));
    st.exchange(soci::into(matched, matched_ind));
    st.exchange(soci::into(report));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(reviewed_by, reviewed_by_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(submitted_at, submitted_at_ind));
    st.exchange(soci::into(decided_at, decided_at_ind));
    if (!value.empty()) st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(std::string(kSelect) + where);
    st.define_and_bind();
    std::vector<app::SubscriptionRecord> records;
    if (st.execute(true)) {
      do {
        app::SubscriptionRecord record;
        domain::SubscriptionRequest& r = record.request;
        r.id = id;
        r.company_account_id = company;
        r.enterprise_number = enterprise;
        r.company_name = name;
        r.company_address = address;
        r.requester_account_id = requester;
        record.language = language;
        r.contact_email = email;
        r.contact_phone = phone;
        auto parsed_path = Parsed(domain::SubscriptionPathFromName(path), "path", id);
        if (!parsed_path) return common::Fail(std::move(parsed_path.error()));
        r.path = *parsed_path;
        auto parsed_state = Parsed(domain::SubscriptionStateFromName(state), "state", id);
        if (!parsed_state) return common::Fail(std::move(parsed_state.error()));
        r.state = *parsed_state;
        auto parsed_verdict = Parsed(domain::SignatureVerdictFromName(verdict), "verdict", id);
        if (!parsed_verdict) return common::Fail(std::move(parsed_verdict.error()));
        r.signature.verdict = *parsed_verdict;
        r.signature.signer_name = signer_name;
        r.signature.signer_national_number = signer_number;
        if (signed_at_ind != soci::i_null) r.signature.signed_at = FromMicros(signed_at);
        if (matched_ind != soci::i_null) {
          r.signature.matched_representative = static_cast<std::size_t>(matched);
        }
        record.signature_report_json = report;
        r.refusal_reason = reason;
        r.reviewed_by = reviewed_by_ind == soci::i_null ? std::string() : reviewed_by;
        r.created_at = FromMicros(created_at);
        r.updated_at = FromMicros(updated_at);
        if (submitted_at_ind != soci::i_null) r.submitted_at = FromMicros(submitted_at);
        if (decided_at_ind != soci::i_null) r.decided_at = FromMicros(decided_at);
        records.push_back(std::move(record));
      } while (st.fetch());
    }
    for (auto& record : records) ReadDetails(record);
    return records;
  });
}

namespace {
common::Result<std::optional<app::SubscriptionRecord>> First(
    common::Result<std::vector<app::SubscriptionRecord>> rows) {
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<app::SubscriptionRecord>();
  return std::optional<app::SubscriptionRecord>(std::move(rows->front()));
}
}  // namespace

common::Result<std::optional<app::SubscriptionRecord>> SociSubscriptionRepository::FindById(
    const std::string& id) {
  if (id.empty()) return std::optional<app::SubscriptionRecord>();
  return First(Select("id = :value", id, "find subscription request"));
}

common::Result<std::optional<app::SubscriptionRecord>> SociSubscriptionRepository::FindByCompany(
    const std::string& company_account_id) {
  if (company_account_id.empty()) return std::optional<app::SubscriptionRecord>();
  return First(Select("company_account_id = :value", company_account_id,
                      "find subscription request of company"));
}

common::Result<std::vector<app::SubscriptionRecord>> SociSubscriptionRepository::ListByStates(
    std::span<const domain::SubscriptionState> states) {
  if (states.empty()) return std::vector<app::SubscriptionRecord>();
  // The names are this program's own constants, never input: safe to write into the statement.
  std::string in;
  for (auto state : states) {
    if (!in.empty()) in += ", ";
    in += "'" + std::string(domain::SubscriptionStateName(state)) + "'";
  }
  return Select(
      "state IN (" + in + ") ORDER BY (submitted_at IS NULL), submitted_at, created_at, id", "",
      "list subscription requests");
}

common::Result<void> SociSubscriptionRepository::AddDocument(
    const std::string& request_id, const domain::SubscriptionDocument& document,
    const app::SubscriptionDocumentBlob& blob) {
  return WithSavepoint(session_, "add subscription document", [&]() -> common::Result<void> {
    const std::string kind(domain::SubscriptionDocumentKindName(document.kind));
    const long long size = static_cast<long long>(document.size_bytes);
    const long long uploaded_at = ToMicros(document.uploaded_at);
    session_ << "INSERT INTO subscription_documents (id, request_id, kind, file_name, "
                "content_type, sha256, size_bytes, blob_address, wrapped_key, uploaded_at) VALUES "
                "(:id, :request_id, :kind, :file_name, :content_type, :sha256, :size, :blob, "
                ":wrapped_key, :uploaded_at)",
        soci::use(document.id, "id"), soci::use(request_id, "request_id"), soci::use(kind, "kind"),
        soci::use(document.file_name, "file_name"),
        soci::use(document.content_type, "content_type"), soci::use(document.sha256, "sha256"),
        soci::use(size, "size"), soci::use(blob.blob_address, "blob"),
        soci::use(blob.wrapped_key, "wrapped_key"), soci::use(uploaded_at, "uploaded_at");
    return common::Ok();
  });
}

common::Result<void> SociSubscriptionRepository::RemoveDocument(const std::string& request_id,
                                                                const std::string& document_id) {
  return WithSavepoint(session_, "remove subscription document", [&]() -> common::Result<void> {
    soci::statement remove =
        (session_.prepare << "DELETE FROM subscription_documents WHERE id = :id AND "
                             "request_id = :request_id",
         soci::use(document_id, "id"), soci::use(request_id, "request_id"));
    remove.execute(true);
    if (remove.get_affected_rows() == 0) {
      return common::Fail(common::ErrorCode::kNotFound, "subscription document not found");
    }
    return common::Ok();
  });
}

common::Result<std::optional<app::SubscriptionDocumentBlob>>
SociSubscriptionRepository::FindDocumentBlob(const std::string& request_id,
                                             const std::string& document_id) {
  return Guarded("find subscription document",
                 [&]() -> common::Result<std::optional<app::SubscriptionDocumentBlob>> {
                   app::SubscriptionDocumentBlob blob;
                   session_ << "SELECT blob_address, wrapped_key FROM subscription_documents "
                               "WHERE id = :id AND request_id = :request_id",
                       soci::into(blob.blob_address), soci::into(blob.wrapped_key),
                       soci::use(document_id, "id"), soci::use(request_id, "request_id");
                   if (!session_.got_data()) return std::optional<app::SubscriptionDocumentBlob>();
                   return std::optional<app::SubscriptionDocumentBlob>(std::move(blob));
                 });
}

}  // namespace sealpost::adapters::storage

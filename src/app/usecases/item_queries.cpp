#include "app/usecases/item_queries.hpp"

#include <algorithm>

namespace sealpost::app {

namespace {

common::Error NotFound(const std::string& what) {
  return common::Error{common::ErrorCode::kNotFound, "no " + what + " with that id", ""};
}

bool IsSender(const Caller& caller, const domain::Item& item) {
  return item.sender_account_id == caller.account.id;
}

// The credential must carry one of the scopes ("read": own sent items, "inbox": items received).
common::Result<void> RequireScope(const Caller& caller, domain::Permission a,
                                  std::optional<domain::Permission> b = std::nullopt) {
  if (caller.Can(a) || (b && caller.Can(*b))) return common::Ok();
  std::string wanted = "\"" + std::string(domain::PermissionName(a)) + "\"";
  if (b) wanted += " or \"" + std::string(domain::PermissionName(*b)) + "\"";
  return common::Fail(common::ErrorCode::kPermissionDenied,
                      "this credential lacks the " + wanted + " permission");
}

}  // namespace

ItemQueries::ItemQueries(Database& database) : database_(database) {}

common::Result<std::vector<ItemView>> ItemQueries::ListItems(const Caller& caller,
                                                             const PageRequest& page) {
  if (auto ok = RequireScope(caller, domain::Permission::kRead); !ok)
    return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto items = (*uow)->Items().ListBySender(caller.account.id, page);
  if (!items) return common::Fail(items.error());
  std::vector<ItemView> out;
  for (auto& item : *items) {
    auto deliveries = (*uow)->Deliveries().ListByItem(item.id);
    if (!deliveries) return common::Fail(deliveries.error());
    out.push_back({std::move(item), std::move(*deliveries)});
  }
  return out;
}

common::Result<ItemView> ItemQueries::GetItem(const Caller& caller, const std::string& item_id) {
  if (auto ok = RequireScope(caller, domain::Permission::kRead); !ok)
    return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto item = (*uow)->Items().FindById(item_id);
  if (!item) return common::Fail(item.error());
  if (!*item || !IsSender(caller, **item)) return common::Fail(NotFound("item"));
  auto deliveries = (*uow)->Deliveries().ListByItem(item_id);
  if (!deliveries) return common::Fail(deliveries.error());
  return ItemView{std::move(**item), std::move(*deliveries)};
}

namespace {

// What of an item's evidence a caller may see: all of it (its sender, with "read"), that of the
// deliveries consigned to it (a recipient account, with "inbox"), or nothing — which answers
// exactly like a missing item.
struct Visibility {
  bool all = false;
  std::vector<std::string> deliveries;

  bool Any() const { return all || !deliveries.empty(); }
  bool Allows(const std::string& delivery_id) const {
    return all || std::find(deliveries.begin(), deliveries.end(), delivery_id) != deliveries.end();
  }
};

common::Result<Visibility> VisibilityOf(UnitOfWork& uow, const Caller& caller,
                                        const domain::Item& item) {
  Visibility v;
  if (IsSender(caller, item) && caller.Can(domain::Permission::kRead)) {
    v.all = true;
    return v;
  }
  if (!caller.Can(domain::Permission::kInbox)) return v;
  auto deliveries = uow.Deliveries().ListByItem(item.id);
  if (!deliveries) return common::Fail(deliveries.error());
  for (const auto& d : *deliveries) {
    if (!d.recipient_account_id.empty() && d.recipient_account_id == caller.account.id) {
      v.deliveries.push_back(d.id);
    }
  }
  return v;
}

}  // namespace

common::Result<std::vector<domain::EvidenceRecord>> ItemQueries::ListEvidence(
    const Caller& caller, const std::string& item_id) {
  if (auto ok = RequireScope(caller, domain::Permission::kRead, domain::Permission::kInbox); !ok)
    return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto item = (*uow)->Items().FindById(item_id);
  if (!item) return common::Fail(item.error());
  if (!*item) return common::Fail(NotFound("item"));
  auto visibility = VisibilityOf(**uow, caller, **item);
  if (!visibility) return common::Fail(visibility.error());
  if (!visibility->Any()) return common::Fail(NotFound("item"));
  auto records = (*uow)->Evidence().ListByItem(item_id);
  if (!records) return common::Fail(records.error());
  std::vector<domain::EvidenceRecord> visible;
  for (auto& r : *records) {
    if (visibility->Allows(r.delivery_id)) visible.push_back(std::move(r));
  }
  return visible;
}

common::Result<domain::EvidenceRecord> ItemQueries::GetEvidence(const Caller& caller,
                                                                const std::string& evidence_id) {
  if (auto ok = RequireScope(caller, domain::Permission::kRead, domain::Permission::kInbox); !ok)
    return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto record = (*uow)->Evidence().FindById(evidence_id);
  if (!record) return common::Fail(record.error());
  if (!*record) return common::Fail(NotFound("evidence"));
  auto item = (*uow)->Items().FindById((*record)->item_id);
  if (!item) return common::Fail(item.error());
  if (!*item) return common::Fail(NotFound("evidence"));
  auto visibility = VisibilityOf(**uow, caller, **item);
  if (!visibility) return common::Fail(visibility.error());
  if (!visibility->Allows((*record)->delivery_id)) return common::Fail(NotFound("evidence"));
  return std::move(**record);
}

common::Result<std::vector<InboxEntry>> ItemQueries::ListInbox(const Caller& caller,
                                                               const PageRequest& page) {
  if (auto ok = RequireScope(caller, domain::Permission::kInbox); !ok)
    return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto deliveries = (*uow)->Deliveries().ListByRecipientAccount(caller.account.id, page);
  if (!deliveries) return common::Fail(deliveries.error());
  std::vector<InboxEntry> out;
  for (auto& d : *deliveries) {
    auto item = (*uow)->Items().FindById(d.item_id);
    if (!item) return common::Fail(item.error());
    if (!*item) return common::Fail(common::ErrorCode::kInternal, "delivery without its item");
    auto sender = (*uow)->Accounts().FindById((*item)->sender_account_id);
    if (!sender) return common::Fail(sender.error());
    InboxEntry e;
    e.submitted_at = (*item)->submitted_at;
    if (*sender) {
      e.sender_name = (*sender)->display_name;
      e.sender_enterprise_number = (*sender)->enterprise_number;
    }
    // The subject is part of the content: it is shown once the content was handed over.
    if (d.state == domain::DeliveryState::kHandedOver) e.subject = (*item)->subject;
    e.delivery = std::move(d);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sealpost::app

#include "adapters/storage/soci_item_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

std::vector<domain::Attachment> LoadAttachments(soci::session& session,
                                                const std::string& item_id) {
  domain::Attachment row;
  long long size = 0;
  soci::statement st(session);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(row.position));
  st.exchange(soci::into(row.file_name));
  st.exchange(soci::into(row.content_type));
  st.exchange(soci::into(size));
  st.exchange(soci::into(row.sha256));
  st.exchange(soci::into(row.blob_address));
  st.exchange(soci::use(item_id, "item_id"));
  st.alloc();
  st.prepare(
      "SELECT id, position, file_name, content_type, size, sha256, blob_address FROM attachments "
      "WHERE item_id = :item_id ORDER BY position");
  st.define_and_bind();
  std::vector<domain::Attachment> attachments;
  if (!st.execute(true)) return attachments;
  do {
    domain::Attachment attachment = row;
    attachment.size = static_cast<std::uint64_t>(size);
    attachments.push_back(std::move(attachment));
  } while (st.fetch());
  return attachments;
}

}  // namespace

common::Result<void> SociItemRepository::Insert(const domain::Item& item) {
  return WithSavepoint(session_, "insert item", [&]() -> common::Result<void> {
    const std::string status(domain::ItemStatusName(item.status));
    const long long submitted_at = ToMicros(item.submitted_at);
    session_ << "INSERT INTO items (id, sender_account_id, subject, message, status, wrapped_key, "
                "submitted_at, language) "
                "VALUES (:id, :sender_account_id, :subject, :message, :status, :wrapped_key, "
                ":submitted_at, :language)",
        soci::use(item.id, "id"), soci::use(item.sender_account_id, "sender_account_id"),
        soci::use(item.subject, "subject"), soci::use(item.message, "message"),
        soci::use(status, "status"), soci::use(item.wrapped_key, "wrapped_key"),
        soci::use(submitted_at, "submitted_at"), soci::use(item.language, "language");
    for (const domain::Attachment& attachment : item.attachments) {
      const long long size = static_cast<long long>(attachment.size);
      session_ << "INSERT INTO attachments (id, item_id, position, file_name, content_type, size, "
                  "sha256, "
                  "blob_address) VALUES (:id, :item_id, :position, :file_name, :content_type, "
                  ":size, :sha256, "
                  ":blob_address)",
          soci::use(attachment.id, "id"), soci::use(item.id, "item_id"),
          soci::use(attachment.position, "position"), soci::use(attachment.file_name, "file_name"),
          soci::use(attachment.content_type, "content_type"), soci::use(size, "size"),
          soci::use(attachment.sha256, "sha256"),
          soci::use(attachment.blob_address, "blob_address");
    }
    return common::Ok();
  });
}

common::Result<std::vector<domain::Item>> SociItemRepository::Select(
    const std::string& where_and_order,
    const std::vector<std::pair<std::string, std::string>>& texts,
    const std::vector<std::pair<std::string, long long>>& numbers, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::Item>> {
    domain::Item row;
    std::string status;
    long long submitted_at = 0;
    std::vector<domain::Item> items;
    {
      soci::statement st(session_);
      st.exchange(soci::into(row.id));
      st.exchange(soci::into(row.sender_account_id));
      st.exchange(soci::into(row.subject));
      st.exchange(soci::into(row.message));
      st.exchange(soci::into(status));
      st.exchange(soci::into(row.wrapped_key));
      st.exchange(soci::into(submitted_at));
      st.exchange(soci::into(row.language));
      for (const auto& [name, value] : texts) st.exchange(soci::use(value, name));
      for (const auto& [name, value] : numbers) st.exchange(soci::use(value, name));
      st.alloc();
      st.prepare(
          "SELECT id, sender_account_id, subject, message, status, wrapped_key, submitted_at, "
          "language "
          "FROM "
          "items " +
          where_and_order);
      st.define_and_bind();
      if (st.execute(true)) {
        do {
          domain::Item item = row;
          item.status = domain::ItemStatusFromName(status);
          item.submitted_at = FromMicros(submitted_at);
          items.push_back(std::move(item));
        } while (st.fetch());
      }
    }
    // One query per item: pages are small, and one statement at a time keeps the code
    // backend-neutral.
    for (domain::Item& item : items) item.attachments = LoadAttachments(session_, item.id);
    return items;
  });
}

common::Result<std::optional<domain::Item>> SociItemRepository::FindById(const std::string& id) {
  auto items = Select("WHERE id = :id", {{"id", id}}, {}, "find item");
  if (!items) return common::Fail(std::move(items.error()));
  if (items->empty()) return std::optional<domain::Item>();
  return std::optional(std::move(items->front()));
}

common::Result<std::vector<domain::Item>> SociItemRepository::ListBySender(
    const std::string& sender_account_id, const app::PageRequest& page) {
  if (page.limit == 0) return std::vector<domain::Item>();
  const long long limit = static_cast<long long>(page.limit);
  if (page.after.empty()) {
    return Select(
        "WHERE sender_account_id = :sender ORDER BY submitted_at DESC, id DESC LIMIT :limit",
        {{"sender", sender_account_id}}, {{"limit", limit}}, "list items");
  }
  auto cursor = Guarded("list items", [&]() -> common::Result<std::optional<long long>> {
    long long submitted_at = 0;
    session_ << "SELECT submitted_at FROM items WHERE id = :id AND sender_account_id = :sender",
        soci::into(submitted_at), soci::use(page.after, "id"),
        soci::use(sender_account_id, "sender");
    if (!session_.got_data()) return std::optional<long long>();
    return std::optional(submitted_at);
  });
  if (!cursor) return common::Fail(std::move(cursor.error()));
  if (!*cursor) return common::Fail(common::ErrorCode::kInvalidArgument, "unknown page cursor");
  return Select(
      "WHERE sender_account_id = :sender AND (submitted_at < :before OR (submitted_at = :same AND "
      "id < :after)) "
      "ORDER BY submitted_at DESC, id DESC LIMIT :limit",
      {{"sender", sender_account_id}, {"after", page.after}},
      {{"before", **cursor}, {"same", **cursor}, {"limit", limit}}, "list items");
}

}  // namespace sealpost::adapters::storage

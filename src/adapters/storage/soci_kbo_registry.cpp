#include "adapters/storage/soci_kbo_registry.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociKboRegistry::UpsertEnterprises(std::span<const app::KboEnterprise> rows) {
  if (rows.empty()) return common::Ok();
  return WithSavepoint(session_, "upsert KBO enterprises", [&]() -> common::Result<void> {
    app::KboEnterprise row;
    soci::statement st =
        (session_.prepare << "INSERT INTO kbo_enterprises (enterprise_number, status, "
                             "juridical_situation, type_of_enterprise, juridical_form, start_date) "
                             "VALUES (:number, :status, :situation, :type, :form, :start) "
                             "ON CONFLICT (enterprise_number) DO UPDATE SET "
                             "status = excluded.status, "
                             "juridical_situation = excluded.juridical_situation, "
                             "type_of_enterprise = excluded.type_of_enterprise, "
                             "juridical_form = excluded.juridical_form, "
                             "start_date = excluded.start_date",
         soci::use(row.enterprise_number, "number"), soci::use(row.status, "status"),
         soci::use(row.juridical_situation, "situation"), soci::use(row.type_of_enterprise, "type"),
         soci::use(row.juridical_form, "form"), soci::use(row.start_date, "start"));
    for (const app::KboEnterprise& r : rows) {
      row = r;
      st.execute(true);
    }
    return common::Ok();
  });
}

common::Result<std::size_t> SociKboRegistry::SetNames(std::span<const app::KboName> rows) {
  std::size_t touched = 0;
  if (rows.empty()) return touched;
  auto written = WithSavepoint(session_, "set KBO names", [&]() -> common::Result<void> {
    app::KboName row;
    // Each placeholder appears once; the language and name are bound several times.
    soci::statement st =
        (session_.prepare
             << "UPDATE kbo_enterprises SET "
                "name_nl = CASE WHEN :l1 = 'nl' THEN :n1 ELSE name_nl END, "
                "name_fr = CASE WHEN :l2 = 'fr' THEN :n2 ELSE name_fr END, "
                "name_de = CASE WHEN :l3 = 'de' THEN :n3 ELSE name_de END, "
                "name_en = CASE WHEN :l4 = 'en' THEN :n4 ELSE name_en END, "
                "name = CASE WHEN name_language = '' OR name_language = :l5 THEN :n5 ELSE name "
                "END, "
                "name_language = CASE WHEN name_language = '' THEN :l6 ELSE name_language END "
                "WHERE enterprise_number = :number",
         soci::use(row.language, "l1"), soci::use(row.name, "n1"), soci::use(row.language, "l2"),
         soci::use(row.name, "n2"), soci::use(row.language, "l3"), soci::use(row.name, "n3"),
         soci::use(row.language, "l4"), soci::use(row.name, "n4"), soci::use(row.language, "l5"),
         soci::use(row.name, "n5"), soci::use(row.language, "l6"),
         soci::use(row.enterprise_number, "number"));
    for (const app::KboName& r : rows) {
      row = r;
      st.execute(true);
      touched += static_cast<std::size_t>(st.get_affected_rows());
    }
    return common::Ok();
  });
  if (!written) return common::Fail(std::move(written.error()));
  return touched;
}

common::Result<std::size_t> SociKboRegistry::SetAddresses(std::span<const app::KboAddress> rows) {
  std::size_t touched = 0;
  if (rows.empty()) return touched;
  auto written = WithSavepoint(session_, "set KBO addresses", [&]() -> common::Result<void> {
    app::KboAddress row;
    soci::statement st =
        (session_.prepare << "UPDATE kbo_enterprises SET street_nl = :street_nl, "
                             "street_fr = :street_fr, house_number = :house_number, box = :box, "
                             "zipcode = :zipcode, municipality_nl = :municipality_nl, "
                             "municipality_fr = :municipality_fr WHERE enterprise_number = :number",
         soci::use(row.street_nl, "street_nl"), soci::use(row.street_fr, "street_fr"),
         soci::use(row.house_number, "house_number"), soci::use(row.box, "box"),
         soci::use(row.zipcode, "zipcode"), soci::use(row.municipality_nl, "municipality_nl"),
         soci::use(row.municipality_fr, "municipality_fr"),
         soci::use(row.enterprise_number, "number"));
    for (const app::KboAddress& r : rows) {
      row = r;
      st.execute(true);
      touched += static_cast<std::size_t>(st.get_affected_rows());
    }
    return common::Ok();
  });
  if (!written) return common::Fail(std::move(written.error()));
  return touched;
}

common::Result<std::size_t> SociKboRegistry::ForEachNumber(
    std::string_view context, const std::string& sql,
    std::span<const std::string> enterprise_numbers) {
  std::size_t touched = 0;
  if (enterprise_numbers.empty()) return touched;
  auto written = WithSavepoint(session_, context, [&]() -> common::Result<void> {
    std::string number;
    soci::statement st = (session_.prepare << sql, soci::use(number, "number"));
    for (const std::string& n : enterprise_numbers) {
      number = n;
      st.execute(true);
      touched += static_cast<std::size_t>(st.get_affected_rows());
    }
    return common::Ok();
  });
  if (!written) return common::Fail(std::move(written.error()));
  return touched;
}

common::Result<void> SociKboRegistry::ClearNames(std::span<const std::string> enterprise_numbers) {
  auto cleared = ForEachNumber("clear KBO names",
                               "UPDATE kbo_enterprises SET name = '', name_language = '', "
                               "name_nl = '', name_fr = '', name_de = '', name_en = '' "
                               "WHERE enterprise_number = :number",
                               enterprise_numbers);
  if (!cleared) return common::Fail(std::move(cleared.error()));
  return common::Ok();
}

common::Result<void> SociKboRegistry::ClearAddresses(
    std::span<const std::string> enterprise_numbers) {
  auto cleared = ForEachNumber("clear KBO addresses",
                               "UPDATE kbo_enterprises SET street_nl = '', street_fr = '', "
                               "house_number = '', box = '', zipcode = '', municipality_nl = '', "
                               "municipality_fr = '' WHERE enterprise_number = :number",
                               enterprise_numbers);
  if (!cleared) return common::Fail(std::move(cleared.error()));
  return common::Ok();
}

common::Result<std::size_t> SociKboRegistry::Delete(
    std::span<const std::string> enterprise_numbers) {
  return ForEachNumber("delete KBO enterprises",
                       "DELETE FROM kbo_enterprises WHERE enterprise_number = :number",
                       enterprise_numbers);
}

common::Result<std::optional<app::KboRecord>> SociKboRegistry::Find(
    const std::string& enterprise_number) {
  return Guarded("find KBO enterprise", [&]() -> common::Result<std::optional<app::KboRecord>> {
    app::KboRecord r;
    app::KboEnterprise& e = r.enterprise;
    app::KboAddress& a = r.address;
    soci::statement st =
        (session_.prepare << "SELECT enterprise_number, status, juridical_situation, "
                             "type_of_enterprise, juridical_form, start_date, name, name_language, "
                             "name_nl, name_fr, name_de, name_en, street_nl, street_fr, "
                             "house_number, box, zipcode, municipality_nl, municipality_fr "
                             "FROM kbo_enterprises WHERE enterprise_number = :number",
         soci::into(e.enterprise_number), soci::into(e.status), soci::into(e.juridical_situation),
         soci::into(e.type_of_enterprise), soci::into(e.juridical_form), soci::into(e.start_date),
         soci::into(r.name), soci::into(r.name_language), soci::into(r.name_nl),
         soci::into(r.name_fr), soci::into(r.name_de), soci::into(r.name_en),
         soci::into(a.street_nl), soci::into(a.street_fr), soci::into(a.house_number),
         soci::into(a.box), soci::into(a.zipcode), soci::into(a.municipality_nl),
         soci::into(a.municipality_fr), soci::use(enterprise_number, "number"));
    if (!st.execute(true)) return std::optional<app::KboRecord>{};
    a.enterprise_number = e.enterprise_number;
    return std::optional<app::KboRecord>{std::move(r)};
  });
}

}  // namespace sealpost::adapters::storage

// Contract of the KBO registry (app/ports/kbo_registry.hpp) on SQLite and PostgreSQL (fixture:
// storage_contract_fixture.hpp): each file of the open data writes its own columns, re-imports
// replace, the update's delete files remove.
#include <gtest/gtest.h>

#include <vector>

#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

app::KboEnterprise Enterprise(const std::string& number, const std::string& form = "014") {
  return {number, "AC", "000", "2", form, "1960-08-09"};
}

app::KboAddress Office(const std::string& number, const std::string& street_nl) {
  return {number, street_nl, "Rue de la Loi", "16", "b2", "1000", "Brussel", "Bruxelles"};
}

TEST_P(StorageContract, KboEnterpriseWithNamesAndOfficeRoundTrips) {
  InTransaction([](app::UnitOfWork& u) {
    const std::vector<app::KboEnterprise> rows{Enterprise("0403019261"),
                                               Enterprise("0566988259", "610")};
    ASSERT_OK(u.Kbo().UpsertEnterprises(rows));
    const std::vector<app::KboName> names{
        {"0403019261", "fr", "Société Générale de Belgique"},
        {"0403019261", "nl", "Generale Maatschappij van België"},
        {"0999999999", "nl", "Unknown Enterprise BV"},  // no enterprise row: ignored
    };
    auto named = u.Kbo().SetNames(names);
    ASSERT_OK(named);
    EXPECT_EQ(*named, 2u);
    const std::vector<app::KboAddress> offices{Office("0403019261", "Wetstraat")};
    auto placed = u.Kbo().SetAddresses(offices);
    ASSERT_OK(placed);
    EXPECT_EQ(*placed, 1u);
  });
  auto u = Begin();
  auto found = u->Kbo().Find("0403019261");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const app::KboRecord& r = **found;
  EXPECT_EQ(r.enterprise.enterprise_number, "0403019261");
  EXPECT_EQ(r.enterprise.status, "AC");
  EXPECT_EQ(r.enterprise.juridical_form, "014");
  EXPECT_EQ(r.enterprise.start_date, "1960-08-09");
  EXPECT_EQ(r.name, "Société Générale de Belgique") << "the language found first is preferred";
  EXPECT_EQ(r.name_language, "fr");
  EXPECT_EQ(r.name_fr, "Société Générale de Belgique");
  EXPECT_EQ(r.name_nl, "Generale Maatschappij van België");
  EXPECT_EQ(r.name_de, "");
  EXPECT_EQ(r.address.enterprise_number, "0403019261");
  EXPECT_EQ(r.address.street_nl, "Wetstraat");
  EXPECT_EQ(r.address.street_fr, "Rue de la Loi");
  EXPECT_EQ(r.address.house_number, "16");
  EXPECT_EQ(r.address.box, "b2");
  EXPECT_EQ(r.address.zipcode, "1000");
  EXPECT_EQ(r.address.municipality_nl, "Brussel");
  EXPECT_EQ(r.address.municipality_fr, "Bruxelles");

  auto bare = u->Kbo().Find("0566988259");
  ASSERT_OK(bare);
  ASSERT_TRUE(bare->has_value());
  EXPECT_EQ((*bare)->name, "");
  EXPECT_EQ((*bare)->address.zipcode, "");
  EXPECT_FALSE(u->Kbo().Find("0428759497")->has_value());
}

TEST_P(StorageContract, KboReimportReplacesButKeepsWhatOtherFilesWrote) {
  InTransaction([](app::UnitOfWork& u) {
    const std::vector<app::KboEnterprise> rows{Enterprise("0403019261")};
    ASSERT_OK(u.Kbo().UpsertEnterprises(rows));
    const std::vector<app::KboName> names{{"0403019261", "nl", "Oude Naam NV"}};
    ASSERT_OK(u.Kbo().SetNames(names));
    const std::vector<app::KboAddress> offices{Office("0403019261", "Wetstraat")};
    ASSERT_OK(u.Kbo().SetAddresses(offices));
  });
  InTransaction([](app::UnitOfWork& u) {
    app::KboEnterprise changed = Enterprise("0403019261", "015");
    changed.status = "ST";
    const std::vector<app::KboEnterprise> rows{changed};
    ASSERT_OK(u.Kbo().UpsertEnterprises(rows));
    const std::vector<app::KboName> names{{"0403019261", "nl", "Nieuwe Naam NV"},
                                          {"0403019261", "de", "Neuer Name AG"}};
    ASSERT_OK(u.Kbo().SetNames(names));
  });
  auto u = Begin();
  auto r = u->Kbo().Find("0403019261");
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->enterprise.status, "ST");
  EXPECT_EQ((*r)->enterprise.juridical_form, "015");
  EXPECT_EQ((*r)->name, "Nieuwe Naam NV") << "the preferred language keeps being updated";
  EXPECT_EQ((*r)->name_de, "Neuer Name AG");
  EXPECT_EQ((*r)->address.street_nl, "Wetstraat") << "enterprise.csv does not touch the address";
}

TEST_P(StorageContract, KboDeleteFilesRemoveEnterprisesNamesAndOffices) {
  InTransaction([](app::UnitOfWork& u) {
    const std::vector<app::KboEnterprise> rows{Enterprise("0403019261"), Enterprise("0566988259"),
                                               Enterprise("0428759497")};
    ASSERT_OK(u.Kbo().UpsertEnterprises(rows));
    const std::vector<app::KboName> names{{"0566988259", "nl", "Naam BV"},
                                          {"0428759497", "fr", "Nom SRL"}};
    ASSERT_OK(u.Kbo().SetNames(names));
    const std::vector<app::KboAddress> offices{Office("0428759497", "Kerkstraat")};
    ASSERT_OK(u.Kbo().SetAddresses(offices));
  });
  InTransaction([](app::UnitOfWork& u) {
    const std::vector<std::string> gone{"0403019261", "0999999999"};
    auto deleted = u.Kbo().Delete(gone);
    ASSERT_OK(deleted);
    EXPECT_EQ(*deleted, 1u);
    const std::vector<std::string> renamed{"0566988259"};
    ASSERT_OK(u.Kbo().ClearNames(renamed));
    const std::vector<std::string> moved{"0428759497"};
    ASSERT_OK(u.Kbo().ClearAddresses(moved));
  });
  auto u = Begin();
  EXPECT_FALSE(u->Kbo().Find("0403019261")->has_value());
  auto renamed = u->Kbo().Find("0566988259");
  ASSERT_TRUE(renamed.has_value() && renamed->has_value());
  EXPECT_EQ((*renamed)->name, "");
  EXPECT_EQ((*renamed)->name_language, "");
  EXPECT_EQ((*renamed)->name_nl, "");
  auto moved = u->Kbo().Find("0428759497");
  ASSERT_TRUE(moved.has_value() && moved->has_value());
  EXPECT_EQ((*moved)->name, "Nom SRL");
  EXPECT_EQ((*moved)->address.street_nl, "");
  EXPECT_EQ((*moved)->address.zipcode, "");
}

TEST_P(StorageContract, KboBatchesAreUndoneWithTheirUnitOfWork) {
  {
    auto u = Begin();
    const std::vector<app::KboEnterprise> rows{Enterprise("0403019261")};
    ASSERT_OK(u->Kbo().UpsertEnterprises(rows));
  }  // not committed
  auto u = Begin();
  EXPECT_FALSE(u->Kbo().Find("0403019261")->has_value());
}

}  // namespace
}  // namespace sealpost::testing

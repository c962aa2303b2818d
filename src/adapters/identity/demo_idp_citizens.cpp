#include "adapters/identity/demo_idp_citizens.hpp"

#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::identity {
namespace {

// A public subject that does not reveal the national number yet never changes for a citizen.
std::string SubjectFor(const std::string& national_number) {
  const common::Sha256Digest digest = common::Sha256("sealpost-demo-idp/sub/" + national_number);
  return "demo-" + common::HexEncode(digest).substr(0, 32);
}

DemoCitizen Make(std::string national_number, std::string given, std::string family,
                 std::string email_local, std::string locale, std::string birth_date) {
  DemoCitizen c;
  c.subject = SubjectFor(national_number);
  c.national_number = std::move(national_number);
  c.given_name = std::move(given);
  c.family_name = std::move(family);
  c.email = std::move(email_local) + "@demo.sealpost.test";
  c.locale = std::move(locale);
  c.birth_date = std::move(birth_date);
  return c;
}

}  // namespace

const std::vector<DemoCitizen>& DemoCitizens() {
  // Check digits: 97 - (first 9 digits mod 97), for births from 2000 over "2" + the 9 digits.
  // Odd sequence numbers are men, even ones women, as in the real register.
  static const std::vector<DemoCitizen> citizens = {
      // 850730033 mod 97 = 69 → 28
      Make("85073003328", "Émile", "Dupont-Lefèvre", "emile.dupont-lefevre", "fr-BE", "1985-07-30"),
      // born 2003: 2030214124 mod 97 = 50 → 47
      Make("03021412447", "An", "Peeters", "an.peeters", "nl-BE", "2003-02-14"),
      // 621103157 mod 97 = 32 → 65
      Make("62110315765", "Jürgen", "Müller", "juergen.mueller", "de-BE", "1962-11-03"),
      // 780522246 mod 97 = 9 → 88
      Make("78052224688", "Sophie", "Martin", "sophie.martin", "en", "1978-05-22"),
      // 900101319 mod 97 = 4 → 93
      Make("90010131993", "Jan", "Janssens", "jan.janssens", "nl-BE", "1990-01-01"),
  };
  return citizens;
}

}  // namespace sealpost::adapters::identity

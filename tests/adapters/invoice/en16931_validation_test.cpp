// Every kind of document sealpost issues is checked by the official EN 16931 validation artefacts
// (CEN/TC 434 Schematron compiled to XSLT, run with Saxon-HE): no fatal failed-assert. One Saxon
// run validates all documents (a JVM start costs seconds), including a deliberately broken one
// that must be reported, so the check is known to be able to fail.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "adapters/invoice/ubl_invoice_writer.hpp"
#include "adapters/invoice/ubl_test_support.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::invoice {
namespace {

namespace fs = std::filesystem;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;
using testing::XmlQuery;

const fs::path kValidationXslt =
    fs::path(SEALPOST_SHARED_TESTDATA) / "en16931" / "EN16931-UBL-validation.xslt";
constexpr const char* kSaxonJar = "/usr/share/java/Saxon-HE.jar";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Written(const domain::Invoice& invoice) {
  auto xml = WriteUblInvoice(invoice);
  return xml ? *xml : "<written-failed>" + xml.error().ToString() + "</written-failed>";
}

// Writes the documents into a fresh directory and validates them all with one Saxon run.
class ValidationRun {
 public:
  explicit ValidationRun(const std::map<std::string, std::string>& documents) {
    std::string pattern = (fs::temp_directory_path() / "sealpost-ubl-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    fs::create_directories(dir_ / "in");
    fs::create_directories(dir_ / "out");
    for (const auto& [name, xml] : documents) std::ofstream(dir_ / "in" / name) << xml;
    saxon_ = RunCommand("java -cp " + ShellQuote(kSaxonJar) +
                        " net.sf.saxon.Transform -s:" + ShellQuote((dir_ / "in").string()) +
                        " -o:" + ShellQuote((dir_ / "out").string()) +
                        " -xsl:" + ShellQuote(kValidationXslt.string()));
  }
  ~ValidationRun() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  const sealpost::testing::CommandResult& saxon() const { return saxon_; }
  std::string Report(const std::string& name) const { return ReadFile(dir_ / "out" / name); }

  // The ids and texts of the fatal failed asserts ("" when none), or why there is no report.
  std::string FatalFailures(const std::string& name) const {
    std::string report = Report(name);
    if (report.find("schematron-output") == std::string::npos) {
      return "no validation report (Saxon said: " + saxon_.output + ")";
    }
    XmlQuery svrl(report);
    if (!svrl.parsed()) return "unreadable validation report";
    std::string failures;
    int count = static_cast<int>(svrl.Number("count(//svrl:failed-assert[@flag='fatal'])"));
    for (int i = 1; i <= count; ++i) {
      std::string at = "(//svrl:failed-assert[@flag='fatal'])[" + std::to_string(i) + "]";
      failures +=
          svrl.String(at + "/@id") + ": " + svrl.String("normalize-space(" + at + ")") + "\n";
    }
    return failures;
  }

 private:
  fs::path dir_;
  sealpost::testing::CommandResult saxon_;
};

// One test (one Saxon run, about 3-5 s) for every document kind and the broken control.
TEST(En16931Validation, EveryIssuedDocumentKindPassesAndABrokenInvoiceIsReported) {
  std::string monthly = Written(testing::SampleMonthlyInvoice());
  ValidationRun run({
      {"receipt.xml", Written(testing::SampleTopUpReceipt())},
      {"monthly.xml", monthly},
      {"credit-note.xml", Written(testing::SampleCreditNote())},
      // The payable amount no longer equals total minus prepaid (BR-CO-16).
      {"broken.xml", XmlQuery(monthly).WithText(
                         "/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount", "999.99")},
  });
  ASSERT_EQ(run.saxon().exit_code, 0) << run.saxon().output;
  EXPECT_EQ(run.FatalFailures("receipt.xml"), "") << "top-up receipt";
  EXPECT_EQ(run.FatalFailures("monthly.xml"), "") << "postpaid monthly invoice";
  EXPECT_EQ(run.FatalFailures("credit-note.xml"), "") << "credit note";
  std::string broken = run.FatalFailures("broken.xml");
  EXPECT_NE(broken.find("BR-CO-16"), std::string::npos) << broken;
}

}  // namespace
}  // namespace sealpost::adapters::invoice

#include "domain/subscription_request_document.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sealpost::domain {
namespace {

using K = SubscriptionDocumentKind;

std::vector<std::uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

const std::vector<std::uint8_t> kPdf = Bytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const std::vector<std::uint8_t> kPng{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
const std::vector<std::uint8_t> kJpeg{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

TEST(SubscriptionDocument, SniffsTheThreeAcceptedTypes) {
  EXPECT_EQ(SniffDocumentContentType(kPdf), "application/pdf");
  EXPECT_EQ(SniffDocumentContentType(kPng), "image/png");
  EXPECT_EQ(SniffDocumentContentType(kJpeg), "image/jpeg");
  EXPECT_FALSE(SniffDocumentContentType(Bytes("PK\x03\x04 a zip file")));
  EXPECT_FALSE(SniffDocumentContentType(Bytes("%PD")));
}

TEST(SubscriptionDocument, AcceptsWhatTheContentIs) {
  EXPECT_EQ(CheckSubscriptionDocument(K::kKboExtract, kPdf, "application/pdf", 1000).value(),
            "application/pdf");
  EXPECT_EQ(CheckSubscriptionDocument(K::kPaperScan, kJpeg, "IMAGE/JPEG", 1000).value(),
            "image/jpeg");
  // Browsers send octet-stream or nothing when they do not know: the content decides.
  EXPECT_EQ(CheckSubscriptionDocument(K::kGazette, kPng, "application/octet-stream", 1000).value(),
            "image/png");
  EXPECT_EQ(CheckSubscriptionDocument(K::kPowerOfAttorney, kPdf, "", 1000).value(),
            "application/pdf");
}

TEST(SubscriptionDocument, RefusesAFileThatIsNotWhatItClaims) {
  auto result = CheckSubscriptionDocument(K::kKboExtract, kPng, "application/pdf", 1000);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, "document_type_mismatch");
  EXPECT_EQ(CheckSubscriptionDocument(K::kKboExtract, Bytes("<html>hello</html>"),
                                      "application/pdf", 1000)
                .error()
                .reason,
            "document_type_not_accepted");
}

TEST(SubscriptionDocument, RefusesEmptyAndTooLargeFiles) {
  EXPECT_EQ(CheckSubscriptionDocument(K::kGazette, {}, "", 1000).error().reason, "document_empty");
  EXPECT_EQ(CheckSubscriptionDocument(K::kGazette, kPdf, "", kPdf.size() - 1).error().reason,
            "document_too_large");
  EXPECT_TRUE(CheckSubscriptionDocument(K::kGazette, kPdf, "", kPdf.size()));
}

TEST(SubscriptionDocument, TheSignedFormMustBeAPdf) {
  EXPECT_EQ(CheckSubscriptionDocument(K::kSignedForm, kJpeg, "image/jpeg", 1000).error().reason,
            "signed_form_not_pdf");
  EXPECT_TRUE(CheckSubscriptionDocument(K::kSignedForm, kPdf, "application/pdf", 1000));
}

}  // namespace
}  // namespace sealpost::domain

#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace std::string_literals;

namespace sealpost::http {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=XyZ";

std::string GoodBody() {
  return "preamble is ignored\r\n"
         "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"subject\"\r\n"
         "\r\n"
         "Hello, world\r\n"
         "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"attachment\"; filename=\"contract.pdf\"\r\n"
         "Content-Type: application/pdf\r\n"
         "\r\n"
         "%PDF-1.7\r\n\r\nbinary\0bytes--XyZ not a delimiter\r\n"
         "--XyZ\r\n"
         "content-disposition: form-data; name=empty\r\n"
         "\r\n"
         "\r\n"
         "--XyZ--\r\n"
         "epilogue is ignored"s;
}

common::Result<MultipartForm> Parse(std::string_view body, std::string_view type = kType) {
  return ParseMultipart(type, body);
}

void ExpectError(const common::Result<MultipartForm>& result, std::string_view fragment) {
  ASSERT_FALSE(result.has_value()) << "expected an error containing: " << fragment;
  EXPECT_EQ(result.error().code, common::ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find(fragment), std::string::npos) << result.error().message;
}

TEST(MultipartTest, ParsesFieldsAndFiles) {
  const std::string body = GoodBody();
  auto form = Parse(body);
  ASSERT_TRUE(form.has_value()) << form.error().message;
  ASSERT_EQ(form->parts.size(), 3u);
  const MultipartPart* subject = form->Find("subject");
  ASSERT_NE(subject, nullptr);
  EXPECT_EQ(subject->body, "Hello, world");
  EXPECT_FALSE(subject->filename.has_value());
  EXPECT_EQ(subject->content_type, "");

  const MultipartPart* file = form->Find("attachment");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "contract.pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(file->body, "%PDF-1.7\r\n\r\nbinary\0bytes--XyZ not a delimiter"s);
  EXPECT_EQ(file->headers.Get("content-type"), "application/pdf");

  const MultipartPart* empty = form->Find("empty");
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->body, "");
  EXPECT_EQ(form->Find("missing"), nullptr);
}

TEST(MultipartTest, BoundaryQuotedOrNotAndCaseInsensitiveType) {
  const std::string body =
      "--a b'c\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b'c--";
  auto form = Parse(body, "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b'c\"");
  ASSERT_TRUE(form.has_value()) << form.error().message;
  EXPECT_EQ(form->parts.at(0).body, "1");
  EXPECT_EQ(MultipartBoundary("multipart/form-data;boundary=plain"), "plain");
}

TEST(MultipartTest, RepeatedNamesAndUtf8Filenames) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r\xC3\xA9sum\xC3\xA9.pdf\"\r\n"
      "\r\nA\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC.txt\r\n"
      "\r\nB\r\n--b--";
  auto form = Parse(body, "multipart/form-data; boundary=b");
  ASSERT_TRUE(form.has_value()) << form.error().message;
  const auto files = form->FindAll("f");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0]->filename, "r\xC3\xA9sum\xC3\xA9.pdf");
  EXPECT_EQ(files[1]->filename, "\xE2\x82\xAC.txt");
  EXPECT_EQ(files[1]->body, "B");
}

TEST(MultipartTest, BadContentTypes) {
  ExpectError(Parse(GoodBody(), "multipart/form-data"), "no boundary");
  ExpectError(Parse(GoodBody(), "multipart/form-data; boundary="), "no boundary");
  ExpectError(Parse(GoodBody(), "multipart/form-data; boundary=\"XyZ"), "unterminated");
  ExpectError(Parse(GoodBody(), "application/json"), "expected Content-Type multipart/form-data");
  ExpectError(Parse(GoodBody(), "multipart/mixed; boundary=XyZ"), "multipart/form-data");
  ExpectError(Parse(GoodBody(), "multipart/form-data; boundary=a; boundary=b"), "twice");
  ExpectError(Parse(GoodBody(), "multipart/form-data; boundary=" + std::string(71, 'a')),
              "boundary is invalid");
  ExpectError(Parse(GoodBody(), "multipart/form-data; boundary=\"a\\\"b\""), "boundary is invalid");
}

TEST(MultipartTest, BrokenBodies) {
  ExpectError(Parse(""), "does not contain the boundary");
  ExpectError(Parse("no delimiter at all"), "does not contain the boundary");
  ExpectError(Parse("--XyZ--"), "no parts");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue"),
              "no closing boundary");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ"),
              "truncated");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\nvalue\r\n--XyZ--"),
              "not terminated");
  ExpectError(Parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--"),
              "missing Content-Disposition");
  ExpectError(Parse("--XyZ\r\n\r\nv\r\n--XyZ--"), "missing Content-Disposition");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--"),
              "must be form-data");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; filename=a\r\n\r\nv\r\n--XyZ--"),
              "has no name");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--"),
              "unterminated");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
                    "Content-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--"),
              "more than one Content-Disposition");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--XyZ--"),
              "folded");
  ExpectError(Parse("--XyZ\r\nContent-Disposition form-data\r\n\r\nv\r\n--XyZ--"), "without ':'");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nv\r\n--XyZ--"),
              "control character");
  ExpectError(Parse("--XyZjunk\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--"),
              "not followed by CRLF");
  ExpectError(Parse("--XyZ\nContent-Disposition: form-data; name=a\n\nv\n--XyZ--"),
              "not followed by CRLF");
  ExpectError(Parse("--XyZ\r\nContent-Disposition: form-data; name=a; filename*=latin1''x\r\n"
                    "\r\nv\r\n--XyZ--"),
              "filename*");
}

TEST(MultipartTest, LimitsAreEnforced) {
  std::string body;
  for (int i = 0; i < 5; ++i) {
    body += "--XyZ\r\nContent-Disposition: form-data; name=p\r\n\r\nv\r\n";
  }
  body += "--XyZ--";
  MultipartLimits limits;
  limits.max_parts = 4;
  ExpectError(ParseMultipart(kType, body, limits), "more than 4 parts");
  limits.max_parts = 5;
  EXPECT_TRUE(ParseMultipart(kType, body, limits).has_value());
  limits.max_part_header_bytes = 10;
  ExpectError(ParseMultipart(kType, body, limits), "headers are too large");
}

// Every truncation of a valid body before its close delimiter is complete must be refused.
TEST(MultipartTest, EveryTruncationIsRefused) {
  const std::string body = GoodBody();
  const std::size_t close_end = body.find("--XyZ--") + std::string("--XyZ--").size();
  for (std::size_t length = 0; length < close_end; ++length) {
    auto result = Parse(std::string_view(body).substr(0, length));
    EXPECT_FALSE(result.has_value()) << "accepted a body truncated to " << length << " bytes";
  }
  for (std::size_t length = close_end; length <= body.size(); ++length) {
    EXPECT_TRUE(Parse(std::string_view(body).substr(0, length)).has_value()) << length;
  }
}

// Random corruption must never crash or hang (run under ASan/UBSan in CI); accepted results must
// still be self-consistent.
TEST(MultipartTest, RandomCorruptionNeverCrashes) {
  const std::uint32_t seed = std::random_device{}();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937 rng(seed);
  const std::string good = GoodBody();
  const std::string alphabet = "-\r\n\"; =:XyZab\0\\"s;
  for (int round = 0; round < 3000; ++round) {
    std::string body = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % body.size();
      switch (rng() % 3) {
        case 0:
          body[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          body.erase(at, 1 + rng() % 8);
          break;
        default:
          body.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
      }
      if (body.empty()) body = "x";
    }
    auto result = Parse(body);
    if (result) {
      for (const MultipartPart& part : result->parts) {
        EXPECT_FALSE(part.name.empty());
        EXPECT_LE(part.body.size(), body.size());
      }
    } else {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace sealpost::http

#include "adapters/kbo/kbo_csv_reader.hpp"

#include <fstream>
#include <sstream>

namespace sealpost::adapters::kbo {

namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;

// Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

common::Error Malformed(std::uint64_t line, const std::string& what) {
  return common::Error{common::ErrorCode::kInvalidArgument,
                       "line " + std::to_string(line) + ": " + what, "csv_malformed"};
}

}  // namespace

KboCsvReader::KboCsvReader(std::unique_ptr<std::istream> in)
    : in_(std::move(in)), buffer_(kBufferBytes) {}

common::Result<std::unique_ptr<KboCsvReader>> KboCsvReader::OpenFile(
    const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return common::Fail(common::ErrorCode::kNotFound, path.string() + " does not exist");
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) {
    return common::Fail(common::ErrorCode::kUnavailable, "cannot open " + path.string());
  }
  return std::unique_ptr<KboCsvReader>(new KboCsvReader(std::move(file)));
}

std::unique_ptr<KboCsvReader> KboCsvReader::FromString(std::string text) {
  return std::unique_ptr<KboCsvReader>(
      new KboCsvReader(std::make_unique<std::istringstream>(std::move(text))));
}

bool KboCsvReader::Fill() {
  if (pos_ < end_) return true;
  if (!*in_) return false;
  in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<std::size_t>(in_->gcount());
  pos_ = 0;
  return end_ > 0;
}

int KboCsvReader::Get() {
  if (!Fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_++]);
}

int KboCsvReader::Peek() {
  if (!Fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_]);
}

void KboCsvReader::SkipRestOfLine() {
  for (int c = Get(); c != -1; c = Get()) {
    if (c == '\n') {
      ++line_;
      return;
    }
  }
}

common::Result<bool> KboCsvReader::Next(app::CsvRecord& record) {
  if (at_start_) {
    at_start_ = false;
    if (Peek() == 0xEF) {  // UTF-8 byte order mark EF BB BF
      Get();
      if (Get() != 0xBB || Get() != 0xBF) {
        SkipRestOfLine();
        record.line = 1;
        return common::Fail(Malformed(1, "not valid UTF-8"));
      }
    }
  }
  record.fields.clear();
  for (;;) {  // skip empty lines
    int c = Peek();
    if (c == -1) return false;
    if (c == '\n') {
      Get();
      ++line_;
      continue;
    }
    if (c == '\r') {  // of a CRLF (a lone CR at the start of a line is dropped too)
      Get();
      continue;
    }
    break;
  }
  record.line = line_;
  std::size_t record_bytes = 0;
  std::string field;
  for (;;) {  // one field per iteration
    field.clear();
    int c = Get();
    if (c == '"') {
      for (;;) {
        c = Get();
        if (c == -1) return common::Fail(Malformed(record.line, "unterminated quoted field"));
        if (c == '"') {
          if (Peek() != '"') break;
          Get();
        } else if (c == '\n') {
          ++line_;
        }
        field.push_back(static_cast<char>(c));
        if (++record_bytes > kMaxRecordBytes) {
          SkipRestOfLine();
          return common::Fail(Malformed(record.line, "record longer than 1 MiB"));
        }
      }
      c = Get();  // what follows the closing quote
      if (c == '\r' && Peek() == '\n') c = Get();
      if (c != ',' && c != '\n' && c != -1) {
        if (c != '\n') SkipRestOfLine();
        return common::Fail(Malformed(record.line, "text after a closing quote"));
      }
    } else {
      while (c != ',' && c != '\n' && c != -1) {
        if (c == '\r' && Peek() == '\n') {
          c = Get();
          break;
        }
        if (c == '"') {
          SkipRestOfLine();
          return common::Fail(Malformed(record.line, "quote inside an unquoted field"));
        }
        field.push_back(static_cast<char>(c));
        if (++record_bytes > kMaxRecordBytes) {
          SkipRestOfLine();
          return common::Fail(Malformed(record.line, "record longer than 1 MiB"));
        }
        c = Get();
      }
    }
    if (c == '\n') ++line_;
    record.fields.push_back(field);
    if (c != ',') break;
  }
  for (const std::string& f : record.fields) {
    if (!IsUtf8(f)) return common::Fail(Malformed(record.line, "not valid UTF-8"));
  }
  return true;
}

}  // namespace sealpost::adapters::kbo

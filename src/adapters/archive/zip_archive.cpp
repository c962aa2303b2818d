#include "adapters/archive/zip_archive.hpp"

#include <zip.h>

#include <memory>

namespace sealpost::adapters::archive {

namespace {

using common::ErrorCode;
using common::Fail;

struct ZipSourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using ZipSourcePtr = std::unique_ptr<zip_source_t, ZipSourceDeleter>;

// 2000-01-01T00:00:00Z: bundles do not leak the server's clock through file dates, and are
// reproducible.
constexpr time_t kFixedMtime = 946684800;

}  // namespace

common::Result<std::string> ZipArchiveWriter::Write(const std::vector<app::ArchiveEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  // An in-memory source that the archive writes into; kept alive across zip_close with
  // zip_source_keep.
  ZipSourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return Fail(ErrorCode::kInternal, "zip: cannot create buffer");
  zip_t* zip = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (zip == nullptr) return Fail(ErrorCode::kInternal, "zip: cannot open buffer");
  zip_source_keep(buffer.get());
  for (const auto& e : entries) {
    zip_source_t* src = zip_source_buffer(zip, e.data.data(), e.data.size(), 0);
    if (src == nullptr) {
      zip_discard(zip);
      return Fail(ErrorCode::kInternal, "zip: cannot add " + e.name);
    }
    zip_int64_t index = zip_file_add(zip, e.name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(src);
      zip_discard(zip);
      return Fail(ErrorCode::kInternal, "zip: cannot add " + e.name);
    }
    zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), kFixedMtime, 0);
  }
  if (zip_close(zip) != 0) {
    zip_discard(zip);
    return Fail(ErrorCode::kInternal, "zip: cannot finish archive");
  }
  std::string out;
  if (zip_source_open(buffer.get()) != 0)
    return Fail(ErrorCode::kInternal, "zip: cannot read back");
  zip_source_seek(buffer.get(), 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer.get());
  zip_source_seek(buffer.get(), 0, SEEK_SET);
  out.resize(static_cast<std::size_t>(size));
  zip_int64_t read = zip_source_read(buffer.get(), out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer.get());
  if (read != size) return Fail(ErrorCode::kInternal, "zip: short read");
  return out;
}

common::Result<std::vector<app::ArchiveEntry>> ReadZipArchive(const std::string& bytes,
                                                              std::size_t max_entries,
                                                              std::size_t max_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) return Fail(ErrorCode::kInvalidArgument, "not a zip archive");
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == nullptr) {
    zip_source_free(src);
    return Fail(ErrorCode::kInvalidArgument, "not a valid zip archive");
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> guard(zip, [](zip_t* z) { zip_discard(z); });
  zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0 || static_cast<std::size_t>(count) > max_entries) {
    return Fail(ErrorCode::kInvalidArgument, "the archive has too many files");
  }
  std::vector<app::ArchiveEntry> out;
  std::size_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      return Fail(ErrorCode::kInvalidArgument, "unreadable archive entry");
    }
    std::string name = st.name;
    if (!name.empty() && name.back() == '/') continue;  // a directory
    total += st.size;
    if (total > max_bytes) return Fail(ErrorCode::kInvalidArgument, "the archive is too large");
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    if (f == nullptr)
      return Fail(ErrorCode::kInvalidArgument, "cannot open " + name + " in the archive");
    std::string data(st.size, '\0');
    zip_int64_t read = zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    if (read < 0 || static_cast<zip_uint64_t>(read) != st.size) {
      return Fail(ErrorCode::kInvalidArgument, "corrupt entry " + name + " in the archive");
    }
    out.push_back({std::move(name), std::move(data)});
  }
  return out;
}

}  // namespace sealpost::adapters::archive

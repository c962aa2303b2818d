#include "adapters/pdf/podofo_support.hpp"

#include <algorithm>

namespace sealpost::adapters::pdf {

std::unique_lock<std::mutex> PodofoLock() {
  static std::mutex mutex;
  std::unique_lock lock(mutex);
  static const bool silenced = [] {
    // PoDoFo prints parser warnings to stderr by default; errors reach us as exceptions.
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
    return true;
  }();
  (void)silenced;
  return lock;
}

common::Error PodofoError(const PoDoFo::PdfError& error, common::ErrorCode code,
                          std::string_view what) {
  std::string message(what);
  message += ": ";
  const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
  message += name != nullptr ? name : "PoDoFo error";
  // The innermost frame carries the most specific information (e.g. which key was missing).
  for (const auto& frame : error.GetCallstack()) {
    if (!frame.GetInformation().empty()) {
      message += " (" + frame.GetInformation() + ")";
      break;
    }
  }
  return common::Error{code, std::move(message), {}};
}

PoDoFo::PdfString PdfTextString(const std::string& utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  // Plain ASCII stays a byte string: some readers (and /Lang checkers) expect no UTF-16 BOM.
  if (ascii) return PoDoFo::PdfString(utf8);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

}  // namespace sealpost::adapters::pdf

// PoDoFo plumbing shared by the PDF adapters (internal to this folder: it includes PoDoFo
// headers). PoDoFo 0.9.8 reports failures by throwing PoDoFo::PdfError (not a std::exception):
// RunPodofo turns every throw into a common::Error, so no exception leaves the adapter.
// Thread-safety: PoDoFo 0.9.8 documents no thread-safety for its object model and keeps global
// state (log switches, encoding and font caches), so every use of it holds PodofoLock. The lock
// covers parsing and writing only (milliseconds); hashing, signing and time-stamping run outside
// it, in parallel.
#pragma once

#include <podofo/podofo.h>

#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.hpp"

namespace sealpost::adapters::pdf {

// Holds the process-wide PoDoFo mutex; the first lock also silences PoDoFo's stderr logging.
[[nodiscard]] std::unique_lock<std::mutex> PodofoLock();

common::Error PodofoError(const PoDoFo::PdfError& error, common::ErrorCode code,
                          std::string_view what);

// Calls `f` (which returns common::Result<T>) under PodofoLock, converting PoDoFo and standard
// exceptions into `code` errors described by `what`.
template <typename F>
auto RunPodofo(common::ErrorCode code, std::string_view what, F&& f) -> decltype(f()) {
  auto lock = PodofoLock();
  try {
    return std::forward<F>(f)();
  } catch (const PoDoFo::PdfError& error) {
    return common::Fail(PodofoError(error, code, what));
  } catch (const std::exception& error) {
    return common::Fail(code, std::string(what) + ": " + error.what());
  }
}

// A PDF text string from UTF-8 (PoDoFo stores it as UTF-16BE when it is not plain ASCII).
PoDoFo::PdfString PdfTextString(const std::string& utf8);

}  // namespace sealpost::adapters::pdf

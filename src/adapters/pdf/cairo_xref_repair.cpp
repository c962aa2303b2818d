#include "adapters/pdf/cairo_xref_repair.hpp"

#include <cctype>
#include <charconv>
#include <cstddef>
#include <string_view>

namespace sealpost::adapters::pdf {
namespace {

constexpr std::size_t kEntrySize = 20;
constexpr std::string_view kFreeEntry = "0000000000 65535 f";  // + the entry's own 2-byte EOL

bool ParseNumber(std::string_view text, std::size_t& pos, std::size_t& value) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\r' || text[pos] == '\n')) ++pos;
  const auto* begin = text.data() + pos;
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end == begin) return false;
  pos += static_cast<std::size_t>(end - begin);
  return true;
}

// True when `offset` starts "<number> <generation> obj".
bool StartsObject(std::string_view pdf, std::size_t offset, std::size_t number) {
  if (offset >= pdf.size()) return false;
  std::size_t pos = offset;
  std::size_t found = 0;
  if (!std::isdigit(static_cast<unsigned char>(pdf[pos])) || !ParseNumber(pdf, pos, found)) {
    return false;
  }
  return found == number;
}

}  // namespace

int RepairDanglingXrefEntries(std::string& pdf) {
  const std::string_view view(pdf);
  const std::size_t startxref = view.rfind("startxref");
  if (startxref == std::string_view::npos) return 0;
  std::size_t pos = startxref + 9;
  std::size_t xref = 0;
  if (!ParseNumber(view, pos, xref) || view.substr(xref, 4) != "xref") return 0;
  pos = xref + 4;
  int repaired = 0;
  // Subsections: "first count" then count fixed-width entries, until "trailer".
  while (true) {
    std::size_t first = 0;
    std::size_t count = 0;
    if (!ParseNumber(view, pos, first) || !ParseNumber(view, pos, count)) break;
    while (pos < view.size() && (view[pos] == ' ' || view[pos] == '\r' || view[pos] == '\n')) {
      ++pos;
    }
    for (std::size_t i = 0; i < count; ++i, pos += kEntrySize) {
      if (pos + kEntrySize > view.size()) return repaired;
      const std::string_view entry = view.substr(pos, kEntrySize);
      if (entry[17] != 'n') continue;
      std::size_t offset = 0;
      if (std::from_chars(entry.data(), entry.data() + 10, offset).ec != std::errc()) continue;
      if (!StartsObject(view, offset, first + i)) {
        pdf.replace(pos, kFreeEntry.size(), kFreeEntry);
        ++repaired;
      }
    }
  }
  return repaired;
}

}  // namespace sealpost::adapters::pdf

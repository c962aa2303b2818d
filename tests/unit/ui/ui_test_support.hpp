// Shared helpers of the unit_ui suite: the shipped web/ directory, the translator loaded from it,
// and throw-away directories for catalogues and templates that must fail to load.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ui/translator.hpp"

namespace sealpost::ui::testing {

inline constexpr const char* kNbsp = "\u00a0";   // no-break space
inline constexpr const char* kNnbsp = "\u202f";  // narrow no-break space

inline std::filesystem::path WebDir() { return std::filesystem::path(SEALPOST_SOURCE_DIR) / "web"; }
// This suite's own test data (SEALPOST_TESTDATA is the shared tests/testdata).
inline std::filesystem::path TestData() {
  return std::filesystem::path(SEALPOST_SOURCE_DIR) / "tests" / "unit" / "ui" / "testdata";
}

// The catalogues in web/locales, loaded once per test process.
inline const Translator& ShippedTranslator() {
  static const Translator* translator = [] {
    auto loaded = Translator::Load(WebDir() / "locales");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return new Translator(std::move(*loaded));
  }();
  return *translator;
}

// Deliberately no std::regex in this suite: g++ 12 reports false "maybe-uninitialized" errors
// inside <regex> in the sanitizer build.

inline bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Names of the form "t_<word chars>" that follow "{{" and optional spaces: the message markers of a
// template, found without the renderer's own outline.
inline std::vector<std::string> ScanMarkers(const std::string& text) {
  std::vector<std::string> markers;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    std::size_t i = at + 2;
    while (i < text.size() && text[i] == ' ') ++i;
    if (text.compare(i, 2, "t_") != 0) continue;
    std::size_t end = i;
    while (end < text.size() && IsWordChar(text[end])) ++end;
    markers.push_back(text.substr(i, end - i));
  }
  return markers;
}

// A word starting with "t_" anywhere (a marker that reached the page), e.g. "t_home_title".
inline bool ContainsMarkerWord(const std::string& text) {
  for (std::size_t at = text.find("t_"); at != std::string::npos; at = text.find("t_", at + 1)) {
    if ((at == 0 || !IsWordChar(text[at - 1])) && at + 2 < text.size() &&
        IsWordChar(text[at + 2])) {
      return true;
    }
  }
  return false;
}

// "{name}" with a lower-case name: an argument ICU could not fill.
inline bool ContainsArgumentPlaceholder(const std::string& text) {
  for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
    std::size_t end = at + 1;
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_')) ++end;
    if (end > at + 1 && end < text.size() && text[end] == '}') return true;
  }
  return false;
}

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-ui-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  void Write(const std::string& relative, const std::string& content) const {
    auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }

 private:
  std::filesystem::path path_;
};

// Writes {nl,fr,en,de}.json, each a JSON object text given per language code.
inline void WriteCatalogues(const TempDir& dir, const std::map<std::string, std::string>& files) {
  for (const auto& [language, json] : files) dir.Write(language + ".json", json);
}

// The same JSON object text for all four languages.
inline void WriteSameCatalogue(const TempDir& dir, const std::string& json) {
  WriteCatalogues(dir, {{"nl", json}, {"fr", json}, {"en", json}, {"de", json}});
}

}  // namespace sealpost::ui::testing

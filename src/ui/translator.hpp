// Translator: the catalogue messages of one language formatted with values — what a page handler,
// an e-mail or a PDF calls to obtain user-visible text. It owns the Catalog and a Formatter per
// language, so a ui::Money or ui::DateTime argument is formatted for the language (and for
// Europe/Brussels) before it reaches the message.
//
// A missing key never fails a page: Text returns the key itself and counts it (missing_key_count,
// MissingKeys: expose them in metrics). A missing argument, or a value of the wrong kind for a
// plural/select, is counted in bad_argument_count and the message shows "{name}" there. The
// catalogue check (catalog_check.hpp, template_renderer.hpp) keeps both at zero in CI.
//
// Thread-safety: immutable after Load apart from the counters, which are atomic (the list of
// missing keys has its own mutex, taken only on the missing-key path); all methods may be called
// concurrently. Keep the Translator in place once built (the TemplateRenderer refers to it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "ui/catalog.hpp"
#include "ui/formatter.hpp"
#include "ui/language.hpp"
#include "ui/value.hpp"

namespace sealpost::ui {

// Named values a message takes its arguments from: a MessageArgs list, or the renderer's chain of
// nested template sections.
class ValueSource {
 public:
  virtual const Value* Find(std::string_view name) const = 0;

 protected:
  ~ValueSource() = default;
};

class Translator {
 public:
  // Catalog::Load(directory) and a Formatter for every language.
  static common::Result<Translator> Load(const std::filesystem::path& locales_directory);

  Translator(Translator&&) noexcept;
  Translator& operator=(Translator&&) noexcept;
  ~Translator();

  // Text("home.price", Language::kFr, {{"price", Money{80}}}) → "… 0,80 € …".
  std::string Text(Language language, std::string_view key, const MessageArgs& args = {}) const;
  std::string Text(Language language, std::string_view key, const ValueSource& values) const;

  // A value as display text; a MessageKey is formatted as a message taking its arguments from
  // `context`.
  std::string Display(Language language, const Value& value, const ValueSource& context) const;

  const Formatter& formatter(Language language) const;
  const Catalog& catalog() const;

  std::uint64_t missing_key_count() const;
  std::uint64_t bad_argument_count() const;
  // The distinct missing keys seen so far as "language:key" (the first 64), sorted.
  std::vector<std::string> MissingKeys() const;

 private:
  struct Impl;
  explicit Translator(std::unique_ptr<Impl> impl);
  std::string TextAt(Language language, std::string_view key, const ValueSource& values,
                     int depth) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealpost::ui

// Catalog: the message catalogues, one JSON file per language in one directory
// (web/locales/{nl,fr,en,de}.json) plus, per language, one file per area of the product
// (web/locales/<lang>/<area>.json, e.g. nl/mail.json), loaded and validated once at start-up. A key
// lives in exactly one file of its language.
//
// A catalogue is a flat JSON object: key → ICU MessageFormat pattern with named arguments, e.g.
//   "outbox.count": "{count, plural, one {# zending} other {# zendingen}}"
// Keys are lower-case words of [a-z0-9_] joined by dots ("home.price_note"). Templates refer to a
// message through its marker, "t_" + the key with dots written as underscores
// ({{t_home_price_note}}, see template_renderer.hpp); two keys that would share a marker are
// rejected.
//
// Load fails fast, naming the file and the key, when a message does not parse, or uses what this
// layer cannot honour: numbered arguments, `date`/`time` arguments (ICU would use the process time
// zone, not Europe/Brussels — pass a ui::DateTime, which is formatted before it reaches the
// message), `choice`, number styles other than `integer` (amounts are ui::Money), or an ASCII
// apostrophe (ICU's quoting character: "l'{name}" would silently swallow the argument; write ’).
// A key present in one language and missing in another is NOT a load error (a page shows the key
// rather than crashing); FindCatalogProblems (catalog_check.hpp) reports it and the unit_ui suite
// fails on it.
//
// Thread-safety: immutable after Load; Message::Format may be called concurrently. ICU's
// MessageFormat::format is const but not thread-safe (it lazily creates and caches its number and
// plural formatters inside the instance), so each message keeps its one parsed instance behind a
// mutex held only for the format call. Cloning per call would allocate the whole pattern and its
// sub-formats each time; contention is negligible because a page formats each of its few dozen
// messages once, in microseconds. Messages without arguments (most of them) are formatted once at
// load and then served without ICU or lock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "ui/language.hpp"

namespace sealpost::ui {

// What a message does with an argument, so that a wrong value is caught before ICU sees it.
enum class ArgumentKind {
  kText,    // {name}: any value, shown as text
  kNumber,  // {n, number}, {n, plural, …}, {n, selectordinal, …}: needs an integer
  kChoice,  // {g, select, …}: needs a text keyword
};

struct MessageArgument {
  std::string_view name;
  std::variant<std::string, std::int64_t> value;
};

// One message of one language.
class Message {
 public:
  struct Compiled;
  Message(std::string key, std::string pattern, std::vector<std::string> argument_names,
          std::vector<ArgumentKind> argument_kinds, std::unique_ptr<Compiled> compiled);
  ~Message();

  const std::string& key() const { return key_; }
  const std::string& pattern() const { return pattern_; }
  // Sorted, each once; argument_kinds()[i] belongs to argument_names()[i].
  const std::vector<std::string>& argument_names() const { return argument_names_; }
  const std::vector<ArgumentKind>& argument_kinds() const { return argument_kinds_; }

  // Arguments not given stay as "{name}" (ICU's behaviour); nullopt when ICU rejects a value (the
  // caller counts it). Thread-safe.
  std::optional<std::string> Format(std::span<const MessageArgument> arguments) const;

 private:
  std::string key_;
  std::string pattern_;
  std::vector<std::string> argument_names_;
  std::vector<ArgumentKind> argument_kinds_;
  std::unique_ptr<Compiled> compiled_;
};

class Catalog {
 public:
  static common::Result<Catalog> Load(const std::filesystem::path& directory);

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  // nullptr when the language's catalogue has no such key.
  const Message* Find(Language language, std::string_view key) const;
  // The keys of one language, sorted.
  std::vector<std::string> Keys(Language language) const;
  // The key whose marker this is ("t_home_title" → "home.title"), over all languages.
  std::optional<std::string> KeyForMarker(std::string_view marker) const;
  const std::filesystem::path& directory() const;

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

inline constexpr std::string_view kMessageMarkerPrefix = "t_";

// "home.price_note" → "t_home_price_note".
std::string MarkerForKey(std::string_view key);

}  // namespace sealpost::ui

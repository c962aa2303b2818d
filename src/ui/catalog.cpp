#include "ui/catalog.hpp"

#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ui/icu_text.hpp"

namespace sealpost::ui {
namespace {

using common::ErrorCode;
using common::Fail;

using Messages = std::map<std::string, std::unique_ptr<Message>, std::less<>>;

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.front() < 'a' || key.front() > 'z') return false;
  char previous = '.';
  for (char c : key) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && c != '.') return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return key.back() != '.';
}

std::string Where(const std::filesystem::path& file, std::string_view key) {
  return file.string() + ": message \"" + std::string(key) + "\": ";
}

// Reads the argument names and kinds of a parsed pattern, rejecting what this layer cannot honour
// (see catalog.hpp).
common::Result<std::map<std::string, ArgumentKind>> InspectArguments(
    const icu::UnicodeString& pattern, const std::string& where) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern parsed(status);
  UParseError parse_error{};
  parsed.parse(pattern, &parse_error, status);
  if (U_FAILURE(status)) {
    return Fail(ErrorCode::kInvalidArgument,
                where + "does not parse: " + internal::IcuErrorName(status));
  }
  std::map<std::string, ArgumentKind> arguments;
  const int32_t count = parsed.countParts();
  for (int32_t i = 0; i < count; ++i) {
    const icu::MessagePattern::Part& part = parsed.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const icu::MessagePattern::Part& name_part = parsed.getPart(i + 1);
    if (name_part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + "uses a numbered argument; name every argument, e.g. {count}");
    }
    std::string name = internal::ToUtf8(parsed.getSubstring(name_part));
    ArgumentKind kind = ArgumentKind::kText;
    switch (part.getArgType()) {
      case UMSGPAT_ARG_TYPE_NONE:
        break;
      case UMSGPAT_ARG_TYPE_PLURAL:
      case UMSGPAT_ARG_TYPE_SELECTORDINAL:
        kind = ArgumentKind::kNumber;
        break;
      case UMSGPAT_ARG_TYPE_SELECT:
        kind = ArgumentKind::kChoice;
        break;
      case UMSGPAT_ARG_TYPE_SIMPLE: {
        std::string type = internal::ToUtf8(parsed.getSubstring(parsed.getPart(i + 2)).trim());
        std::string style;
        if (parsed.getPartType(i + 3) == UMSGPAT_PART_TYPE_ARG_STYLE) {
          style = internal::ToUtf8(parsed.getSubstring(parsed.getPart(i + 3)).trim());
        }
        if (type != "number" || !(style.empty() || style == "integer")) {
          return Fail(ErrorCode::kInvalidArgument,
                      where + "argument {" + name + ", " + type + (style.empty() ? "" : ", ") +
                          style +
                          "} is not supported: pass dates as ui::DateTime and amounts as "
                          "ui::Money and write {" +
                          name + "}; numbers are {" + name + "} or {" + name + ", number}");
        }
        kind = ArgumentKind::kNumber;
        break;
      }
      case UMSGPAT_ARG_TYPE_CHOICE:
        return Fail(ErrorCode::kInvalidArgument,
                    where + "uses a choice argument; use plural or select instead");
    }
    auto [it, inserted] = arguments.emplace(name, kind);
    if (!inserted && it->second != kind) {
      if (it->second == ArgumentKind::kText) {
        it->second = kind;
      } else if (kind != ArgumentKind::kText) {
        return Fail(ErrorCode::kInvalidArgument,
                    where + "uses {" + name + "} both as a number and as a select keyword");
      }
    }
  }
  return arguments;
}

common::Result<std::unique_ptr<Message>> CompileMessage(const std::filesystem::path& file,
                                                        Language language, const std::string& key,
                                                        const nlohmann::json& value);

}  // namespace

struct Message::Compiled {
  std::mutex mutex;
  std::unique_ptr<icu::MessageFormat> format;
  std::optional<std::string> constant;  // the text of a message without arguments, formatted once
};

Message::Message(std::string key, std::string pattern, std::vector<std::string> argument_names,
                 std::vector<ArgumentKind> argument_kinds, std::unique_ptr<Compiled> compiled)
    : key_(std::move(key)),
      pattern_(std::move(pattern)),
      argument_names_(std::move(argument_names)),
      argument_kinds_(std::move(argument_kinds)),
      compiled_(std::move(compiled)) {}

Message::~Message() = default;

std::optional<std::string> Message::Format(std::span<const MessageArgument> arguments) const {
  if (compiled_->constant) return compiled_->constant;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(arguments.size());
  values.reserve(arguments.size());
  for (const MessageArgument& argument : arguments) {
    names.push_back(internal::ToIcu(argument.name));
    if (const auto* text = std::get_if<std::string>(&argument.value)) {
      values.emplace_back(internal::ToIcu(*text));
    } else {
      values.emplace_back(static_cast<int64_t>(std::get<std::int64_t>(argument.value)));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  {
    std::lock_guard lock(compiled_->mutex);
    compiled_->format->format(names.data(), values.data(), static_cast<int32_t>(values.size()), out,
                              status);
  }
  if (U_FAILURE(status)) return std::nullopt;
  return internal::ToUtf8(out);
}

namespace {

common::Result<std::unique_ptr<Message>> CompileMessage(const std::filesystem::path& file,
                                                        Language language, const std::string& key,
                                                        const nlohmann::json& value) {
  const std::string where = Where(file, key);
  if (!IsValidKey(key)) {
    return Fail(ErrorCode::kInvalidArgument,
                where + "bad key: use lower-case words of [a-z0-9_] joined by dots");
  }
  if (!value.is_string()) {
    return Fail(ErrorCode::kInvalidArgument,
                where + "the value must be a string (catalogues are flat)");
  }
  const std::string pattern = value.get<std::string>();
  if (pattern.empty()) return Fail(ErrorCode::kInvalidArgument, where + "the message is empty");
  if (pattern.find('\'') != std::string::npos) {
    return Fail(
        ErrorCode::kInvalidArgument,
        where + "contains an ASCII apostrophe, which ICU treats as a quote; write ’ (U+2019)");
  }
  const icu::UnicodeString unicode = internal::ToIcu(pattern);
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  auto compiled = std::make_unique<Message::Compiled>();
  compiled->format = std::make_unique<icu::MessageFormat>(
      unicode, icu::Locale(FormattingLocale(language)), parse_error, status);
  if (U_FAILURE(status)) {
    std::string context = internal::ToUtf8(icu::UnicodeString(parse_error.preContext));
    return Fail(ErrorCode::kInvalidArgument,
                where + "does not parse (" + internal::IcuErrorName(status) + " at offset " +
                    std::to_string(parse_error.offset) + ", after \"" + context + "\")");
  }
  auto arguments = InspectArguments(unicode, where);
  if (!arguments) return Fail(arguments.error());
  std::vector<std::string> names;
  std::vector<ArgumentKind> kinds;
  for (const auto& [name, kind] : *arguments) {
    names.push_back(name);
    kinds.push_back(kind);
  }
  if (names.empty()) {
    // Formatted once here: the hot path then needs neither ICU nor the lock.
    icu::UnicodeString out;
    compiled->format->format(nullptr, nullptr, 0, out, status);
    if (U_FAILURE(status)) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + "does not format: " + internal::IcuErrorName(status));
    }
    compiled->constant = internal::ToUtf8(out);
  }
  return std::make_unique<Message>(key, pattern, std::move(names), std::move(kinds),
                                   std::move(compiled));
}

common::Result<Messages> LoadFile(const std::filesystem::path& file, Language language) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInvalidArgument, file.string() + ": cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();

  // nlohmann keeps the last of two equal keys silently; a duplicated key is a copy-paste mistake
  // whose first translation would vanish, so it is an error.
  std::set<std::string> seen;
  std::string duplicate;
  auto on_event = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!seen.insert(key).second && duplicate.empty()) duplicate = key;
    }
    return true;
  };
  nlohmann::json root = nlohmann::json::parse(buffer.str(), on_event, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return Fail(ErrorCode::kInvalidArgument, file.string() + ": is not valid JSON");
  }
  if (!root.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, file.string() + ": must be a JSON object");
  }
  if (!duplicate.empty()) {
    return Fail(ErrorCode::kInvalidArgument, Where(file, duplicate) + "appears twice");
  }
  Messages messages;
  for (const auto& [key, value] : root.items()) {
    auto message = CompileMessage(file, language, key, value);
    if (!message) return Fail(message.error());
    messages.emplace(key, std::move(*message));
  }
  return messages;
}

}  // namespace

struct Catalog::Impl {
  std::filesystem::path directory;
  std::array<Messages, kAllLanguages.size()> messages;
  std::map<std::string, std::string, std::less<>> key_by_marker;
};

common::Result<Catalog> Catalog::Load(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return Fail(ErrorCode::kInvalidArgument,
                "message catalogue directory " + directory.string() + " does not exist");
  }
  // A catalogue for a language we do not serve is a misnamed file: say so rather than ignore it.
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.is_directory()) {
      auto language = LanguageFromTag(entry.path().filename().string());
      if (!language || LanguageCode(*language) != entry.path().filename().string()) {
        return Fail(ErrorCode::kInvalidArgument,
                    entry.path().string() + ": not a supported language (expected nl, fr, en, de)");
      }
      continue;
    }
    if (entry.path().extension() != ".json") continue;
    auto language = LanguageFromTag(entry.path().stem().string());
    if (!language || LanguageCode(*language) != entry.path().stem().string()) {
      return Fail(ErrorCode::kInvalidArgument,
                  entry.path().string() +
                      ": not a supported language (expected nl.json, fr.json, en.json, de.json)");
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->directory = directory;
  for (Language language : kAllLanguages) {
    auto file = directory / (std::string(LanguageCode(language)) + ".json");
    auto messages = LoadFile(file, language);
    if (!messages) return Fail(messages.error());
    // Areas of the product keep their messages in files of their own, DIR/<lang>/<area>.json
    // (e.g. mail.json), so that each can be edited without touching the others; a key lives in
    // exactly one file.
    const auto area_dir = directory / std::string(LanguageCode(language));
    if (std::filesystem::is_directory(area_dir, ec)) {
      std::vector<std::filesystem::path> areas;
      for (const auto& entry : std::filesystem::directory_iterator(area_dir, ec)) {
        if (entry.path().extension() == ".json") areas.push_back(entry.path());
      }
      std::sort(areas.begin(), areas.end());
      for (const auto& area : areas) {
        auto more = LoadFile(area, language);
        if (!more) return Fail(more.error());
        for (auto& [key, message] : *more) {
          if (messages->contains(key)) {
            return Fail(ErrorCode::kInvalidArgument,
                        Where(area, key) + "is defined in another file of the same language too");
          }
          messages->emplace(key, std::move(message));
        }
      }
    }
    for (const auto& [key, message] : *messages) {
      auto [it, inserted] = impl->key_by_marker.emplace(MarkerForKey(key), key);
      if (!inserted && it->second != key) {
        return Fail(ErrorCode::kInvalidArgument, Where(file, key) + "shares its template marker " +
                                                     it->first + " with \"" + it->second +
                                                     "\"; rename one of them");
      }
    }
    impl->messages[static_cast<std::size_t>(language)] = std::move(*messages);
  }
  return Catalog(std::move(impl));
}

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

const Message* Catalog::Find(Language language, std::string_view key) const {
  const Messages& messages = impl_->messages[static_cast<std::size_t>(language)];
  auto it = messages.find(key);
  return it == messages.end() ? nullptr : it->second.get();
}

std::vector<std::string> Catalog::Keys(Language language) const {
  std::vector<std::string> keys;
  for (const auto& [key, message] : impl_->messages[static_cast<std::size_t>(language)]) {
    keys.push_back(key);
  }
  return keys;
}

std::optional<std::string> Catalog::KeyForMarker(std::string_view marker) const {
  auto it = impl_->key_by_marker.find(marker);
  if (it == impl_->key_by_marker.end()) return std::nullopt;
  return it->second;
}

const std::filesystem::path& Catalog::directory() const { return impl_->directory; }

std::string MarkerForKey(std::string_view key) {
  std::string marker(kMessageMarkerPrefix);
  for (char c : key) marker += c == '.' ? '_' : c;
  return marker;
}

}  // namespace sealpost::ui

#include "ui/translator.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <set>

namespace sealpost::ui {
namespace {

constexpr std::size_t kMaxRememberedMissingKeys = 64;
// A MessageKey argument is itself formatted with the same values; one level is enough for "state:
// {state}" and stops a message that names itself from recursing.
constexpr int kMaxNesting = 1;

class ArgsSource final : public ValueSource {
 public:
  explicit ArgsSource(const MessageArgs& args) : args_(args) {}
  const Value* Find(std::string_view name) const override {
    for (const auto& [arg_name, value] : args_) {
      if (arg_name == name) return &value;
    }
    return nullptr;
  }

 private:
  const MessageArgs& args_;
};

}  // namespace

struct Translator::Impl {
  explicit Impl(Catalog c) : catalog(std::move(c)) {}
  Catalog catalog;
  std::vector<Formatter> formatters;  // indexed by Language
  std::atomic<std::uint64_t> missing_keys{0};
  std::atomic<std::uint64_t> bad_arguments{0};
  std::mutex missing_mutex;
  std::set<std::string> missing;
};

common::Result<Translator> Translator::Load(const std::filesystem::path& locales_directory) {
  auto catalog = Catalog::Load(locales_directory);
  if (!catalog) return common::Fail(catalog.error());
  auto impl = std::make_unique<Impl>(std::move(*catalog));
  for (Language language : kAllLanguages) {
    auto formatter = Formatter::Create(language);
    if (!formatter) return common::Fail(formatter.error());
    impl->formatters.push_back(std::move(*formatter));
  }
  return Translator(std::move(impl));
}

Translator::Translator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Translator::Translator(Translator&&) noexcept = default;
Translator& Translator::operator=(Translator&&) noexcept = default;
Translator::~Translator() = default;

std::string Translator::Text(Language language, std::string_view key,
                             const MessageArgs& args) const {
  return TextAt(language, key, ArgsSource(args), 0);
}

std::string Translator::Text(Language language, std::string_view key,
                             const ValueSource& values) const {
  return TextAt(language, key, values, 0);
}

std::string Translator::TextAt(Language language, std::string_view key, const ValueSource& values,
                               int depth) const {
  const Message* message = impl_->catalog.Find(language, key);
  if (message == nullptr) {
    impl_->missing_keys.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(impl_->missing_mutex);
    if (impl_->missing.size() < kMaxRememberedMissingKeys) {
      impl_->missing.insert(std::string(LanguageCode(language)) + ":" + std::string(key));
    }
    return std::string(key);
  }
  const auto& names = message->argument_names();
  const auto& kinds = message->argument_kinds();
  std::vector<MessageArgument> arguments;
  arguments.reserve(names.size());
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Value* value = values.Find(names[i]);
    if (value == nullptr) {
      ++bad;
      continue;
    }
    const auto* number = std::get_if<std::int64_t>(value);
    const auto* text = std::get_if<std::string>(value);
    switch (kinds[i]) {
      case ArgumentKind::kNumber:
        if (number == nullptr) {
          ++bad;
          continue;
        }
        arguments.push_back({names[i], *number});
        break;
      case ArgumentKind::kChoice:
        if (text == nullptr) {
          ++bad;
          continue;
        }
        arguments.push_back({names[i], *text});
        break;
      case ArgumentKind::kText:
        if (number != nullptr) {
          arguments.push_back({names[i], *number});
        } else if (const auto* nested = std::get_if<MessageKey>(value)) {
          if (depth >= kMaxNesting) {
            ++bad;
            continue;
          }
          arguments.push_back({names[i], TextAt(language, nested->key, values, depth + 1)});
        } else {
          arguments.push_back({names[i], formatter(language).Format(*value)});
        }
        break;
    }
  }
  auto text = message->Format(arguments);
  if (!text) {
    ++bad;
    text = std::string(key);
  }
  if (bad > 0) impl_->bad_arguments.fetch_add(bad, std::memory_order_relaxed);
  return std::move(*text);
}

std::string Translator::Display(Language language, const Value& value,
                                const ValueSource& context) const {
  if (const auto* key = std::get_if<MessageKey>(&value)) {
    return TextAt(language, key->key, context, 0);
  }
  return formatter(language).Format(value);
}

const Formatter& Translator::formatter(Language language) const {
  return impl_->formatters[static_cast<std::size_t>(language)];
}

const Catalog& Translator::catalog() const { return impl_->catalog; }

std::uint64_t Translator::missing_key_count() const {
  return impl_->missing_keys.load(std::memory_order_relaxed);
}

std::uint64_t Translator::bad_argument_count() const {
  return impl_->bad_arguments.load(std::memory_order_relaxed);
}

std::vector<std::string> Translator::MissingKeys() const {
  std::lock_guard lock(impl_->missing_mutex);
  return {impl_->missing.begin(), impl_->missing.end()};
}

}  // namespace sealpost::ui

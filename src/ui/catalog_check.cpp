#include "ui/catalog_check.hpp"

#include <map>
#include <set>

#include "common/result.hpp"
#include "ui/error_messages.hpp"

namespace sealpost::ui {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out + "}";
}

}  // namespace

std::vector<std::string> RequiredMessageKeys() {
  std::vector<std::string> keys = {"app.name", "language.name"};
  for (common::ErrorCode code : kAllErrorCodes) keys.push_back(ErrorMessageKey(code));
  return keys;
}

std::vector<std::string> FindCatalogProblems(const Catalog& catalog) {
  std::vector<std::string> problems;
  std::set<std::string> all_keys;
  for (Language language : kAllLanguages) {
    for (auto& key : catalog.Keys(language)) all_keys.insert(std::move(key));
  }
  for (auto& key : RequiredMessageKeys()) all_keys.insert(std::move(key));

  for (const std::string& key : all_keys) {
    std::map<std::vector<std::string>, std::vector<std::string_view>> languages_by_arguments;
    for (Language language : kAllLanguages) {
      const Message* message = catalog.Find(language, key);
      if (message == nullptr) {
        problems.push_back(std::string(LanguageCode(language)) + ".json lacks \"" + key + "\"");
        continue;
      }
      languages_by_arguments[message->argument_names()].push_back(LanguageCode(language));
    }
    if (languages_by_arguments.size() > 1) {
      std::string line = "\"" + key + "\" has different arguments per language:";
      for (const auto& [arguments, languages] : languages_by_arguments) {
        line += " ";
        for (std::string_view language : languages) line += std::string(language) + " ";
        line += Join(arguments) + ";";
      }
      problems.push_back(line);
    }
  }
  return problems;
}

}  // namespace sealpost::ui

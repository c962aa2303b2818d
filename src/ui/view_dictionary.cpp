#include "ui/view_dictionary.hpp"

#include <algorithm>

namespace sealpost::ui::internal {

void MarkerTree::Add(const TemplateOutline::MarkerUse& use, const std::string& key) {
  MarkerTree* level = this;
  for (const std::string& section : use.section_path) level = &level->sections[section];
  auto same = [&](const auto& entry) { return entry.first == use.marker; };
  if (std::none_of(level->markers.begin(), level->markers.end(), same)) {
    level->markers.emplace_back(use.marker, key);
  }
}

const MarkerTree* MarkerTree::Section(std::string_view name) const {
  auto it = sections.find(name);
  return it == sections.end() ? nullptr : &it->second;
}

void FillDictionary(ctemplate::TemplateDictionary& dictionary, const View& view,
                    const ValueSource* parent, const MarkerTree* markers,
                    const Translator& translator, Language language, ValueScope scope) {
  const ViewChain chain(view, parent);
  for (const auto& [name, value] : view.values()) {
    std::string text = translator.Display(language, value, chain);
    if (scope == ValueScope::kTemplateGlobal) {
      dictionary.SetTemplateGlobalValue(name, text);
    } else {
      dictionary.SetValue(name, text);
    }
  }
  if (markers != nullptr) {
    for (const auto& [marker, key] : markers->markers) {
      // Markers are set per dictionary, not template-global: a row's message must not leak into a
      // sibling include.
      dictionary.SetValue(marker, translator.Text(language, key, chain));
    }
  }
  for (const View::Section& section : view.sections()) {
    const MarkerTree* below = markers != nullptr ? markers->Section(section.name) : nullptr;
    for (const View& row : section.rows) {
      ctemplate::TemplateDictionary* child = dictionary.AddSectionDictionary(section.name);
      FillDictionary(*child, row, &chain, below, translator, language, ValueScope::kDictionary);
    }
  }
}

}  // namespace sealpost::ui::internal

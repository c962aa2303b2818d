// Filling a ctemplate dictionary from a View: values formatted for one language, and the
// catalogue-message markers of the template formatted at the level where they appear (the
// MarkerTree mirrors the template's section nesting). Internal to src/ui (it names ctemplate).
// Stateless: each call writes only the dictionary it is given.
#pragma once

// First: ctemplate 2.4's str_ref.h calls strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_dictionary.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ui/language.hpp"
#include "ui/template_outline.hpp"
#include "ui/translator.hpp"
#include "ui/view.hpp"

namespace sealpost::ui::internal {

struct MarkerTree {
  std::vector<std::pair<std::string, std::string>> markers;  // marker → key (the marker itself when
                                                             // no key matches: shown, counted)
  std::map<std::string, MarkerTree, std::less<>> sections;

  void Add(const TemplateOutline::MarkerUse& use, const std::string& key);
  const MarkerTree* Section(std::string_view name) const;
};

// A View and the Views enclosing it, innermost first: where a message finds its arguments.
class ViewChain final : public ValueSource {
 public:
  ViewChain(const View& view, const ValueSource* parent) : view_(view), parent_(parent) {}
  const Value* Find(std::string_view name) const override {
    if (const Value* value = view_.Find(name)) return value;
    return parent_ != nullptr ? parent_->Find(name) : nullptr;
  }

 private:
  const View& view_;
  const ValueSource* parent_;
};

enum class ValueScope {
  kDictionary,      // visible in this dictionary and its sections
  kTemplateGlobal,  // also visible in included templates (the layout's page values)
};

// `markers` may be null (no markers below this level). `parent` is what the view's messages may
// fall back on for arguments.
void FillDictionary(ctemplate::TemplateDictionary& dictionary, const View& view,
                    const ValueSource* parent, const MarkerTree* markers,
                    const Translator& translator, Language language, ValueScope scope);

}  // namespace sealpost::ui::internal

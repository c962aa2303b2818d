// View: the data one template is expanded with — named values and named sections (repeated rows,
// or a block shown once) — built by a page handler, a mailer or a PDF builder, then handed to
// TemplateRenderer. It holds language-neutral Values, so the same View renders in any language.
//
// A value serves twice: as a template variable ({{price}}) and as an argument of the catalogue
// messages shown at the same level or below ({{t_home_price}} = "… {price} per ontvanger …").
// Inside a section row, the row's values come first, then the enclosing ones (as ctemplate's own
// dictionary inheritance does): a row can set {provider} for "Aanmelden met {provider}".
//
// Names are ctemplate variable names ([A-Za-z0-9_]); names starting with "t_" are reserved for
// catalogue messages and are ignored here. Not thread-safe: one handler builds one View.
#pragma once

#include <list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/value.hpp"

namespace sealpost::ui {

class View {
 public:
  // Sets (or replaces) a value.
  View& Set(std::string name, Value value);
  // Appends a row to a section ({{#name}}…{{/name}}) and returns it; rows keep their address.
  View& AddRow(std::string_view section);
  // Shows a section once, with no values of its own.
  View& Show(std::string_view section);

  const Value* Find(std::string_view name) const;
  const std::vector<std::pair<std::string, Value>>& values() const { return values_; }

  struct Section {
    std::string name;
    std::list<View> rows;
  };
  const std::list<Section>& sections() const { return sections_; }
  const Section* FindSection(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, Value>> values_;
  std::list<Section> sections_;  // a list: adding a section keeps earlier rows in place
};

}  // namespace sealpost::ui

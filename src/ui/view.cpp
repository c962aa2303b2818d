#include "ui/view.hpp"

#include "ui/catalog.hpp"

namespace sealpost::ui {

View& View::Set(std::string name, Value value) {
  if (name.starts_with(kMessageMarkerPrefix)) return *this;  // reserved for catalogue messages
  for (auto& [existing, old] : values_) {
    if (existing == name) {
      old = std::move(value);
      return *this;
    }
  }
  values_.emplace_back(std::move(name), std::move(value));
  return *this;
}

View& View::AddRow(std::string_view section) {
  for (Section& s : sections_) {
    if (s.name == section) return s.rows.emplace_back();
  }
  Section& s = sections_.emplace_back(Section{std::string(section), {}});
  return s.rows.emplace_back();
}

View& View::Show(std::string_view section) {
  AddRow(section);
  return *this;
}

const Value* View::Find(std::string_view name) const {
  for (const auto& [existing, value] : values_) {
    if (existing == name) return &value;
  }
  return nullptr;
}

const View::Section* View::FindSection(std::string_view name) const {
  for (const Section& s : sections_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace sealpost::ui

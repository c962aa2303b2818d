// Headers: an ordered list of HTTP header fields with case-insensitive lookup by name.
// Field names keep the spelling they arrived with; lookups ignore ASCII case as RFC 9110 requires.
// A value type: not synchronised, share it read-only or copy it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sealpost::http {

// ASCII case-insensitive equality (header names, media types, parameter names).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  Headers() = default;
  Headers(std::initializer_list<Field> fields) : fields_(fields) {}

  // The first value of `name`, or nullopt when absent.
  std::optional<std::string_view> Get(std::string_view name) const;
  // Every value of `name`, in arrival order (e.g. several Accept or Set-Cookie fields).
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }

  // Appends a field, keeping any existing field of the same name.
  void Add(std::string name, std::string value);
  // Replaces every field of that name by one field.
  void Set(std::string name, std::string value);
  void Remove(std::string_view name);

  const std::vector<Field>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }
  std::size_t size() const { return fields_.size(); }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace sealpost::http

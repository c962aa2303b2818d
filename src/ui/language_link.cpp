#include "ui/language_link.hpp"

namespace sealpost::ui {

std::string LanguageLink(std::string_view current_target, Language language) {
  std::string_view target = current_target.substr(0, current_target.find('#'));
  bool local = target.size() >= 1 && target[0] == '/' &&
               !(target.size() >= 2 && (target[1] == '/' || target[1] == '\\'));
  for (char c : target) {
    // Control characters and spaces have no place in a request target; do not echo them.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) local = false;
  }
  if (!local) target = "/";

  std::size_t question = target.find('?');
  std::string out(target.substr(0, question));
  std::string query;
  if (question != std::string_view::npos) {
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
      std::size_t amp = rest.find('&');
      std::string_view param = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (param.empty() || param == "lang" || param.starts_with("lang=")) continue;
      query += param;
      query += '&';
    }
  }
  query += "lang=";
  query += LanguageCode(language);
  return out + "?" + query;
}

}  // namespace sealpost::ui

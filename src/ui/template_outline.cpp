#include "ui/template_outline.hpp"

#include "ui/catalog.hpp"

namespace sealpost::ui {
namespace {

using common::ErrorCode;
using common::Fail;

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string LineOf(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
  return "line " + std::to_string(line);
}

}  // namespace

common::Result<TemplateOutline> OutlineTemplate(std::string_view text) {
  TemplateOutline outline;
  struct Open {
    std::string name;
    bool in_path;  // false for "X_separator" inside X: ctemplate expands it with X's rows
  };
  std::vector<Open> open;
  std::vector<std::string> path;
  bool seen_marker = false;
  std::size_t position = 0;
  while (true) {
    std::size_t start = text.find("{{", position);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find("}}", start + 2);
    if (end == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, LineOf(text, start) + ": unterminated {{");
    }
    std::string_view token = text.substr(start + 2, end - start - 2);
    position = end + 2;
    if (token.empty()) {
      return Fail(ErrorCode::kInvalidArgument, LineOf(text, start) + ": empty {{}}");
    }
    const char kind = token.front();
    std::string_view body = token.substr(
        kind == '#' || kind == '/' || kind == '>' || kind == '!' || kind == '%' || kind == '=' ? 1
                                                                                               : 0);
    std::string_view name = Trim(body.substr(0, body.find(':')));
    switch (kind) {
      case '!':
        break;
      case '=':
        return Fail(ErrorCode::kInvalidArgument,
                    LineOf(text, start) + ": delimiter changes are not supported");
      case '%': {
        if (seen_marker || !Trim(text.substr(0, start)).empty()) {
          return Fail(ErrorCode::kInvalidArgument,
                      LineOf(text, start) + ": the AUTOESCAPE pragma must come first");
        }
        constexpr std::string_view kContext = "context=\"";
        std::size_t at = body.find(kContext);
        if (at != std::string_view::npos) {
          std::size_t from = at + kContext.size();
          outline.autoescape_context = std::string(body.substr(from, body.find('"', from) - from));
        }
        break;
      }
      case '#': {
        bool separator = !open.empty() && name == open.back().name + "_separator";
        open.push_back({std::string(name), !separator});
        if (!separator) path.emplace_back(name);
        break;
      }
      case '/':
        if (open.empty() || open.back().name != name) {
          return Fail(ErrorCode::kInvalidArgument,
                      LineOf(text, start) + ": {{/" + std::string(name) + "}} closes no section");
        }
        if (open.back().in_path) path.pop_back();
        open.pop_back();
        break;
      case '>':
        outline.includes.emplace_back(name);
        break;
      default:
        if (name.starts_with(kMessageMarkerPrefix)) {
          outline.markers.push_back({std::string(name), path});
        }
    }
    seen_marker = true;
  }
  if (!open.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "section {{#" + open.back().name + "}} is not closed");
  }
  return outline;
}

}  // namespace sealpost::ui

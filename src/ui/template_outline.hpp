// TemplateOutline: what a ctemplate template refers to, read from its text before ctemplate parses
// it — the catalogue-message markers ({{t_…}}) with the sections they sit in, the includes
// ({{>name}}), and the AUTOESCAPE pragma. The renderer uses it to fill each marker at the right
// depth of the dictionary and the catalogue check uses it to find every message a template needs.
// Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace sealpost::ui {

struct TemplateOutline {
  // The context of a leading {{%AUTOESCAPE context="…"}} ("HTML"), empty without one.
  std::string autoescape_context;
  struct MarkerUse {
    std::string marker;                     // "t_home_title"
    std::vector<std::string> section_path;  // enclosing sections, outermost first
  };
  std::vector<MarkerUse> markers;
  std::vector<std::string> includes;
};

// Fails (kInvalidArgument) on an unterminated marker, an unbalanced section, a pragma that is not
// the first thing in the template, or a delimiter change ({{=…=}}), which this outline could not
// follow.
common::Result<TemplateOutline> OutlineTemplate(std::string_view text);

}  // namespace sealpost::ui

// TemplateRenderer: expands the ctemplate templates of one directory (web/templates/) into pages,
// e-mails and PDF text, in one language, with every user-visible string taken from the catalogue.
//
// Files, loaded and validated once at start-up (Load fails fast, naming the file):
//   *.html       HTML, auto-escaped: must start with {{%AUTOESCAPE context="HTML"}}. ctemplate then
//                picks the escaping for each variable from where it stands (element text,
//                attribute, URL attribute — where a "javascript:" URL becomes "#"), so a value can
//                never inject markup.
//   *.txt        plain text (e-mail bodies): no pragma, values are inserted as they are.
//   layout.html  the frame of every page: it includes the page as {{>content}}.
//   Pages are the *.html files outside mail/ other than layout.html.
//
// No user-visible text in templates or C++: a template writes a catalogue message as a marker,
//   <h1>{{t_home_heading}}</h1>          → message "home.heading" ("t_" + key, dots as "_")
// and the renderer fills every marker from the catalogue in the requested language. The message's
// arguments are the View's values at the marker's own level and above (view.hpp): a marker inside
// {{#providers}} is formatted once per row with that row's values. Markers are escaped like any
// other variable, so messages are plain text. A message chosen at run time (an error) is passed as
// a ui::MessageKey value. Each page's <title> is the message "<page>.title" ("home.title" for
// home.html, "account.items.title" for account/items.html).
//
// The layout receives, besides the page's own top-level values: {{lang}} ("nl"), {{page_title}},
// the section {{#languages}} with one row per language ({{code}}, {{href}} — the current page in
// that language, {{label}} — the language's name in itself, {{current}} — "true"/"false"), and the
// section {{#demo}} in demo mode. These names are reserved in page Views. A page View's section
// {{#signed_in}} (the signed-in navigation: account_name, csrf) is shown by the layout, not the
// page.
//
// Thread-safety: after Load the renderer is immutable and Render/RenderPage may run concurrently:
// the templates live in the renderer's own frozen ctemplate::TemplateCache (no default cache, no
// global dictionary, no reloading), ctemplate documents expansion as thread-safe, and each call
// builds its own TemplateDictionary. ctemplate's only process-wide state is internal and
// synchronised (its template-name id map and modifier registry). The Translator must outlive the
// renderer.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "ui/language.hpp"
#include "ui/translator.hpp"
#include "ui/view.hpp"

namespace sealpost::ui {

// What the layout needs to know about the request.
struct PageContext {
  Language language = kDefaultLanguage;
  // The request target (path and query) of this page: the language switcher links to it.
  std::string current_target = "/";
  bool demo = false;  // shows the demo-mode banner
};

struct MessageReference {
  std::string template_name;       // "home.html"
  std::string marker;              // "t_home_heading", or "" for a page title
  std::optional<std::string> key;  // nullopt when no catalogue key has this marker
};

class TemplateRenderer {
 public:
  static common::Result<TemplateRenderer> Load(const std::filesystem::path& directory,
                                               const Translator& translator);

  TemplateRenderer(TemplateRenderer&&) noexcept;
  TemplateRenderer& operator=(TemplateRenderer&&) noexcept;
  ~TemplateRenderer();

  // `page` ("home.html") expanded inside layout.html. kNotFound for an unknown page.
  common::Result<std::string> RenderPage(std::string_view page, const PageContext& context,
                                         const View& view) const;
  // Any template on its own ("mail/notification.txt"), e.g. an e-mail body.
  common::Result<std::string> Render(std::string_view name, Language language,
                                     const View& view) const;

  // Relative names of all loaded templates, sorted.
  std::vector<std::string> TemplateNames() const;
  // Every catalogue message the templates need: markers and page titles.
  std::vector<MessageReference> MessageReferences() const;
  // One line per needed message that a language lacks or no key matches; empty when complete.
  std::vector<std::string> FindMissingMessages() const;

 private:
  struct Impl;
  explicit TemplateRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealpost::ui

#include "ui/template_renderer.hpp"

// First: ctemplate 2.4's str_ref.h calls strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "ui/language_link.hpp"
#include "ui/template_outline.hpp"
#include "ui/view_dictionary.hpp"

namespace sealpost::ui {
namespace {

using common::ErrorCode;
using common::Fail;

constexpr std::string_view kLayout = "layout.html";
constexpr std::string_view kContentInclude = "content";

enum class Mode { kHtml, kText };

struct TemplateInfo {
  Mode mode;
  TemplateOutline outline;
  internal::MarkerTree markers;
};

// Blank lines only: stripping all line-leading white space (STRIP_WHITESPACE) would glue the words
// at the ends of two text lines together. Plain text keeps every byte.
ctemplate::Strip StripFor(Mode mode) {
  return mode == Mode::kHtml ? ctemplate::STRIP_BLANK_LINES : ctemplate::DO_NOT_STRIP;
}

bool IsPage(std::string_view name) {
  return name.ends_with(".html") && name != kLayout && !name.starts_with("mail/");
}

// "home.html" → "home.title", "account/items.html" → "account.items.title".
std::string PageTitleKey(std::string_view page) {
  std::string key(page.substr(0, page.size() - std::string_view(".html").size()));
  std::replace(key.begin(), key.end(), '/', '.');
  return key + ".title";
}

common::Result<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInvalidArgument, file.string() + ": cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

struct TemplateRenderer::Impl {
  explicit Impl(const Translator& t) : translator(t) {}
  const Translator& translator;
  std::filesystem::path directory;
  ctemplate::TemplateCache cache;
  std::map<std::string, TemplateInfo, std::less<>> templates;

  const TemplateInfo* Find(std::string_view name) const {
    auto it = templates.find(name);
    return it == templates.end() ? nullptr : &it->second;
  }

  common::Result<std::string> Expand(std::string_view name, Mode mode,
                                     const ctemplate::TemplateDictionary& dictionary) const {
    std::string out;
    if (!cache.ExpandNoLoad(std::string(name), StripFor(mode), &dictionary, nullptr, &out)) {
      return Fail(ErrorCode::kInternal, "template " + std::string(name) + " did not expand");
    }
    return out;
  }
};

common::Result<TemplateRenderer> TemplateRenderer::Load(const std::filesystem::path& directory,
                                                        const Translator& translator) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return Fail(ErrorCode::kInvalidArgument,
                "template directory " + directory.string() + " does not exist");
  }
  auto impl = std::make_unique<Impl>(translator);
  impl->directory = directory;
  if (!impl->cache.SetTemplateRootDirectory(directory.string())) {
    return Fail(ErrorCode::kInvalidArgument,
                "ctemplate refuses the template directory " + directory.string());
  }
  const Catalog& catalog = translator.catalog();
  for (auto it = std::filesystem::recursive_directory_iterator(directory, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::filesystem::path& file = it->path();
    if (file.filename().string().starts_with(".")) continue;  // editor and VCS droppings
    const std::string name = file.lexically_relative(directory).generic_string();
    Mode mode;
    if (file.extension() == ".html") {
      mode = Mode::kHtml;
    } else if (file.extension() == ".txt") {
      mode = Mode::kText;
    } else {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": not a template (*.html for HTML, *.txt for plain text)");
    }
    auto text = ReadFile(file);
    if (!text) return Fail(text.error());
    auto outline = OutlineTemplate(*text);
    if (!outline) {
      return Fail(ErrorCode::kInvalidArgument, file.string() + ": " + outline.error().message);
    }
    if (mode == Mode::kHtml && outline->autoescape_context != "HTML") {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": must start with {{%AUTOESCAPE context=\"HTML\"}}");
    }
    if (mode == Mode::kText && !outline->autoescape_context.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": plain-text templates take no AUTOESCAPE pragma");
    }
    if (name == kLayout &&
        std::count(outline->includes.begin(), outline->includes.end(), kContentInclude) != 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": the layout must include the page once, as {{>content}}");
    }
    if (name != kLayout && !outline->includes.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": only layout.html may include another template");
    }
    // ctemplate reports the reason of a parse or auto-escape failure on stderr itself.
    if (!impl->cache.LoadTemplate(name, StripFor(mode))) {
      return Fail(ErrorCode::kInvalidArgument,
                  file.string() + ": ctemplate cannot parse it (its reason is on stderr above)");
    }
    TemplateInfo info{mode, std::move(*outline), {}};
    for (const auto& use : info.outline.markers) {
      info.markers.Add(use, catalog.KeyForMarker(use.marker).value_or(use.marker));
    }
    impl->templates.emplace(name, std::move(info));
  }
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                "cannot list the template directory " + directory.string() + ": " + ec.message());
  }
  // From here on the cache never loads or reloads: expansion only reads it.
  impl->cache.Freeze();
  return TemplateRenderer(std::move(impl));
}

TemplateRenderer::TemplateRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TemplateRenderer::TemplateRenderer(TemplateRenderer&&) noexcept = default;
TemplateRenderer& TemplateRenderer::operator=(TemplateRenderer&&) noexcept = default;
TemplateRenderer::~TemplateRenderer() = default;

common::Result<std::string> TemplateRenderer::Render(std::string_view name, Language language,
                                                     const View& view) const {
  const TemplateInfo* info = impl_->Find(name);
  if (info == nullptr) {
    return Fail(ErrorCode::kNotFound, "no template " + std::string(name));
  }
  ctemplate::TemplateDictionary root{std::string(name)};
  internal::FillDictionary(root, view, nullptr, &info->markers, impl_->translator, language,
                           internal::ValueScope::kDictionary);
  return impl_->Expand(name, info->mode, root);
}

namespace {
constexpr std::string_view kLayoutSignedInSection = "signed_in";
}  // namespace

common::Result<std::string> TemplateRenderer::RenderPage(std::string_view page,
                                                         const PageContext& context,
                                                         const View& view) const {
  const TemplateInfo* info = IsPage(page) ? impl_->Find(page) : nullptr;
  if (info == nullptr) return Fail(ErrorCode::kNotFound, "no page " + std::string(page));
  const TemplateInfo* layout = impl_->Find(kLayout);
  if (layout == nullptr) {
    return Fail(ErrorCode::kFailedPrecondition,
                "no " + std::string(kLayout) + " in " + impl_->directory.string());
  }
  const Translator& translator = impl_->translator;
  const Language language = context.language;
  const internal::ViewChain page_values(view, nullptr);

  View frame;
  frame.Set("lang", std::string(LanguageCode(language)));
  frame.Set("page_title", translator.Text(language, PageTitleKey(page), page_values));
  for (Language other : kAllLanguages) {
    frame.AddRow("languages")
        .Set("code", std::string(LanguageCode(other)))
        .Set("href", LanguageLink(context.current_target, other))
        .Set("label", translator.Text(other, "language.name"))
        .Set("current", std::string(other == language ? "true" : "false"));
  }
  if (context.demo) frame.Show("demo");
  // Sections the layout itself shows (the signed-in navigation) come with the page's View.
  for (const View::Section& section : view.sections()) {
    if (section.name != kLayoutSignedInSection) continue;
    for (const View& row : section.rows) frame.AddRow(section.name) = row;
  }

  ctemplate::TemplateDictionary root("layout");
  // The page's values are template-global so that the layout can show them too; the frame's own
  // values are set after, so a page cannot replace `lang` or `page_title`.
  for (const auto& [name, value] : view.values()) {
    root.SetTemplateGlobalValue(name, translator.Display(language, value, page_values));
  }
  internal::FillDictionary(root, frame, &page_values, &layout->markers, translator, language,
                           internal::ValueScope::kTemplateGlobal);
  ctemplate::TemplateDictionary* content = root.AddIncludeDictionary(std::string(kContentInclude));
  content->SetFilename(std::string(page));
  internal::FillDictionary(*content, view, nullptr, &info->markers, translator, language,
                           internal::ValueScope::kDictionary);
  return impl_->Expand(kLayout, layout->mode, root);
}

std::vector<std::string> TemplateRenderer::TemplateNames() const {
  std::vector<std::string> names;
  for (const auto& [name, info] : impl_->templates) names.push_back(name);
  return names;
}

std::vector<MessageReference> TemplateRenderer::MessageReferences() const {
  const Catalog& catalog = impl_->translator.catalog();
  std::vector<MessageReference> references;
  for (const auto& [name, info] : impl_->templates) {
    if (IsPage(name)) references.push_back({name, "", PageTitleKey(name)});
    for (const auto& use : info.outline.markers) {
      references.push_back({name, use.marker, catalog.KeyForMarker(use.marker)});
    }
  }
  return references;
}

std::vector<std::string> TemplateRenderer::FindMissingMessages() const {
  const Catalog& catalog = impl_->translator.catalog();
  std::vector<std::string> problems;
  for (const MessageReference& reference : MessageReferences()) {
    if (!reference.key) {
      problems.push_back(reference.template_name + ": {{" + reference.marker +
                         "}} names no catalogue message (a marker is \"t_\" + the key with dots "
                         "as underscores)");
      continue;
    }
    const std::string what = reference.marker.empty()
                                 ? "the page title \"" + *reference.key + "\""
                                 : "{{" + reference.marker + "}} → \"" + *reference.key + "\"";
    for (Language language : kAllLanguages) {
      if (catalog.Find(language, *reference.key) == nullptr) {
        problems.push_back(reference.template_name + ": " + what + " is missing in " +
                           std::string(LanguageCode(language)) + ".json");
      }
    }
  }
  return problems;
}

}  // namespace sealpost::ui

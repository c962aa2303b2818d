#include "http/web/verify_pages.hpp"

#include "http/multipart.hpp"

namespace sealpost::http::web {

namespace {

HttpResponse Form(const VerifyPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  return RenderPage(p.web, request, "verify.html", view);
}

HttpResponse Check(const VerifyPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  auto form =
      ParseMultipart(std::string(request.Header("Content-Type").value_or("")), request.body);
  const MultipartPart* file = form ? form->Find("file") : nullptr;
  if (file == nullptr || file->body.empty()) {
    view.Show("no_file");
    return RenderPage(p.web, request, "verify.html", view, 400);
  }
  const std::string name = file->filename.value_or("file");
  auto verdict = p.verifier.Verify(name, file->body);
  if (!verdict) return ErrorPageFor(p.web, request, verdict.error());
  ui::View& result = view.AddRow("result");
  result.Set("file_name", name);
  result.Set("verdict", ui::MessageKey{verdict->valid ? "verify.valid" : "verify.not_valid"});
  result.Set("tone", verdict->valid ? "done" : "failed");
  for (const auto& s : verdict->statements) {
    result.AddRow("statements")
        .Set("event", s.event)
        .Set("evidence_id", s.evidence_id)
        .Set("sender", s.sender)
        .Set("recipient", s.recipient)
        .Set("time_stamped_at", s.time_stamped_at);
  }
  for (const auto& c : verdict->checks) {
    result.AddRow("checks")
        .Set("subject", c.subject)
        .Set("name", c.name)
        .Set("outcome", ui::MessageKey{c.passed ? "verify.check_passed" : "verify.check_failed"})
        .Set("detail", c.detail);
  }
  result.Set("trust_note", verdict->trust_note);
  return RenderPage(p.web, request, "verify.html", view, verdict->valid ? 200 : 422);
}

}  // namespace

void AddVerifyPages(Router& router, const VerifyPages& pages) {
  router.Add("GET", "/verify", [pages](const HttpRequest& r) { return Form(pages, r); });
  router.Add("POST", "/verify", [pages](const HttpRequest& r) { return Check(pages, r); });
}

}  // namespace sealpost::http::web

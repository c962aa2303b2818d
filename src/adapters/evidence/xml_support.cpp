#include "adapters/evidence/xml_support.hpp"

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>

#include <climits>
#include <cstring>
#include <mutex>

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

thread_local std::string xmlsec_errors;

// xmlsec reports through one global callback; keeping the text per thread keeps concurrent
// seals from mixing their messages.
void CollectXmlSecError(const char* file, int line, const char* func, const char* error_object,
                        const char* error_subject, int reason, const char* msg) {
  (void)file;
  (void)line;
  const char* reason_text = xmlSecErrorsGetMsg(static_cast<xmlSecSize>(reason));
  if (!xmlsec_errors.empty()) xmlsec_errors += "; ";
  xmlsec_errors += func != nullptr ? func : "?";
  if (error_object != nullptr) (xmlsec_errors += " ") += error_object;
  if (error_subject != nullptr) (xmlsec_errors += " ") += error_subject;
  if (reason_text != nullptr) (xmlsec_errors += ": ") += reason_text;
  if (msg != nullptr && *msg != '\0') (xmlsec_errors += " (") += std::string(msg) + ")";
}

common::Result<void> InitOnce() {
  xmlInitParser();
  LIBXML_TEST_VERSION;
  if (xmlSecInit() < 0) return common::Fail(ErrorCode::kInternal, "xmlSecInit failed");
  if (xmlSecCheckVersion() != 1)
    return common::Fail(ErrorCode::kInternal, "xmlsec version mismatch");
  if (xmlSecCryptoAppInit(nullptr) < 0)
    return common::Fail(ErrorCode::kInternal, "xmlSecCryptoAppInit failed");
  if (xmlSecCryptoInit() < 0) return common::Fail(ErrorCode::kInternal, "xmlSecCryptoInit failed");
  // Last: the init functions above install xmlsec's default (stderr) callback.
  xmlSecErrorsSetCallback(CollectXmlSecError);
  return common::Ok();
}

struct C14nTarget {
  xmlNode* root;
};

// Visible = inside the subtree. Namespace nodes are xmlNs structures, hence `parent` for them.
int InSubtree(void* user_data, xmlNodePtr node, xmlNodePtr parent) {
  const auto* target = static_cast<const C14nTarget*>(user_data);
  if (node == nullptr) return 0;
  xmlNode* start = node->type == XML_NAMESPACE_DECL ? parent : node;
  for (xmlNode* n = start; n != nullptr; n = n->parent) {
    if (n == target->root) return 1;
  }
  return 0;
}

}  // namespace

void XmlDocDeleter::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

common::Result<void> EnsureXmlSecurity() {
  static const common::Result<void> outcome = InitOnce();
  return outcome;
}

std::string TakeXmlSecErrors() {
  std::string out = std::move(xmlsec_errors);
  xmlsec_errors.clear();
  return out;
}

common::Result<XmlDocPtr> ParseXml(std::string_view bytes) {
  if (auto init = EnsureXmlSecurity(); !init) return common::Fail(init.error());
  if (bytes.size() > INT_MAX)
    return common::Fail(ErrorCode::kInvalidArgument, "document too large");
  xmlResetLastError();
  XmlDocPtr doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* error = xmlGetLastError();
    std::string detail = error != nullptr && error->message != nullptr ? error->message : "unknown";
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    return common::Fail(ErrorCode::kInvalidArgument, "not well-formed XML: " + detail);
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return common::Fail(ErrorCode::kInvalidArgument, "documents with a DTD are refused");
  }
  return doc;
}

common::Result<std::string> SerializeXml(xmlDoc* doc) {
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
  if (mem == nullptr)
    return common::Fail(ErrorCode::kInternal, "cannot serialise the XML document");
  std::string out(reinterpret_cast<const char*>(mem), static_cast<std::size_t>(size));
  xmlFree(mem);
  return out;
}

common::Result<std::string> ExcC14n(xmlDoc* doc, xmlNode* element) {
  xmlOutputBufferPtr buffer = xmlAllocOutputBuffer(nullptr);
  if (buffer == nullptr) return common::Fail(ErrorCode::kInternal, "xmlAllocOutputBuffer failed");
  C14nTarget target{element};
  int rc = xmlC14NExecute(doc, InSubtree, &target, XML_C14N_EXCLUSIVE_1_0, nullptr, 0, buffer);
  std::string out;
  if (rc >= 0) {
    out.assign(reinterpret_cast<const char*>(xmlOutputBufferGetContent(buffer)),
               xmlOutputBufferGetSize(buffer));
  }
  xmlOutputBufferClose(buffer);
  if (rc < 0) return common::Fail(ErrorCode::kInternal, "exclusive canonicalisation failed");
  return out;
}

bool IsElement(const xmlNode* node, const char* ns, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         node->ns->href != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::vector<xmlNode*> ChildElements(xmlNode* parent, const char* ns, const char* name) {
  std::vector<xmlNode*> out;
  if (parent == nullptr) return out;
  for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (IsElement(n, ns, name)) out.push_back(n);
  }
  return out;
}

xmlNode* FirstChildElement(xmlNode* parent, const char* ns, const char* name) {
  if (parent == nullptr) return nullptr;
  for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (IsElement(n, ns, name)) return n;
  }
  return nullptr;
}

std::vector<xmlNode*> Descendants(xmlNode* root, const char* ns, const char* name) {
  std::vector<xmlNode*> out;
  if (root == nullptr) return out;
  // Iterative pre-order walk: evidence documents are shallow, but input is untrusted.
  xmlNode* n = root;
  while (n != nullptr) {
    if (IsElement(n, ns, name)) out.push_back(n);
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
    if (n == nullptr || n == root) break;
    n = n->next;
  }
  return out;
}

std::string NodeText(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* text = xmlNodeGetContent(node);
  if (text == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(text));
  xmlFree(text);
  return out;
}

std::string Attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return {};
  xmlChar* value = xmlGetNoNsProp(node, BAD_CAST name);
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

bool HasAttribute(const xmlNode* node, const char* name) {
  return node != nullptr && xmlHasNsProp(node, BAD_CAST name, nullptr) != nullptr;
}

}  // namespace sealpost::adapters::evidence

// libxml2 / xmlsec plumbing shared by the evidence builder, sealer and verifier (internal to this
// folder: it includes libxml2 and xmlsec headers, which the public headers keep out).
// Thread-safety: EnsureXmlSecurity() initialises libxml2 and xmlsec exactly once per process (their
// init functions are not thread-safe); after it, documents and xmlsec contexts may be used from
// several threads as long as each document/context is owned by one thread at a time. xmlsec error
// messages are collected per thread.
#pragma once

#include <libxml/tree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/evidence/evidence_xml.hpp"
#include "common/result.hpp"

// Early return of a failed Result inside this folder (internal header only).
#define SP_TRY(var, expr)                                       \
  auto var##_result = (expr);                                   \
  if (!var##_result) return common::Fail(var##_result.error()); \
  auto var = *var##_result

#define SP_CHECK(expr)                                              \
  do {                                                              \
    auto check_result_ = (expr);                                    \
    if (!check_result_) return common::Fail(check_result_.error()); \
  } while (false)

namespace sealpost::adapters::evidence {

inline constexpr const char* kDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr const char* kXadesNamespace = "http://uri.etsi.org/01903/v1.3.2#";
inline constexpr const char* kSamlNamespace = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr const char* kSha256Uri = "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr const char* kExcC14nUri = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr const char* kEnvelopedUri =
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr const char* kSignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";
// Stable prefixes: the same document always serialises with the same prefixes.
inline constexpr const char* kEvidencePrefix = "ev";
inline constexpr const char* kDsigPrefix = "ds";
inline constexpr const char* kXadesPrefix = "xades";
inline constexpr const char* kSamlPrefix = "saml2";

// Initialises libxml2, xmlsec and its OpenSSL back-end once; later calls return the first outcome.
common::Result<void> EnsureXmlSecurity();

// Returns and clears the xmlsec errors reported on the calling thread ("" when none).
std::string TakeXmlSecErrors();

struct XmlSecDSigCtxDeleter {
  void operator()(xmlSecDSigCtx* ctx) const { xmlSecDSigCtxDestroy(ctx); }
};
using XmlSecDSigCtxPtr = std::unique_ptr<xmlSecDSigCtx, XmlSecDSigCtxDeleter>;
struct XmlSecKeyDeleter {
  void operator()(xmlSecKey* key) const { xmlSecKeyDestroy(key); }
};
using XmlSecKeyPtr = std::unique_ptr<xmlSecKey, XmlSecKeyDeleter>;
struct XmlSecKeysMngrDeleter {
  void operator()(xmlSecKeysMngr* mngr) const { xmlSecKeysMngrDestroy(mngr); }
};
using XmlSecKeysMngrPtr = std::unique_ptr<xmlSecKeysMngr, XmlSecKeysMngrDeleter>;

// Parses untrusted bytes: no network, no DTD loading, no entity substitution; a document carrying
// a DTD is refused outright (entities could make the signed and the displayed text differ).
common::Result<XmlDocPtr> ParseXml(std::string_view bytes);

// Serialises with an XML declaration, UTF-8, without re-indenting.
common::Result<std::string> SerializeXml(xmlDoc* doc);

// Exclusive XML canonicalisation 1.0 (without comments) of the subtree rooted at `element`.
common::Result<std::string> ExcC14n(xmlDoc* doc, xmlNode* element);

bool IsElement(const xmlNode* node, const char* ns, const char* name);
// Element children of `parent` with that namespace and local name, in document order.
std::vector<xmlNode*> ChildElements(xmlNode* parent, const char* ns, const char* name);
xmlNode* FirstChildElement(xmlNode* parent, const char* ns, const char* name);
// Every element of the subtree (including `root`) with that namespace and local name.
std::vector<xmlNode*> Descendants(xmlNode* root, const char* ns, const char* name);
std::string NodeText(const xmlNode* node);
std::string Attribute(const xmlNode* node, const char* name);
bool HasAttribute(const xmlNode* node, const char* name);

}  // namespace sealpost::adapters::evidence

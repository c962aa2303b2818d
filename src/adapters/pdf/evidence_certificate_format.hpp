// How the evidence certificate writes the values it restates from the evidence: times to the
// second in Brussels time, Belgian identifiers in their printed form beside the eIDAS form, levels
// of assurance, authentication methods and event names in the reader's language (catalogue keys
// certificate.*, web/locales/<lang>/certificate.json). Pure functions over an immutable
// Translator/Formatter: thread-safe.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "domain/evidence_event.hpp"
#include "ui/formatter.hpp"
#include "ui/language.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {

// "2 november 2026 om 10:01:07 CET", "2 novembre 2026 à 10:01:07 UTC+1": a proof's time needs
// its seconds and, at the autumn change of hour, its zone. ui::Formatter has no style with
// seconds, so they are put after its minutes (time zones differ from UTC by whole minutes, so
// the seconds are the UTC seconds); when the locale's pattern is not "… hh:mm [zone]", the time
// is written to the minute.
std::string ProofTime(const ui::Formatter& formatter, common::TimePoint time);

// "BE/BE/0566988259" → "0566.988.259 (BE/BE/0566988259)"; "BE/BE/85073003328" →
// "85.07.30-033.28 (BE/BE/85073003328)"; anything else is written as the evidence states it.
std::string IdentifierText(const std::string& eidas_identifier);

// "http://eidas.europa.eu/LoA/high" → "hoog"/"élevé"/"high"/"hoch"; an unknown URI as written.
std::string LevelOfAssuranceText(const ui::Translator& translator, ui::Language language,
                                 const std::string& level_uri);

// "api-key", "eid", "itsme" → their description; another method as written.
std::string AuthenticationMethodText(const ui::Translator& translator, ui::Language language,
                                     const std::string& method);

// The event in the reader's words, e.g. "Inhoud overhandigd aan de ontvanger".
std::string EventText(const ui::Translator& translator, ui::Language language,
                      domain::EvidenceEvent event);

// "SubmissionAcceptance" → "submission_acceptance" (the catalogue key's last part).
std::string EventKeyPart(domain::EvidenceEvent event);

}  // namespace sealpost::adapters::pdf

// The personal account a person gets at their first sign-in (PRODUCT §3), from the identity the
// provider verified. One rule for every place that creates one (sign-in, demo data). Pure;
// thread-safe.
#pragma once

#include <string>

#include "app/ports/identity_provider.hpp"
#include "common/clock.hpp"
#include "domain/account.hpp"

namespace sealpost::app {

inline constexpr std::string_view kLoaHigh = "http://eidas.europa.eu/LoA/high";

domain::Account PersonAccountFor(const VerifiedIdentity& identity, std::string id,
                                 common::TimePoint now);

}  // namespace sealpost::app

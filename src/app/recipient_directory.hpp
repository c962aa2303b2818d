// Finds whether a recipient, as a sender describes them, is registered on sealpost with a standing
// consent to electronic delivery (PRODUCT.md §4.2 A). An identifier, when given, decides; otherwise
// the e-mail address (its main one, or one it confirmed) together with a matching name. Read-only;
// runs inside the caller's UnitOfWork.
#pragma once

#include <optional>

#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/delivery.hpp"

namespace sealpost::app {

common::Result<std::optional<domain::Account>> FindRegisteredRecipient(
    UnitOfWork& uow, const domain::Recipient& recipient, common::TimePoint at);

}  // namespace sealpost::app

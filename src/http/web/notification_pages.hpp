// /notifications: the latest events on the items the account acted for sent, newest first, the
// ones the visitor had not seen marked as new (PRODUCT §4.3). Showing the page marks them seen.
// Stateless; thread-safe.
#pragma once

#include "app/usecases/sender_notifications.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct NotificationPages {
  WebContext web;
  app::SenderNotifications& notifications;
};

void AddNotificationPages(Router& router, const NotificationPages& pages);

}  // namespace sealpost::http::web

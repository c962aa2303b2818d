#include "app/mail_templates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/email_address.hpp"

namespace sealpost::app {
namespace {

using common::ErrorCode;
using nlohmann::json;

// Same order as MailArguments.
constexpr std::array<std::string_view, 8> kTemplateNames = {
    InvitationMail::kTemplate,           ItemForRegisteredRecipientMail::kTemplate,
    ItemNotificationMail::kTemplate,     ItemReminderMail::kTemplate,
    SenderEventMail::kTemplate,          EmailVerificationMail::kTemplate,
    SubscriptionApprovedMail::kTemplate, SubscriptionRefusedMail::kTemplate};
static_assert(kTemplateNames.size() == std::variant_size_v<MailArguments>);

constexpr std::array<std::string_view, 4> kLocales = {"nl", "fr", "en", "de"};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::unexpected<common::Error> Bad(std::string_view template_name, std::string_view argument,
                                   std::string_view problem) {
  return common::Fail(ErrorCode::kInvalidArgument, "mail template \"" + std::string(template_name) +
                                                       "\": argument \"" + std::string(argument) +
                                                       "\" " + std::string(problem));
}

bool IsHttpUrl(std::string_view link) {
  return link.starts_with("https://") || link.starts_with("http://");
}

// The contract of each kind beyond its types: what the templates need to make sense.
common::Result<void> Check(const MailArguments& arguments) {
  const std::string_view name = MailTemplateName(arguments);
  auto required = [&](std::string_view argument, const std::string& value) -> common::Result<void> {
    if (value.empty()) return Bad(name, argument, "must not be empty");
    return common::Ok();
  };
  auto link = [&](const std::string& value) -> common::Result<void> {
    if (!IsHttpUrl(value)) return Bad(name, "link", "must be an http(s) URL");
    return common::Ok();
  };
  return std::visit(
      Overloaded{
          [&](const InvitationMail& m) -> common::Result<void> {
            if (auto ok = required("company", m.company); !ok) return ok;
            if (m.roles.empty()) return Bad(name, "roles", "must name at least one role");
            return link(m.link);
          },
          [&](const ItemForRegisteredRecipientMail& m) -> common::Result<void> {
            if (auto ok = required("sender_name", m.sender_name); !ok) return ok;
            if (auto ok = required("subject", m.subject); !ok) return ok;
            return link(m.link);
          },
          [&](const ItemNotificationMail& m) -> common::Result<void> {
            if (auto ok = required("sender_name", m.sender_name); !ok) return ok;
            return link(m.link);
          },
          [&](const ItemReminderMail& m) -> common::Result<void> {
            if (auto ok = required("sender_name", m.sender_name); !ok) return ok;
            if (m.days_left < 0) return Bad(name, "days_left", "must not be negative");
            return link(m.link);
          },
          [&](const SenderEventMail& m) -> common::Result<void> {
            if (auto ok = required("recipient_name", m.recipient_name); !ok) return ok;
            if (auto ok = required("recipient_email", m.recipient_email); !ok) return ok;
            return link(m.link);
          },
          [&](const EmailVerificationMail& m) -> common::Result<void> { return link(m.link); },
          [&](const SubscriptionApprovedMail& m) -> common::Result<void> {
            if (auto ok = required("company", m.company); !ok) return ok;
            return link(m.link);
          },
          [&](const SubscriptionRefusedMail& m) -> common::Result<void> {
            if (auto ok = required("company", m.company); !ok) return ok;
            if (auto ok = required("reason", m.reason); !ok) return ok;
            return link(m.link);
          },
      },
      arguments);
}

json RoleNameArray(const std::vector<domain::Role>& roles) {
  json out = json::array();
  for (domain::Role role : roles) out.push_back(domain::RoleName(role));
  return out;
}

json Encode(const MailArguments& arguments) {
  using common::FormatRfc3339;
  return std::visit(
      Overloaded{
          [](const InvitationMail& m) {
            return json{{"company", m.company},
                        {"inviter", m.inviter},
                        {"roles", RoleNameArray(m.roles)},
                        {"link", m.link},
                        {"expires_at", FormatRfc3339(m.expires_at)}};
          },
          [](const ItemForRegisteredRecipientMail& m) {
            return json{{"sender_name", m.sender_name},
                        {"subject", m.subject},
                        {"link", m.link},
                        {"handover_deadline", FormatRfc3339(m.handover_deadline)}};
          },
          [](const ItemNotificationMail& m) {
            return json{{"sender_name", m.sender_name},
                        {"link", m.link},
                        {"deadline", FormatRfc3339(m.deadline)}};
          },
          [](const ItemReminderMail& m) {
            return json{{"sender_name", m.sender_name},
                        {"link", m.link},
                        {"deadline", FormatRfc3339(m.deadline)},
                        {"days_left", m.days_left}};
          },
          [](const SenderEventMail& m) {
            return json{{"recipient_name", m.recipient_name},
                        {"recipient_email", m.recipient_email},
                        {"event", SenderEventName(m.event)},
                        {"at", FormatRfc3339(m.at)},
                        {"link", m.link}};
          },
          [](const EmailVerificationMail& m) {
            return json{{"link", m.link}, {"expires_at", FormatRfc3339(m.expires_at)}};
          },
          [](const SubscriptionApprovedMail& m) {
            return json{{"company", m.company}, {"link", m.link}};
          },
          [](const SubscriptionRefusedMail& m) {
            return json{{"company", m.company}, {"reason", m.reason}, {"link", m.link}};
          },
      },
      arguments);
}

// Reads the arguments of one row, remembering the first problem; the caller checks error()
// once at the end instead of after every field.
class Reader {
 public:
  Reader(std::string_view template_name, const json& object)
      : template_name_(template_name), object_(object) {}

  std::string Text(std::string_view key) {
    const json* value = Find(key);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      Problem(key, "must be text");
      return {};
    }
    return value->get<std::string>();
  }

  common::TimePoint Time(std::string_view key) {
    const json* value = Find(key);
    if (value == nullptr) return {};
    std::optional<common::TimePoint> time;
    if (value->is_string()) time = common::ParseRfc3339(value->get_ref<const std::string&>());
    if (!time) {
      Problem(key, "must be an RFC 3339 UTC time");
      return {};
    }
    return *time;
  }

  std::int64_t Integer(std::string_view key) {
    const json* value = Find(key);
    if (value == nullptr) return 0;
    if (!value->is_number_integer()) {
      Problem(key, "must be an integer");
      return 0;
    }
    return value->get<std::int64_t>();
  }

  std::vector<domain::Role> Roles(std::string_view key) {
    const json* value = Find(key);
    if (value == nullptr) return {};
    std::vector<domain::Role> roles;
    if (!value->is_array()) {
      Problem(key, "must be an array of role names");
      return roles;
    }
    for (const json& item : *value) {
      std::optional<domain::Role> role;
      if (item.is_string()) role = domain::RoleFromName(item.get_ref<const std::string&>());
      if (!role) {
        Problem(key, "holds something that is not a role name");
        return {};
      }
      roles.push_back(*role);
    }
    return roles;
  }

  SenderEvent Event(std::string_view key) {
    const std::string name = Text(key);
    if (error_) return SenderEvent::kAccepted;
    for (SenderEvent event : kAllSenderEvents) {
      if (SenderEventName(event) == name) return event;
    }
    Problem(key, "is not a known sender event");
    return SenderEvent::kAccepted;
  }

  const std::optional<common::Error>& error() const { return error_; }

 private:
  const json* Find(std::string_view key) {
    if (error_) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      Problem(key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  void Problem(std::string_view key, std::string_view problem) {
    if (!error_) error_ = Bad(template_name_, key, problem).error();
  }

  std::string_view template_name_;
  const json& object_;
  std::optional<common::Error> error_;
};

common::Result<MailArguments> Decode(std::string_view name, const json& object) {
  Reader r(name, object);
  MailArguments arguments;
  if (name == InvitationMail::kTemplate) {
    InvitationMail m;
    m.company = r.Text("company");
    m.inviter = r.Text("inviter");
    m.roles = r.Roles("roles");
    m.link = r.Text("link");
    m.expires_at = r.Time("expires_at");
    arguments = std::move(m);
  } else if (name == ItemForRegisteredRecipientMail::kTemplate) {
    ItemForRegisteredRecipientMail m;
    m.sender_name = r.Text("sender_name");
    m.subject = r.Text("subject");
    m.link = r.Text("link");
    m.handover_deadline = r.Time("handover_deadline");
    arguments = std::move(m);
  } else if (name == ItemNotificationMail::kTemplate) {
    ItemNotificationMail m;
    m.sender_name = r.Text("sender_name");
    m.link = r.Text("link");
    m.deadline = r.Time("deadline");
    arguments = std::move(m);
  } else if (name == ItemReminderMail::kTemplate) {
    ItemReminderMail m;
    m.sender_name = r.Text("sender_name");
    m.link = r.Text("link");
    m.deadline = r.Time("deadline");
    m.days_left = r.Integer("days_left");
    arguments = std::move(m);
  } else if (name == SenderEventMail::kTemplate) {
    SenderEventMail m;
    m.recipient_name = r.Text("recipient_name");
    m.recipient_email = r.Text("recipient_email");
    m.event = r.Event("event");
    m.at = r.Time("at");
    m.link = r.Text("link");
    arguments = std::move(m);
  } else if (name == EmailVerificationMail::kTemplate) {
    EmailVerificationMail m;
    m.link = r.Text("link");
    m.expires_at = r.Time("expires_at");
    arguments = std::move(m);
  } else if (name == SubscriptionApprovedMail::kTemplate) {
    SubscriptionApprovedMail m;
    m.company = r.Text("company");
    m.link = r.Text("link");
    arguments = std::move(m);
  } else if (name == SubscriptionRefusedMail::kTemplate) {
    SubscriptionRefusedMail m;
    m.company = r.Text("company");
    m.reason = r.Text("reason");
    m.link = r.Text("link");
    arguments = std::move(m);
  } else {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "unknown mail template \"" + std::string(name) + "\"");
  }
  if (r.error()) return common::Fail(*r.error());
  return arguments;
}

}  // namespace

std::string_view SenderEventName(SenderEvent event) {
  switch (event) {
    case SenderEvent::kAccepted:
      return "accepted";
    case SenderEvent::kRefused:
      return "refused";
    case SenderEvent::kExpired:
      return "expired";
    case SenderEvent::kHandedOver:
      return "handed_over";
    case SenderEvent::kNotificationFailed:
      return "notification_failed";
    case SenderEvent::kHandoverFailed:
      return "handover_failed";
  }
  return "accepted";
}

std::span<const std::string_view> MailTemplateNames() { return kTemplateNames; }

std::string_view MailTemplateName(const MailArguments& arguments) {
  return kTemplateNames[arguments.index()];
}

std::string NormalizeMailLocale(std::string_view locale) {
  std::string primary(locale.substr(0, std::min(locale.find_first_of("-_"), locale.size())));
  std::transform(primary.begin(), primary.end(), primary.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kLocales.begin(), kLocales.end(), primary) != kLocales.end()) return primary;
  return std::string(kLocales.front());
}

common::Result<OutboxMail> BuildOutboxMail(const MailEnvelope& envelope,
                                           const MailArguments& arguments) {
  if (envelope.id.empty()) {
    return common::Fail(ErrorCode::kInvalidArgument, "an outbox mail needs an id");
  }
  if (!domain::LooksLikeEmail(envelope.to)) {
    return common::Fail(ErrorCode::kInvalidArgument, "mail template \"" +
                                                         std::string(MailTemplateName(arguments)) +
                                                         "\": the recipient address is not valid");
  }
  if (auto ok = Check(arguments); !ok) return common::Fail(ok.error());
  OutboxMail mail;
  mail.id = envelope.id;
  mail.template_name = std::string(MailTemplateName(arguments));
  mail.to = envelope.to;
  mail.to_name = envelope.to_name;
  mail.locale = NormalizeMailLocale(envelope.locale);
  mail.args_json = Encode(arguments).dump();
  mail.delivery_id = envelope.delivery_id;
  mail.created_at = envelope.now;
  mail.next_attempt_at = envelope.now;
  return mail;
}

common::Result<MailArguments> ParseMailArguments(std::string_view template_name,
                                                 std::string_view args_json) {
  if (std::find(kTemplateNames.begin(), kTemplateNames.end(), template_name) ==
      kTemplateNames.end()) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "unknown mail template \"" + std::string(template_name) + "\"");
  }
  const json object = json::parse(args_json, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) {
    return common::Fail(ErrorCode::kInvalidArgument, "mail template \"" +
                                                         std::string(template_name) +
                                                         "\": the arguments are not a JSON object");
  }
  auto arguments = Decode(template_name, object);
  if (!arguments) return arguments;
  if (auto ok = Check(*arguments); !ok) return common::Fail(ok.error());
  return arguments;
}

}  // namespace sealpost::app

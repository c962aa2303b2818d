#include "adapters/crypto/asn1_time.hpp"

#include <chrono>
#include <string>

namespace sealpost::adapters::crypto {

common::Result<common::TimePoint> Asn1TimeToTimePoint(const ASN1_TIME* time) {
  using namespace std::chrono;
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    return common::Fail(OpenSslError(common::ErrorCode::kInvalidArgument, "invalid ASN.1 time"));
  }
  // ASN1_TIME_to_tm has validated the whole string; only the fraction is read here.
  long long micros = 0;
  if (ASN1_STRING_type(time) == V_ASN1_GENERALIZEDTIME) {
    std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(time)),
                     static_cast<std::size_t>(ASN1_STRING_length(time)));
    auto dot = text.find('.');
    if (dot != std::string::npos) {
      long long scale = 100000;
      for (std::size_t i = dot + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        micros += (text[i] - '0') * scale;
        scale /= 10;
      }
    }
  }
  year_month_day ymd{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                     day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok()) return common::Fail(common::ErrorCode::kInvalidArgument, "invalid ASN.1 date");
  return common::TimePoint(sys_days(ymd) + hours(tm.tm_hour) + minutes(tm.tm_min) +
                           seconds(tm.tm_sec) + microseconds(micros));
}

std::time_t ToTimeT(common::TimePoint time) {
  using namespace std::chrono;
  return static_cast<std::time_t>(floor<seconds>(time).time_since_epoch().count());
}

}  // namespace sealpost::adapters::crypto

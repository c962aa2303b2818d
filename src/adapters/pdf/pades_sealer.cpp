#include "adapters/pdf/pades_sealer.hpp"

#include <utility>

#include "adapters/pdf/cades_signature.hpp"
#include "adapters/pdf/pdf_byte_range.hpp"
#include "adapters/pdf/pdf_signature_update.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;

constexpr std::size_t kSignatureAndAttributes = 2048;
constexpr std::size_t kTimeStampAllowance = 8192;

// Fills the gap "<...>" with the hex of `bytes`, then '0's: trailing zero octets after the DER,
// which CMS parsers ignore (ISO 32000-1, 12.8.3.3.1). PoDoFo's placeholder is not zeros.
void FillContents(std::string& pdf, const ByteRange& range, const common::Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  const std::size_t at = range.first_length + 1;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    pdf[at + 2 * i] = kDigits[bytes[i] >> 4];
    pdf[at + 2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  const std::size_t hex_end = range.second_offset - 1;  // the closing '>'
  for (std::size_t i = at + 2 * bytes.size(); i < hex_end; ++i) pdf[i] = '0';
}

}  // namespace

common::Result<std::unique_ptr<PadesPdfSealer>> PadesPdfSealer::Create(
    crypto::EvpPkeyPtr key, crypto::X509Ptr certificate, std::vector<crypto::X509Ptr> chain,
    app::TimeStamper* time_stamper, const common::Clock& clock, PadesSealOptions options) {
  if (!key || !certificate) {
    return common::Fail(ErrorCode::kInvalidArgument, "a seal key and certificate are required");
  }
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    crypto::DrainOpenSslErrors();
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the seal key does not match the seal certificate");
  }
  for (const auto& link : chain) {
    if (!link) return common::Fail(ErrorCode::kInvalidArgument, "empty certificate in the chain");
  }
  return std::unique_ptr<PadesPdfSealer>(new PadesPdfSealer(std::move(key), std::move(certificate),
                                                            std::move(chain), time_stamper, clock,
                                                            std::move(options)));
}

PadesPdfSealer::PadesPdfSealer(crypto::EvpPkeyPtr key, crypto::X509Ptr certificate,
                               std::vector<crypto::X509Ptr> chain, app::TimeStamper* time_stamper,
                               const common::Clock& clock, PadesSealOptions options)
    : key_(std::move(key)),
      certificate_(std::move(certificate)),
      chain_(std::move(chain)),
      time_stamper_(time_stamper),
      clock_(clock),
      options_(std::move(options)) {}

std::size_t PadesPdfSealer::InitialContentsCapacity() const {
  std::size_t size =
      kSignatureAndAttributes + static_cast<std::size_t>(i2d_X509(certificate_.get(), nullptr));
  for (const auto& link : chain_) size += static_cast<std::size_t>(i2d_X509(link.get(), nullptr));
  if (time_stamper_ != nullptr) size += kTimeStampAllowance;
  return size;
}

common::Result<std::string> PadesPdfSealer::Seal(std::string_view pdf) {
  CadesSigner signer{certificate_.get(), key_.get(), {}};
  for (const auto& link : chain_) signer.chain.push_back(link.get());
  const SignatureDictionaryFields fields{options_.reason, options_.location, options_.contact_info,
                                         clock_.Now()};

  // The placeholder's size is part of the signed bytes, so it is fixed before signing. When the
  // CMS turns out larger (a TSA with a long chain), sign once more with room for it.
  std::size_t capacity = InitialContentsCapacity();
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto prepared = PrepareSignatureUpdate(pdf, fields, capacity);
    if (!prepared) return common::Fail(prepared.error());
    auto cms =
        SignDetachedCades(DigestByteRange(prepared->pdf, prepared->range), signer, time_stamper_);
    if (!cms) return common::Fail(cms.error());
    if (cms->size() > capacity) {
      capacity = cms->size() + cms->size() / 4;
      continue;
    }
    FillContents(prepared->pdf, prepared->range, *cms);
    return std::move(prepared->pdf);
  }
  return common::Fail(ErrorCode::kInternal, "the signature does not fit its placeholder");
}

}  // namespace sealpost::adapters::pdf

#include "app/usecases/check_audit_chain.hpp"

namespace sealpost::app {

namespace {

AuditChainReport Broken(AuditChainReport report, std::int64_t seq, std::string problem) {
  report.intact = false;
  report.first_broken_seq = seq;
  report.problem = std::move(problem);
  return report;
}

}  // namespace

common::Result<AuditChainReport> CheckAuditChain::Run() {
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto head = (*uow)->AuditLog().ChainHead();
  if (!head) return common::Fail(head.error());
  AuditChainReport report;
  std::string prev(domain::kAuditChainGenesis);
  std::int64_t expected_seq = 1;
  for (;;) {
    auto page = (*uow)->AuditLog().ListChain(expected_seq - 1, page_);
    if (!page) return common::Fail(page.error());
    for (const auto& e : *page) {
      if (e.seq != expected_seq) {
        return Broken(report, expected_seq,
                      "entry " + std::to_string(expected_seq) + " is missing");
      }
      if (e.prev_hash != prev) {
        return Broken(report, e.seq,
                      "entry " + std::to_string(e.seq) + " does not follow the entry before it");
      }
      if (e.entry_hash != domain::AuditEntryHash(e, e.seq, e.prev_hash)) {
        return Broken(report, e.seq,
                      "entry " + std::to_string(e.seq) + " (" + e.id + ") was changed");
      }
      prev = e.entry_hash;
      ++expected_seq;
      ++report.entries;
    }
    if (page->size() < page_) break;
  }
  if (head->seq != report.entries || head->hash != prev) {
    return Broken(report, report.entries + 1,
                  "the chain ends at entry " + std::to_string(report.entries) +
                      " but its head says " + std::to_string(head->seq) +
                      ": entries were removed from the end");
  }
  return report;
}

}  // namespace sealpost::app

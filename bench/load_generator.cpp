// sealpost-load: HTTP load generator for POST /api/v1/items against a sealpost server on this
// machine.
//
// Every request submits the same item: one recipient (by default the demo registered recipient, so
// each submission seals and time-stamps three evidences) and one PDF built once in memory
// (--attachment-kb).
//   closed loop (default): --concurrency N workers, each on its own keep-alive connection, send
//   back to
//                          back; latency = response time. Measures the maximum throughput.
//   open loop (--rate R):  arrivals at a fixed rate R, spread over --concurrency N workers; the
//   latency
//                          of request i is measured from its scheduled send time start + i/R, so a
//                          slow server cannot hide its queueing (no coordinated omission). If all
//                          workers are busy, requests start late and that delay counts in their
//                          latency.
// Only 127.0.0.1/localhost URLs are accepted; duration, concurrency, rate and request count are
// bounded. The last line of output is machine-readable ("RESULT key=value ...") for
// scripts/bench.sh.
#include <curl/curl.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kMaxDurationSeconds = 600;
constexpr int kMaxConcurrency = 256;
constexpr double kMaxRate = 100000;
constexpr long kRequestTimeoutMs = 30000;

struct Options {
  std::string url;
  std::string key;
  double duration = 10;
  double warmup = 0;
  int concurrency = 16;
  double rate = 0;  // 0: closed loop
  bool registered = true;
  int attachment_kb = 64;
  std::uint64_t max_requests = 5'000'000;
  std::string dump_pdf;  // write the PDF there and exit
};

constexpr const char* kUsage =
    "usage: sealpost-load --url URL --key API_KEY [options]\n"
    "  --url URL                 http://127.0.0.1:PORT (the path /api/v1/items is added when "
    "absent)\n"
    "  --key KEY                 sender API key (Bearer)\n"
    "  --duration SECONDS        measured duration (default 10, at most 600)\n"
    "  --warmup SECONDS          run before the measurement, not counted (default 0)\n"
    "  --concurrency N           workers = keep-alive connections (default 16, at most 256)\n"
    "  --rate R                  open loop: R submissions/s spread over the workers (default: "
    "closed loop)\n"
    "  --recipient-registered    the demo registered recipient (3 evidences per item; default)\n"
    "  --recipient-unregistered  an unregistered recipient (1 evidence per item)\n"
    "  --attachment-kb N         size of the PDF attachment (default 64)\n"
    "  --max-requests N          stop after N requests (default 5000000)\n"
    "  --dump-pdf FILE           only write the generated PDF to FILE (to check it) and exit\n";

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr, "sealpost-load: %s\n\n%s", problem.c_str(), kUsage);
  std::exit(2);
}

double ParseNumber(const std::string& option, const char* text, double min, double max) {
  char* end = nullptr;
  double v = std::strtod(text, &end);
  if (end == text || *end != '\0' || !std::isfinite(v) || v < min || v > max) {
    Usage(option + " needs a number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) Usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--url") {
      o.url = value();
    } else if (a == "--key") {
      o.key = value();
    } else if (a == "--duration") {
      o.duration = ParseNumber(a, value(), 0.1, kMaxDurationSeconds);
    } else if (a == "--warmup") {
      o.warmup = ParseNumber(a, value(), 0, 60);
    } else if (a == "--concurrency") {
      o.concurrency = static_cast<int>(ParseNumber(a, value(), 1, kMaxConcurrency));
    } else if (a == "--rate") {
      o.rate = ParseNumber(a, value(), 0.1, kMaxRate);
    } else if (a == "--recipient-registered") {
      o.registered = true;
    } else if (a == "--recipient-unregistered") {
      o.registered = false;
    } else if (a == "--attachment-kb") {
      o.attachment_kb = static_cast<int>(ParseNumber(a, value(), 1, 10 * 1024));
    } else if (a == "--max-requests") {
      o.max_requests = static_cast<std::uint64_t>(ParseNumber(a, value(), 1, 1e9));
    } else if (a == "--dump-pdf") {
      o.dump_pdf = value();
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else {
      Usage("unknown option " + a);
    }
  }
  if (!o.dump_pdf.empty()) return o;
  if (o.url.empty()) Usage("--url is required");
  if (o.key.empty()) Usage("--key is required");
  // Local targets only: this tool generates heavy load.
  const std::string hosts[] = {"http://127.0.0.1:", "http://localhost:"};
  bool local = false;
  for (const auto& h : hosts) local = local || o.url.rfind(h, 0) == 0;
  if (!local) Usage("--url must start with http://127.0.0.1: or http://localhost:");
  std::string rest = o.url.substr(o.url.find("//") + 2);
  if (rest.find('/') == std::string::npos) {
    o.url += "/api/v1/items";
  }
  return o;
}

// A small deterministic generator for the "random-ish" PDF body (xorshift64*).
struct XorShift {
  std::uint64_t s = 0x9E3779B97F4A7C15ull;
  std::uint8_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return static_cast<std::uint8_t>((s * 0x2545F4914F6CDD1Dull) >> 56);
  }
};

// A valid one-page PDF of exactly `size` bytes: catalog, pages, page with a Helvetica text line,
// and an unreferenced binary stream object of pseudo-random bytes padding it to size; correct xref
// table.
std::string BuildPdf(std::size_t size) {
  std::string random_bytes;
  XorShift rng;
  std::size_t padding = size > 1024 ? size - 1024 : 0;
  for (int attempt = 0; attempt < 16; ++attempt) {
    while (random_bytes.size() < padding) random_bytes.push_back(static_cast<char>(rng.Next()));
    random_bytes.resize(padding);
    std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    auto object = [&](const std::string& body) {
      offsets.push_back(pdf.size());
      pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    const std::string content = "BT /F1 24 Tf 72 770 Td (sealpost load test) Tj ET";
    object("<< /Type /Catalog /Pages 2 0 R >>");
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
        ">> "
        "/Contents 5 0 R >>");
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
           "\nendstream");
    object("<< /Length " + std::to_string(random_bytes.size()) + " >>\nstream\n" + random_bytes +
           "\nendstream");
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
      pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF";
    if (pdf.size() == size) return pdf;
    // Adjust the padding by the difference (digit counts may shift once more: retry, bounded).
    long long diff = static_cast<long long>(size) - static_cast<long long>(pdf.size());
    long long next = static_cast<long long>(padding) + diff;
    if (next < 0) return pdf;  // too small to pad: return the minimal PDF as is
    padding = static_cast<std::size_t>(next);
  }
  std::fprintf(stderr, "sealpost-load: could not size the PDF exactly\n");
  std::exit(1);
}

std::string BuildBody(const Options& o, const std::string& pdf, std::string& boundary) {
  boundary = "----sealpost-load-7f3a9c1e5b2d4068a1b3c5d7e9f02468";
  if (pdf.find(boundary) != std::string::npos) {
    std::fprintf(stderr, "sealpost-load: boundary occurs in the PDF\n");
    std::exit(1);
  }
  std::string recipient =
      o.registered
          ? R"({"email":"recipient@demo.sealpost.test","name":"Demo Recipient BV","enterprise_number":"0566.988.259"})"
          : R"({"email":"someone@example.org","name":"Unregistered Recipient"})";
  std::string item =
      R"({"subject":"Load test notice","message":"Please find the notice attached.","recipients":[)" +
      recipient + "]}";
  std::string body;
  body.reserve(pdf.size() + 1024);
  body += "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"item\"\r\nContent-Type: application/json\r\n\r\n";
  body += item + "\r\n";
  body += "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"file\"; filename=\"notice.pdf\"\r\n";
  body += "Content-Type: application/pdf\r\n\r\n";
  body += pdf + "\r\n";
  body += "--" + boundary + "--\r\n";
  return body;
}

struct Shared {
  const Options* options = nullptr;
  const std::string* body = nullptr;
  curl_slist* headers = nullptr;
  Clock::time_point start;         // first scheduled send
  Clock::time_point measure_from;  // end of warm-up
  Clock::time_point end;  // no send is started (closed) or scheduled (open) at or after this
  std::atomic<std::uint64_t> next_index{0};
  std::mutex error_mutex;
  std::string first_error;
  std::vector<std::atomic<std::uint32_t>> per_second;  // successes by second since measure_from
  explicit Shared(std::size_t seconds) : per_second(seconds) {}
};

struct WorkerResult {
  std::vector<double> latencies_ms;        // measured requests only (successes and HTTP errors)
  std::map<long, std::uint64_t> statuses;  // HTTP status -> count (0: transport error)
  std::uint64_t requests = 0;
  std::uint64_t late_starts = 0;  // open loop: started more than 1 ms after schedule
  long connects = 0;
};

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  std::size_t n = size * count;
  if (out->size() < 4096) out->append(data, std::min(n, 4096 - out->size()));
  return n;
}

void Worker(Shared& shared, WorkerResult& result) {
  const Options& o = *shared.options;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    std::lock_guard lock(shared.error_mutex);
    if (shared.first_error.empty()) shared.first_error = "curl_easy_init failed";
    return;
  }
  std::string response;
  char curl_error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, shared.body->data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(shared.body->size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, shared.headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, kRequestTimeoutMs);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_IPRESOLVE, CURL_IPRESOLVE_V4);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
  result.latencies_ms.reserve(static_cast<std::size_t>(
      std::min<double>(o.rate > 0 ? o.rate * o.duration / o.concurrency + 1024 : 100000, 1e6)));

  const bool open_loop = o.rate > 0;
  const auto period = std::chrono::duration<double>(open_loop ? 1.0 / o.rate : 0.0);
  for (;;) {
    Clock::time_point scheduled;
    if (open_loop) {
      std::uint64_t i = shared.next_index.fetch_add(1);
      if (i >= o.max_requests) break;
      scheduled = shared.start +
                  std::chrono::duration_cast<Clock::duration>(period * static_cast<double>(i));
      if (scheduled >= shared.end) break;
      std::this_thread::sleep_until(scheduled);
      if (Clock::now() - scheduled > std::chrono::milliseconds(1)) ++result.late_starts;
    } else {
      if (shared.next_index.fetch_add(1) >= o.max_requests) break;
      scheduled = Clock::now();
      if (scheduled >= shared.end) break;
    }
    response.clear();
    curl_error[0] = '\0';
    CURLcode rc = curl_easy_perform(curl);
    Clock::time_point done = Clock::now();
    long status = 0;
    if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    result.connects += connects;
    if (scheduled < shared.measure_from) continue;  // warm-up
    ++result.requests;
    ++result.statuses[status];
    if (status == 201) {
      double ms = std::chrono::duration<double, std::milli>(done - scheduled).count();
      result.latencies_ms.push_back(ms);
      auto second = static_cast<std::size_t>(
          std::chrono::duration<double>(done - shared.measure_from).count());
      if (second < shared.per_second.size())
        shared.per_second[second].fetch_add(1, std::memory_order_relaxed);
    } else {
      std::lock_guard lock(shared.error_mutex);
      if (shared.first_error.empty()) {
        shared.first_error =
            rc != CURLE_OK ? std::string("transport: ") + curl_easy_strerror(rc) + " " + curl_error
                           : "HTTP " + std::to_string(status) + ": " + response;
      }
    }
  }
  curl_easy_cleanup(curl);
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseOptions(argc, argv);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "sealpost-load: curl_global_init failed\n");
    return 1;
  }
  const std::string pdf = BuildPdf(static_cast<std::size_t>(o.attachment_kb) * 1024);
  if (!o.dump_pdf.empty()) {
    FILE* f = std::fopen(o.dump_pdf.c_str(), "wb");
    if (f == nullptr || std::fwrite(pdf.data(), 1, pdf.size(), f) != pdf.size() ||
        std::fclose(f) != 0) {
      std::fprintf(stderr, "sealpost-load: cannot write %s\n", o.dump_pdf.c_str());
      return 1;
    }
    std::printf("wrote %zu bytes to %s\n", pdf.size(), o.dump_pdf.c_str());
    return 0;
  }
  std::string boundary;
  const std::string body = BuildBody(o, pdf, boundary);

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + o.key).c_str());
  headers = curl_slist_append(headers,
                              ("Content-Type: multipart/form-data; boundary=" + boundary).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  headers = curl_slist_append(headers, "Accept: application/json");

  Shared shared(static_cast<std::size_t>(o.duration) + 2);
  shared.options = &o;
  shared.body = &body;
  shared.headers = headers;

  std::printf("sealpost-load: %s, %d workers, %.0f s (+%.0f s warm-up), POST %s\n",
              o.rate > 0
                  ? ("open loop at " + std::to_string(static_cast<long>(o.rate)) + "/s").c_str()
                  : "closed loop",
              o.concurrency, o.duration, o.warmup, o.url.c_str());
  std::printf("  item: 1 %s recipient, %zu-byte PDF (%s...%%%%EOF), request body %zu bytes\n",
              o.registered ? "registered" : "unregistered", pdf.size(), pdf.substr(0, 8).c_str(),
              body.size());
  std::fflush(stdout);

  std::vector<WorkerResult> results(static_cast<std::size_t>(o.concurrency));
  std::vector<std::thread> threads;
  const double cpu_before = CpuSeconds();
  shared.start = Clock::now() + std::chrono::milliseconds(50);
  shared.measure_from = shared.start + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(o.warmup));
  shared.end = shared.measure_from + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(o.duration));
  if (o.rate <= 0) std::this_thread::sleep_until(shared.start);
  for (int i = 0; i < o.concurrency; ++i) {
    threads.emplace_back(Worker, std::ref(shared), std::ref(results[static_cast<std::size_t>(i)]));
  }
  for (auto& t : threads) t.join();
  const auto finished = Clock::now();
  const double cpu = CpuSeconds() - cpu_before;
  const double wall_total = std::chrono::duration<double>(finished - shared.start).count();
  const double measured =
      std::max(std::chrono::duration<double>(finished - shared.measure_from).count(), o.duration);

  std::vector<double> latencies;
  std::map<long, std::uint64_t> statuses;
  std::uint64_t requests = 0, late = 0;
  long connects = 0;
  for (auto& r : results) {
    latencies.insert(latencies.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    for (auto [s, n] : r.statuses) statuses[s] += n;
    requests += r.requests;
    late += r.late_starts;
    connects += r.connects;
  }
  std::sort(latencies.begin(), latencies.end());
  const std::uint64_t ok = statuses.count(201) ? statuses[201] : 0;
  const std::uint64_t errors = requests - ok;
  const double rate = static_cast<double>(ok) / measured;
  std::vector<std::uint32_t> seconds;
  for (std::size_t s = 0; s < static_cast<std::size_t>(o.duration) && s < shared.per_second.size();
       ++s) {
    seconds.push_back(shared.per_second[s].load());
  }
  std::sort(seconds.begin(), seconds.end());

  std::printf("  requests        %" PRIu64 "\n", requests);
  std::printf("  successes       %" PRIu64 " (201)\n", ok);
  std::printf("  errors          %" PRIu64, errors);
  if (errors > 0) {
    std::printf("  [");
    bool first = true;
    for (auto [s, n] : statuses) {
      if (s == 201) continue;
      std::printf("%s%s: %" PRIu64, first ? "" : ", ",
                  s == 0 ? "transport" : std::to_string(s).c_str(), n);
      first = false;
    }
    std::printf("]");
  }
  std::printf("\n");
  if (!shared.first_error.empty()) {
    std::string e = shared.first_error.substr(0, 600);
    std::printf("  first error     %s\n", e.c_str());
  }
  std::printf("  throughput      %.1f submissions/s", rate);
  if (!seconds.empty()) {
    std::printf("  (per second: min %u, median %u, max %u)", seconds.front(),
                seconds[seconds.size() / 2], seconds.back());
  }
  std::printf("\n");
  const double p50 = Percentile(latencies, 0.50), p90 = Percentile(latencies, 0.90),
               p99 = Percentile(latencies, 0.99), p999 = Percentile(latencies, 0.999),
               max = latencies.empty() ? 0 : latencies.back();
  std::printf("  latency ms      p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%s\n", p50, p90,
              p99, p999, max, o.rate > 0 ? "  (from scheduled send time)" : "");
  if (o.rate > 0) {
    std::printf("  late starts     %" PRIu64 " (sent >1 ms after schedule: all workers busy)\n",
                late);
  }
  const double cpu_pct = wall_total > 0 ? 100.0 * cpu / wall_total : 0;
  const double requests_all = static_cast<double>(shared.next_index.load());
  std::printf("  connections     %ld opened for %d workers\n", connects, o.concurrency);
  std::printf("  generator CPU   %.1f%% of one core (%.0f us per request)\n", cpu_pct,
              requests_all > 0 ? 1e6 * cpu / requests_all : 0.0);
  std::printf("RESULT mode=%s target=%.0f workers=%d requests=%" PRIu64 " successes=%" PRIu64
              " errors=%" PRIu64
              " rate=%.1f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f late=%" PRIu64
              " gen_cpu_pct=%.1f\n",
              o.rate > 0 ? "open" : "closed", o.rate, o.concurrency, requests, ok, errors, rate,
              p50, p90, p99, p999, max, late, cpu_pct);
  curl_slist_free_all(headers);
  curl_global_cleanup();
  return ok > 0 ? 0 : 1;
}

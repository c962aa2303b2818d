// sealpost-kbo-bench: how fast `sealpost kbo import` loads a KBO open data extract and how much
// memory it takes (the import must stay bounded however large the extract). Generates an extract
// of N enterprises in the open data's format (enterprise.csv; denomination.csv with 1.5 names per
// enterprise plus establishment rows; address.csv with the registered office and a branch), runs
// the import on a fresh SQLite database (or --database URL), and prints rows/s and the child's
// maximum resident set size.
//
//   sealpost-kbo-bench PATH/TO/sealpost [--enterprises N] [--database URL] [--keep DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::string EnterpriseNumber(long serial) {  // 0 + 7 digits + check = 97 - (8 digits mod 97)
  const long base = 2000000 + serial;        // "02xxxxxx": 8 digits with the leading zero
  const long check = 97 - base % 97;
  char out[16];
  std::snprintf(out, sizeof out, "0%03ld.%03ld.%01ld%02ld", base / 10000 % 1000, base / 10 % 1000,
                base % 10, check);
  return out;
}

void Generate(const std::filesystem::path& dir, long enterprises) {
  std::ofstream e(dir / "enterprise.csv"), d(dir / "denomination.csv"), a(dir / "address.csv");
  e << "\"EnterpriseNumber\",\"Status\",\"JuridicalSituation\",\"TypeOfEnterprise\","
       "\"JuridicalForm\",\"JuridicalFormCAC\",\"StartDate\"\n";
  d << "\"EntityNumber\",\"Language\",\"TypeOfDenomination\",\"Denomination\"\n";
  a << "\"EntityNumber\",\"TypeOfAddress\",\"CountryNL\",\"CountryFR\",\"Zipcode\","
       "\"MunicipalityNL\",\"MunicipalityFR\",\"StreetNL\",\"StreetFR\",\"HouseNumber\",\"Box\","
       "\"ExtraAddressInfo\",\"DateStrikingOff\"\n";
  for (long i = 0; i < enterprises; ++i) {
    const std::string n = EnterpriseNumber(i);
    e << '"' << n << "\",\"AC\",\"000\",\"2\",\"014\",\"\",\"0" << (1 + i % 9) << "-0"
      << (1 + i % 9) << '-' << (1950 + i % 70) << "\"\n";
    d << '"' << n << "\",\"2\",\"001\",\"Onderneming nummer " << i << " NV\"\n";
    if (i % 2 == 0) d << '"' << n << "\",\"1\",\"001\",\"Entreprise numéro " << i << " SA\"\n";
    if (i % 4 == 0)
      d << "\"2." << (100000000 + i) << "\",\"2\",\"001\",\"Vestiging " << i << "\"\n";
    a << '"' << n << "\",\"REGO\",\"\",\"\",\"" << (1000 + i % 9000)
      << "\",\"Gemeente\",\"Commune\",\"Kerkstraat\",\"Rue de l'Église\",\"" << (1 + i % 200)
      << "\",\"\",\"\",\"\"\n";
    if (i % 3 == 0) {
      a << '"' << n
        << "\",\"BAET\",\"\",\"\",\"9000\",\"Gent\",\"Gand\",\"Veldstraat\","
           "\"Veldstraat\",\"1\",\"\",\"\",\"\"\n";
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s PATH/TO/sealpost [--enterprises N] [--database URL] [--keep DIR]\n",
                 argv[0]);
    return 2;
  }
  const std::string sealpost = argv[1];
  long enterprises = 1000000;
  std::string database;
  std::filesystem::path dir;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--enterprises") enterprises = std::atol(argv[i + 1]);
    if (option == "--database") database = argv[i + 1];
    if (option == "--keep") dir = argv[i + 1];
  }
  const bool keep = !dir.empty();
  if (!keep) {
    std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-kbo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return 1;
    dir = pattern;
  }
  std::filesystem::create_directories(dir / "extract");
  std::filesystem::create_directories(dir / "data");
  auto t0 = std::chrono::steady_clock::now();
  Generate(dir / "extract", enterprises);
  long rows = 0;
  for (const char* f : {"enterprise.csv", "denomination.csv", "address.csv"}) {
    std::ifstream in(dir / "extract" / f);
    for (std::string line; std::getline(in, line);) ++rows;
    --rows;  // header
  }
  auto t1 = std::chrono::steady_clock::now();
  std::printf("generated %ld rows (%ld enterprises) in %.1f s\n", rows, enterprises,
              std::chrono::duration<double>(t1 - t0).count());
  std::fflush(stdout);

  std::vector<std::string> args{sealpost, "kbo", "import", (dir / "extract").string()};
  if (database.empty()) {
    args.insert(args.end(), {"--demo", "--data", (dir / "data").string()});
  } else {
    args.insert(args.end(), {"--demo", "--database", database});
  }
  const pid_t child = ::fork();
  if (child == 0) {
    std::vector<char*> argv_child;
    for (auto& a : args) argv_child.push_back(a.data());
    argv_child.push_back(nullptr);
    ::execv(argv_child[0], argv_child.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  auto t2 = std::chrono::steady_clock::now();
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  const double seconds = std::chrono::duration<double>(t2 - t1).count();
  std::printf("import: exit %d, %.1f s, %.0f rows/s, max RSS %ld MiB\n",
              WIFEXITED(status) ? WEXITSTATUS(status) : -1, seconds, rows / seconds,
              usage.ru_maxrss / 1024);
  if (!keep) std::filesystem::remove_all(dir);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

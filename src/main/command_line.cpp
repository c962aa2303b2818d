#include "main/command_line.hpp"

#include <cstdlib>

namespace sealpost::main {

common::Result<ServiceOptions> ParseServiceOptions(const std::vector<std::string>& args) {
  ServiceOptions out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--demo") {
      out.overrides.demo = true;
      continue;
    }
    if (a != "--config" && a != "--data" && a != "--port" && a != "--database") {
      out.rest.push_back(a);
      continue;
    }
    if (i + 1 >= args.size()) {
      return common::Fail(common::ErrorCode::kInvalidArgument, a + " needs a value");
    }
    const std::string& v = args[++i];
    if (a == "--config") out.config_file = v;
    if (a == "--data") out.overrides.data_dir = v;
    if (a == "--database") out.overrides.database = v;
    if (a == "--port") {
      char* end = nullptr;
      const long port = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || port < 0 || port > 65535) {
        return common::Fail(common::ErrorCode::kInvalidArgument,
                            "--port needs a number from 0 to 65535");
      }
      out.overrides.port = static_cast<std::uint16_t>(port);
    }
  }
  return out;
}

}  // namespace sealpost::main

// Loading the service centre's identity (data/service/centre.toml).
#include <diagdesk/service/report.hpp>

#include "toml_file.hpp"

namespace diagdesk::service {

namespace {

void take(const toml::table& t, const char* key, const std::string& lang, std::string& out) {
  const toml::node* n = t.get(key);
  if (!n) return;
  if (auto s = n->value<std::string>()) {
    out = *s;
  } else if (const toml::table* by_lang = n->as_table()) {
    if (auto s2 = (*by_lang)[lang].value<std::string>()) out = *s2;
  }
}

}  // namespace

Centre load_centre(const std::vector<std::filesystem::path>& files, const std::string& lang) {
  Centre c;
  std::vector<Problem> ignored;
  for (const auto& f : files) {
    auto t = detail::read_service_toml(f, ignored);
    if (!t) continue;
    take(*t, "name", lang, c.name);
    take(*t, "address", lang, c.address);
    take(*t, "phone", lang, c.phone);
    take(*t, "email", lang, c.email);
  }
  return c;
}

}  // namespace diagdesk::service

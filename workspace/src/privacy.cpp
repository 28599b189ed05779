// Personal data through the service desk: the language of the pseudonym,
// the desk's clock, the layers' privacy.toml, messages in words.
#include <diagdesk/workspace/privacy.hpp>

#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;
using engine::tr;

namespace {

DeskError outcome(const sv::StoreStatus& s, const std::string& name, Lang lang) {
  if (s.ok()) return {};
  if (s.detail.rfind("the name", 0) == 0) return refuse("bad_value", "", name, tr("desk.privacy.short_name", lang), lang);
  return store_error(s, "", lang);
}

sv::ErasureOptions options(ServiceDesk& desk, const std::string& actor, Lang lang, bool dry_run) {
  sv::ErasureOptions o;
  o.prefix = tr("desk.privacy.pseudonym", lang);
  o.actor = actor;
  o.at = desk.now();
  o.dry_run = dry_run;
  return o;
}

/// Personal data are found and erased in the SQLite database only, for now.
DeskError off_server(Lang lang) {
  return refuse("io", "", "", tr("desk.privacy.not_on_server", lang), lang);
}

}  // namespace

DeskError privacy_find(ServiceDesk& desk, const std::string& name, Lang lang, sv::PersonData& out) {
  if (!desk.sqlite_store()) return off_server(lang);
  return outcome(sv::find_person(*desk.sqlite_store(), name, out), name, lang);
}

DeskError privacy_erase(ServiceDesk& desk, const std::string& name, const std::string& actor, Lang lang, bool dry_run,
                        sv::Erasure& out) {
  if (!desk.sqlite_store()) return off_server(lang);
  return outcome(sv::erase_person(*desk.sqlite_store(), name, options(desk, actor, lang, dry_run), out), name, lang);
}

sv::PrivacySettings privacy_settings(const Workspace& ws) {
  std::vector<fs::path> files;
  for (const auto& layer : ws.layers()) files.push_back(layer.path / "service" / "privacy.toml");
  return sv::load_privacy_settings(files);
}

DeskError privacy_retention(ServiceDesk& desk, int days, const std::string& actor, Lang lang, bool dry_run,
                            sv::Erasure& out) {
  const sv::Time before = desk.now() - static_cast<sv::Time>(days) * 86400;
  if (!desk.sqlite_store()) return off_server(lang);
  return outcome(sv::apply_retention(*desk.sqlite_store(), before, options(desk, actor, lang, dry_run), out), "", lang);
}

}  // namespace diagdesk::workspace

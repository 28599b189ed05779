#pragma once
/// Personal data through the service desk (service/privacy.hpp does the
/// work): what is held about a person, erasing it behind a pseudonym in the
/// desk's language ("Personne-7F3A9C" / "Person-7F3A9C"), and the team's
/// retention period (<layer>/service/privacy.toml, retention_days), applied
/// only when asked (never on open).
///
///     service::PersonData found;
///     if (auto e = privacy_find(desk, "Marie Dupont", found); !e.ok()) tell(e.message);
///
/// Codes: "" (fine), bad_value (a name with fewer than two letters), or a
/// store error name (read_only, full, locked...): nothing was changed then.

#include <diagdesk/service/privacy.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <string>

namespace diagdesk::workspace {

/// Everything the desk's database holds about `name`.
DeskError privacy_find(ServiceDesk& desk, const std::string& name, Lang lang, service::PersonData& out);
/// Erases `name` (service::erase_person) at the desk's now(); `dry_run` only counts.
DeskError privacy_erase(ServiceDesk& desk, const std::string& name, const std::string& actor, Lang lang, bool dry_run,
                        service::Erasure& out);
/// The layers' privacy settings (the last layer setting retention_days wins).
service::PrivacySettings privacy_settings(const Workspace& ws);
/// Anonymises the closed tickets closed more than `days` days before the
/// desk's now() (service::apply_retention); `dry_run` only counts.
DeskError privacy_retention(ServiceDesk& desk, int days, const std::string& actor, Lang lang, bool dry_run,
                            service::Erasure& out);

}  // namespace diagdesk::workspace

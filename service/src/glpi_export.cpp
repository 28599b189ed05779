// Tickets and assets as GLPI CSV (glpi_export.hpp, docs/service.md
// "Exchange with GLPI").
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/service/glpi_export.hpp>

#include <ctime>

namespace diagdesk::service {

int glpi_status(Status s) {
  switch (s) {
    case Status::new_: return 1;
    case Status::assigned:
    case Status::in_progress:
    case Status::escalated: return 2;
    case Status::pending: return 4;
    case Status::resolved: return 5;
    case Status::closed: return 6;
  }
  return 1;
}

int glpi_grade(Grade g) { return g == Grade::low ? 2 : g == Grade::medium ? 3 : 4; }

int glpi_priority(int priority) { return priority < 1 ? 5 : priority > 5 ? 1 : 6 - priority; }

int glpi_type(TicketType t) { return t == TicketType::incident ? 1 : 2; }

std::string glpi_time(Time t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

namespace {

// One CSV cell, quoted when it holds the separator, a quote or a line break.
std::string cell(const std::string& v) {
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ';';
    out += cell(cells[i]);
  }
  out += "\r\n";
}

std::string maybe_time(const std::optional<Time>& t) { return t ? glpi_time(*t) : std::string(); }

}  // namespace

const std::vector<std::string>& glpi_ticket_columns() {
  static const std::vector<std::string> cols{
      "Titre",        "Description", "Statut",           "Urgence",            "Impact",
      "Priorité",     "Type",        "Demandeur",        "Catégorie",          "Date d'ouverture",
      "Date de résolution", "Date de clôture", "Technicien", "Solution", "Éléments associés",
      "Référence externe"};
  return cols;
}

std::string tickets_glpi_csv(const std::vector<Ticket>& tickets) {
  std::string out;
  line(out, glpi_ticket_columns());
  for (const Ticket& t : tickets) {
    line(out, {t.title, t.description, std::to_string(glpi_status(t.status)), std::to_string(glpi_grade(t.urgency)),
               std::to_string(glpi_grade(t.impact)), std::to_string(glpi_priority(t.priority)),
               std::to_string(glpi_type(t.type)), t.caller_name, t.category, glpi_time(t.created_at),
               maybe_time(t.resolved_at), maybe_time(t.closed_at), t.operator_name, t.solution, t.asset_tag,
               t.number});
  }
  return out;
}

const std::vector<std::string>& glpi_asset_columns() {
  static const std::vector<std::string> cols{
      "Inventory number", "Type", "Manufacturer", "Model", "Serial number", "User", "Location", "Room",
      "Operating system - Name", "Operating system - Version", "IP address", "MAC address", "Date of purchase",
      "Warranty expiration date", "Status", "Comments"};
  return cols;
}

std::string assets_glpi_csv(const std::vector<Asset>& assets) {
  // Same order as glpi_asset_columns(); asset_field_text gives dates as YYYY-MM-DD.
  static const std::vector<std::string> fields{"tag",  "type",       "manufacturer", "model",         "serial",
                                               "user", "site",       "room",         "os",            "os_version",
                                               "ip",   "mac",        "purchase_date", "warranty_end", "status",
                                               "notes"};
  std::string out;
  line(out, glpi_asset_columns());
  for (const Asset& a : assets) {
    std::vector<std::string> cells;
    for (const auto& f : fields) cells.push_back(asset_field_text(a, f));
    line(out, cells);
  }
  return out;
}

}  // namespace diagdesk::service

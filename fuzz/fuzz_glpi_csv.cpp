// Fuzz target: the GLPI CSV files Diagdesk writes (`diagdesk incident export
// --csv`, `diagdesk asset export --csv`; Diagdesk has no GLPI ticket CSV
// reader, GLPI's Data Injection plugin reads it). Tickets and assets with
// arbitrary text are exported, then read back: the ticket CSV by the CSV
// parser of the importers (RFC 4180: one record per ticket, every column,
// the same title, description and solution), the asset CSV by
// `asset import`'s parse_asset_csv (glpi_export.hpp promises that export ->
// import gives the same assets: every row is accounted for, tags and notes
// of the accepted rows are the same).
#include "fuzz_common.hpp"

#include <diagdesk/importers/csv.hpp>
#include <diagdesk/importers/encoding.hpp>
#include <diagdesk/kb/text.hpp>
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/service/glpi_export.hpp>

#include <algorithm>

namespace {

// Reads length-prefixed strings and small numbers from the input.
struct Bytes {
  const std::uint8_t* p;
  std::size_t n;
  unsigned byte() { return n ? (--n, *p++) : 0u; }
  std::string text() {
    std::size_t len = byte() % 48;
    if (len > n) len = n;
    std::string s(reinterpret_cast<const char*>(p), len);
    p += len;
    n -= len;
    // The store holds UTF-8 text (what the CLI and the GUI give it): bytes
    // that are not UTF-8 become '?', as a file in another encoding is read.
    for (std::size_t bad = diagdesk::kb::find_invalid_utf8(s); bad != std::string::npos; bad = diagdesk::kb::find_invalid_utf8(s))
      s[bad] = '?';
    return s;
  }
  std::int64_t time() {
    std::int64_t t = 0;
    for (int i = 0; i < 8; ++i) t = (t << 8) | byte();
    return byte() & 1 ? t : t % 4102444800;  // any 64-bit value, or before 2100
  }
};

// What the reader gives back for a cell: line ends as '\n' (decode), as
// every Diagdesk reader normalises them.
std::string read_back(std::string s) {
  for (std::size_t at = s.find("\r\n"); at != std::string::npos; at = s.find("\r\n", at)) s.erase(at, 1);
  std::replace(s.begin(), s.end(), '\r', '\n');
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  Bytes in{data, size};
  std::vector<service::Ticket> tickets(1 + in.byte() % 3);
  for (auto& t : tickets) {
    t.title = in.text();
    t.description = in.text();
    t.caller_name = in.text();
    t.solution = in.text();
    t.number = "INC-2026-00000" + std::to_string(in.byte() % 10);
    t.status = static_cast<service::Status>(in.byte() % 7);
    t.priority = 1 + static_cast<int>(in.byte() % 5);
    t.created_at = in.time();
    if (in.byte() & 1) t.resolved_at = in.time();
  }
  const std::string csv = service::tickets_glpi_csv(tickets);
  const importers::Decoded dec = importers::decode(csv);
  if (dec.error.empty()) {  // arbitrary bytes in a title may make it binary or not UTF-8: nothing to compare
    const importers::CsvTable table = importers::parse_csv(dec.text, ';');
    if (!table.error.empty()) fuzz::broken("the ticket CSV does not parse back");
    if (table.records.size() != tickets.size() + 1) fuzz::broken("the ticket CSV has not one record per ticket");
    for (std::size_t i = 0; i < tickets.size(); ++i) {
      const auto& f = table.records[i + 1].fields;
      if (f.size() != service::glpi_ticket_columns().size()) fuzz::broken("a ticket row lacks columns");
      if (f[0] != read_back(tickets[i].title) || f[1] != read_back(tickets[i].description) ||
          f[13] != read_back(tickets[i].solution))
        fuzz::broken("a ticket's text changed between export and parse");
    }
  }

  std::vector<service::Asset> assets(1 + in.byte() % 3);
  for (std::size_t i = 0; i < assets.size(); ++i) {
    auto& a = assets[i];
    a.tag = in.text();
    if (trim(a.tag).empty()) a.tag = "PC-" + std::to_string(i);
    a.tag += "-" + std::to_string(i);  // unique, as in the store
    a.model = in.text();
    a.notes = in.text();
    a.type = static_cast<service::AssetType>(in.byte() % 11);
    a.status = static_cast<service::AssetStatus>(in.byte() % 4);
  }
  const service::AssetCsvResult back = service::parse_asset_csv(service::assets_glpi_csv(assets));
  if (!back.report.errors.empty()) return 0;  // e.g. binary bytes in a note: refused as a whole, with a message
  if (back.rows.size() + back.report.rejected.size() != assets.size())
    fuzz::broken("the asset CSV read back has not one row per asset");
  for (const auto& row : back.rows) {
    bool found = false;
    for (const auto& a : assets) found |= trim(read_back(a.tag)) == row.asset.tag;
    if (!found) {
      for (const auto& a : assets) std::fprintf(stderr, "exported tag [%s]\n", a.tag.c_str());
      std::fprintf(stderr, "imported tag [%s] (line %d)\n", row.asset.tag.c_str(), row.line);
      fuzz::broken("an exported asset's tag changed on import");
    }
  }
  return 0;
}

// The bundled commerce content (issue 15): the example catalogue loads clean,
// every proposal names real refs, and the technical rules of data/README.md
// ("Pre-sales trees") hold: a video-editing PC for 1,500 EUR incl. VAT, no NAS
// or server without its backup and a UPS, access points with a PoE switch.
#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/service/catalogue.hpp>
#include <diagdesk/service/quote.hpp>

#include "bundled.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace diagdesk;
namespace fs = std::filesystem;

namespace {

struct Commerce {
  service::Catalogue catalogue;
  std::vector<service::Proposal> proposals;
  std::vector<service::Problem> problems;
  Commerce() {
    const fs::path dir = fs::path(DIAGDESK_DATA_DIR) / "commerce";
    catalogue = service::load_catalogue({dir / "catalogue.toml"}, problems);
    proposals = service::load_proposals({dir / "proposals.toml"}, problems);
  }
  /// The quote lines of a proposal at the catalogue's prices.
  std::vector<service::QuoteLine> priced(const std::vector<service::ProposalLine>& lines) const {
    std::vector<service::QuoteLine> out;
    for (const auto& l : lines) {
      const service::CatalogueItem* item = catalogue.find(l.ref);
      REQUIRE_MESSAGE(item, l.ref);
      service::QuoteLine q;
      q.ref = l.ref;
      q.quantity = l.quantity;
      q.unit_price = item->price;
      q.vat = item->vat;
      out.push_back(q);
    }
    return out;
  }
};

bool names(const std::vector<service::ProposalLine>& lines, std::string_view prefix) {
  return std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.ref.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("the bundled example catalogue and proposals load clean and every ref exists") {
  const Commerce c;
  for (const auto& p : c.problems) MESSAGE(p.file << ":" << p.line << ": " << p.message);
  CHECK(c.problems.empty());
  CHECK(c.catalogue.example);
  CHECK(c.catalogue.items.size() >= 80);
  CHECK(c.catalogue.repair_threshold == 5000);
  CHECK(service::check_proposal_refs(c.proposals, c.catalogue).empty());
  for (const char* ref : {"LAB-WORKSHOP", "LAB-ONSITE", "LAB-REMOTE"}) {
    REQUIRE(c.catalogue.find(ref));
    CHECK(service::name(c.catalogue.find(ref)->unit) == "hour");
  }
  for (const char* ref : {"TRAVEL-ZONE1", "TRAVEL-ZONE2", "TRAVEL-ZONE3"}) {
    REQUIRE(c.catalogue.find(ref));
    CHECK(service::name(c.catalogue.find(ref)->unit) == "trip");
  }
  for (const char* type : {"desktop", "laptop", "printer", "monitor", "phone", "server"}) CHECK_MESSAGE(c.catalogue.device_value(type), type);
  // The box comes from the operator: never sold.
  for (const auto& i : c.catalogue.items) CHECK_MESSAGE(i.ref.find("BOX") == std::string::npos, i.ref);
}

TEST_CASE("every conclusion of the pre-sales trees has a proposal") {
  const Commerce c;
  std::size_t conclusions = 0;
  for (const auto& t : test::bundled().knowledge()->trees()) {
    if (t.domain != "commercial") continue;
    for (const auto& n : t.nodes) {
      if (n.kind != engine::NodeKind::conclusion) continue;
      ++conclusions;
      CHECK_MESSAGE(service::find_proposal(c.proposals, t.id, n.id), t.id << ":" << n.id);
    }
  }
  CHECK(conclusions >= 30);
}

TEST_CASE("the video-editing PC for a 1,500 EUR budget costs at most 1,500 EUR incl. VAT") {
  const Commerce c;
  const service::Proposal* p = service::find_proposal(c.proposals, "com.pc_workstation", "c_video_32");
  REQUIRE(p);
  const auto totals = service::compute_totals(c.priced(p->lines));
  CHECK(totals.ht == 124900);
  CHECK(totals.ttc == 149880);
  CHECK(totals.ttc <= 150000);
}

TEST_CASE("no NAS or server is proposed without its own backup and a UPS, access points come with a PoE switch") {
  const Commerce c;
  std::size_t storage = 0;
  for (const auto& p : c.proposals) {
    CAPTURE(p.tree + ":" + p.conclusion);
    if (names(p.lines, "NAS-") || names(p.lines, "SRV-")) {
      ++storage;
      CHECK((names(p.lines, "USB-BACKUP-") || names(p.lines, "CONTRACT-CLOUD-BACKUP")));
      CHECK(names(p.lines, "UPS-"));
      CHECK(names(p.lines, "SVC-BACKUP-PLAN"));
    }
    if (names(p.lines, "AP-")) CHECK(names(p.lines, "SWITCH-"));
    if (names(p.lines, "SWITCH-") && names(p.lines, "AP-")) {
      const bool poe = std::any_of(p.lines.begin(), p.lines.end(), [](const auto& l) {
        return l.ref.rfind("SWITCH-", 0) == 0 && l.ref.find("POE") != std::string::npos;
      });
      CHECK(poe);
    }
  }
  CHECK(storage >= 5);
}

TEST_CASE("a hardware repair proposal with a part counts the labour the remedy takes") {
  const Commerce c;
  for (const auto& p : c.proposals) {
    if (p.tree.rfind("hw.", 0) != 0 || p.kind != service::ProposalKind::repair) continue;
    CAPTURE(p.tree + ":" + p.conclusion);
    const bool part = std::any_of(p.lines.begin(), p.lines.end(), [&](const auto& l) {
      const auto* i = c.catalogue.find(l.ref);
      return i && i->kind == service::ItemKind::part;
    });
    const bool fits_in_hand = p.lines.size() == 1;  // a charger or a monitor: no workshop time
    if (part && !fits_in_hand) CHECK(names(p.lines, "LAB-"));
  }
  const service::Proposal* disk = service::find_proposal(c.proposals, "hw.disk_failing", "c_replace_disk");
  REQUIRE(disk);
  CHECK(names(disk->lines, "SSD-"));
  CHECK(names(disk->lines, "LAB-WORKSHOP"));
}

// The Tickets tab of the real diagdesk-gui in a window under Xvfb:
//   gui_tickets_flow GUI SCRIPT OUTDIR   plays tickets.script (create a ticket
//       with Ctrl+N, diagnose it, come back with F5, resolve it with the
//       proposed solution, write the PDF), then checks the PDF (pdftotext
//       reads the ticket number and the caller) and the database (opened with
//       workspace::ServiceDesk: one ticket, resolved with the proposal of its
//       attached, concluded diagnosis).
//   gui_tickets_flow --queue GUI PNG     seeds a queue (a late P1, an at-risk
//       P2, P3s, a pending one, a request, a resolved one) at a fixed clock
//       and saves the Tickets tab to PNG (docs/screenshot-tickets.png).
//   gui_tickets_flow --dashboard GUI PNG the same queue, the Dashboard tab (F6)
//       to PNG (docs/screenshot-dashboard.png).
//   gui_tickets_flow --assets GUI PNG    the same queue plus a few assets (one
//       with a ticket), the Assets tab (F7) with that asset's card open
//       (docs/screenshot-assets.png).
//   gui_tickets_flow --quotes GUI PNG    the same queue plus three quotes (a
//       draft with three lines at two VAT rates, a sent one, an accepted one),
//       the Quotes tab (F8) with the draft open (docs/screenshot-quotes.png).
// Exit 77 (skipped) when xvfb-run or pdftotext is not installed.
#include "xvfb_run.hpp"

#include <diagdesk/workspace/quote_desk.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <stb_image.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

namespace fs = std::filesystem;
namespace sv = diagdesk::service;
using namespace diagdesk;
using diagdesk::gui::testing::fail;
using diagdesk::gui::testing::run;

namespace {

/// The desk of `home` over the bundled KB (the GUI's data dir).
struct Desk {
  workspace::Workspace ws;
  std::unique_ptr<workspace::ServiceDesk> desk;
  std::string error;
  explicit Desk(const fs::path& home) : ws(workspace::Workspace::open({DIAGDESK_TEST_DATA, {}, home, engine::Lang::fr})) {
    workspace::DeskError e;
    desk = workspace::ServiceDesk::open(ws, e);
    error = e.message;
  }
};

/// Runs the GUI under Xvfb at 1280x800, French, with DIAGDESK_HOME=home.
int run_gui(const std::string& gui, const fs::path& home, const fs::path& script, const fs::path& png,
            const std::string& env = {}) {
  const std::string command = env + " DIAGDESK_HOME='" + home.string() + "' timeout 120 xvfb-run -a -s '-screen 0 1280x800x24' '" +
                              gui + "' --data '" DIAGDESK_TEST_DATA "' --size 1280x800 --lang fr --script '" +
                              script.string() + "' --screenshot '" + png.string() + "' --frames 5";
  std::cout << command << '\n';
  return run(command);
}

int flow(const std::string& gui, const fs::path& script, const fs::path& out) {
  if (!gui::testing::in_path("pdftotext")) {
    std::cout << "SKIPPED: pdftotext not installed (poppler-utils; scripts/deps.sh test installs it)\n";
    return 77;
  }
  const fs::path home = out / "home";
  std::error_code ec;
  fs::remove_all(out, ec);
  fs::create_directories(home);
  if (const int code = run_gui(gui, home, script, out / "tickets-flow.png"); code != 0) {
    return fail("diagdesk-gui exited with " + std::to_string(code));
  }

  // The database: one ticket, resolved with what its diagnosis proposed.
  Desk d(home);
  if (!d.desk) return fail("cannot open the ticket database: " + d.error);
  std::vector<workspace::TicketView> all;
  if (auto e = d.desk->list({}, all); !e.ok()) return fail("cannot list the tickets: " + e.message);
  if (all.size() != 1) return fail("expected 1 ticket, found " + std::to_string(all.size()));
  workspace::TicketView view;
  if (auto e = d.desk->get(all.front().ticket.number, view); !e.ok()) return fail("cannot read the ticket: " + e.message);
  const sv::Ticket& t = view.ticket;
  std::cout << t.number << " " << sv::name(t.status) << " caller '" << t.caller_name << "' solution '" << t.solution << "'\n";
  if (t.caller_name != "Paul Martin") return fail("the caller typed in the form was not saved: '" + t.caller_name + "'");
  if (t.status != sv::Status::resolved) return fail("the ticket is not resolved but " + std::string(sv::name(t.status)));
  const auto sessions = d.desk->sessions(t);
  if (sessions.empty()) return fail("no diagnosis attached to the ticket");
  if (!sessions.back().session) return fail("the attached diagnosis does not replay: " + sessions.back().error);
  const engine::Session& s = *sessions.back().session;
  if (!s.concluded()) return fail("the attached diagnosis is not concluded");
  const auto proposal = workspace::ServiceDesk::propose(s, engine::Lang::fr);
  if (proposal.solution.empty() || t.solution != proposal.solution) {
    return fail("the solution is not the diagnosis' proposal '" + proposal.solution + "'");
  }

  // The intervention report: written where the tab proposed, readable.
  const fs::path pdf = home / "reports" / (t.number + ".pdf");
  if (!fs::is_regular_file(pdf)) return fail("no PDF at " + pdf.string());
  std::string text;
  if (run("pdftotext -enc UTF-8 '" + pdf.string() + "' -", &text) != 0) return fail("pdftotext cannot read " + pdf.string());
  if (text.find(t.number) == std::string::npos) return fail("the PDF does not show the ticket number");
  if (text.find("Paul Martin") == std::string::npos) return fail("the PDF does not show the caller");
  std::cout << "OK: ticket created, diagnosed, resolved with the proposal, PDF written and read back\n";
  return 0;
}

/// A queue worth showing: ages and states at the fixed clock 2026-05-22 15:00 (Friday).
std::string seed(const fs::path& home) {
  Desk d(home);
  if (!d.desk) return d.error;
  const sv::Calendar& cal = d.desk->config().calendar;
  sv::Time clock = 0;
  d.desk->set_clock([&] { return clock; });
  std::string error;
  auto at = [&](const char* local) { clock = cal.parse_local(local).value_or(0); };
  auto check = [&](const workspace::DeskError& e) {
    if (!e.ok() && error.empty()) error = e.message;
  };
  auto open = [&](sv::TicketType type, const char* title, const char* caller, const char* category, sv::Grade impact,
                  sv::Grade urgency) {
    workspace::NewTicket n;
    n.type = type;
    n.title = title;
    n.caller_name = caller;
    n.category = category;
    n.impact = impact;
    n.urgency = urgency;
    workspace::TicketView v;
    check(d.desk->create(n, "marie", v));
    return v.ticket.number;
  };
  using G = sv::Grade;
  workspace::TicketView v;
  at("2026-05-21 09:10");
  const auto p1 = open(sv::TicketType::incident, "Serveur de fichiers inaccessible pour toute la comptabilité", "Claire Dubois",
                       "network", G::high, G::high);
  at("2026-05-21 09:20");
  check(d.desk->assign(p1, "marie", sv::SupportLevel::n1, "marie", v));
  at("2026-05-22 09:30");
  const auto printer = open(sv::TicketType::incident, "Imprimante du 2e étage hors ligne", "Paul Martin", "hardware", G::medium,
                            G::medium);
  check(d.desk->assign(printer, "paul", sv::SupportLevel::n1, "paul", v));
  check(d.desk->set_status(printer, sv::Status::in_progress, "", "paul", v));
  at("2026-05-22 10:05");
  const auto screen = open(sv::TicketType::incident, "Écran qui scintille au démarrage", "Lise Petit", "hardware", G::low, G::high);
  check(d.desk->assign(screen, "paul", sv::SupportLevel::n1, "paul", v));
  check(d.desk->set_status(screen, sv::Status::pending, "En attente du retour de l'utilisatrice (câble à tester)", "paul", v));
  at("2026-05-22 14:05");
  open(sv::TicketType::request, "Installer Visio sur le poste de Julie Lambert", "Julie Lambert", "office", G::low, G::medium);
  at("2026-05-22 13:10");
  const auto vpn = open(sv::TicketType::incident, "VPN refusé depuis la mise à jour", "Karim Benali", "network", G::medium, G::medium);
  at("2026-05-22 14:20");
  check(d.desk->resolve(vpn, "Certificat client renouvelé, connexion VPN rétablie", "marie", v));
  at("2026-05-22 14:37");
  open(sv::TicketType::incident, "Messagerie : envois bloqués pour la direction", "Anne Moreau", "office", G::high, G::medium);
  return error;
}

/// A few assets at the same clock; a ticket on PC-0042, whose warranty runs.
std::string seed_assets(const fs::path& home) {
  Desk d(home);
  if (!d.desk) return d.error;
  d.desk->set_clock([at = d.desk->config().calendar.parse_local("2026-05-22 11:00").value_or(0)] { return at; });
  using F = std::vector<std::pair<std::string, std::string>>;
  const std::pair<const char*, F> assets[] = {
      {"PC-0042", {{"type", "laptop"}, {"manufacturer", "Lenovo"}, {"model", "ThinkPad T14"}, {"serial", "PF3ABCD1"},
                   {"user", "lpetit"}, {"site", "Lyon"}, {"room", "B12"}, {"os", "windows11"}, {"ip", "10.1.2.42"},
                   {"purchase_date", "2024-03-15"}, {"warranty_end", "2027-03-31"}}},
      {"PC-0043", {{"type", "desktop"}, {"manufacturer", "HP"}, {"model", "EliteDesk 800 G6"}, {"user", "cdubois"},
                   {"site", "Paris"}, {"os", "windows10"}, {"warranty_end", "2026-06-05"}}},
      {"IMP-0007", {{"type", "printer"}, {"manufacturer", "Brother"}, {"model", "HL-L8360"}, {"site", "Paris"},
                    {"room", "2e étage"}, {"ip", "10.1.3.7"}}},
      {"PC-0011", {{"type", "laptop"}, {"manufacturer", "Dell"}, {"model", "Latitude 5440"}, {"user", "kbenali"},
                   {"site", "Lyon"}, {"os", "linux"}, {"warranty_end", "2025-12-31"}}},
  };
  workspace::AssetView v;
  for (const auto& [tag, fields] : assets)
    if (auto e = d.desk->add_asset(tag, fields, "marie", v); !e.ok()) return std::string(tag) + ": " + e.message;
  workspace::NewTicket n;
  n.title = "Écran qui reste noir au démarrage";
  n.caller_name = "Lise Petit";
  n.category = "hardware";
  n.asset_tag = "PC-0042";
  workspace::TicketView t;
  if (auto e = d.desk->create(n, "marie", t); !e.ok()) return e.message;
  if (auto e = d.desk->update_asset("PC-0042", "room", "B14", "marie", v); !e.ok()) return e.message;
  return {};
}

/// Three quotes at the same clock: DEV-2026-0001 a draft (SSD, workshop
/// labour, a 5.5 % VAT guide, a discount), then a sent and an accepted one.
std::string seed_quotes(const fs::path& home) {
  Desk d(home);
  if (!d.desk) return d.error;
  d.desk->set_clock([at = d.desk->config().calendar.parse_local("2026-05-22 11:00").value_or(0)] { return at; });
  workspace::QuoteDesk quotes(d.ws, *d.desk);
  workspace::QuoteView v;
  std::string error;
  auto check = [&](const workspace::DeskError& e) {
    if (!e.ok() && error.empty()) error = e.message;
  };
  auto open = [&](const char* name, const char* phone) {
    workspace::NewQuote n;
    n.customer.name = name;
    n.customer.phone = phone;
    n.customer.address = "8 rue des Lilas, 69003 Lyon";
    check(quotes.create(n, {}, "marie", v));
    return v.quote.number;
  };
  const std::string draft = open("Lise Petit", "06 12 34 56 78");
  check(quotes.add_line(draft, "SSD-SATA-1TB", "1", "0", "marie", v));
  check(quotes.add_line(draft, "LAB-WORKSHOP", "1.5", "10", "marie", v));
  check(quotes.add_line(draft, "DOC-USER-GUIDE", "1", "0", "marie", v));
  const std::string sent = open("Karim Benali", "06 98 76 54 32");
  check(quotes.add_line(sent, "SSD-SATA-1TB", "2", "0", "marie", v));
  check(quotes.send(sent, "marie", v));
  const std::string accepted = open("Claire Dubois", "04 72 00 00 00");
  check(quotes.add_line(accepted, "LAB-ONSITE", "2", "0", "marie", v));
  check(quotes.send(accepted, "marie", v));
  check(quotes.accept(accepted, "marie", v));
  return error;
}

/// Seeds the queue (and `more`), runs `keys` in the GUI and checks the 1280x800 screenshot.
int seeded_screenshot(const std::string& gui, const fs::path& png, const std::string& keys, const char* what,
                      std::string (*more)(const fs::path&) = nullptr) {
  std::random_device rd;
  const fs::path out = fs::temp_directory_path() / ("diagdesk-tickets-queue-" + std::to_string(rd()));
  const fs::path home = out / "home";
  fs::create_directories(home);
  if (const std::string err = seed(home); !err.empty()) return fail("seeding the queue: " + err);
  if (const std::string err = more ? more(home) : ""; !err.empty()) return fail(std::string("seeding the ") + what + ": " + err);
  const fs::path script = out / "queue.script";
  std::ofstream(script) << keys;
  const int code = run_gui(gui, home, script, png, "DIAGDESK_NOW=2026-05-22T15:00");
  std::error_code ec;
  fs::remove_all(out, ec);
  if (code != 0) return fail("diagdesk-gui exited with " + std::to_string(code));
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  if (!pixels) return fail("no readable screenshot at " + png.string());
  stbi_image_free(pixels);
  if (w != 1280 || h != 800) return fail("expected a 1280x800 screenshot");
  std::cout << "OK: " << what << " screenshot " << png << '\n';
  return 0;
}

int queue(const std::string& gui, const fs::path& png) {
  return seeded_screenshot(gui, png, "wait 3\nkey f5\nwait 5\npress tickets/row/INC-2026-000001\nmove 1270 790\nwait 5\n",
                           "queue");
}

/// The supervisor's dashboard (F6) over the same seeded queue.
int dashboard(const std::string& gui, const fs::path& png) {
  return seeded_screenshot(gui, png, "wait 3\nkey f5\nwait 5\nkey f6\nwait 5\nmove 1270 790\nwait 5\n", "dashboard");
}

/// The Assets tab (F7) over the seeded assets, PC-0042's card open.
int assets(const std::string& gui, const fs::path& png) {
  return seeded_screenshot(gui, png, "wait 3\nkey f5\nwait 5\nkey f7\nwait 5\npress assets/row/PC-0042\nwait 5\nmove 1270 790\nwait 5\n",
                           "assets", &seed_assets);
}

/// The Quotes tab (F8) over the seeded quotes, the draft open.
int quotes(const std::string& gui, const fs::path& png) {
  return seeded_screenshot(gui, png, "wait 3\nkey f8\nwait 5\npress quotes/row/DEV-2026-0001\nwait 5\nmove 1270 790\nwait 5\n",
                           "quotes", &seed_quotes);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc == 4 ? argv[1] : "";
    if (mode == "--queue" || mode == "--dashboard" || mode == "--assets" || mode == "--quotes") {
      if (!gui::testing::xvfb_available()) return 77;
      if (mode == "--assets") return assets(argv[2], argv[3]);
      if (mode == "--quotes") return quotes(argv[2], argv[3]);
      return mode == "--queue" ? queue(argv[2], argv[3]) : dashboard(argv[2], argv[3]);
    }
    if (argc != 4) {
      std::cerr << "usage: gui_tickets_flow GUI SCRIPT OUTDIR | gui_tickets_flow --queue|--dashboard|--assets|--quotes GUI PNG\n";
      return 2;
    }
    if (!gui::testing::xvfb_available()) return 77;
    return flow(argv[1], argv[2], argv[3]);
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
}

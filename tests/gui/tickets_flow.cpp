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
// Exit 77 (skipped) when xvfb-run or pdftotext is not installed.
#include "xvfb_run.hpp"

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

/// Seeds the queue, runs `keys` in the GUI and checks the 1280x800 screenshot.
int seeded_screenshot(const std::string& gui, const fs::path& png, const std::string& keys, const char* what) {
  std::random_device rd;
  const fs::path out = fs::temp_directory_path() / ("diagdesk-tickets-queue-" + std::to_string(rd()));
  const fs::path home = out / "home";
  fs::create_directories(home);
  if (const std::string err = seed(home); !err.empty()) return fail("seeding the queue: " + err);
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

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && (std::string(argv[1]) == "--queue" || std::string(argv[1]) == "--dashboard")) {
      if (!gui::testing::xvfb_available()) return 77;
      return std::string(argv[1]) == "--queue" ? queue(argv[2], argv[3]) : dashboard(argv[2], argv[3]);
    }
    if (argc != 4) {
      std::cerr << "usage: gui_tickets_flow GUI SCRIPT OUTDIR | gui_tickets_flow --queue|--dashboard GUI PNG\n";
      return 2;
    }
    if (!gui::testing::xvfb_available()) return 77;
    return flow(argv[1], argv[2], argv[3]);
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
}

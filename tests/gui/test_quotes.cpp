// The Quotes tab (F8) through the real presenter and panels, headless: a
// quote created with the form, lines added from the catalogue picker, the
// totals to the cent, a refused quantity, send / accept / PDF, French labels.
#include "fixture.hpp"

#include "app/quotes_presenter.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/workspace/quote_desk.hpp>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

constexpr int key_f8 = keys::f1 + 7;

struct QuotesApp : HeadlessApp {
  explicit QuotesApp(std::string lang = "en") : HeadlessApp(std::move(lang)) {
    press(key_f8);
    REQUIRE(vm().tab == Tab::quotes);
    REQUIRE_MESSAGE(quotes().available, quotes().error);
    frame();
  }
  const QuotesVm& quotes() { return vm().quotes; }
  /// Clicks a probed widget, then draws the rebuilt tab once.
  void tap(const std::string& probe_name) {
    click(probe_name);
    frame();
  }
  /// Opens the form, fills it, clicks Create.
  void create(const std::string& name, int language = 0) {
    click("quotes/new");
    ui.quotes.name = name;
    ui.quotes.language = language;
    frame();
    tap("quotes/create");
  }
  /// Types `words` in the picker's search, picks `ref`, adds it.
  void add(const std::string& words, const std::string& ref, const std::string& qty, const std::string& discount) {
    ui.quotes.search = words;
    Intent i{IntentKind::quote, "search"};
    i.fields = {{"words", words}};
    presenter->apply(i);
    frames(2);
    click("quotes/item/" + ref);
    ui.quotes.qty = qty;
    ui.quotes.discount = discount;
    frame();
    tap("quotes/add");
  }
  std::vector<std::string> refs() {
    std::vector<std::string> out;
    for (const auto& c : quotes().catalogue) out.push_back(c.ref);
    return out;
  }
};

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("the Quotes tab creates a quote, adds lines from the picker and shows the totals to the cent") {
  QuotesApp app;
  app.create("Paul Martin", 1);
  const QuotesVm& q = app.quotes();
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].customer == "Paul Martin");
  CHECK(q.rows[0].status == "draft");
  REQUIRE(q.editor.open);
  CHECK(q.editor.editable);
  CHECK(q.message.find("created") != std::string::npos);
  CHECK_FALSE(app.ui.quotes.form_open);  // the form closes once saved

  // The picker filters by ref and label words.
  app.ui.quotes.search = "ssd sata 1";
  app.presenter->apply([] { Intent i{IntentKind::quote, "search"}; i.fields = {{"words", "ssd sata 1"}}; return i; }());
  app.frame();
  CHECK(has(app.refs(), "SSD-SATA-1TB"));
  CHECK_FALSE(has(app.refs(), "LAB-WORKSHOP"));

  app.add("ssd sata 1", "SSD-SATA-1TB", "2", "10");
  app.add("user guide", "DOC-USER-GUIDE", "1", "0");
  const QuoteEditorVm& ed = app.quotes().editor;
  REQUIRE(ed.lines.size() == 2);
  CHECK(ed.lines[0].total == "€143.82");  // 2 x 79.90 - 10 %
  CHECK(ed.total_ht == "€156.62");
  REQUIRE(ed.vat.size() == 2);
  CHECK(ed.vat[0].second == "€28.76");  // 20 % of 143.82
  CHECK(ed.vat[1].second == "€0.70");   // 5.5 % of 12.80
  CHECK(ed.total_ttc == "€186.08");
  workspace::QuoteView v;
  REQUIRE(app.presenter->quotes().quotes()->get(ed.number, v).ok());
  CHECK(v.totals.ttc == 18608);
  CHECK(app.quotes().rows[0].total == "€186.08");

  // Quantity edited in place: the totals follow.
  app.ui.quotes.edits[0].first = "3";
  app.frame();
  app.tap("quotes/set/1");
  INFO(app.quotes().message);
  CHECK(app.quotes().editor.lines[0].total == "€215.73");
  CHECK(app.quotes().editor.lines[0].ref == "SSD-SATA-1TB");
  CHECK(app.quotes().editor.total_ttc == "€272.38");  // 215.73 + 12.80 + VAT 43.15 (20 %) + 0.70 (5.5 %)
  REQUIRE(app.presenter->quotes().quotes()->get(ed.number, v).ok());
  CHECK(v.totals.ht == 21573 + 1280);
  CHECK(v.totals.ttc == 21573 + 1280 + 4315 + 70);

  // Remove the guide.
  app.tap("quotes/remove/2");
  CHECK(app.quotes().editor.lines.size() == 1);
  CHECK(app.quotes().editor.total_ttc == "€258.88");
}

TEST_CASE("a refused quantity shows the desk's sentence and changes nothing") {
  QuotesApp app;
  app.create("Anne Leroy");
  app.add("ssd sata 1", "SSD-SATA-1TB", "1", "0");
  const std::string ttc = app.quotes().editor.total_ttc;
  app.ui.quotes.edits[0].first = "-1";
  app.frame();
  app.tap("quotes/set/1");
  CHECK(app.quotes().message_error);
  CHECK(app.quotes().message.find("quantity refused: '-1'") != std::string::npos);
  CHECK(app.quotes().editor.lines[0].quantity == "1");
  CHECK(app.quotes().editor.total_ttc == ttc);
  // A bad quantity in the picker too, and an add on no pick is greyed.
  app.add("ssd sata 1", "SSD-SATA-1TB", "0", "0");
  CHECK(app.quotes().message_error);
  CHECK(app.quotes().editor.lines.size() == 1);
  app.add("ssd sata 1", "SSD-SATA-1TB", "1", "150");
  CHECK(app.quotes().message.find("discount refused") != std::string::npos);
}

TEST_CASE("send, accept with a service request, the PDF where it was asked, the status filter") {
  QuotesApp app;
  TempDir dir;
  app.create("Paul Martin");
  app.tap("quotes/send");
  CHECK(app.quotes().message_error);  // no line yet
  app.add("ssd sata 1", "SSD-SATA-1TB", "1", "0");
  app.tap("quotes/send");
  CHECK_FALSE(app.quotes().message_error);
  CHECK(app.quotes().editor.status == "sent");
  CHECK_FALSE(app.quotes().editor.editable);
  app.ui.quotes.open_request = true;
  app.frame();
  app.tap("quotes/accept");
  INFO(app.quotes().message);
  CHECK(app.quotes().editor.status == "accepted");
  CHECK_FALSE(app.quotes().editor.request.empty());
  CHECK(app.quotes().message.find(app.quotes().editor.request) != std::string::npos);

  const auto pdf = dir.path / "out" / "devis.pdf";
  CHECK(app.ui.quotes.pdf_path == app.quotes().editor.pdf_default);
  CHECK(app.quotes().editor.pdf_default.find("quotes") != std::string::npos);
  app.ui.quotes.pdf_path = pdf.string();
  app.frame();
  app.tap("quotes/pdf");
  CHECK(fs::exists(pdf));
  CHECK(app.quotes().editor.pdf_written == pdf.string());

  app.create("Anne Leroy");
  CHECK(app.quotes().rows.size() == 2);
  Intent f{IntentKind::quote, "filter"};
  f.fields = {{"status", "accepted"}};
  app.presenter->apply(f);
  app.frame();
  REQUIRE(app.quotes().rows.size() == 1);
  CHECK(app.quotes().rows[0].customer == "Paul Martin");
}

TEST_CASE("the Quotes tab in French: statuses, count and amounts") {
  QuotesApp app("fr");
  app.create("Paul Martin");
  app.add("ssd sata 1", "SSD-SATA-1TB", "1", "0");
  const QuotesVm& q = app.quotes();
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].status == "brouillon");
  CHECK(q.count == "1 devis");
  CHECK(q.message == "Ligne SSD-SATA-1TB ajoutée");
  CHECK(q.editor.total_ttc.find("95,88") != std::string::npos);  // 79.90 + 20 %
  CHECK(q.editor.lines[0].label.find("SSD SATA") != std::string::npos);  // the customer's language (fr)
  CHECK(q.editor.vat[0].first.starts_with("TVA 20"));
}

TEST_CASE("a draft's customer is edited field by field, a name cleared is refused") {
  QuotesApp app;
  app.create("Paul Martin", 1);
  app.tap("quotes/customer_header");
  REQUIRE(app.ui.quotes.customer.size() == 5);
  CHECK(app.ui.quotes.customer[0] == "Paul Martin");
  app.ui.quotes.customer[1] = "3 place Bellecour, Lyon";
  app.ui.quotes.customer[4] = "fr";
  app.frame();
  app.tap("quotes/customer");
  CHECK_FALSE(app.quotes().message_error);
  workspace::QuoteView v;
  REQUIRE(app.presenter->quotes().quotes()->get(app.quotes().editor.number, v).ok());
  CHECK(v.quote.customer.address == "3 place Bellecour, Lyon");
  CHECK(v.quote.customer.language == "fr");
  CHECK(app.quotes().editor.customer.find("Bellecour") != std::string::npos);
  app.ui.quotes.customer[0].clear();
  app.frame();
  app.tap("quotes/customer");
  CHECK(app.quotes().message_error);
  CHECK(app.quotes().message.find("customer's name is required") != std::string::npos);
  REQUIRE(app.presenter->quotes().quotes()->get(app.quotes().editor.number, v).ok());
  CHECK(v.quote.customer.name == "Paul Martin");
}

namespace {

/// Answers the current question with the choice `id` through the presenter.
void pick(QuotesApp& app, const std::string& id) {
  const auto& choices = app.presenter->session()->step().choices;
  for (std::size_t k = 0; k < choices.size(); ++k)
    if (choices[k].id == id) {
      app.presenter->apply({IntentKind::answer, "", "", static_cast<int>(k + 1)});
      app.frame();
      return;
    }
  FAIL("no choice " << id);
}

}  // namespace

TEST_CASE("Make a quote on a failing-disk conclusion opens the Quotes tab with the proposed lines and the summary to copy") {
  QuotesApp app;
  app.presenter->apply({IntentKind::start_tree, "hw.disk_failing"});
  app.frame();
  pick(app, "noise");
  pick(app, "yes");
  REQUIRE(app.presenter->session()->concluded());
  CHECK(app.vm().conclusion.quotable);
  app.tap("make_quote");
  CHECK(app.vm().tab == Tab::quotes);
  app.frame();
  const QuotesVm& q = app.quotes();
  REQUIRE(q.editor.open);
  CHECK_FALSE(q.message_error);
  // The proposal of hw.disk_failing / c_replace_disk, priced by the bundled catalogue.
  std::vector<std::string> refs;
  for (const auto& l : q.editor.lines) refs.push_back(l.ref);
  CHECK(refs == std::vector<std::string>{"SSD-SATA-1TB", "SVC-OS-INSTALL", "LAB-WORKSHOP"});
  REQUIRE(q.editor.options.size() == 1);
  CHECK(q.editor.options[0].kind == "repair");
  CHECK(q.editor.options[0].current);
  // The words to read out, with what was found, and Copy puts them on the clipboard.
  CHECK(q.editor.summary.find("What we found") != std::string::npos);
  CHECK(q.editor.summary.find("What it costs") != std::string::npos);
  CHECK(q.editor.summary_lang == "en");
  app.tap("quotes/copy_summary");
  CHECK(std::string(ImGui::GetClipboardText()) == q.editor.summary);
  CHECK(app.ui.quotes.copied == q.editor.summary);
}

TEST_CASE("Quote from this ticket on an old laptop offers replace beside repair, each a draft of its own") {
  QuotesApp app;
  workspace::ServiceDesk& desk = *app.presenter->tickets().desk();
  workspace::AssetView a;
  REQUIRE(desk.add_asset("PC-OLD", {{"type", "laptop"}, {"purchase_date", "2021-01-10"}}, "marie", a).ok());
  workspace::NewTicket n;
  n.title = "The disk clicks";
  n.caller_name = "Paul Martin";
  n.asset_tag = "PC-OLD";
  workspace::TicketView t;
  REQUIRE(desk.create(n, "marie", t).ok());
  auto started = desk.start_diagnosis(t.ticket.number, "hw.disk_failing", {}, engine::Lang::en);
  REQUIRE(started.session);
  REQUIRE(started.session->answer("noise") == engine::AnswerError::none);
  REQUIRE(started.session->answer("yes") == engine::AnswerError::none);
  REQUIRE(desk.attach_diagnosis(t.ticket.number, *started.session, {}, "marie", t).ok());

  // The Tickets tab's button sends this intent; the presenter opens the Quotes tab.
  app.presenter->apply({IntentKind::quote, "from_ticket", t.ticket.number});
  CHECK(app.vm().tab == Tab::quotes);
  app.frame();
  const QuotesVm& q = app.quotes();
  REQUIRE_MESSAGE(q.editor.open, q.message);
  CHECK(q.editor.ticket == t.ticket.number);
  CHECK(q.editor.customer_fields[0].second == "Paul Martin");
  REQUIRE(q.editor.options.size() == 2);
  CHECK(q.editor.options[0].kind == "repair");
  CHECK(q.editor.options[1].kind == "replace");
  CHECK_FALSE(q.editor.present_value.empty());
  const std::string repair = q.editor.number;
  app.tap("quotes/option/replace");
  const QuotesVm& r = app.quotes();
  REQUIRE(r.editor.open);
  CHECK(r.editor.number != repair);
  CHECK(r.rows.size() == 2);
  REQUIRE_FALSE(r.editor.lines.empty());
  CHECK(r.editor.lines[0].ref == "PC-LAPTOP-14");
  CHECK(r.editor.options[1].current);

  SUBCASE("a ticket with no diagnosis is refused in the tab's words") {
    workspace::TicketView bare;
    n.asset_tag.clear();
    REQUIRE(desk.create(n, "marie", bare).ok());
    app.presenter->apply({IntentKind::quote, "from_ticket", bare.ticket.number});
    app.frame();
    CHECK(app.quotes().message_error);
    CHECK(app.quotes().message.find("no concluded session") != std::string::npos);
  }
}

TEST_CASE("the read-out summary is in the customer's language, not the tab's") {
  QuotesApp app("en");
  app.create("Jeanne Roux", 0);  // French customer
  app.add("ssd", "SSD-SATA-1TB", "1", "0");
  const QuotesVm& q = app.quotes();
  CHECK(q.editor.summary_lang == "fr");
  CHECK(q.editor.summary.find("Ce que cela coûte") != std::string::npos);
}

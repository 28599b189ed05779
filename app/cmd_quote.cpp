// diagdesk quote SUB-COMMAND: quotes (devis) and the price catalogue, all
// through workspace::QuoteDesk (docs/quotes.md). new, add-line, remove-line,
// set, show, list, markdown, pdf, summary, send, accept, refuse, expire,
// from-session, from-ticket, catalogue; --json everywhere. Printing and the
// diagnosis commands: cmd_quote_view.cpp.
//
// [SECTION] Lifecycle
// [SECTION] Registration
#include "quote_cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <functional>
#include <iostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using namespace ticket;

namespace quote {

int open_quotes(const Globals& g, QuoteRun& run) {
  if (int rc = open_desk(g, run.d); rc != exit_ok) return rc;
  run.quotes = std::make_unique<workspace::QuoteDesk>(*run.d.ws, *run.d.desk);
  return exit_ok;
}

int done(const Globals& g, QuoteRun& run, const workspace::QuoteView& v, const std::string& what) {
  if (g.json) print_json(quote_json(v, *run.quotes));
  else std::cout << v.quote.number << tr("punct.colon", run.d.lang) << what << " ("
                 << tr("quote.status." + std::string(service::name(v.quote.status)), run.d.lang) << ", "
                 << tr("quote.total_ttc", run.d.lang) << " "
                 << service::format_money(v.totals.ttc, v.quote.customer.language, v.quote.currency) << ")\n";
  return exit_ok;
}

}  // namespace quote

namespace {

using namespace quote;

// [SECTION] Lifecycle -------------------------------------------------------------------

int run_new(const Globals& g, Opts& o) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  workspace::NewQuote n;
  n.customer = customer_of(o, run.d.lang);
  n.ticket_number = o.ticket;
  workspace::QuoteView v;
  if (auto e = run.quotes->create(n, {}, actor_name(o.actor), v); !e.ok()) return desk_fail(e);
  return done(g, run, v, say("cli.quote.created", run.d.lang));
}

/// Opens the quotes, makes one change, prints the quote and what was done.
int change(const Globals& g, const std::function<workspace::DeskError(workspace::QuoteDesk&, workspace::QuoteView&)>& call,
           const std::function<std::string(Lang)>& what) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  workspace::QuoteView v;
  if (auto e = call(*run.quotes, v); !e.ok()) return desk_fail(e);
  return done(g, run, v, what(run.d.lang));
}

int run_add_line(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.add_line(o.number, o.ref, o.qty, o.discount, actor_name(o.actor), v, o.version); },
                [&](Lang l) { return say("cli.quote.line_added", l, {o.ref}); });
}

int run_remove_line(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.remove_line(o.number, o.position, actor_name(o.actor), v, o.version); },
                [&](Lang l) { return say("cli.quote.line_removed", l, {std::to_string(o.position)}); });
}

int run_set(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.set_customer(o.number, o.field, o.value, actor_name(o.actor), v, o.version); },
                [&](Lang) { return o.field + " = " + o.value; });
}

int run_send(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.send(o.number, actor_name(o.actor), v, o.version); },
                [](Lang l) { return tr("quote.status.sent", l); });
}

int run_accept(const Globals& g, Opts& o) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  workspace::QuoteView v;
  workspace::TicketView request;
  if (auto e = run.quotes->accept(o.number, actor_name(o.actor), v, o.request ? &request : nullptr, o.version); !e.ok())
    return desk_fail(e);
  return done(g, run, v, tr("quote.status.accepted", run.d.lang) +
                             (o.request ? " → " + say("cli.quote.request", run.d.lang, {request.ticket.number}) : ""));
}

int run_refuse(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.refuse(o.number, o.reason, actor_name(o.actor), v, o.version); },
                [](Lang l) { return tr("quote.status.refused", l); });
}

int run_expire(const Globals& g, Opts& o) {
  return change(g, [&](auto& q, auto& v) { return q.expire(o.number, actor_name(o.actor), v, o.version); },
                [](Lang l) { return tr("quote.status.expired", l); });
}

// [SECTION] Registration ----------------------------------------------------------------

void customer_options(CLI::App* s, Opts& o) {
  s->add_option("--address", o.address, "The customer's postal address");
  s->add_option("--email", o.email, "The customer's e-mail");
  s->add_option("--phone", o.phone, "The customer's phone");
  s->add_option("--customer-lang", o.customer_lang, "The documents' language: fr or en (default: --lang)");
}

}  // namespace

Runner add_quote(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("quote", "Quotes (devis) and the price catalogue");
  cmd->require_subcommand(1);
  static Opts o;
  using Handler = int (*)(const Globals&, Opts&);
  auto handlers = std::make_shared<std::vector<std::pair<CLI::App*, Handler>>>();
  auto sub = [&](const char* name, const char* help, Handler h, bool numbered) {
    auto* s = cmd->add_subcommand(name, help);
    s->add_flag("--json", g.json, "Print the result as JSON");
    if (numbered) s->add_option("number", o.number, "Quote number (DEV-2026-0001)")->required();
    handlers->emplace_back(s, h);
    return s;
  };
  auto changes = [&](CLI::App* s) {
    s->add_option("--version", o.version, "Refuse if the quote is no longer at this version (someone changed it)");
    s->add_option("--operator", o.actor, "Who makes the change (default: $DIAGDESK_OPERATOR, then $USER)");
  };
  auto* s = sub("new", "A new draft quote for a customer", &run_new, false);
  s->add_option("--customer", o.customer, "The customer's name")->required();
  customer_options(s, o);
  s->add_option("--ticket", o.ticket, "The ticket the quote is for (INC-2026-000001)");
  changes(s);
  s = sub("add-line", "Add a catalogue reference to a draft", &run_add_line, true);
  s->add_option("ref", o.ref, "Catalogue reference (see 'quote catalogue')")->required();
  s->add_option("--qty", o.qty, "Quantity, at most 2 decimals (default 1)");
  s->add_option("--discount", o.discount, "Discount in percent, 0 to 100 (default 0)");
  changes(s);
  s = sub("remove-line", "Remove line N (1-based) from a draft", &run_remove_line, true);
  s->add_option("line", o.position, "Line number")->required();
  changes(s);
  s = sub("set", "Change a customer field of a draft: name, address, email, phone, language", &run_set, true);
  s->add_option("field", o.field, "name, address, email, phone or language")->required();
  s->add_option("value", o.value, "New value")->required();
  changes(s);
  s = sub("send", "draft -> sent", &run_send, true);
  changes(s);
  s = sub("accept", "sent -> accepted (refused past the validity)", &run_accept, true);
  s->add_flag("--request", o.request, "Open a service request for the work");
  changes(s);
  s = sub("refuse", "The customer declines: draft or sent -> refused", &run_refuse, true);
  s->add_option("--reason", o.reason, "Why");
  changes(s);
  s = sub("expire", "Past its validity: draft or sent -> expired", &run_expire, true);
  changes(s);
  sub("show", "The quote: issuer, customer, lines, totals, VAT per rate, terms", &run_show, true);
  sub("summary", "The words to read out to the customer", &run_summary, true);
  s = sub("markdown", "The quote as Markdown (stdout, or FILE)", &run_markdown, true);
  s->add_option("file", o.file, "Where to write it");
  s = sub("pdf", "The quote as an A4 PDF", &run_pdf, true);
  s->add_option("file", o.file, "The PDF file")->required();
  s = sub("list", "Quotes, newest first", &run_list, false);
  s->add_option("--status", o.status, "draft, sent, accepted, refused or expired");
  s->add_option("--ticket", o.ticket, "The quotes of one ticket");
  s = sub("from-session", "A draft from a saved diagnosis (diagnose --save FILE) whose conclusion has a proposal",
          &run_from_session, false);
  s->add_option("file", o.file, "The saved session")->required();
  s->add_option("--customer", o.customer, "The customer's name")->required();
  customer_options(s, o);
  s->add_option("--ticket", o.ticket, "The ticket the quote is for");
  changes(s);
  s = sub("from-ticket", "A draft from a ticket's diagnosis (and its asset's value: repair or replace)",
          &run_from_ticket, false);
  s->add_option("ticket", o.ticket, "Ticket number")->required();
  s->add_option("--option", o.option, "repair (default), replace or offer");
  s->add_option("--customer", o.customer, "The customer's name (default: the ticket's caller)");
  customer_options(s, o);
  changes(s);
  s = sub("catalogue", "The price catalogue", &run_catalogue, false);
  s->add_option("--search", o.search, "Only references whose ref or label holds these words");
  return [&g, handlers] {
    for (auto& [sc, h] : *handlers) {
      if (sc->parsed()) return h(g, o);
    }
    return exit_usage;
  };
}

}  // namespace diagdesk::cli

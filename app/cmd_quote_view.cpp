// diagdesk quote show | summary | markdown | pdf | list | from-session |
// from-ticket | catalogue: reading quotes, their documents, quotes from a
// diagnosis, and the catalogue (registered in cmd_quote.cpp).
#include "quote_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <iostream>

namespace diagdesk::cli::quote {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using namespace ticket;

service::Customer customer_of(const Opts& o, Lang lang) {
  service::Customer c;
  c.name = o.customer;
  c.address = o.address;
  c.email = o.email;
  c.phone = o.phone;
  c.language = o.customer_lang.empty() ? std::string(engine::lang_code(lang)) : o.customer_lang;
  return c;
}

json quote_json(const workspace::QuoteView& v, const workspace::QuoteDesk& quotes) {
  const service::Quote& q = v.quote;
  const std::string& code = q.customer.language;
  auto money = [&](std::int64_t cents) { return service::format_money(cents, code, q.currency); };
  json lines = json::array();
  for (const auto& l : q.lines) {
    lines.push_back({{"ref", l.ref}, {"label", l.label}, {"unit", l.unit}, {"quantity", service::format_quantity(l.quantity)},
                     {"unit_price_cents", l.unit_price}, {"discount", service::format_quantity(l.discount)},
                     {"vat", service::format_quantity(l.vat)}, {"total_cents", service::line_total(l)},
                     {"total", money(service::line_total(l))}});
  }
  json vat = json::array();
  for (const auto& r : v.totals.vat)
    vat.push_back({{"rate", service::format_quantity(r.rate)}, {"base_cents", r.base}, {"amount_cents", r.amount},
                   {"amount", money(r.amount)}});
  json history = json::array();
  for (const auto& e : v.history)
    history.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"old", e.old_value}, {"new", e.new_value},
                       {"note", e.note}});
  return {{"number", q.number},
          {"status", std::string(service::name(q.status))},
          {"version", q.version},
          {"date", service::format_date(q.issued_on)},
          {"valid_until", service::format_date(v.valid_until)},
          {"past_validity", v.past_validity},
          {"customer", {{"name", q.customer.name}, {"address", q.customer.address}, {"email", q.customer.email},
                        {"phone", q.customer.phone}, {"language", q.customer.language}}},
          {"ticket", q.ticket_number},
          {"request", q.request_number},
          {"currency", q.currency},
          {"lines", lines},
          {"totals", {{"ht_cents", v.totals.ht}, {"vat", vat}, {"ttc_cents", v.totals.ttc}, {"ht", money(v.totals.ht)},
                      {"ttc", money(v.totals.ttc)}}},
          {"payment_terms", q.payment_terms},
          {"hours", service::format_quantity(q.duration)},
          {"summary", quotes.summary(v)},
          {"history", history}};
}

namespace {

/// Opens the quotes and reads `number`: exit_ok, or the exit code printed.
int read_quote(const Globals& g, QuoteRun& run, const std::string& number, workspace::QuoteView& v) {
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  if (auto e = run.quotes->get(number, v); !e.ok()) return desk_fail(e);
  return exit_ok;
}

}  // namespace

int run_show(const Globals& g, Opts& o) {
  QuoteRun run;
  workspace::QuoteView v;
  if (int rc = read_quote(g, run, o.number, v); rc != exit_ok) return rc;
  if (g.json) print_json(quote_json(v, *run.quotes));
  else std::cout << run.quotes->markdown(v);
  return exit_ok;
}

int run_summary(const Globals& g, Opts& o) {
  QuoteRun run;
  workspace::QuoteView v;
  if (int rc = read_quote(g, run, o.number, v); rc != exit_ok) return rc;
  if (g.json) print_json({{"number", v.quote.number}, {"summary", run.quotes->summary(v)}});
  else std::cout << run.quotes->summary(v) << "\n";
  return exit_ok;
}

int run_markdown(const Globals& g, Opts& o) {
  QuoteRun run;
  workspace::QuoteView v;
  if (int rc = read_quote(g, run, o.number, v); rc != exit_ok) return rc;
  const std::string md = run.quotes->markdown(v);
  if (o.file.empty()) {
    if (g.json) print_json({{"number", v.quote.number}, {"markdown", md}});
    else std::cout << md;
    return exit_ok;
  }
  if (int rc = write_output(o.file, md, run.d.lang); rc != exit_ok) return rc;
  if (g.json) print_json({{"number", v.quote.number}, {"markdown", o.file}});
  else std::cout << say("cli.quote.written", run.d.lang, {o.file}) << "\n";
  return exit_ok;
}

int run_pdf(const Globals& g, Opts& o) {
  QuoteRun run;
  workspace::QuoteView v;
  if (int rc = read_quote(g, run, o.number, v); rc != exit_ok) return rc;
  if (auto err = run.quotes->pdf(v, o.file); !err.empty()) {
    const bool input = err.find("refusing") != std::string::npos || err.find("does not exist") != std::string::npos;
    return fail(err, input ? exit_usage : exit_failed);
  }
  if (g.json) print_json({{"number", v.quote.number}, {"pdf", o.file}});
  else std::cout << say("cli.quote.written", run.d.lang, {o.file}) << "\n";
  return exit_ok;
}

int run_list(const Globals& g, Opts& o) {
  service::QuoteFilter f;
  if (!o.status.empty()) {
    f.status = service::parse_quote_status(o.status);
    if (!f.status) return fail(say("cli.quote.bad_status", g.language(), {o.status}));
  }
  if (!o.ticket.empty()) f.ticket_number = o.ticket;
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  std::vector<workspace::QuoteView> all;
  if (auto e = run.quotes->list(f, all); !e.ok()) return desk_fail(e);
  if (g.json) {
    json out = json::array();
    for (const auto& v : all) out.push_back(quote_json(v, *run.quotes));
    print_json(out);
    return exit_ok;
  }
  if (all.empty()) std::cout << tr("cli.quote.none", run.d.lang) << "\n";
  for (const auto& v : all) {
    std::cout << v.quote.number << "  " << service::format_date(v.quote.issued_on) << "  "
              << tr("quote.status." + std::string(service::name(v.quote.status)), run.d.lang)
              << (v.past_validity ? " (" + tr("quote.status.expired", run.d.lang) + "?)" : "") << "  "
              << service::format_money(v.totals.ttc, v.quote.customer.language, v.quote.currency) << "  "
              << v.quote.customer.name << "\n";
  }
  return exit_ok;
}

namespace {

/// Creates the draft of `option` ("" the first) of a proposal and prints it.
int create_from(const Globals& g, QuoteRun& run, const Opts& o, const workspace::QuoteProposal& p,
                workspace::NewQuote n) {
  const workspace::QuoteOption* chosen = nullptr;
  for (const auto& opt : p.options)
    if (o.option.empty() || opt.kind == o.option) {
      chosen = &opt;
      break;
    }
  if (!chosen) return fail(say("cli.quote.no_option", run.d.lang, {o.option}));
  n.found = p.diagnosis;
  workspace::QuoteView v;
  if (auto e = run.quotes->create(n, chosen->lines, actor_name(o.actor), v); !e.ok()) return desk_fail(e);
  if (g.json) {
    json out = quote_json(v, *run.quotes);
    json options = json::array();
    for (const auto& opt : p.options)
      options.push_back({{"kind", opt.kind}, {"ht_cents", opt.totals.ht}, {"ttc_cents", opt.totals.ttc}});
    out["proposal"] = {{"tree", p.tree}, {"conclusion", p.conclusion}, {"options", options}, {"chosen", chosen->kind},
                       {"present_value_cents", p.present_value ? json(*p.present_value) : json(nullptr)}};
    print_json(out);
    return exit_ok;
  }
  const std::string& code = v.quote.customer.language;
  done(g, run, v, say("cli.quote.created", run.d.lang));
  for (const auto& opt : p.options)
    std::cout << "  " << (opt.kind == chosen->kind ? "* " : "  ") << tr("quote.option." + opt.kind, run.d.lang)
              << tr("punct.colon", run.d.lang) << service::format_money(opt.totals.ht, code, v.quote.currency) << " "
              << tr("quote.col.total", run.d.lang) << "\n";
  if (p.present_value)
    std::cout << "  " << say("cli.quote.present_value", run.d.lang, {service::format_money(*p.present_value, code)}) << "\n";
  return exit_ok;
}

}  // namespace

int run_from_session(const Globals& g, Opts& o) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  auto loaded = engine::load_session(run.d.ws->knowledge(), o.file);
  if (!loaded.session) return fail(loaded.error);
  workspace::NewQuote n;
  n.customer = customer_of(o, run.d.lang);
  n.ticket_number = o.ticket;
  if (!loaded.session->concluded()) return fail(o.file + tr("punct.colon", run.d.lang) + tr("desk.quote.not_concluded", run.d.lang));
  const auto p = run.quotes->propose(*loaded.session, n.customer.language);
  if (!p.found)
    return fail(o.file + tr("punct.colon", run.d.lang) +
                say("cli.quote.no_proposal", run.d.lang, {p.tree + " / " + p.conclusion}));
  return create_from(g, run, o, p, n);
}

int run_from_ticket(const Globals& g, Opts& o) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  workspace::TicketView t;
  if (auto e = run.d->get(o.ticket, t); !e.ok()) return desk_fail(e);
  workspace::NewQuote n;
  n.customer = customer_of(o, run.d.lang);
  if (n.customer.name.empty()) {
    n.customer.name = t.ticket.caller_name;
    if (n.customer.email.empty()) n.customer.email = t.ticket.caller_email;
    if (n.customer.phone.empty()) n.customer.phone = t.ticket.caller_phone;
  }
  n.ticket_number = o.ticket;
  workspace::QuoteProposal p;
  if (auto e = run.quotes->propose_for_ticket(o.ticket, n.customer.language, p); !e.ok()) return desk_fail(e);
  return create_from(g, run, o, p, n);
}

int run_catalogue(const Globals& g, Opts& o) {
  QuoteRun run;
  if (int rc = open_quotes(g, run); rc != exit_ok) return rc;
  const auto& c = run.quotes->catalogue();
  const std::string code(engine::lang_code(run.d.lang));
  for (const auto& p : run.quotes->problems()) std::cerr << "diagdesk: " << service::format(p) << "\n";
  if (c.file.empty()) return fail(tr("desk.quote.no_catalogue", run.d.lang), exit_failed);
  const auto items = c.search(o.search);
  if (g.json) {
    json out = json::array();
    for (const auto* i : items)
      out.push_back({{"ref", i->ref}, {"kind", std::string(service::name(i->kind))}, {"label", {{"fr", i->label.fr}, {"en", i->label.en}}},
                     {"unit", std::string(service::name(i->unit))}, {"price_cents", i->price},
                     {"vat", service::format_quantity(i->vat)}, {"supplier", i->supplier}});
    print_json({{"file", c.file}, {"example", c.example}, {"currency", c.currency}, {"items", out}});
    return exit_ok;
  }
  if (c.example) std::cout << tr("quote.example_label", run.d.lang) << tr("punct.colon", run.d.lang) << tr("quote.example", run.d.lang) << "\n";
  for (const auto* i : items)
    std::cout << i->ref << "  " << i->label.in(code) << "  " << service::format_money(i->price, code, c.currency) << " / "
              << service::name(i->unit) << "  " << tr("quote.col.vat", run.d.lang) << " " << service::format_percent(i->vat, code) << "\n";
  return exit_ok;
}

}  // namespace diagdesk::cli::quote

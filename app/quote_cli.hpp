#pragma once
// Shared by the quote command line (cmd_quote.cpp: registration and
// lifecycle; cmd_quote_view.cpp: printing, documents, from a diagnosis, the
// catalogue). The rules live in workspace::QuoteDesk.
#include "ticket_cli.hpp"

#include <diagdesk/workspace/quote_desk.hpp>

#include <memory>
#include <string>

namespace diagdesk::cli::quote {

/// Every option of every quote sub-command.
struct Opts {
  std::string number, ref, qty, discount, actor, customer, address, email, phone, customer_lang, ticket, field, value,
      reason, file, status, option, search;
  std::size_t position = 0;
  std::int64_t version = 0;
  bool request = false;
};

/// The desk and the quote desk on it, for one run.
struct QuoteRun {
  ticket::Desk d;
  std::unique_ptr<workspace::QuoteDesk> quotes;
};

/// Opens the desk (ticket::open_desk) and the quotes; exit_ok or the exit code printed.
int open_quotes(const Globals& g, QuoteRun& run);
/// After a change: the JSON of the quote, or "DEV-2026-0001 : <what> (status, total)".
int done(const Globals& g, QuoteRun& run, const workspace::QuoteView& v, const std::string& what);
/// The customer of --customer, --address, --email, --phone, --customer-lang (default `lang`).
service::Customer customer_of(const Opts& o, engine::Lang lang);
/// The quote as JSON: amounts in integer cents (*_cents) and as text.
nlohmann::json quote_json(const workspace::QuoteView& v, const workspace::QuoteDesk& quotes);

int run_show(const Globals& g, Opts& o);
int run_summary(const Globals& g, Opts& o);
int run_markdown(const Globals& g, Opts& o);
int run_pdf(const Globals& g, Opts& o);
int run_list(const Globals& g, Opts& o);
int run_from_session(const Globals& g, Opts& o);
int run_from_ticket(const Globals& g, Opts& o);
int run_catalogue(const Globals& g, Opts& o);

}  // namespace diagdesk::cli::quote

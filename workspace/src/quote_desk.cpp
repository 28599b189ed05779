// [SECTION] index
//   Opening     the catalogue and the proposals of the layers
//   Reading     get, list, the view of a quote
//   Changing    create, lines, customer, the lifecycle moves
// The quotes of the service desk (quote_desk.hpp). From a diagnosis:
// quote_desk_propose.cpp; documents: quote_desk_documents.cpp.
#include "off_server_stores.hpp"
#include "quote_text.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

// [SECTION] Opening ---------------------------------------------------------------------

namespace {

std::unique_ptr<service::QuoteStore> quotes_of(ServiceDesk& desk) {
  if (auto quotes = service::quote_store_for(desk.store())) return quotes;
  return std::make_unique<detail::OffServerQuotes>();  // a Store of neither kind
}

}  // namespace

QuoteDesk::QuoteDesk(const Workspace& ws, ServiceDesk& desk)
    : m_ws(ws), m_desk(desk), m_owned(quotes_of(desk)), m_store(*m_owned) {
  std::vector<fs::path> catalogues, proposals;
  for (const auto& layer : ws.layers()) {
    catalogues.push_back(layer.path / "commerce" / "catalogue.toml");
    proposals.push_back(layer.path / "commerce" / "proposals.toml");
  }
  m_catalogue = sv::load_catalogue(catalogues, m_problems);
  m_proposals = sv::load_proposals(proposals, m_problems);
  if (!m_catalogue.file.empty()) {
    for (auto& p : sv::check_proposal_refs(m_proposals, m_catalogue)) m_problems.push_back(std::move(p));
  }
}

DeskError QuoteDesk::fail(const std::string& code, const std::string& number, const std::string& key,
                          const std::string& value) const {
  const Lang lang = m_ws.options().lang;
  return workspace::refuse(code, "", number, fill_braces(tr(key, lang), value), lang);
}

// [SECTION] Reading ---------------------------------------------------------------------

DeskError QuoteDesk::view_of(sv::Quote q, QuoteView& out) {
  out = {};
  out.quote = std::move(q);
  out.totals = sv::compute_totals(out.quote.lines);
  out.valid_until = sv::valid_until(out.quote);
  out.past_validity = sv::past_validity(out.quote, m_desk.today());
  if (const auto s = m_store.quote_history(out.quote.id, out.history); !s.ok())
    return store_error(s, out.quote.number, m_ws.options().lang);
  return {};
}

void QuoteDesk::expire_due(sv::Quote& q) {
  if (q.status != sv::QuoteStatus::sent || !sv::past_validity(q, m_desk.today())) return;
  sv::Quote expired = q;
  expired.status = sv::QuoteStatus::expired;
  expired.updated_at = m_desk.now();
  sv::QuoteEvent e;
  e.at = expired.updated_at;
  e.actor = std::string(auto_actor);
  e.kind = "expired";
  e.old_value = "sent";
  e.new_value = "expired";
  e.note = std::string(auto_note);
  std::vector<sv::QuoteEvent> events{e};
  const auto s = m_store.update_quote(expired, events);
  if (s.ok()) {
    q = std::move(expired);
  } else if (s.error == sv::StoreError::stale) {
    // Someone changed it meanwhile (maybe expired it too): show what is stored now.
    sv::Quote again;
    if (m_store.get_quote(q.number, again).ok()) q = std::move(again);
  }
  // Any other failure (a read-only database): the read goes on, the quote
  // shows as sent and past its validity, and accept still refuses it.
}

DeskError QuoteDesk::get(const std::string& number, QuoteView& out) {
  if (!sv::valid_quote_number(number)) return fail("bad_value", number, "desk.quote.bad_number");
  sv::Quote q;
  const auto s = m_store.get_quote(number, q);
  if (s.error == sv::StoreError::not_found) return fail("not_found", number, "desk.quote.not_found");
  if (!s.ok()) return store_error(s, number, m_ws.options().lang);
  expire_due(q);
  return view_of(std::move(q), out);
}

DeskError QuoteDesk::list(const sv::QuoteFilter& filter, std::vector<QuoteView>& out) {
  out.clear();
  // Expire first, filter on the status after: a sent quote past its validity
  // lists as expired, not as sent.
  sv::QuoteFilter all = filter;
  all.status.reset();
  std::vector<sv::Quote> quotes;
  if (const auto s = m_store.list_quotes(all, quotes); !s.ok()) return store_error(s, "", m_ws.options().lang);
  for (auto& q : quotes) {
    expire_due(q);
    if (filter.status && q.status != *filter.status) continue;
    QuoteView v;
    if (auto e = view_of(std::move(q), v); !e.ok()) return e;
    out.push_back(std::move(v));
  }
  return {};
}

// [SECTION] Changing --------------------------------------------------------------------

namespace {

sv::QuoteEvent event(const std::string& actor, sv::Time at, std::string kind, std::string old_value = "",
                     std::string new_value = "", std::string note = "") {
  sv::QuoteEvent e;
  e.at = at;
  e.actor = actor;
  e.kind = std::move(kind);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  e.note = std::move(note);
  return e;
}

std::string line_text(const sv::QuoteLine& l) {
  return l.ref + " x " + sv::format_quantity(l.quantity) + " @ " + sv::format_decimal(l.unit_price) +
         (l.discount ? " -" + sv::format_quantity(l.discount) + "%" : "");
}

/// Hours of work: the quantities of the lines counted in hours.
std::int64_t hours_of(const std::vector<sv::QuoteLine>& lines) {
  std::int64_t h = 0;
  for (const auto& l : lines)
    if (l.unit == "hour") h += l.quantity;
  return h;
}

}  // namespace

DeskError QuoteDesk::create(const NewQuote& n, const std::vector<sv::QuoteLine>& lines, const std::string& actor,
                            QuoteView& out) {
  const Lang lang = m_ws.options().lang;
  if (n.customer.name.empty()) return fail("bad_value", "", "desk.quote.no_customer");
  if (n.customer.language != "fr" && n.customer.language != "en")
    return fail("bad_value", "", "desk.quote.bad_language", n.customer.language);
  if (!n.ticket_number.empty()) {
    TicketView t;
    if (auto e = m_desk.get(n.ticket_number, t); !e.ok()) return e;
  }
  sv::Quote q;
  const sv::Date today = m_desk.today();
  q.year = today.year;
  q.issued_on = today;
  q.validity_days = m_catalogue.issuer.validity_days;
  q.customer = n.customer;
  q.ticket_number = n.ticket_number;
  q.currency = m_catalogue.currency;
  q.payment_terms = m_catalogue.issuer.payment_terms.in(n.customer.language);
  q.found = n.found;
  q.lines = lines;
  q.duration = hours_of(q.lines);
  q.operator_name = actor;
  q.created_at = q.updated_at = m_desk.now();
  std::vector<sv::QuoteEvent> events{event(actor, q.created_at, "created", "", n.customer.name, n.ticket_number)};
  for (const auto& l : lines) events.push_back(event(actor, q.created_at, "line_added", "", line_text(l)));
  if (const auto s = m_store.create_quote(q, events); !s.ok()) return store_error(s, "", lang);
  return view_of(std::move(q), out);
}

DeskError QuoteDesk::change(const std::string& number, const std::string& actor, std::int64_t expected_version,
                            QuoteView& out,
                            const std::function<DeskError(sv::Quote&, std::vector<sv::QuoteEvent>&)>& move) {
  QuoteView current;
  if (auto e = get(number, current); !e.ok()) return e;
  sv::Quote q = std::move(current.quote);
  if (expected_version != 0 && expected_version != q.version) return fail("stale", number, "desk.quote.stale");
  std::vector<sv::QuoteEvent> events;
  if (auto e = move(q, events); !e.ok()) return e;
  q.updated_at = m_desk.now();
  for (auto& ev : events) {
    ev.at = q.updated_at;
    ev.actor = actor;
  }
  const auto s = m_store.update_quote(q, events);
  if (s.error == sv::StoreError::stale) return fail("stale", number, "desk.quote.stale");
  if (!s.ok()) return store_error(s, number, m_ws.options().lang);
  return view_of(std::move(q), out);
}

namespace {

/// Lines and customer change while the quote is a draft only.
bool editable(const sv::Quote& q) { return q.status == sv::QuoteStatus::draft; }

}  // namespace

DeskError QuoteDesk::add_line(const std::string& number, const std::string& ref, const std::string& quantity,
                              const std::string& discount, const std::string& actor, QuoteView& out,
                              std::int64_t expected_version) {
  const sv::CatalogueItem* item = m_catalogue.find(ref);
  if (!item) return fail("bad_value", number, "desk.quote.unknown_ref", ref);
  const auto qty = sv::parse_decimal(quantity.empty() ? "1" : quantity);
  if (!qty || *qty == 0) return fail("bad_value", number, "desk.quote.bad_quantity", quantity);
  const auto disc = sv::parse_decimal(discount.empty() ? "0" : discount);
  if (!disc || *disc > 10000) return fail("bad_value", number, "desk.quote.bad_discount", discount);
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (!editable(q)) return fail("bad_move", number, "desk.quote.not_draft", std::string(sv::name(q.status)));
    sv::QuoteLine l{item->ref, item->label.in(q.customer.language), std::string(sv::name(item->unit)), *qty, item->price,
                    *disc, item->vat};
    q.lines.push_back(l);
    q.duration = hours_of(q.lines);
    ev.push_back(event("", 0, "line_added", "", line_text(l)));
    return {};
  });
}

DeskError QuoteDesk::remove_line(const std::string& number, std::size_t position, const std::string& actor,
                                 QuoteView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (!editable(q)) return fail("bad_move", number, "desk.quote.not_draft", std::string(sv::name(q.status)));
    if (position == 0 || position > q.lines.size())
      return fail("bad_value", number, "desk.quote.bad_line", std::to_string(position));
    ev.push_back(event("", 0, "line_removed", line_text(q.lines[position - 1]), ""));
    q.lines.erase(q.lines.begin() + static_cast<std::ptrdiff_t>(position - 1));
    q.duration = hours_of(q.lines);
    return {};
  });
}

DeskError QuoteDesk::set_line(const std::string& number, std::size_t position, const std::string& quantity,
                              const std::string& discount, const std::string& actor, QuoteView& out,
                              std::int64_t expected_version) {
  const auto qty = sv::parse_decimal(quantity);
  if (!qty || *qty == 0) return fail("bad_value", number, "desk.quote.bad_quantity", quantity);
  const auto disc = sv::parse_decimal(discount.empty() ? "0" : discount);
  if (!disc || *disc > 10000) return fail("bad_value", number, "desk.quote.bad_discount", discount);
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (!editable(q)) return fail("bad_move", number, "desk.quote.not_draft", std::string(sv::name(q.status)));
    if (position == 0 || position > q.lines.size())
      return fail("bad_value", number, "desk.quote.bad_line", std::to_string(position));
    sv::QuoteLine& l = q.lines[position - 1];
    const std::string before = line_text(l);
    l.quantity = *qty;
    l.discount = *disc;
    q.duration = hours_of(q.lines);
    ev.push_back(event("", 0, "line_changed", before, line_text(l)));
    return {};
  });
}

DeskError QuoteDesk::set_customer(const std::string& number, const std::string& field, const std::string& value,
                                  const std::string& actor, QuoteView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (!editable(q)) return fail("bad_move", number, "desk.quote.not_draft", std::string(sv::name(q.status)));
    sv::Customer& c = q.customer;
    std::string* target = field == "name" ? &c.name : field == "address" ? &c.address : field == "email" ? &c.email
                        : field == "phone" ? &c.phone : field == "language" ? &c.language : nullptr;
    if (!target) return fail("bad_value", number, "desk.quote.bad_field", field);
    if (field == "name" && value.empty()) return fail("bad_value", number, "desk.quote.no_customer");
    if (field == "language" && value != "fr" && value != "en") return fail("bad_value", number, "desk.quote.bad_language", value);
    ev.push_back(event("", 0, "customer", *target, value, field));
    *target = value;
    if (field == "language") {
      // The frozen labels and terms follow the customer's language.
      for (auto& l : q.lines)
        if (const auto* item = m_catalogue.find(l.ref)) l.label = item->label.in(value);
      q.payment_terms = m_catalogue.issuer.payment_terms.in(value);
    }
    return {};
  });
}

DeskError QuoteDesk::send(const std::string& number, const std::string& actor, QuoteView& out,
                          std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (q.status != sv::QuoteStatus::draft) return fail("bad_move", number, "desk.quote.bad_move", std::string(sv::name(q.status)));
    if (q.lines.empty()) return fail("bad_move", number, "desk.quote.no_lines");
    ev.push_back(event("", 0, "sent", "draft", "sent"));
    q.status = sv::QuoteStatus::sent;
    return {};
  });
}

DeskError QuoteDesk::accept(const std::string& number, const std::string& actor, QuoteView& out, TicketView* request,
                            std::int64_t expected_version) {
  // Reading expires a sent quote past its validity: say so rather than "move refused".
  if (auto e = get(number, out); !e.ok()) return e;
  if (out.quote.status == sv::QuoteStatus::expired)
    return fail("bad_move", number, "desk.quote.past_validity", quote_date(out.valid_until, m_ws.options().lang));
  bool expired = false;
  auto e = change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (q.status != sv::QuoteStatus::sent) return fail("bad_move", number, "desk.quote.bad_move", std::string(sv::name(q.status)));
    if (sv::past_validity(q, m_desk.today())) {
      // Too late to accept: the quote expires now (saved), and the caller is told.
      expired = true;
      ev.push_back(event("", 0, "expired", "sent", "expired"));
      q.status = sv::QuoteStatus::expired;
      return {};
    }
    ev.push_back(event("", 0, "accepted", "sent", "accepted"));
    q.status = sv::QuoteStatus::accepted;
    return {};
  });
  if (!e.ok()) return e;
  if (expired) return fail("bad_move", number, "desk.quote.past_validity", quote_date(out.valid_until, m_ws.options().lang));
  if (!request) return {};
  const sv::Quote& q = out.quote;
  NewTicket n;
  n.type = sv::TicketType::request;
  const Lang lang = m_ws.options().lang;
  n.title = fill_braces(tr("quote.request_title", lang), q.number);
  n.description = summary(out);
  n.caller_name = q.customer.name;
  n.caller_phone = q.customer.phone;
  n.caller_email = q.customer.email;
  if (auto te = m_desk.create(n, actor, *request); !te.ok()) return te;
  return change(number, actor, 0, out, [&](sv::Quote& q2, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    ev.push_back(event("", 0, "request", "", request->ticket.number));
    q2.request_number = request->ticket.number;
    return {};
  });
}

DeskError QuoteDesk::refuse(const std::string& number, const std::string& reason, const std::string& actor,
                            QuoteView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (q.status != sv::QuoteStatus::draft && q.status != sv::QuoteStatus::sent)
      return fail("bad_move", number, "desk.quote.bad_move", std::string(sv::name(q.status)));
    ev.push_back(event("", 0, "refused", std::string(sv::name(q.status)), "refused", reason));
    q.status = sv::QuoteStatus::refused;
    return {};
  });
}

DeskError QuoteDesk::expire(const std::string& number, const std::string& actor, QuoteView& out,
                            std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Quote& q, std::vector<sv::QuoteEvent>& ev) -> DeskError {
    if (q.status != sv::QuoteStatus::draft && q.status != sv::QuoteStatus::sent)
      return fail("bad_move", number, "desk.quote.bad_move", std::string(sv::name(q.status)));
    if (!sv::past_validity(q, m_desk.today()))
      return fail("bad_move", number, "desk.quote.not_past", quote_date(sv::valid_until(q), m_ws.options().lang));
    ev.push_back(event("", 0, "expired", std::string(sv::name(q.status)), "expired"));
    q.status = sv::QuoteStatus::expired;
    return {};
  });
}

}  // namespace diagdesk::workspace

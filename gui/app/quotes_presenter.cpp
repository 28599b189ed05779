// The Quotes tab's presenter (quotes_presenter.hpp): quotes through a
// QuoteDesk on the Tickets tab's desk, the editor's totals as the store
// computes them, the catalogue picker, the PDF.
#include "app/quotes_presenter.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <filesystem>

namespace diagdesk::gui {

namespace fs = std::filesystem;
namespace sv = diagdesk::service;
using engine::Lang;
using engine::tr;
using workspace::DeskError;
using workspace::QuoteView;

namespace {

// `key`'s text with each "{}" replaced by the next of `args`, in order.
std::string fill(const std::string& key, Lang lang, std::initializer_list<std::string> args) {
  std::string text = tr(key, lang);
  std::size_t from = 0;
  for (const auto& a : args) {
    const auto at = text.find("{}", from);
    if (at == std::string::npos) break;
    text.replace(at, 2, a);
    from = at + a.size();
  }
  return text;
}

std::string code(Lang lang) { return std::string(engine::lang_code(lang)); }

std::size_t position_of(const Intent& i) { return i.n > 0 ? static_cast<std::size_t>(i.n) : 0; }

}  // namespace

QuotesPresenter::QuotesPresenter(const workspace::Workspace& ws, TicketsPresenter& tickets, std::string operator_name)
    : m_ws(ws), m_tickets(tickets), m_operator(std::move(operator_name)) {}

QuotesPresenter::~QuotesPresenter() = default;

workspace::QuoteDesk* QuotesPresenter::quotes() {
  if (m_quotes) return m_quotes.get();
  m_tickets.ensure_open();
  if (auto* desk = m_tickets.desk()) m_quotes = std::make_unique<workspace::QuoteDesk>(m_ws, *desk);
  return m_quotes.get();
}

void QuotesPresenter::refused(const DeskError& e) {
  m_message = e.message.empty() ? e.code : e.message;
  m_message_error = true;
}

void QuotesPresenter::apply(const Intent& i, Lang lang) {
  m_dirty = true;
  m_message.clear();
  m_message_error = false;
  if (i.a == "filter") {
    m_status = i.field("status");
  } else if (i.a == "select") {
    if (m_selected != i.b) m_pdf_written.clear();
    m_selected = i.b;
    m_version = 0;
  } else if (i.a == "search") {
    m_search = i.field("words");
  } else if (i.a == "from_ticket" || i.a == "option") {
    from_proposal(i, lang);
  } else if (quotes()) {
    change(i, lang);
  }
}

void QuotesPresenter::change(const Intent& i, Lang lang) {
  const std::string actor = operator_or_user(m_operator);
  const std::string& number = i.b;
  QuoteView v;
  DeskError e;
  std::string said;
  if (i.a == "create") {
    workspace::NewQuote n;
    n.customer.name = i.field("name");
    n.customer.address = i.field("address");
    n.customer.email = i.field("email");
    n.customer.phone = i.field("phone");
    n.customer.language = i.field("language").empty() ? code(lang) : i.field("language");
    n.ticket_number = i.field("ticket");
    e = m_quotes->create(n, {}, actor, v);
    if (e.ok()) {
      ++m_saved;
      m_pdf_written.clear();
      said = fill("gui.quotes.msg_created", lang, {v.quote.number});
    }
  } else if (i.a == "add_line") {
    e = m_quotes->add_line(number, i.field("ref"), i.field("qty"), i.field("discount"), actor, v, m_version);
    said = fill("gui.quotes.msg_added", lang, {i.field("ref")});
  } else if (i.a == "remove_line") {
    e = m_quotes->remove_line(number, position_of(i), actor, v, m_version);
    said = fill("gui.quotes.msg_removed", lang, {std::to_string(i.n)});
  } else if (i.a == "set_line") {
    e = m_quotes->set_line(number, position_of(i), i.field("qty"), i.field("discount"), actor, v, m_version);
    said = fill("gui.quotes.msg_changed", lang, {std::to_string(i.n)});
  } else if (i.a == "set_customer") {
    if (e = m_quotes->get(number, v); !e.ok()) return refused(e);
    const sv::Customer was = v.quote.customer;
    const std::pair<const char*, const std::string*> fields[] = {
        {"name", &was.name}, {"address", &was.address}, {"email", &was.email}, {"phone", &was.phone}, {"language", &was.language}};
    // One change per field that differs, each on the version the last one left.
    std::int64_t version = m_version;
    for (const auto& [field, old] : fields) {
      if (i.field(field) == *old) continue;
      if (e = m_quotes->set_customer(number, field, i.field(field), actor, v, version); !e.ok()) break;
      version = v.quote.version;
    }
    said = fill("gui.quotes.msg_customer", lang, {number});
  } else if (i.a == "send") {
    e = m_quotes->send(number, actor, v, m_version);
    said = fill("gui.quotes.msg_sent", lang, {number});
  } else if (i.a == "accept") {
    workspace::TicketView request;
    const bool open_request = i.field("request") == "1";
    e = m_quotes->accept(number, actor, v, open_request ? &request : nullptr, m_version);
    said = open_request ? fill("gui.quotes.msg_accepted_request", lang, {number, request.ticket.number})
                        : fill("gui.quotes.msg_accepted", lang, {number});
  } else if (i.a == "refuse") {
    e = m_quotes->refuse(number, i.field("reason"), actor, v, m_version);
    said = fill("gui.quotes.msg_refused", lang, {number});
  } else if (i.a == "pdf") {
    write_pdf(number, i.field("path"), lang);
    return;
  } else {
    return;
  }
  if (!e.ok()) {
    refused(e);
    // Past its validity, accept expires the quote: show it as it now is.
    if (e.code != "stale" && !v.quote.number.empty()) m_selected = v.quote.number;
    return;
  }
  m_selected = v.quote.number;
  m_version = v.quote.version;
  m_message = said;
}

void QuotesPresenter::write_pdf(const std::string& number, const std::string& path, Lang lang) {
  QuoteView v;
  if (auto e = m_quotes->get(number, v); !e.ok()) return refused(e);
  const fs::path file = path.empty() ? m_ws.options().data_dir / "quotes" / (number + ".pdf") : fs::path(path);
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  if (const std::string err = m_quotes->pdf(v, file); !err.empty()) {
    m_message = err;
    m_message_error = true;
    return;
  }
  m_pdf_written = file.string();
  m_message = fill("gui.quotes.msg_pdf", lang, {m_pdf_written});
}

const QuotesVm& QuotesPresenter::build(Lang lang) {
  if (!m_dirty && lang == m_built_lang) return m_vm;
  m_dirty = false;
  m_built_lang = lang;
  QuotesVm vm;
  vm.status = m_status;
  vm.search = m_search;
  vm.saved = m_saved;
  for (auto s : {sv::QuoteStatus::draft, sv::QuoteStatus::sent, sv::QuoteStatus::accepted, sv::QuoteStatus::refused,
                 sv::QuoteStatus::expired}) {
    const std::string id(sv::name(s));
    vm.statuses.emplace_back(id, tr("quote.status." + id, lang));
  }
  if (!quotes()) {
    vm.error = tr("gui.quotes.unavailable", lang);
  } else {
    vm.available = true;
    build_list(vm, lang);
    build_editor(vm, lang);
    build_catalogue(vm, lang);
  }
  if (!m_message.empty()) vm.message = m_message, vm.message_error = m_message_error;
  m_vm = std::move(vm);
  return m_vm;
}

void QuotesPresenter::build_list(QuotesVm& vm, Lang lang) {
  sv::QuoteFilter f;
  if (!m_status.empty()) f.status = sv::parse_quote_status(m_status);
  std::vector<QuoteView> views;
  if (auto e = m_quotes->list(f, views); !e.ok()) {
    vm.message = e.message, vm.message_error = true;
    return;
  }
  for (const auto& v : views) {
    QuoteRowVm r;
    r.number = v.quote.number;
    r.customer = v.quote.customer.name;
    r.status = tr("quote.status." + std::string(sv::name(v.quote.status)), lang);
    r.total = sv::format_money(v.totals.ttc, code(lang), v.quote.currency);
    r.valid_until = sv::format_date(v.valid_until);
    r.past_validity = v.past_validity;
    r.selected = r.number == m_selected;
    vm.rows.push_back(std::move(r));
  }
  vm.count = fill("gui.quotes.count", lang, {std::to_string(vm.rows.size())});
}

void QuotesPresenter::build_editor(QuotesVm& vm, Lang lang) {
  if (m_selected.empty()) return;
  QuoteView v;
  if (auto e = m_quotes->get(m_selected, v); !e.ok()) {
    vm.message = e.message, vm.message_error = true;
    return;
  }
  m_version = v.quote.version;
  const sv::Quote& q = v.quote;
  const std::string lc = code(lang);
  auto money = [&](std::int64_t cents) { return sv::format_money(cents, lc, q.currency); };
  QuoteEditorVm& ed = vm.editor;
  ed.open = true;
  ed.number = q.number;
  ed.status = std::string(sv::name(q.status));
  ed.title = q.number + " · " + tr("quote.status." + ed.status, lang) + " · " + q.customer.name;
  ed.editable = q.status == sv::QuoteStatus::draft;
  ed.can_send = ed.editable;
  ed.can_accept = q.status == sv::QuoteStatus::sent;
  ed.can_refuse = ed.editable || ed.can_accept;
  for (const std::string* s : {&q.customer.address, &q.customer.email, &q.customer.phone})
    if (!s->empty()) ed.customer += (ed.customer.empty() ? "" : " · ") + *s;
  ed.customer_fields = {{"name", q.customer.name}, {"address", q.customer.address}, {"email", q.customer.email},
                        {"phone", q.customer.phone}, {"language", q.customer.language}};
  ed.ticket = q.ticket_number;
  ed.request = q.request_number;
  ed.valid_until = sv::format_date(v.valid_until);
  for (std::size_t n = 0; n < q.lines.size(); ++n) {
    const sv::QuoteLine& l = q.lines[n];
    ed.lines.push_back({n + 1, l.ref, l.label, sv::format_quantity(l.quantity), money(l.unit_price),
                        sv::format_quantity(l.discount), sv::format_percent(l.vat, lc), money(sv::line_total(l))});
  }
  ed.total_ht = money(v.totals.ht);
  for (const auto& r : v.totals.vat) ed.vat.emplace_back(fill("quote.vat_at", lang, {sv::format_percent(r.rate, lc)}), money(r.amount));
  ed.total_ttc = money(v.totals.ttc);
  for (const auto& e : v.history) {
    std::string line = m_tickets.desk()->config().calendar.format_local(e.at) + "  " + e.actor + "  " + e.kind;
    if (!e.old_value.empty() || !e.new_value.empty())
      line += ": " + (e.old_value.empty() ? "-" : e.old_value) + " -> " + (e.new_value.empty() ? "-" : e.new_value);
    if (!e.note.empty()) line += " (" + e.note + ")";
    ed.history.push_back(std::move(line));
  }
  ed.pdf_default = (m_ws.options().data_dir / "quotes" / (q.number + ".pdf")).string();
  ed.pdf_written = m_pdf_written;
  ed.summary = m_quotes->summary(v);
  ed.summary_lang = q.customer.language;
  build_options(ed, lang);
}

void QuotesPresenter::build_catalogue(QuotesVm& vm, Lang lang) {
  const sv::Catalogue& c = m_quotes->catalogue();
  vm.catalogue_example = c.example;
  const std::string lc = code(lang);
  for (const sv::CatalogueItem* item : c.search(m_search))
    vm.catalogue.push_back({item->ref, item->label.in(lc), sv::format_money(item->price, lc, c.currency)});
  if (c.items.empty()) vm.catalogue_message = tr("desk.quote.no_catalogue", lang);
}

}  // namespace diagdesk::gui

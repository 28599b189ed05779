// A quote's documents in the customer's language: the ReportDocument printed
// as Markdown or as an A4 PDF by service/report_*.cpp (the intervention
// report's renderers), with every mention a French quote carries, and the
// plain words to read out to the customer.
#include "quote_text.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <cstdio>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

std::string quote_date(sv::Date d, Lang lang) {
  char buf[16];
  if (lang == Lang::fr) std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

namespace {

std::string two(std::string text, const std::string& a, const std::string& b) {
  return fill_braces(fill_braces(std::move(text), a), b);
}

}  // namespace

sv::ReportDocument QuoteDesk::document(const QuoteView& v) const {
  const sv::Quote& q = v.quote;
  const std::string& code = q.customer.language;
  const Lang lang = lang_of(code);
  const bool fr = lang == Lang::fr;
  const sv::Issuer& is = m_catalogue.issuer;
  sv::ReportDocument doc;
  doc.lang = code;
  doc.colon = tr("punct.colon", lang);
  doc.page_label = tr("quote.page", lang);
  doc.title = tr("quote.title", lang) + " " + q.number;
  doc.centre.name = is.name;
  doc.centre.address = is.address;
  doc.centre.phone = is.phone;
  doc.centre.email = is.email;
  auto field = [&](const std::string& key, std::string value) {
    if (!value.empty()) doc.fields.push_back({tr(key, lang), std::move(value)});
  };
  field("quote.siret", is.siret);
  field("quote.vat_number", is.vat_number);
  field("quote.number", q.number);
  field("quote.date", quote_date(q.issued_on, lang));
  field("quote.valid_until", two(tr("quote.validity", lang), quote_date(v.valid_until, lang), std::to_string(q.validity_days)));
  field("quote.price", is.quote_price == 0 ? tr("quote.free", lang) : sv::format_money(is.quote_price, code, q.currency));
  std::string customer = q.customer.name;
  for (const auto* part : {&q.customer.address, &q.customer.phone, &q.customer.email})
    if (!part->empty()) customer += "\n" + *part;
  field("quote.customer", customer);
  field("quote.ticket", q.ticket_number);
  field("quote.status", tr("quote.status." + std::string(sv::name(q.status)), lang));
  if (m_catalogue.example) field("quote.example_label", tr("quote.example", lang));

  sv::ReportSection found;
  found.heading = tr("quote.summary", lang);
  found.paragraphs.push_back(summary(v));
  doc.sections.push_back(std::move(found));

  sv::ReportSection lines;
  lines.heading = tr("quote.lines", lang);
  sv::ReportTable t;
  for (const char* k : {"quote.col.label", "quote.col.qty", "quote.col.unit_price", "quote.col.discount", "quote.col.vat",
                        "quote.col.total"})
    t.header.push_back(tr(k, lang));
  t.widths = {3.6, 0.8, 1.3, 0.9, 0.8, 1.3};
  for (const auto& l : q.lines) {
    t.rows.push_back({l.label + " (" + l.ref + ")", sv::format_quantity(l.quantity, fr) + (l.unit == "hour" ? " h" : ""),
                      sv::format_money(l.unit_price, code, q.currency),
                      l.discount ? sv::format_percent(l.discount, code) : "", sv::format_percent(l.vat, code),
                      sv::format_money(sv::line_total(l), code, q.currency)});
  }
  lines.tables.push_back(std::move(t));
  doc.sections.push_back(std::move(lines));

  sv::ReportSection totals;
  totals.heading = tr("quote.totals", lang);
  sv::ReportTable tt;
  tt.header = {tr("quote.totals", lang), tr("quote.col.base", lang), tr("quote.col.amount", lang)};
  tt.widths = {4, 2, 2};
  tt.rows.push_back({tr("quote.total_ht", lang), "", sv::format_money(v.totals.ht, code, q.currency)});
  for (const auto& vat : v.totals.vat)
    tt.rows.push_back({fill_braces(tr("quote.vat_at", lang), sv::format_percent(vat.rate, code)),
                       sv::format_money(vat.base, code, q.currency), sv::format_money(vat.amount, code, q.currency)});
  tt.rows.push_back({tr("quote.total_ttc", lang), "", sv::format_money(v.totals.ttc, code, q.currency)});
  tt.bold_rows = {0, tt.rows.size() - 1};
  totals.tables.push_back(std::move(tt));
  doc.sections.push_back(std::move(totals));

  sv::ReportSection terms;
  terms.heading = tr("quote.payment", lang);
  if (!q.payment_terms.empty()) terms.paragraphs.push_back(q.payment_terms);
  terms.paragraphs.push_back(two(tr("quote.validity_sentence", lang), std::to_string(q.validity_days),
                                 quote_date(v.valid_until, lang)));
  doc.sections.push_back(std::move(terms));

  sv::SignatureBox box;
  box.heading = tr("quote.accept_heading", lang);
  box.name_label = tr("quote.sign.name", lang);
  box.name = q.customer.name;
  box.date_label = tr("quote.sign.date", lang);
  box.signature_label = tr("quote.sign.signature", lang);
  doc.signatures.push_back(std::move(box));
  return doc;
}

std::string QuoteDesk::markdown(const QuoteView& v) const { return sv::render_markdown(document(v)); }

std::string QuoteDesk::pdf(const QuoteView& v, const fs::path& file) const { return sv::render_pdf(document(v), file); }

std::string QuoteDesk::summary(const QuoteView& v) const {
  const sv::Quote& q = v.quote;
  const std::string& code = q.customer.language;
  const Lang lang = lang_of(code);
  std::vector<std::string> parts;
  if (!q.found.empty()) {
    const char last = q.found.back();
    parts.push_back(fill_braces(tr("quote.say.found", lang), q.found + (last == '.' || last == '!' ? "" : ".")));
  }
  std::string what;
  for (const auto& l : q.lines) {
    if (l.unit == "hour" || l.unit == "trip" || l.unit == "km") continue;  // work and travel are said as time
    what += (what.empty() ? "" : ", ") + l.label;
  }
  if (!what.empty()) parts.push_back(fill_braces(tr("quote.say.propose", lang), what));
  parts.push_back(two(tr("quote.say.cost", lang), sv::format_money(v.totals.ttc, code, q.currency),
                      sv::format_money(v.totals.ht, code, q.currency)));
  parts.push_back(q.duration > 0 ? fill_braces(tr("quote.say.time", lang), sv::format_quantity(q.duration, lang == Lang::fr))
                                 : tr("quote.say.no_time", lang));
  parts.push_back(fill_braces(tr("quote.say.valid", lang), quote_date(v.valid_until, lang)));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

}  // namespace diagdesk::workspace

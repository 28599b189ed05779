// diagdesk train: the quote step of proposal scenarios (train_quote.hpp).
// The engine scores the quote; this file only shows it, with money in the
// service's format.
#include "train_quote.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/catalogue.hpp>

#include <iomanip>

namespace diagdesk::cli::train_quote {

using engine::Lang;
using engine::format_text;
using engine::tr;

namespace {

std::string code(Lang lang) { return std::string(engine::lang_code(lang)); }

std::string money(const engine::QuoteKey& key, std::int64_t cents, Lang lang) {
  return service::format_money(cents, code(lang), key.currency);
}

std::string label(const engine::QuoteKey& key, const std::string& ref, Lang lang) {
  const engine::QuoteItem* i = key.find(ref);
  return i ? i->label.get(lang) : "?";
}

std::string option_name(const std::string& kind, Lang lang) { return tr("train.quote.option_" + kind, lang); }

void print_totals(std::ostream& out, const engine::QuoteKey& key, const engine::QuoteTotals& t, Lang lang,
                  const std::string& indent) {
  std::int64_t vat = 0;
  for (const auto& v : t.vat) vat += v.amount;
  out << indent << format_text(tr("train.quote.totals", lang), {money(key, t.ht, lang), money(key, vat, lang), money(key, t.ttc, lang)})
      << "\n";
  for (const auto& v : t.vat) {
    out << indent << "  "
        << format_text(tr("train.quote.vat", lang), {service::format_percent(v.rate, code(lang)), money(key, v.base, lang),
                                                     money(key, v.amount, lang)})
        << "\n";
  }
}

/// "main" shows as the key's main kind (repair or offer).
std::string slot_name(const engine::QuoteKey& key, const std::string& slot, Lang lang) {
  if (slot == "replace") return option_name("replace", lang);
  return key.options.empty() ? tr("train.quote.main", lang) : option_name(key.options.front().kind, lang);
}

}  // namespace

bool active(const engine::TrainingRun& run) { return run.is_proposal() && run.quote_key() && run.diagnosed(); }

void print_intro(std::ostream& out, const engine::TrainingRun& run, Lang lang) {
  if (!run.is_proposal()) return;
  if (!run.quote_key()) {
    out << "  " << tr("train.quote.no_key", lang) << "\n";
    return;
  }
  out << "\n" << tr("train.quote.step", lang) << "\n";
}

void print_lines(std::ostream& out, const engine::TrainingRun& run, Lang lang) {
  const engine::QuoteKey* key = run.quote_key();
  if (!key) return;
  const engine::TraineeQuote q = run.quote();
  out << "  == " << tr("train.quote.yours", lang) << " ("
      << format_text(tr("train.quote.current", lang), {slot_name(*key, q.current, lang)}) << ")\n";
  for (const auto& o : q.options) {
    if (o.lines.empty() && o.kind != q.current) continue;
    out << "  " << slot_name(*key, o.kind, lang) << "\n";
    if (o.lines.empty()) {
      out << "    " << tr("train.quote.empty", lang) << "\n";
      continue;
    }
    const engine::QuoteTotals t = engine::price_option(*key, o);
    for (std::size_t i = 0; i < o.lines.size(); ++i) {
      const auto& l = o.lines[i];
      out << "    " << std::left << std::setw(22) << l.ref << " " << engine::format_quote_quantity(l.quantity, lang) << " x "
          << label(*key, l.ref, lang);
      if (l.discount) out << "  -" << engine::format_quote_quantity(l.discount, lang) << " %";
      out << "  = " << money(*key, t.line_totals[i], lang) << "\n";
    }
    print_totals(out, *key, t, lang, "    ");
  }
}

bool command(std::ostream& out, const engine::TrainingRun& run, const std::string& line, Lang lang) {
  if (!active(run)) return false;
  const engine::QuoteKey& key = *run.quote_key();
  if (line == "lines" || line == "lignes") {
    print_lines(out, run, lang);
    return true;
  }
  for (const char* word : {"search ", "chercher "}) {
    const std::string w = word;
    if (line.rfind(w, 0) != 0) continue;
    const auto refs = key.search ? key.search(line.substr(w.size())) : std::vector<std::string>{};
    if (refs.empty()) out << "  " << tr("train.quote.search_none", lang) << "\n";
    for (const auto& ref : refs) {
      const engine::QuoteItem* i = key.find(ref);
      if (!i) continue;
      out << "  " << std::left << std::setw(24) << ref << money(key, i->unit_price, lang) << " / " << i->unit << "  "
          << i->label.get(lang) << "\n";
    }
    return true;
  }
  return false;
}

void print_points(std::ostream& out, const engine::Score& s, Lang lang) {
  if (!s.quote.scored) return;
  const int parts = s.p_diagnosis + s.p_outcome + s.p_priority + s.p_efficiency + s.p_method + s.p_articles;
  out << "  " << format_text(tr("train.quote.parts_scaled", lang), {std::to_string(parts * (100 - engine::points_quote) / 100)})
      << "\n";
  out << "  " << std::left << std::setw(30) << tr("train.quote.points", lang) << std::right << std::setw(3) << s.p_quote << "/"
      << engine::points_quote << "\n";
}

void print_debrief(std::ostream& out, const engine::TrainingRun& run, const engine::Score& s, Lang lang) {
  if (!s.quote.scored || !run.quote_key()) return;
  const engine::QuoteKey& key = *run.quote_key();
  out << "\n" << tr("train.quote.debrief", lang) << "\n";
  for (const auto& o : s.quote.options) {
    out << "  " << option_name(o.kind, lang);
    if (!o.offered) out << " (" << tr("train.quote.not_offered", lang) << ")";
    if (!o.expected) out << " (" << tr("train.quote.not_expected", lang) << ")";
    out << "\n";
    out << "    " << std::left << std::setw(22) << tr("train.quote.col_ref", lang) << std::setw(14)
        << tr("train.quote.col_yours", lang) << std::setw(14) << tr("train.quote.col_expected", lang)
        << tr("train.quote.col_status", lang) << "\n";
    for (const auto& r : o.rows) {
      using St = engine::QuoteRow::Status;
      std::string yours = r.status == St::missing ? "-" : engine::format_quote_quantity(r.quantity, lang);
      if (r.discount) yours += " -" + engine::format_quote_quantity(r.discount, lang) + "%";
      const std::string expected = r.expected_quantity ? engine::format_quote_quantity(r.expected_quantity, lang) : "-";
      std::string status = tr("train.quote.status_" + std::string(engine::quote_row_status_name(r.status)), lang);
      if (r.discount_over) status += ", " + tr("train.quote.discount", lang);
      out << "    " << std::left << std::setw(22) << r.ref << std::setw(14) << yours << std::setw(14) << expected << status
          << "  " << label(key, r.ref, lang);
      if (r.status != St::missing && r.status != St::unknown) out << "  = " << money(key, r.line_total, lang);
      out << "\n";
    }
    if (o.offered) {
      out << "    " << tr("train.quote.yours", lang) << (lang == Lang::fr ? " :\n" : ":\n");
      print_totals(out, key, o.totals, lang, "      ");
    }
    if (o.expected) {
      out << "    " << tr("train.quote.col_expected", lang) << (lang == Lang::fr ? " :\n" : ":\n");
      print_totals(out, key, o.expected_totals, lang, "      ");
    }
  }
}

nlohmann::json score_json(const engine::Score& s) {
  using nlohmann::json;
  if (!s.quote.scored) return nullptr;
  auto totals = [](const engine::QuoteTotals& t) {
    json vat = json::array();
    for (const auto& v : t.vat) vat.push_back({{"rate", service::format_decimal(v.rate)}, {"base_cents", v.base}, {"amount_cents", v.amount}});
    return json{{"ht_cents", t.ht}, {"vat", vat}, {"ttc_cents", t.ttc}};
  };
  json j;
  j["points"] = s.p_quote;
  j["max"] = engine::points_quote;
  j["options"] = json::array();
  for (const auto& o : s.quote.options) {
    json rows = json::array();
    for (const auto& r : o.rows) {
      rows.push_back({{"ref", r.ref}, {"status", std::string(engine::quote_row_status_name(r.status))},
                      {"quantity", service::format_quantity(r.quantity)},
                      {"expected_quantity", service::format_quantity(r.expected_quantity)},
                      {"discount", service::format_decimal(r.discount)}, {"discount_over", r.discount_over},
                      {"line_total_cents", r.line_total}, {"expected_line_total_cents", r.expected_line_total}});
    }
    j["options"].push_back({{"kind", o.kind}, {"expected", o.expected}, {"offered", o.offered}, {"rows", rows},
                            {"totals", totals(o.totals)}, {"expected_totals", totals(o.expected_totals)}});
  }
  j["findings"] = json::array();
  for (const auto& f : s.quote.findings) {
    j["findings"].push_back({{"code", f.code}, {"option", f.option}, {"ref", f.ref}, {"points", f.points}});
  }
  return j;
}

}  // namespace diagdesk::cli::train_quote

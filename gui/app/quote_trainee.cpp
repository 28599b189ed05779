// Trainee mode, the quote step's view-models (quote_trainee.hpp).
#include "app/quote_trainee.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/catalogue.hpp>

namespace diagdesk::gui {

using engine::format_text;
using engine::Lang;
using engine::tr;

namespace {

std::string code(Lang lang) { return std::string(engine::lang_code(lang)); }

std::string totals_text(const engine::QuoteKey& key, const engine::QuoteTotals& t, Lang lang) {
  std::int64_t vat = 0;
  for (const auto& v : t.vat) vat += v.amount;
  auto money = [&](std::int64_t c) { return service::format_money(c, code(lang), key.currency); };
  std::string out = format_text(tr("train.quote.totals", lang), {money(t.ht), money(vat), money(t.ttc)});
  for (const auto& v : t.vat) {
    out += " (" + format_text(tr("train.quote.vat", lang), {service::format_percent(v.rate, code(lang)), money(v.base), money(v.amount)}) + ")";
  }
  return out;
}

std::string label_of(const engine::QuoteKey& key, const std::string& ref, Lang lang) {
  const engine::QuoteItem* i = key.find(ref);
  return i ? i->label.get(lang) : "?";
}

std::string discount_text(std::int64_t bp, Lang lang) {
  return bp ? "-" + engine::format_quote_quantity(bp, lang) + " %" : std::string();
}

}  // namespace

void build_trainee_quote(const engine::TrainingRun& run, const std::string& search, TraineeScreenVm& vm, Lang lang) {
  const engine::QuoteKey* key = run.quote_key();
  vm.quote_step = run.is_proposal() && key && run.diagnosed();
  if (!vm.quote_step) return;
  const engine::TraineeQuote q = run.quote();
  vm.quote_current = q.current;
  vm.quote_search = search;
  for (const auto& o : q.options) {
    TraineeQuoteOptionVm ov;
    ov.kind = o.kind;
    ov.name = o.kind == "replace" ? tr("train.quote.option_replace", lang)
                                  : tr("train.quote.option_" + (key->options.empty() ? std::string("offer") : key->options.front().kind), lang);
    ov.offered = !o.lines.empty();
    const engine::QuoteTotals t = engine::price_option(*key, o);
    for (std::size_t i = 0; i < o.lines.size(); ++i) {
      const auto& l = o.lines[i];
      TraineeQuoteLineVm line;
      line.ref = l.ref;
      line.label = label_of(*key, l.ref, lang);
      line.quantity = engine::format_quote_quantity(l.quantity, lang);
      line.discount = discount_text(l.discount, lang);
      line.total = service::format_money(t.line_totals[i], code(lang), key->currency);
      ov.lines.push_back(std::move(line));
    }
    ov.totals = totals_text(*key, t, lang);
    vm.quote_options.push_back(std::move(ov));
  }
  if (!search.empty() && key->search) {
    for (const auto& ref : key->search(search)) {
      const engine::QuoteItem* i = key->find(ref);
      if (!i) continue;
      vm.quote_results.push_back({ref, i->label.get(lang),
                                  service::format_money(i->unit_price, code(lang), key->currency) + " / " + i->unit});
      if (vm.quote_results.size() >= 12) break;  // a short list: refine the words
    }
  }
}

void build_trainee_quote_debrief(const engine::TrainingRun& run, const engine::Score& s, TraineeScreenVm& vm, Lang lang) {
  const engine::QuoteKey* key = run.quote_key();
  if (!s.quote.scored || !key) return;
  vm.score_lines.insert(vm.score_lines.end() - 1, TraineeScoreLineVm{tr("train.quote.points", lang), s.p_quote, engine::points_quote});
  for (const auto& o : s.quote.options) {
    TraineeQuoteOptionVm ov;
    ov.kind = o.kind;
    ov.name = tr("train.quote.option_" + o.kind, lang);
    ov.offered = o.offered;
    ov.expected = o.expected;
    for (const auto& r : o.rows) {
      using St = engine::QuoteRow::Status;
      TraineeQuoteLineVm line;
      line.ref = r.ref;
      line.label = label_of(*key, r.ref, lang);
      if (r.status != St::missing) line.quantity = engine::format_quote_quantity(r.quantity, lang);
      if (r.expected_quantity) line.expected_quantity = engine::format_quote_quantity(r.expected_quantity, lang);
      line.discount = discount_text(r.discount, lang);
      if (r.status != St::missing && r.status != St::unknown) {
        line.total = service::format_money(r.line_total, code(lang), key->currency);
      }
      line.status = std::string(engine::quote_row_status_name(r.status));
      line.verdict = tr("train.quote.status_" + line.status, lang);
      if (r.discount_over) line.verdict += ", " + std::string(tr("train.quote.discount", lang));
      ov.lines.push_back(std::move(line));
    }
    ov.totals = totals_text(*key, o.totals, lang);
    ov.expected_totals = totals_text(*key, o.expected_totals, lang);
    vm.quote_debrief.push_back(std::move(ov));
  }
}

}  // namespace diagdesk::gui

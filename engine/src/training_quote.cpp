// The quote step of proposal scenarios (training_quote.hpp): the quote
// tokens of a run, the trainee's quote replayed from them, its score against
// the injected key, and its debrief lines (docs/training.md "The quote").
//
// [SECTION] Numbers and names
// [SECTION] Key and trainee quote
// [SECTION] Quote actions
// [SECTION] Score
// [SECTION] Debrief findings
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_run.hpp>

#include "training_internal.hpp"

#include <algorithm>

namespace diagdesk::engine {

// [SECTION] Numbers and names -------------------------------------------------------------------

namespace {

/// Digits with at most two decimals after one '.' or ',' -> hundredths.
std::optional<std::int64_t> hundredths(std::string_view text) {
  const std::string t = detail::trim(text);
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::int64_t whole = 0, frac = 0;
  int decimals = -1;
  for (char c : t) {
    if (c == '.' || c == ',') {
      if (decimals >= 0) return std::nullopt;
      decimals = 0;
    } else if (c >= '0' && c <= '9') {
      if (decimals < 0) {
        whole = whole * 10 + (c - '0');
      } else {
        if (++decimals > 2) return std::nullopt;
        frac = frac * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (decimals == 0) return std::nullopt;  // "1." is a typo
  if (decimals == 1) frac *= 10;
  return whole * 100 + frac;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

/// "main" for repair / offer (either language), "replace" for replace; "" otherwise.
std::string option_slot(std::string_view text) {
  std::string t = detail::trim(text);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "repair" || t == "offer" || t == "main" || t == "réparer" || t == "reparer" || t == "réparation" ||
      t == "offre") {
    return "main";
  }
  if (t == "replace" || t == "remplacer" || t == "remplacement") return "replace";
  return {};
}

}  // namespace

std::optional<std::int64_t> parse_quote_quantity(std::string_view text) {
  auto q = hundredths(text);
  if (!q || *q <= 0) return std::nullopt;
  return q;
}

std::optional<std::int64_t> parse_quote_percent(std::string_view text) { return hundredths(text); }

std::string format_quote_quantity(std::int64_t hundredths_value, Lang lang) {
  std::string out = std::to_string(hundredths_value / 100);
  const std::int64_t frac = hundredths_value % 100;
  if (frac != 0) {
    out += lang == Lang::fr ? ',' : '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

std::string_view quote_row_status_name(QuoteRow::Status s) {
  switch (s) {
    case QuoteRow::Status::ok: return "ok";
    case QuoteRow::Status::missing: return "missing";
    case QuoteRow::Status::extra: return "extra";
    case QuoteRow::Status::unknown: return "unknown";
    case QuoteRow::Status::quantity: return "quantity";
  }
  return "ok";
}

// [SECTION] Key and trainee quote ------------------------------------------------------------------

const QuoteItem* QuoteKey::find(std::string_view ref) const {
  for (const auto& i : items)
    if (i.ref == ref) return &i;
  return nullptr;
}

const QuoteKeyOption* QuoteKey::option(std::string_view kind) const {
  if (kind == "main") return options.empty() ? nullptr : &options.front();
  for (const auto& o : options)
    if (o.kind == kind) return &o;
  return nullptr;
}

const TraineeQuoteOption& TraineeQuote::of(std::string_view kind) const {
  for (const auto& o : options)
    if (o.kind == kind) return o;
  return options.front();
}

bool TraineeQuote::empty() const {
  return std::all_of(options.begin(), options.end(), [](const TraineeQuoteOption& o) { return o.lines.empty(); });
}

namespace {

TraineeQuoteOption& slot(TraineeQuote& q, const std::string& kind) {
  for (auto& o : q.options)
    if (o.kind == kind) return o;
  return q.options.front();
}

QuoteLineSpec* line_of(TraineeQuoteOption& o, const std::string& ref) {
  for (auto& l : o.lines)
    if (l.ref == ref) return &l;
  return nullptr;
}

/// Applies one recorded quote token ("quote=REF:Q", "quote-=REF", "discount=REF:P", "quote-option=O").
void apply(TraineeQuote& q, const std::string& token) {
  auto split = [](const std::string& arg) {
    const auto colon = arg.find(':');
    return std::pair{upper(detail::trim(arg.substr(0, colon))),
                     colon == std::string::npos ? std::string() : detail::trim(arg.substr(colon + 1))};
  };
  if (auto o = detail::arg_of(token, "quote-option")) {
    q.current = option_slot(*o);
  } else if (auto r = detail::arg_of(token, "quote-")) {
    auto& lines = slot(q, q.current).lines;
    const std::string ref = upper(*r);
    lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const QuoteLineSpec& l) { return l.ref == ref; }), lines.end());
  } else if (auto d = detail::arg_of(token, "discount")) {
    auto [ref, pct] = split(*d);
    if (QuoteLineSpec* l = line_of(slot(q, q.current), ref)) l->discount = parse_quote_percent(pct).value_or(0);
  } else if (auto a = detail::arg_of(token, "quote")) {
    auto [ref, qty] = split(*a);
    const std::int64_t quantity = qty.empty() ? 100 : parse_quote_quantity(qty).value_or(100);
    TraineeQuoteOption& o = slot(q, q.current);
    if (QuoteLineSpec* l = line_of(o, ref)) l->quantity = quantity;
    else o.lines.push_back({ref, quantity, 0});
  }
}

}  // namespace

bool TrainingRun::is_proposal() const { return m_scenario.outcome == Outcome::proposal; }

TraineeQuote TrainingRun::quote() const {
  TraineeQuote q;
  for (const auto& a : m_actions)
    if (a.kind == TraineeAction::Kind::quote) apply(q, a.value);
  return q;
}

// [SECTION] Quote actions ---------------------------------------------------------------------------

ActionError TrainingRun::quote_action(const std::string& token, bool& handled) {
  auto option = detail::arg_of(token, "quote-option");
  auto remove = detail::arg_of(token, "quote-");
  auto discount = detail::arg_of(token, "discount");
  auto add = detail::arg_of(token, "quote");
  handled = option || remove || discount || add;
  if (!handled) return ActionError::none;
  if (!is_proposal()) {
    return refuse(ActionError::not_a_proposal, "'" + token + "' is for scenarios that end on a proposal to quote; this one does not");
  }
  if (!m_quote_key) return refuse(ActionError::no_quote_key, "there is no price catalogue to quote from (no commerce/catalogue.toml)");
  if (!diagnosed()) return refuse(ActionError::not_diagnosed, "the quote comes after the proposal: reach the conclusion first");
  TraineeQuote q = quote();
  std::string recorded;
  auto ref_and_value = [](const std::string& arg) {
    const auto colon = arg.find(':');
    return std::pair{upper(detail::trim(arg.substr(0, colon))),
                     colon == std::string::npos ? std::string() : detail::trim(arg.substr(colon + 1))};
  };
  auto has_line = [&](const std::string& ref) {
    const auto& lines = q.of(q.current).lines;
    return std::any_of(lines.begin(), lines.end(), [&](const QuoteLineSpec& l) { return l.ref == ref; });
  };
  if (option) {
    const std::string s = option_slot(*option);
    if (s.empty()) return refuse(ActionError::bad_value, "quote-option must be repair, offer (the main quote) or replace, not '" + *option + "'");
    recorded = "quote-option=" + std::string(s == "main" ? "main" : "replace");
  } else if (remove) {
    const std::string ref = upper(*remove);
    if (!has_line(ref)) return refuse(ActionError::bad_value, "no line " + ref + " in this option of the quote");
    recorded = "quote-=" + ref;
  } else if (discount) {
    auto [ref, pct] = ref_and_value(*discount);
    if (!has_line(ref)) return refuse(ActionError::bad_value, "no line " + ref + " in this option of the quote: add it first (quote=REF:QTY)");
    const auto bp = parse_quote_percent(pct);
    if (!bp) return refuse(ActionError::bad_value, "discount=REF:PCT needs a percentage with at most 2 decimals, not '" + pct + "'");
    recorded = "discount=" + ref + ":" + format_quote_quantity(*bp, Lang::en);
  } else {
    auto [ref, qty] = ref_and_value(*add);
    if (ref.empty()) return refuse(ActionError::bad_value, "quote=REF:QTY needs a catalogue reference, e.g. quote=SSD-SATA-1TB:1");
    const auto quantity = qty.empty() ? std::optional<std::int64_t>(100) : parse_quote_quantity(qty);
    if (!quantity) return refuse(ActionError::bad_value, "the quantity must be over 0 with at most 2 decimals, not '" + qty + "'");
    recorded = "quote=" + ref + ":" + format_quote_quantity(*quantity, Lang::en);
  }
  TraineeAction a;
  a.kind = TraineeAction::Kind::quote;
  a.value = std::move(recorded);
  m_actions.push_back(std::move(a));
  return ActionError::none;
}

// [SECTION] Score -----------------------------------------------------------------------------------

namespace {

/// Prices `lines` with the key (refs it does not know left out); `totals_of[i]`
/// is line i's total, 0 for an unknown ref.
QuoteTotals price_lines(const QuoteKey& key, const std::vector<QuoteLineSpec>& lines) {
  std::vector<QuotePricedLine> priced;
  std::vector<int> index(lines.size(), -1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const QuoteItem* item = key.find(lines[i].ref);
    if (!item) continue;
    index[i] = static_cast<int>(priced.size());
    priced.push_back({lines[i].quantity, item->unit_price, std::clamp<std::int64_t>(lines[i].discount, 0, 10000), item->vat});
  }
  QuoteTotals t = key.price ? key.price(priced) : QuoteTotals{};
  std::vector<std::int64_t> per_line(lines.size(), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (index[i] >= 0 && static_cast<std::size_t>(index[i]) < t.line_totals.size()) per_line[i] = t.line_totals[index[i]];
  }
  t.line_totals = std::move(per_line);
  return t;
}

}  // namespace

QuoteTotals price_option(const QuoteKey& key, const TraineeQuoteOption& option) { return price_lines(key, option.lines); }

QuoteScore score_quote(const QuoteKey& key, const TraineeQuote& quote) {
  QuoteScore qs;
  if (key.options.empty()) return qs;
  qs.scored = true;
  const bool none = quote.empty();
  auto add = [&](std::string code, const std::string& option, std::string ref, int points) {
    if (!none) qs.findings.push_back({std::move(code), option, std::move(ref), points});
  };
  auto compare = [&](QuoteOptionResult& res, const std::vector<QuoteLineSpec>& expected,
                     const std::vector<QuoteLineSpec>& given, bool score_lines) {
    const QuoteTotals mine = price_lines(key, given);
    const QuoteTotals theirs = price_lines(key, expected);
    std::vector<bool> used(given.size(), false);
    for (std::size_t e = 0; e < expected.size(); ++e) {
      QuoteRow row;
      row.ref = expected[e].ref;
      row.expected_quantity = expected[e].quantity;
      row.expected_line_total = theirs.line_totals[e];
      row.status = QuoteRow::Status::missing;
      for (std::size_t g = 0; g < given.size(); ++g) {
        if (used[g] || given[g].ref != row.ref) continue;
        used[g] = true;
        row.quantity = given[g].quantity;
        row.discount = given[g].discount;
        row.line_total = mine.line_totals[g];
        row.status = row.quantity == row.expected_quantity ? QuoteRow::Status::ok : QuoteRow::Status::quantity;
        break;
      }
      res.rows.push_back(row);
    }
    for (std::size_t g = 0; g < given.size(); ++g) {
      if (used[g]) continue;
      QuoteRow row;
      row.ref = given[g].ref;
      row.quantity = given[g].quantity;
      row.discount = given[g].discount;
      row.line_total = mine.line_totals[g];
      row.status = key.find(row.ref) ? QuoteRow::Status::extra : QuoteRow::Status::unknown;
      res.rows.push_back(row);
    }
    for (auto& row : res.rows) {
      row.discount_over = row.status != QuoteRow::Status::missing && row.discount > key.max_discount;
      if (!score_lines) continue;
      switch (row.status) {
        case QuoteRow::Status::missing: add("line_missing", res.kind, row.ref, quote_line_missing); break;
        case QuoteRow::Status::extra: add("line_extra", res.kind, row.ref, quote_line_extra); break;
        case QuoteRow::Status::unknown: add("unknown_ref", res.kind, row.ref, quote_unknown_ref); break;
        case QuoteRow::Status::quantity: add("wrong_quantity", res.kind, row.ref, quote_wrong_quantity); break;
        case QuoteRow::Status::ok: break;
      }
      if (row.discount_over) add("discount_over", res.kind, row.ref, quote_discount_over);
    }
    res.totals = mine;
    res.expected_totals = theirs;
  };

  for (std::size_t i = 0; i < key.options.size(); ++i) {
    const QuoteKeyOption& k = key.options[i];
    const TraineeQuoteOption& t = quote.of(i == 0 ? "main" : "replace");
    QuoteOptionResult res;
    res.kind = k.kind;
    res.expected = true;
    res.offered = !t.lines.empty();
    if (!res.offered) add("option_missing", k.kind, "", quote_option_missing);
    compare(res, k.lines, t.lines, res.offered);
    qs.options.push_back(std::move(res));
  }
  // Replace offered beside an offer, or although the repair is cheap.
  const TraineeQuoteOption& replace = quote.of("replace");
  if (!key.option("replace") && !replace.lines.empty()) {
    QuoteOptionResult res;
    res.kind = "replace";
    res.offered = true;
    add("option_needless", "replace", "", quote_option_needless);
    compare(res, {}, replace.lines, false);
    qs.options.push_back(std::move(res));
  }
  if (none) qs.findings.push_back({"no_quote", "", "", points_quote});
  int lost = 0;
  for (const auto& f : qs.findings) lost += f.points;
  qs.points = std::max(0, points_quote - lost);
  return qs;
}

// [SECTION] Debrief findings ------------------------------------------------------------------------

namespace detail {

void quote_findings(const QuoteScore& quote, const QuoteKey& key, Lang lang, std::vector<std::string>& out) {
  auto option_name = [&](const std::string& kind) { return tr("train.quote.option_" + kind, lang); };
  auto label = [&](const std::string& ref) {
    const QuoteItem* i = key.find(ref);
    return i ? ref + " (" + i->label.get(lang) + ")" : ref;
  };
  auto row_of = [&](const QuoteFinding& f) -> const QuoteRow* {
    for (const auto& o : quote.options) {
      if (o.kind != f.option) continue;
      for (const auto& r : o.rows)
        if (r.ref == f.ref) return &r;
    }
    return nullptr;
  };
  out.push_back(format_text(tr("train.quote.finding_points", lang),
                            {std::to_string(quote.points), std::to_string(points_quote)}));
  for (const auto& f : quote.findings) {
    const std::string points = std::to_string(f.points);
    const QuoteRow* row = row_of(f);
    std::string line;
    if (f.code == "no_quote") {
      line = format_text(tr("train.quote.no_quote", lang), {points});
    } else if (f.code == "option_missing") {
      line = format_text(tr("train.quote.option_missing", lang), {option_name(f.option), points});
      if (f.option == "replace") line += " " + tr("train.quote.why_replace", lang);
    } else if (f.code == "option_needless") {
      line = format_text(tr("train.quote.option_needless", lang), {option_name(f.option), points});
      line += " " + tr(key.replace_needless ? "train.quote.why_repair_cheap" : "train.quote.why_no_replace", lang);
    } else if (f.code == "line_missing" && row) {
      line = format_text(tr("train.quote.line_missing", lang),
                         {label(f.ref), format_quote_quantity(row->expected_quantity, lang), points});
    } else if (f.code == "line_extra") {
      line = format_text(tr("train.quote.line_extra", lang), {label(f.ref), points});
    } else if (f.code == "unknown_ref") {
      line = format_text(tr("train.quote.unknown_ref", lang), {f.ref, points});
    } else if (f.code == "wrong_quantity" && row) {
      line = format_text(tr("train.quote.wrong_quantity", lang),
                         {label(f.ref), format_quote_quantity(row->quantity, lang),
                          format_quote_quantity(row->expected_quantity, lang), points});
    } else if (f.code == "discount_over" && row) {
      line = format_text(tr("train.quote.discount_over", lang),
                         {label(f.ref), format_quote_quantity(row->discount, lang) + " %",
                          format_quote_quantity(key.max_discount, lang) + " %", points});
    }
    if (line.empty()) continue;
    // Which option, when the customer is offered two.
    if (!f.option.empty() && f.code != "option_missing" && f.code != "option_needless" && key.options.size() > 1) {
      line = option_name(f.option) + (lang == Lang::fr ? " : " : ": ") + line;
    }
    out.push_back(std::move(line));
  }
}

}  // namespace detail

}  // namespace diagdesk::engine

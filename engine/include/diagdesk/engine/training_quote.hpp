#pragma once
/// The quote step of proposal scenarios (expected outcome `proposal`, the
/// competency-8 pre-sales scenarios): the trainee prices the proposal as a
/// quote, option by option, and is scored on it against a *quote key*.
///
/// The engine knows no catalogue and no money rounding: the workspace builds
/// the key (workspace/quote_training.hpp, from commerce/proposals.toml and the
/// catalogue) with the expected lines per option, the refs it knows with their
/// price and VAT rate, the discount the policy allows, whether "replace" must
/// stand beside "repair", and the pricing function (the service's quote
/// totals, so the rounding is written once).
///
///     run.set_quote_key(workspace::quote_key_for(ws, scenario));
///     run.act("quote=PC-LAPTOP-14:1");      // after the diagnosis
///     run.act("quote-option=replace");       // lines now go to the replace option
///     TraineeQuote q = run.quote();          // the lines so far, for live totals
///     QuoteScore s = run.score().quote;      // 0..points_quote, findings, totals
///
/// Amounts are integer cents, quantities hundredths (1.5 = 150), rates and
/// discounts basis points (20 % = 2000): never floating point.

#include <diagdesk/engine/text.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::engine {

/// A reference the key knows (a catalogue item), with what pricing needs.
struct QuoteItem {
  std::string ref;
  LText label;
  std::string unit;              ///< piece, hour...
  std::int64_t unit_price = 0;   ///< cents, before tax
  std::int64_t vat = 0;          ///< basis points
};

/// One line as the trainee or the key writes it.
struct QuoteLineSpec {
  std::string ref;
  std::int64_t quantity = 100;   ///< hundredths, > 0
  std::int64_t discount = 0;     ///< basis points (the trainee may type more than 100 %: scored, capped for totals)
};

/// A line with its price, handed to the key's pricing function.
struct QuotePricedLine {
  std::int64_t quantity = 100;
  std::int64_t unit_price = 0;
  std::int64_t discount = 0;     ///< basis points, 0..10000
  std::int64_t vat = 0;
};

/// VAT of one rate.
struct QuoteVat {
  std::int64_t rate = 0, base = 0, amount = 0;
};

/// What the pricing function returns: each line's total before tax, and the totals.
struct QuoteTotals {
  std::vector<std::int64_t> line_totals;  ///< one per line given, cents
  std::int64_t ht = 0;
  std::vector<QuoteVat> vat;              ///< highest rate first
  std::int64_t ttc = 0;
};

/// One option of the expected quote: "repair", "offer" (the main one) or "replace".
struct QuoteKeyOption {
  std::string kind;
  std::vector<QuoteLineSpec> lines;
};

/// The expected quote of a scenario's conclusion, built by the workspace.
struct QuoteKey {
  std::string tree, conclusion;
  /// The main option first (repair or offer), then "replace" when the device
  /// is past its value and the customer must be offered both.
  std::vector<QuoteKeyOption> options;
  /// A replace alternative exists but the repair is cheap: offering it loses points.
  bool replace_needless = false;
  std::vector<QuoteItem> items;           ///< every ref the catalogue knows
  std::int64_t max_discount = 10000;      ///< basis points the policy allows on a line
  std::string currency = "EUR";
  /// Prices lines (required): the service's rounding (per line, then VAT per rate).
  std::function<QuoteTotals(const std::vector<QuotePricedLine>&)> price;
  /// Refs whose ref or label hold every word (accents folded), for the catalogue search; may be empty.
  std::function<std::vector<std::string>(std::string_view words)> search;

  const QuoteItem* find(std::string_view ref) const;
  /// The key's option of that kind ("main" is the first), or null.
  const QuoteKeyOption* option(std::string_view kind) const;
};

/// The trainee's quote so far. Two options: "main" (repair or offer) and
/// "replace"; an option is offered when it has a line.
struct TraineeQuoteOption {
  std::string kind;                       ///< "main" or "replace"
  std::vector<QuoteLineSpec> lines;       ///< in the order given
};
struct TraineeQuote {
  std::vector<TraineeQuoteOption> options{{"main", {}}, {"replace", {}}};
  std::string current = "main";           ///< where quote=, quote-= and discount= go
  const TraineeQuoteOption& of(std::string_view kind) const;
  bool empty() const;
};

/// Points of the quote part (proposal scenarios with a key), taken from the
/// other parts proportionally: they then count for (100 - points_quote) %.
inline constexpr int points_quote = 15;
/// Deductions from points_quote (never below 0).
inline constexpr int quote_option_missing = 6;   ///< an expected option not offered (replace beside repair)
inline constexpr int quote_option_needless = 4;  ///< replace offered although the repair is cheap, or on an offer
inline constexpr int quote_line_missing = 3;     ///< an expected ref left out
inline constexpr int quote_line_extra = 2;       ///< a known ref the key does not have
inline constexpr int quote_unknown_ref = 3;      ///< a ref the catalogue does not have
inline constexpr int quote_wrong_quantity = 2;   ///< the right ref, another quantity
inline constexpr int quote_discount_over = 3;    ///< a discount over the policy's (over 100 % included)

/// One row of the line-by-line comparison.
struct QuoteRow {
  enum class Status { ok, missing, extra, unknown, quantity };
  Status status = Status::ok;
  std::string ref;
  std::int64_t quantity = 0;            ///< the trainee's (0 when missing)
  std::int64_t expected_quantity = 0;   ///< the key's (0 when extra or unknown)
  std::int64_t discount = 0;            ///< the trainee's, basis points
  bool discount_over = false;           ///< over the policy's maximum
  std::int64_t line_total = 0;          ///< the trainee's line before tax (0 when missing or unknown)
  std::int64_t expected_line_total = 0;
};
std::string_view quote_row_status_name(QuoteRow::Status s);

/// One option compared.
struct QuoteOptionResult {
  std::string kind;            ///< repair, offer, replace
  bool expected = false;
  bool offered = false;
  std::vector<QuoteRow> rows;  ///< the key's lines in its order, then the trainee's others
  QuoteTotals totals;          ///< the trainee's (unknown refs left out, discounts capped at 100 %)
  QuoteTotals expected_totals;
};

/// What was wrong, and what it cost.
struct QuoteFinding {
  std::string code;    ///< option_missing, option_needless, line_missing, line_extra, unknown_ref, wrong_quantity, discount_over, no_quote
  std::string option;  ///< repair, offer, replace
  std::string ref;
  int points = 0;      ///< deducted
};

/// The quote part of a score.
struct QuoteScore {
  bool scored = false;                  ///< a proposal scenario whose run has a key
  std::vector<QuoteOptionResult> options;
  std::vector<QuoteFinding> findings;
  int points = 0;                       ///< 0..points_quote
};

/// Parses a quantity ("1", "0.5", "1,5") into hundredths; nullopt when not over 0 or over 2 decimals.
std::optional<std::int64_t> parse_quote_quantity(std::string_view text);
/// Parses a percentage ("10", "12.5") into basis points (any size); nullopt when malformed.
std::optional<std::int64_t> parse_quote_percent(std::string_view text);
/// Hundredths as text without useless zeros: 150 -> "1.5" ("1,5" in French).
std::string format_quote_quantity(std::int64_t hundredths, Lang lang);

/// Scores `quote` against `key` (exact, deterministic).
QuoteScore score_quote(const QuoteKey& key, const TraineeQuote& quote);
/// The trainee's lines of one option priced by the key (unknown refs left out).
QuoteTotals price_option(const QuoteKey& key, const TraineeQuoteOption& option);

}  // namespace diagdesk::engine

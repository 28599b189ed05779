#pragma once
/// Quotes (devis): the model, the exact arithmetic, the lifecycle and the
/// store interface (the SQLite one in quote_store.hpp; PostgreSQL later).
///
/// Arithmetic (docs/quotes.md): quantities are hundredths, prices cents,
/// discounts and VAT rates basis points. Per line,
///     line total HT = round_half_up(quantity x unit price x (1 - discount)),
/// VAT is computed once per rate on the sum of the line totals at that rate,
///     VAT(rate) = round_half_up(sum HT at rate x rate),
/// and total TTC = total HT + sum of the VAT amounts.
///
///     Quote q; q.lines.push_back({"SSD-SATA-1TB", "1 TB SSD", "piece", 100, 7990, 0, 2000});
///     Totals t = compute_totals(q.lines);   // t.ht 7990, t.vat[0] {2000, 1598}, t.ttc 9588

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/store.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// draft -> sent -> accepted | refused | expired (a draft may be refused too).
enum class QuoteStatus { draft, sent, accepted, refused, expired };
std::string_view name(QuoteStatus s);
std::optional<QuoteStatus> parse_quote_status(std::string_view s);

/// One line, frozen when added: later catalogue prices do not change it.
struct QuoteLine {
  std::string ref;
  std::string label;              ///< in the customer's language
  std::string unit;               ///< piece, hour... (ItemUnit name)
  std::int64_t quantity = 100;    ///< hundredths
  std::int64_t unit_price = 0;    ///< cents, before tax
  std::int64_t discount = 0;      ///< basis points, 0..10000
  std::int64_t vat = 0;           ///< basis points
};

/// round_half_up(quantity x unit_price x (1 - discount)) in cents.
std::int64_t line_total(const QuoteLine& l);

/// The VAT of one rate.
struct VatAmount {
  std::int64_t rate = 0;   ///< basis points
  std::int64_t base = 0;   ///< sum of the line totals at that rate, cents
  std::int64_t amount = 0; ///< cents
};

struct Totals {
  std::int64_t ht = 0;
  std::vector<VatAmount> vat;  ///< one per rate present, highest rate first
  std::int64_t ttc = 0;
};
Totals compute_totals(const std::vector<QuoteLine>& lines);

/// Who the quote is for (personal data: the privacy erase covers it).
struct Customer {
  std::string name;
  std::string address;
  std::string email;
  std::string phone;
  std::string language = "fr";  ///< "fr" or "en": the documents' language
};

/// A quote. `number` DEV-YYYY-NNNN is given by the store; `version` grows at each saved change.
struct Quote {
  std::int64_t id = 0;
  std::string number;
  int year = 0;
  Date issued_on;
  int validity_days = 30;
  Customer customer;
  std::string ticket_number;     ///< the ticket it was made for, "" when standalone
  std::string request_number;    ///< the service request an accepted quote became
  std::string currency = "EUR";
  std::string payment_terms;     ///< in the customer's language
  std::string found;             ///< what the diagnosis found, for the summary ("" when none)
  std::int64_t duration = 0;     ///< hundredths of hours of work (sum of the hour lines)
  QuoteStatus status = QuoteStatus::draft;
  std::string operator_name;
  Time created_at = 0;
  Time updated_at = 0;
  std::int64_t version = 0;
  std::vector<QuoteLine> lines;
};

/// The last day the quote can be accepted: issued_on + validity_days.
Date valid_until(const Quote& q);
/// True when a sent or draft quote is past valid_until at `today`.
bool past_validity(const Quote& q, Date today);
/// "DEV-2026-0001".
std::string format_quote_number(int year, std::int64_t sequence);
bool valid_quote_number(std::string_view s);

/// One history entry of a quote (append-only).
struct QuoteEvent {
  std::int64_t id = 0;
  std::int64_t quote_id = 0;
  Time at = 0;
  std::string actor;
  std::string kind;        ///< created, line_added, line_removed, customer, sent, accepted, refused, expired, request
  std::string old_value;
  std::string new_value;
  std::string note;
};

/// Which quotes list_quotes returns.
struct QuoteFilter {
  std::optional<QuoteStatus> status;
  std::optional<std::string> ticket_number;
};

/// Where quotes live. Same rules as Store: every call returns a StoreStatus,
/// a change is one transaction with its events, update refuses a stale version.
class QuoteStore {
 public:
  virtual ~QuoteStore() = default;
  /// Numbers the quote (the next DEV number of `quote.year`, the counter
  /// moving in the same transaction), saves it with its lines and events, version 1.
  virtual StoreStatus create_quote(Quote& quote, std::vector<QuoteEvent>& events) = 0;
  /// Saves the quote's fields and its lines if its version is the stored one; bumps it. Else `stale`.
  virtual StoreStatus update_quote(Quote& quote, std::vector<QuoteEvent>& events) = 0;
  virtual StoreStatus get_quote(const std::string& number, Quote& out) = 0;
  /// Newest first.
  virtual StoreStatus list_quotes(const QuoteFilter& filter, std::vector<Quote>& out) = 0;
  virtual StoreStatus quote_history(std::int64_t quote_id, std::vector<QuoteEvent>& out) = 0;
};

/// The quote store over `store`'s own database and connection:
/// SqliteQuoteStore for a SqliteStore, PgQuoteStore for a PgStore; nullptr
/// for any other Store. `store` must outlive it.
std::unique_ptr<QuoteStore> quote_store_for(Store& store);

}  // namespace diagdesk::service

// Quotes: the exact arithmetic (docs/quotes.md, "Rounding"), the numbers and the validity.
#include <diagdesk/service/quote.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace diagdesk::service {

namespace {

constexpr std::array<std::string_view, 5> status_names{"draft", "sent", "accepted", "refused", "expired"};

/// round_half_up(num / den) for num >= 0, den > 0.
std::int64_t round_half_up(__int128 num, __int128 den) { return static_cast<std::int64_t>((2 * num + den) / (2 * den)); }

}  // namespace

std::string_view name(QuoteStatus s) { return status_names[static_cast<std::size_t>(s)]; }

std::optional<QuoteStatus> parse_quote_status(std::string_view s) {
  for (std::size_t i = 0; i < status_names.size(); ++i)
    if (status_names[i] == s) return static_cast<QuoteStatus>(i);
  return std::nullopt;
}

std::int64_t line_total(const QuoteLine& l) {
  // hundredths x cents x basis points of what is paid: one division, at the end.
  const __int128 num = static_cast<__int128>(l.quantity) * l.unit_price * (10000 - l.discount);
  return round_half_up(num, 100 * 10000);
}

Totals compute_totals(const std::vector<QuoteLine>& lines) {
  Totals t;
  for (const auto& l : lines) {
    const std::int64_t total = line_total(l);
    t.ht += total;
    auto at = std::find_if(t.vat.begin(), t.vat.end(), [&](const VatAmount& v) { return v.rate == l.vat; });
    if (at == t.vat.end()) t.vat.push_back({l.vat, total, 0});
    else at->base += total;
  }
  std::sort(t.vat.begin(), t.vat.end(), [](const VatAmount& a, const VatAmount& b) { return a.rate > b.rate; });
  t.ttc = t.ht;
  for (auto& v : t.vat) {
    v.amount = round_half_up(static_cast<__int128>(v.base) * v.rate, 10000);
    t.ttc += v.amount;
  }
  return t;
}

Date valid_until(const Quote& q) { return civil_from_days(days_from_civil(q.issued_on) + q.validity_days); }

bool past_validity(const Quote& q, Date today) {
  return (q.status == QuoteStatus::draft || q.status == QuoteStatus::sent) && today > valid_until(q);
}

std::string format_quote_number(int year, std::int64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "DEV-%04d-%04lld", year, static_cast<long long>(sequence));
  return buf;
}

bool valid_quote_number(std::string_view s) {
  if (s.size() < 13 || s.substr(0, 4) != "DEV-" || s[8] != '-') return false;
  for (std::size_t i = 4; i < s.size(); ++i)
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return false;
  return true;
}

}  // namespace diagdesk::service

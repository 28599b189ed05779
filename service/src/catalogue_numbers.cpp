// Exact decimals of the commerce files: parsing "79.90" into cents, printing
// cents, hundredths and basis points in French and English.
#include <diagdesk/service/catalogue.hpp>

#include <array>

namespace diagdesk::service {

std::optional<std::int64_t> parse_decimal(std::string_view text, int decimals) {
  if (text.empty() || decimals < 0 || decimals > 4) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (i >= 12) return std::nullopt;  // over a thousand billion: a typo, not a price
    whole = whole * 10 + (text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  std::int64_t frac = 0;
  int digits = 0;
  if (i < text.size()) {
    if (text[i] != '.' || i + 1 == text.size()) return std::nullopt;
    for (++i; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9' || ++digits > decimals) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
  }
  std::int64_t scale = 1;
  for (int d = 0; d < decimals; ++d) scale *= 10;
  for (int d = digits; d < decimals; ++d) frac *= 10;
  return whole * scale + frac;
}

namespace {

/// Digits of `whole` grouped by three with `sep`.
std::string grouped(std::int64_t whole, const std::string& sep) {
  std::string digits = std::to_string(whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_decimal(std::int64_t value, int decimals, bool comma) {
  const bool negative = value < 0;
  std::uint64_t v = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  std::uint64_t scale = 1;
  for (int d = 0; d < decimals; ++d) scale *= 10;
  std::string out = (negative ? "-" : "") + std::to_string(v / scale);
  if (decimals > 0) {
    std::string frac = std::to_string(v % scale);
    out += (comma ? ',' : '.') + std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
  }
  return out;
}

std::string format_quantity(std::int64_t hundredths, bool comma) {
  std::string s = format_decimal(hundredths, 2, comma);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.' || s.back() == ',') s.pop_back();
  return s;
}

std::string format_money(std::int64_t cents, const std::string& lang, const std::string& currency) {
  const bool negative = cents < 0;
  const std::int64_t v = negative ? -cents : cents;
  const std::string frac = format_decimal(v % 100, 2).substr(2);
  const bool fr = lang == "fr";
  // French groups with a narrow no-break space and puts the symbol after.
  std::string number = grouped(v / 100, fr ? "\u202f" : ",") + (fr ? "," : ".") + frac;
  if (negative) number = "-" + number;
  if (currency == "EUR") return fr ? number + "\u00a0€" : "€" + number;
  return fr ? number + "\u00a0" + currency : currency + " " + number;
}

std::string format_percent(std::int64_t basis_points, const std::string& lang) {
  const bool fr = lang == "fr";
  std::string s = format_quantity(basis_points, fr);
  return fr ? s + "\u00a0%" : s + " %";
}

namespace {

constexpr std::array<std::string_view, 7> kind_names{"part", "device", "labour", "travel", "warranty", "contract", "service"};
constexpr std::array<std::string_view, 6> unit_names{"piece", "hour", "km", "trip", "year", "month"};

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace

std::string_view name(ItemKind k) { return kind_names[static_cast<std::size_t>(k)]; }
std::string_view name(ItemUnit u) { return unit_names[static_cast<std::size_t>(u)]; }
std::optional<ItemKind> parse_item_kind(std::string_view s) { return parse_name<ItemKind>(kind_names, s); }
std::optional<ItemUnit> parse_item_unit(std::string_view s) { return parse_name<ItemUnit>(unit_names, s); }
std::string_view name(ProposalKind k) { return k == ProposalKind::repair ? "repair" : "offer"; }

std::int64_t present_value(const DeviceValue& v, std::int64_t purchase_days, std::int64_t today_days) {
  const std::int64_t life = static_cast<std::int64_t>(v.lifetime_years) * 36525 / 100;  // days, leap years averaged
  const std::int64_t age = today_days - purchase_days;
  if (age <= 0 || life <= 0) return age <= 0 ? v.new_price : 0;
  if (age >= life) return 0;
  // new_price x (life - age) / life, rounded half up; cents x days stays far under 2^63.
  const std::int64_t num = v.new_price * (life - age);
  return (2 * num + life) / (2 * life);
}

}  // namespace diagdesk::service

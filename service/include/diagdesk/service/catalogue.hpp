#pragma once
/// The price catalogue and the proposals of the commerce layer
/// (<layer>/commerce/catalogue.toml and proposals.toml, format in
/// docs/quotes.md). A later layer's catalogue replaces the bundled one whole
/// (a shop has its own prices); proposals of later layers add to, or
/// override (same tree + conclusion), the earlier ones.
///
/// Exact numbers only: money is integer cents, quantities integer
/// hundredths, percentages (VAT rates, discounts, thresholds) basis points
/// (1 % = 100). The files write them as decimal strings ("79.90", "1.5",
/// "5.5"), parsed by parse_decimal, never through a float.
///
///     std::vector<Problem> problems;
///     Catalogue c = load_catalogue({bundled / "commerce" / "catalogue.toml", team / ...}, problems);
///     if (const CatalogueItem* i = c.find("SSD-SATA-1TB")) use(i->price);
///     for (auto& p : problems) warn(format(p));   // file:line:column: message

#include <diagdesk/service/problem.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

// [Exact decimals] Rules of the group: no sign, no exponent, digits with at
// most `decimals` digits after one '.', nothing else; nullopt otherwise.

/// "12.3" with decimals 2 -> 1230; "-3", "abc", "12.345", "" -> nullopt.
std::optional<std::int64_t> parse_decimal(std::string_view text, int decimals = 2);
/// 1230 -> "12.30" (decimals 2), "12,30" with `comma`; trailing zeros kept.
std::string format_decimal(std::int64_t value, int decimals = 2, bool comma = false);
/// A quantity in hundredths without useless zeros: 150 -> "1.5", 100 -> "1".
std::string format_quantity(std::int64_t hundredths, bool comma = false);
/// Money in cents for `lang` ("fr": "1 234,50 €", else "€1,234.50"; another currency by its code).
std::string format_money(std::int64_t cents, const std::string& lang, const std::string& currency = "EUR");
/// A rate in basis points as percent: 550 -> "5.5 %" (fr "5,5 %"), 2000 -> "20 %".
std::string format_percent(std::int64_t basis_points, const std::string& lang);

/// A text in both languages.
struct Bilingual {
  std::string fr;
  std::string en;
  /// The text in `lang` ("fr" or "en"), the other one when it is empty.
  const std::string& in(const std::string& lang) const { return lang == "fr" ? (fr.empty() ? en : fr) : (en.empty() ? fr : en); }
};

/// What the catalogue sells.
enum class ItemKind { part, device, labour, travel, warranty, contract, service };
/// What a quantity counts.
enum class ItemUnit { piece, hour, km, trip, year, month };
std::string_view name(ItemKind k);
std::string_view name(ItemUnit u);
std::optional<ItemKind> parse_item_kind(std::string_view s);
std::optional<ItemUnit> parse_item_unit(std::string_view s);

/// One reference of the catalogue.
struct CatalogueItem {
  std::string ref;               ///< unique, [A-Z0-9-]+
  ItemKind kind = ItemKind::part;
  Bilingual label;
  ItemUnit unit = ItemUnit::piece;
  std::int64_t price = 0;        ///< cents, before tax
  std::int64_t vat = 0;          ///< basis points, one of Catalogue::vat_rates
  std::string supplier;
  std::optional<int> warranty_months;
  int line = 0;                  ///< where it is written
};

/// The company issuing the quotes, and the mentions a French quote carries.
struct Issuer {
  std::string name;
  std::string address;
  std::string siret;             ///< 14 digits (spaces kept as written)
  std::string vat_number;
  std::string phone;
  std::string email;
  std::int64_t quote_price = 0;  ///< cents; 0 prints "devis gratuit" / "free quote"
  int validity_days = 30;
  Bilingual payment_terms;
};

/// The present value of a device type, for repair-or-replace.
struct DeviceValue {
  std::string type;              ///< an asset type name (laptop, desktop, printer...)
  std::int64_t new_price = 0;    ///< cents, before tax
  int lifetime_years = 5;        ///< straight-line to 0 after this many years
  std::string replacement;       ///< the catalogue ref proposed instead of the repair
};

/// The whole catalogue (one file: the last layer that has one).
struct Catalogue {
  std::string file;              ///< "" when no layer has a catalogue
  bool example = false;
  std::string currency = "EUR";
  std::vector<std::int64_t> vat_rates;  ///< basis points
  Issuer issuer;
  std::int64_t repair_threshold = 5000;  ///< basis points of the present value
  /// Basis points: the largest discount a technician gives on a line
  /// ([policy] max_discount, percent; 100 % when absent). The desk accepts up
  /// to 100 % (a manager may); training marks a quote line over it.
  std::int64_t max_discount = 10000;
  std::vector<DeviceValue> device_values;
  std::vector<CatalogueItem> items;

  const CatalogueItem* find(std::string_view ref) const;
  const DeviceValue* device_value(std::string_view type) const;
  /// Items whose ref or label (either language) holds every word, accents and case folded.
  std::vector<const CatalogueItem*> search(std::string_view words) const;
};

/// Loads the last existing file of `files` (layer order). Every problem of
/// it is reported with file:line:column in one pass; a refused item is left
/// out and the rest is kept. No file at all gives an empty catalogue.
Catalogue load_catalogue(const std::vector<std::filesystem::path>& files, std::vector<Problem>& problems);

/// The present value in cents of a device bought on `purchase` (days since
/// 1970, see calendar.hpp) at `today`: new_price x (1 - age / lifetime), 0 past
/// the lifetime, rounded half up to the cent.
std::int64_t present_value(const DeviceValue& v, std::int64_t purchase_days, std::int64_t today_days);

// [Proposals] What a conclusion of a tree proposes to quote.

struct ProposalLine {
  std::string ref;
  std::int64_t quantity = 100;   ///< hundredths, > 0
  int line = 0;
  int column = 0;
};

enum class ProposalKind { repair, offer };
std::string_view name(ProposalKind k);

struct Proposal {
  std::string tree;
  std::string conclusion;
  ProposalKind kind = ProposalKind::repair;
  Bilingual note;
  std::vector<ProposalLine> lines;
  std::vector<ProposalLine> replace;  ///< optional alternative
  std::string file;
  int line = 0;
  int column = 0;
};

/// Proposals of every file, in layer order; a later (tree, conclusion) replaces the earlier.
std::vector<Proposal> load_proposals(const std::vector<std::filesystem::path>& files, std::vector<Problem>& problems);
/// The proposal of (tree, conclusion), or null.
const Proposal* find_proposal(const std::vector<Proposal>& proposals, std::string_view tree,
                              std::string_view conclusion);
/// Lines naming a ref the catalogue does not have (file:line:column of the line).
std::vector<Problem> check_proposal_refs(const std::vector<Proposal>& proposals, const Catalogue& catalogue);

}  // namespace diagdesk::service

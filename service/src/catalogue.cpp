// [SECTION] index
//   Reading helpers   typed values with their positions
//   Catalogue         issuer, policy, device values, items
//   Proposals         proposals.toml of every layer
//   Lookups           find, search, check_proposal_refs
#include "catalogue_toml.hpp"

#include <algorithm>
#include <map>

namespace diagdesk::service {

namespace fs = std::filesystem;

// [SECTION] Reading helpers --------------------------------------------------------------

namespace detail {

std::optional<toml::table> read_commerce_toml(const fs::path& file, std::vector<Problem>& problems) {
  auto root = parse_toml_file(file, problems);
  if (!root) return std::nullopt;
  // schema_version is optional (the format is version 1); another one is refused.
  if (const toml::node* v = root->get("schema_version"); v && (!v->is_integer() || v->value<std::int64_t>() != 1)) {  // is_integer first: toml++ float cast
    problems.push_back(problem_at(file.string(), *v, "schema_version must be 1 (this Diagdesk reads version 1)"));
    return std::nullopt;
  }
  return root;
}

std::optional<std::string> Reader::text(const toml::table& t, std::string_view key, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) problems.push_back(problem_at(file, t, "missing \"" + std::string(key) + "\""));
    return std::nullopt;
  }
  auto v = n->value<std::string>();
  if (!v) problems.push_back(problem_at(file, *n, "\"" + std::string(key) + "\" must be a string"));
  return v;
}

std::optional<std::int64_t> Reader::integer(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  auto v = n->value_exact<std::int64_t>();
  if (!v || *v < 0) {
    problems.push_back(problem_at(file, *n, "\"" + std::string(key) + "\" must be a whole number, 0 or more"));
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> Reader::decimal(const toml::table& t, std::string_view key, bool required,
                                            const char* what) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) problems.push_back(problem_at(file, t, "missing \"" + std::string(key) + "\""));
    return std::nullopt;
  }
  const auto s = n->value_exact<std::string>();
  const auto v = s ? parse_decimal(*s) : std::nullopt;
  if (!v) {
    std::string shown = s ? "\"" + *s + "\"" : "a " + std::string(n->is_number() ? "number" : "value");
    problems.push_back(problem_at(file, *n, "bad " + std::string(what) + " " + shown + " for \"" + std::string(key) +
                                                "\": a string of digits with at most 2 decimals, not negative "
                                                "(\"79.90\"), never a bare number"));
  }
  return v;
}

std::optional<Bilingual> Reader::bilingual(const toml::table& t, std::string_view key, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) problems.push_back(problem_at(file, t, "missing \"" + std::string(key) + "\" (fr and en)"));
    return std::nullopt;
  }
  const toml::table* lt = n->as_table();
  if (!lt) {
    problems.push_back(problem_at(file, *n, "\"" + std::string(key) + "\" must be a table { fr = \"...\", en = \"...\" }"));
    return std::nullopt;
  }
  Bilingual b;
  bool ok = true;
  for (auto [lang, out] : {std::pair{"fr", &b.fr}, std::pair{"en", &b.en}}) {
    const auto v = (*lt)[lang].value<std::string>();
    if (!v || v->empty()) {
      problems.push_back(problem_at(file, *n, "\"" + std::string(key) + "\" has no " + lang + " text"));
      ok = false;
    } else {
      *out = *v;
    }
  }
  return ok ? std::optional<Bilingual>(b) : std::nullopt;
}

}  // namespace detail

// [SECTION] Catalogue ---------------------------------------------------------------------

namespace {

bool valid_ref(std::string_view r) {
  return !r.empty() && std::all_of(r.begin(), r.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void read_issuer(detail::Reader& rd, const toml::table& root, Catalogue& c) {
  const toml::table* t = root["issuer"].as_table();
  if (!t) {
    rd.problems.push_back(detail::problem_at(rd.file, root, "missing [issuer] (the mentions a French quote must carry)"));
    return;
  }
  Issuer& is = c.issuer;
  for (auto [key, out] : {std::pair{"name", &is.name}, std::pair{"address", &is.address}, std::pair{"siret", &is.siret}}) {
    if (auto v = rd.text(*t, key, true)) *out = *v;
  }
  for (auto [key, out] : {std::pair{"vat_number", &is.vat_number}, std::pair{"phone", &is.phone},
                          std::pair{"email", &is.email}}) {
    if (auto v = rd.text(*t, key, false)) *out = *v;
  }
  if (!is.siret.empty()) {
    std::string digits;
    for (char ch : is.siret)
      if (ch != ' ') digits += ch;
    if (digits.size() != 14 || !std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      rd.problems.push_back(detail::problem_at(rd.file, *t->get("siret"), "the SIRET must be 14 digits (spaces allowed)"));
  }
  if (auto v = rd.decimal(*t, "quote_price", false, "price")) is.quote_price = *v;
  if (auto v = rd.integer(*t, "validity_days")) {
    if (*v == 0) rd.problems.push_back(detail::problem_at(rd.file, *t->get("validity_days"), "validity_days must be 1 or more"));
    else is.validity_days = static_cast<int>(*v);
  }
  if (auto v = rd.bilingual(*t, "payment_terms", false)) is.payment_terms = *v;
}

void read_items(detail::Reader& rd, const toml::table& root, Catalogue& c) {
  const toml::array* items = root["item"].as_array();
  if (!items) return;
  std::map<std::string, int> first_line;
  for (const toml::node& node : *items) {
    const toml::table* t = node.as_table();
    if (!t) continue;
    const std::size_t before = rd.problems.size();
    CatalogueItem it;
    it.line = static_cast<int>(t->source().begin.line);
    if (auto v = rd.text(*t, "ref", true)) {
      it.ref = *v;
      if (!valid_ref(it.ref)) {
        rd.problems.push_back(detail::problem_at(rd.file, *t->get("ref"), "bad ref \"" + it.ref + "\": capitals, digits and '-' only"));
      } else if (auto [at, fresh] = first_line.emplace(it.ref, static_cast<int>(t->get("ref")->source().begin.line)); !fresh) {
        rd.problems.push_back(detail::problem_at(rd.file, *t->get("ref"), "duplicated ref \"" + it.ref +
                                                                              "\" (first at line " + std::to_string(at->second) + ")"));
      }
    }
    if (auto v = rd.text(*t, "kind", true)) {
      if (auto k = parse_item_kind(*v)) it.kind = *k;
      else rd.problems.push_back(detail::problem_at(rd.file, *t->get("kind"), "unknown kind \"" + *v +
                                                        "\" (part, device, labour, travel, warranty, contract, service)"));
    }
    if (auto v = rd.text(*t, "unit", true)) {
      if (auto u = parse_item_unit(*v)) it.unit = *u;
      else rd.problems.push_back(detail::problem_at(rd.file, *t->get("unit"), "unknown unit \"" + *v +
                                                        "\" (piece, hour, km, trip, year, month)"));
    }
    if (auto v = rd.bilingual(*t, "label", true)) it.label = *v;
    if (auto v = rd.decimal(*t, "price", true, "price")) it.price = *v;
    if (auto v = rd.text(*t, "vat", true)) {
      const auto bp = parse_decimal(*v);
      if (!bp || std::find(c.vat_rates.begin(), c.vat_rates.end(), *bp) == c.vat_rates.end())
        rd.problems.push_back(detail::problem_at(rd.file, *t->get("vat"), "VAT rate \"" + *v + "\" is not one of vat_rates"));
      else it.vat = *bp;
    }
    if (auto v = rd.text(*t, "supplier", false)) it.supplier = *v;
    if (auto v = rd.integer(*t, "warranty_months")) it.warranty_months = static_cast<int>(*v);
    if (rd.problems.size() == before) c.items.push_back(std::move(it));
  }
}

}  // namespace

Catalogue load_catalogue(const std::vector<fs::path>& files, std::vector<Problem>& problems) {
  Catalogue c;
  std::error_code ec;
  auto last = std::find_if(files.rbegin(), files.rend(), [&](const fs::path& f) { return fs::is_regular_file(f, ec); });
  if (last == files.rend()) return c;
  c.file = last->string();
  auto root = detail::read_commerce_toml(*last, problems);
  if (!root) return c;
  detail::Reader rd{c.file, problems};
  c.example = (*root)["example"].value_or(false);
  if (auto v = rd.text(*root, "currency", false)) c.currency = *v;
  if (const toml::array* rates = (*root)["vat_rates"].as_array()) {
    for (const toml::node& r : *rates) {
      const auto s = r.value_exact<std::string>();
      const auto bp = s ? parse_decimal(*s) : std::nullopt;
      if (!bp || *bp > 10000) rd.problems.push_back(detail::problem_at(c.file, r, "bad VAT rate: a percent as a string (\"20\", \"5.5\")"));
      else c.vat_rates.push_back(*bp);
    }
  } else {
    problems.push_back(detail::problem_at(c.file, *root, "missing vat_rates (the rates lines may use)"));
  }
  read_issuer(rd, *root, c);
  if (const toml::table* policy = (*root)["policy"].as_table()) {
    if (auto v = rd.decimal(*policy, "repair_threshold", false, "share")) c.repair_threshold = *v * 100;
    // The largest discount a technician gives on a line (percent); training marks a quote over it.
    if (auto v = rd.decimal(*policy, "max_discount", false, "percent")) {
      if (*v > 10000) problems.push_back(detail::problem_at(c.file, *policy->get("max_discount"), "max_discount is a percent, at most 100"));
      else c.max_discount = *v;
    }
  }
  if (const toml::array* values = (*root)["device_value"].as_array()) {
    for (const toml::node& node : *values) {
      const toml::table* t = node.as_table();
      if (!t) continue;
      DeviceValue dv;
      const std::size_t before = problems.size();
      if (auto v = rd.text(*t, "type", true)) dv.type = *v;
      if (auto v = rd.decimal(*t, "new_price", true, "price")) dv.new_price = *v;
      if (auto v = rd.integer(*t, "lifetime_years")) dv.lifetime_years = static_cast<int>(*v);
      if (auto v = rd.text(*t, "replacement", false)) dv.replacement = *v;
      if (problems.size() == before) c.device_values.push_back(std::move(dv));
    }
  }
  read_items(rd, *root, c);
  for (const auto& dv : c.device_values) {
    if (!dv.replacement.empty() && !c.find(dv.replacement))
      problems.push_back({c.file, 0, 0, "device_value " + dv.type + ": unknown replacement ref \"" + dv.replacement + "\""});
  }
  return c;
}

// [SECTION] Proposals ---------------------------------------------------------------------

namespace {

std::vector<ProposalLine> read_lines(detail::Reader& rd, const toml::table& t, std::string_view key) {
  std::vector<ProposalLine> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    rd.problems.push_back(detail::problem_at(rd.file, *n, "\"" + std::string(key) + "\" must be a list of { ref, quantity }"));
    return out;
  }
  for (const toml::node& ln : *a) {
    const toml::table* lt = ln.as_table();
    if (!lt) {
      rd.problems.push_back(detail::problem_at(rd.file, ln, "a line must be { ref = \"...\", quantity = \"1\" }"));
      continue;
    }
    ProposalLine pl;
    pl.line = static_cast<int>(ln.source().begin.line);
    pl.column = static_cast<int>(ln.source().begin.column);
    const auto ref = rd.text(*lt, "ref", true);
    const auto qty = lt->get("quantity") ? rd.decimal(*lt, "quantity", true, "quantity") : std::optional<std::int64_t>(100);
    if (qty && *qty == 0) rd.problems.push_back(detail::problem_at(rd.file, *lt->get("quantity"), "the quantity must be over 0"));
    if (!ref || !qty || *qty == 0) continue;
    pl.ref = *ref;
    pl.quantity = *qty;
    out.push_back(std::move(pl));
  }
  return out;
}

}  // namespace

std::vector<Proposal> load_proposals(const std::vector<fs::path>& files, std::vector<Problem>& problems) {
  std::vector<Proposal> out;
  for (const auto& file : files) {
    auto root = detail::read_commerce_toml(file, problems);
    if (!root) continue;
    detail::Reader rd{file.string(), problems};
    const toml::array* list = (*root)["proposal"].as_array();
    if (!list) continue;
    for (const toml::node& node : *list) {
      const toml::table* t = node.as_table();
      if (!t) continue;
      const std::size_t before = problems.size();
      Proposal p;
      p.file = file.string();
      p.line = static_cast<int>(t->source().begin.line);
      p.column = static_cast<int>(t->source().begin.column);
      if (auto v = rd.text(*t, "tree", true)) p.tree = *v;
      if (auto v = rd.text(*t, "conclusion", true)) p.conclusion = *v;
      if (auto v = rd.text(*t, "kind", false)) {
        if (*v == "repair") p.kind = ProposalKind::repair;
        else if (*v == "offer") p.kind = ProposalKind::offer;
        else problems.push_back(detail::problem_at(p.file, *t->get("kind"), "unknown kind \"" + *v + "\" (repair, offer)"));
      }
      if (auto v = rd.bilingual(*t, "note", false)) p.note = *v;
      p.lines = read_lines(rd, *t, "lines");
      p.replace = read_lines(rd, *t, "replace");
      if (p.lines.empty() && problems.size() == before)
        problems.push_back(detail::problem_at(p.file, *t, "a proposal needs at least one line"));
      if (problems.size() != before) continue;
      auto same = std::find_if(out.begin(), out.end(), [&](const Proposal& q) {
        return q.tree == p.tree && q.conclusion == p.conclusion;
      });
      if (same != out.end()) *same = std::move(p);
      else out.push_back(std::move(p));
    }
  }
  return out;
}

const Proposal* find_proposal(const std::vector<Proposal>& proposals, std::string_view tree, std::string_view conclusion) {
  for (const auto& p : proposals)
    if (p.tree == tree && p.conclusion == conclusion) return &p;
  return nullptr;
}

std::vector<Problem> check_proposal_refs(const std::vector<Proposal>& proposals, const Catalogue& catalogue) {
  std::vector<Problem> out;
  for (const auto& p : proposals) {
    for (const auto* lines : {&p.lines, &p.replace}) {
      for (const auto& l : *lines) {
        if (!catalogue.find(l.ref))
          out.push_back({p.file, l.line, l.column, p.tree + " / " + p.conclusion + ": unknown catalogue ref \"" + l.ref + "\""});
      }
    }
  }
  return out;
}

// [SECTION] Lookups -----------------------------------------------------------------------

const CatalogueItem* Catalogue::find(std::string_view ref) const {
  for (const auto& i : items)
    if (i.ref == ref) return &i;
  return nullptr;
}

const DeviceValue* Catalogue::device_value(std::string_view type) const {
  for (const auto& d : device_values)
    if (d.type == type) return &d;
  return nullptr;
}

std::vector<const CatalogueItem*> Catalogue::search(std::string_view words) const {
  std::vector<std::string> wanted;
  std::string w;
  const std::string folded = detail::fold(words);
  for (char ch : folded + " ") {
    if (ch == ' ') {
      if (!w.empty()) wanted.push_back(w);
      w.clear();
    } else {
      w += ch;
    }
  }
  std::vector<const CatalogueItem*> out;
  for (const auto& i : items) {
    const std::string hay = detail::fold(i.ref + " " + i.label.fr + " " + i.label.en + " " + std::string(name(i.kind)));
    if (std::all_of(wanted.begin(), wanted.end(), [&](const std::string& x) { return hay.find(x) != std::string::npos; }))
      out.push_back(&i);
  }
  return out;
}

}  // namespace diagdesk::service

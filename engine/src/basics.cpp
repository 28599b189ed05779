// Small value types of the engine: languages, diagnostics, facts, enum names.
#include <diagdesk/engine/diagnostic.hpp>
#include <diagdesk/engine/facts.hpp>
#include <diagdesk/engine/tree.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace diagdesk::engine {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace

std::string_view lang_code(Lang lang) { return lang == Lang::fr ? "fr" : "en"; }

std::optional<Lang> parse_lang(std::string_view code) {
  const std::string c = lower(code);
  if (c == "fr") return Lang::fr;
  if (c == "en") return Lang::en;
  return std::nullopt;
}

Lang other(Lang lang) { return lang == Lang::fr ? Lang::en : Lang::fr; }

const std::string& LText::get(Lang lang) const {
  const std::string& want = lang == Lang::fr ? fr : en;
  if (!want.empty()) return want;
  return lang == Lang::fr ? en : fr;
}

std::string format(const Diagnostic& d) {
  std::string out = d.pos.file.empty() ? std::string("<input>") : d.pos.file;
  if (d.pos.line > 0) {
    out += ':' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column > 0 ? d.pos.column : 1);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  return out;
}

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

// [Facts] ---------------------------------------------------------------------

std::string_view fact_type_name(FactType type) {
  switch (type) {
    case FactType::enum_: return "enum";
    case FactType::bool_: return "bool";
    case FactType::int_: return "int";
    case FactType::text: return "text";
    case FactType::ipv4: return "ipv4";
  }
  return "text";
}

std::optional<FactType> parse_fact_type(std::string_view name) {
  for (FactType t : {FactType::enum_, FactType::bool_, FactType::int_, FactType::text, FactType::ipv4}) {
    if (fact_type_name(t) == name) return t;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t addr = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    std::size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || j - i > 3) return std::nullopt;
    unsigned value = 0;
    std::from_chars(text.data() + i, text.data() + j, value);
    if (value > 255) return std::nullopt;
    addr = (addr << 8) | value;
    ++parts;
    i = j;
    if (parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return addr;
}

std::optional<std::pair<std::uint32_t, int>> parse_cidr(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto addr = parse_ipv4(text.substr(0, slash));
  const std::string_view bits_text = text.substr(slash + 1);
  int bits = -1;
  auto [ptr, ec] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
  if (!addr || ec != std::errc{} || ptr != bits_text.data() + bits_text.size() || bits < 0 || bits > 32) {
    return std::nullopt;
  }
  return std::make_pair(*addr, bits);
}

bool FactCatalog::add(FactDecl decl) {
  const std::string key = decl.key;
  return m_decls.emplace(key, std::move(decl)).second;
}

const FactDecl* FactCatalog::find(std::string_view key) const {
  auto it = m_decls.find(key);
  return it == m_decls.end() ? nullptr : &it->second;
}

std::optional<std::string> FactCatalog::normalise(std::string_view key, std::string_view value,
                                                  std::string* error) const {
  auto fail = [&](std::string message) -> std::optional<std::string> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  const FactDecl* decl = find(key);
  if (!decl) return fail("unknown fact '" + std::string(key) + "'");
  switch (decl->type) {
    case FactType::enum_: {
      const std::string v = lower(value);
      if (std::find(decl->values.begin(), decl->values.end(), v) != decl->values.end()) return v;
      std::string allowed;
      for (const auto& a : decl->values) allowed += (allowed.empty() ? "" : ", ") + a;
      return fail("'" + std::string(value) + "' is not a value of fact '" + std::string(key) +
                  "' (allowed: " + allowed + ")");
    }
    case FactType::bool_: {
      const std::string v = lower(value);
      if (v == "true" || v == "yes" || v == "oui" || v == "1" || v == "y" || v == "o") return std::string("true");
      if (v == "false" || v == "no" || v == "non" || v == "0" || v == "n") return std::string("false");
      return fail("fact '" + std::string(key) + "' is a yes/no fact, not '" + std::string(value) + "'");
    }
    case FactType::int_: {
      long long n = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty() || ec != std::errc{} || ptr != value.data() + value.size()) {
        return fail("fact '" + std::string(key) + "' needs a whole number, not '" + std::string(value) + "'");
      }
      return std::to_string(n);
    }
    case FactType::ipv4:
      if (!parse_ipv4(value)) {
        return fail("fact '" + std::string(key) + "' needs an IPv4 address such as 192.168.1.20, not '" +
                    std::string(value) + "'");
      }
      return std::string(value);
    case FactType::text:
      if (value.empty()) return fail("fact '" + std::string(key) + "' needs a value");
      return std::string(value);
  }
  return fail("unknown fact type");
}

// [Enum names] ----------------------------------------------------------------

std::string_view node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::question: return "question";
    case NodeKind::action: return "action";
    case NodeKind::conclusion: return "conclusion";
    case NodeKind::jump: return "jump";
  }
  return "question";
}

std::string_view warning_kind_name(WarningKind kind) {
  switch (kind) {
    case WarningKind::electrical: return "electrical";
    case WarningKind::esd: return "esd";
    case WarningKind::data_loss: return "data_loss";
    case WarningKind::security: return "security";
    case WarningKind::other: return "other";
  }
  return "other";
}

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::resolved: return "resolved";
    case Outcome::escalate_l2: return "escalate_l2";
    case Outcome::hardware_return: return "hardware_return";
    case Outcome::refer_vendor: return "refer_vendor";
    case Outcome::proposal: return "proposal";
  }
  return "resolved";
}

std::optional<Outcome> parse_outcome(std::string_view name) {
  for (Outcome o : {Outcome::resolved, Outcome::escalate_l2, Outcome::hardware_return, Outcome::refer_vendor,
                    Outcome::proposal}) {
    if (outcome_name(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view op_name(Op op) {
  switch (op) {
    case Op::eq: return "eq";
    case Op::ne: return "ne";
    case Op::in: return "in";
    case Op::in_cidr: return "in_cidr";
    case Op::lt: return "lt";
    case Op::le: return "le";
    case Op::gt: return "gt";
    case Op::ge: return "ge";
    case Op::known: return "known";
    case Op::unknown: return "unknown";
  }
  return "eq";
}

std::optional<Op> parse_op(std::string_view name) {
  for (Op o : {Op::eq, Op::ne, Op::in, Op::in_cidr, Op::lt, Op::le, Op::gt, Op::ge, Op::known, Op::unknown}) {
    if (op_name(o) == name) return o;
  }
  return std::nullopt;
}

const Choice* Node::find_choice(std::string_view id) const {
  for (const auto& c : choices) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Node* Tree::find(std::string_view node_id) const {
  auto it = node_index.find(node_id);
  return it == node_index.end() ? nullptr : &nodes[it->second];
}

const std::vector<std::string>& known_domains() {
  static const std::vector<std::string> domains = {"hardware", "os", "network", "directory",
                                                   "office", "security", "service", "commercial"};
  return domains;
}

}  // namespace diagdesk::engine

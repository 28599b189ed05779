#pragma once
/// Typed facts: the catalogue of declared facts and the values known in a session.

#include <diagdesk/engine/text.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

enum class FactType { enum_, bool_, int_, text, ipv4 };

/// "enum", "bool", "int", "text", "ipv4".
std::string_view fact_type_name(FactType type);
std::optional<FactType> parse_fact_type(std::string_view name);

/// A fact declared in data/facts/*.toml.
struct FactDecl {
  std::string key;
  FactType type = FactType::text;
  std::vector<std::string> values;  ///< allowed values of an enum
  LText label;
  /// Optional words for values ("windows11" -> "Windows 11", "true" -> "allumé"),
  /// from `labels` in data/facts; see wording.hpp for the fallbacks.
  std::map<std::string, LText, std::less<>> value_labels;
  SourcePos pos;
};

/// Parses "a.b.c.d" into a host-order address; nullopt when malformed.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
/// Parses "a.b.c.d/n"; nullopt when malformed.
std::optional<std::pair<std::uint32_t, int>> parse_cidr(std::string_view text);

/// All declared facts, by key.
class FactCatalog {
 public:
  /// Adds a declaration; false when the key is already declared.
  bool add(FactDecl decl);
  const FactDecl* find(std::string_view key) const;
  const std::map<std::string, FactDecl, std::less<>>& all() const { return m_decls; }

  /// Checks and normalises a value for `key` (bool: yes/oui/1 -> "true"...).
  /// Returns the canonical value, or nullopt with `error` set to a sentence.
  std::optional<std::string> normalise(std::string_view key, std::string_view value,
                                       std::string* error = nullptr) const;

 private:
  std::map<std::string, FactDecl, std::less<>> m_decls;
};

/// Where a known fact's value came from.
enum class FactSource { start, answer, rule, carried };

/// A known fact in a session: its canonical value and its origin.
struct FactValue {
  std::string value;
  FactSource source = FactSource::start;
  std::string origin;  ///< node id ("tree:node") for answers, rule id for rules
  bool assumed = false;  ///< taken on an assumption after "don't know", or deduced from one
};

/// The facts known at one point of a session, by key.
using FactMap = std::map<std::string, FactValue, std::less<>>;

}  // namespace diagdesk::engine

#pragma once
/// What a caller's own words say beyond their keywords: who is affected
/// ("only me", « tout le monde », « mes collègues si ») and what still works
/// ("Internet works for Teams but..."). Search::match_symptom reads them
/// before it ranks the trees; see docs/kb.md, "Picking the script".
///
///     auto w = diagdesk::workspace::read_caller_words("je n'ai plus internet, mes collègues si");
///     // w.scope == Scope::single_user, w.problem == "je n'ai plus internet"

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::workspace {

/// Who the caller says is affected.
enum class Scope {
  unknown,        ///< the words do not say
  single_user,    ///< only the caller or their computer: « que moi », "just my PC", « mes collègues si »
  several_users,  ///< several people or computers: "everyone", « personne n'a », "the whole team"
};

/// The value of the `scope` fact (data/facts/common.toml) for `scope`:
/// "single_user", "several_users", or "" when unknown.
std::string_view scope_fact_value(Scope scope);

/// A caller's sentence, read for scope and for what is not the problem.
struct CallerWords {
  Scope scope = Scope::unknown;
  /// The words that describe the fault: the sentence without its scope words
  /// and without the clauses saying what works. The whole sentence when
  /// nothing would be left.
  std::string problem;
  /// The parts taken out, as written (scope words, "what works" clauses).
  std::vector<std::string> set_aside;
  /// Of those, the clauses saying what works ("Internet works for Teams"):
  /// the trees they name are not the fault.
  std::vector<std::string> working;
  /// The caller speaks of a need (buying, advice, a quote, a price, a
  /// warranty: « je voudrais un pc pour... », "we need a printer") rather than
  /// only of a fault. Without it the pre-sales trees (domain commercial) are
  /// not the script: "can't get to the NAS anymore" is a fault, not a NAS sale.
  bool need = false;
};

/// Reads a caller's sentence in French or English (both are tried: callers
/// mix them). Never fails; an empty text gives an unknown scope.
CallerWords read_caller_words(std::string_view text);

}  // namespace diagdesk::workspace

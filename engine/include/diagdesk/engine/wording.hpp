#pragma once
/// Saying things in words: fact values as labels (oui/non, "Windows 11"),
/// placeholders of tree texts and commands filled with the operator's own
/// values, the commands of the OS in front of the operator first, and rules
/// as sentences in the session language. The CLI, the GUI, explanations and
/// the report all use these, so the wording is the same everywhere.
///
///     fact_value_text(k, "link", "true", Lang::fr);          // "oui"
///     fill_placeholders("Get-ADUser {user_name}", facts, k);  // "Get-ADUser mdupont"
///     split_commands(node.commands, facts);                  // the OS's first
///     rule_sentence(k, rule, Lang::en);                      // "Since ..., deduced ..."

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::engine {

// [Fact values] ----------------------------------------------------------------------
/// The words for `value` of fact `key` in `lang`: the fact's own label for
/// that value (`labels` in data/facts), else for a bool oui/non or yes/no,
/// else for an enum the label of a choice that sets exactly that value, else
/// the value itself (text, int, ipv4 facts are shown as typed).
std::string fact_value_text(const Knowledge& k, std::string_view key, std::string_view value, Lang lang);
/// "Label: value" (French: "Label : value") for a known fact.
std::string fact_phrase(const Knowledge& k, std::string_view key, std::string_view value, Lang lang);
/// Where a fact's value came from, in words: "given at start", "answer to
/// “Question?”", "deduced by a rule", "carried from another script". With
/// `facts`, placeholders of the question are filled in.
std::string fact_source_text(const Knowledge& k, const FactValue& v, Lang lang, const FactMap* facts = nullptr);

// [Placeholders] ---------------------------------------------------------------------
// Tree authors write `{fact}` or `{fact|default}` in texts and commands. A
// known fact is replaced by its value (text, int and ipv4 facts as typed,
// enum and bool facts in words); an unknown one by the default, or by
// `<fact>` when there is none. A name that is not a declared fact is left
// as written (the linter reports it), so shell braces are never touched.

/// The text with every placeholder naming a declared fact filled in.
std::string fill_placeholders(std::string_view text, const FactMap& facts, const Knowledge& k, Lang lang);
/// The fact names of every `{name}` / `{name|default}` placeholder in `text`, in order.
std::vector<std::string> placeholder_names(std::string_view text);

// [Commands for the OS] --------------------------------------------------------------
/// The command family of an `os` fact value, as written in `commands`:
/// "windows" for windows10 and windows11 (any "windows*"), "linux" for linux,
/// debian, ubuntu, fedora...; other values as they are ("macos", "android",
/// "ios"); "" for an empty value.
std::string command_family(std::string_view os_value);

/// Commands split for display: those for the known OS (plus "any") first,
/// the others folded. When the `os` fact is unknown, `shown` holds them all.
struct CommandSplit {
  std::vector<Command> shown;
  std::vector<Command> others;
  std::string os;  ///< the `os` fact value ("" when unknown)
};
CommandSplit split_commands(const std::vector<Command>& commands, const FactMap& facts);

// [Rules as sentences] ---------------------------------------------------------------
/// One condition in words: "IP address: within 192.168.0.0/16".
std::string condition_sentence(const Knowledge& k, const Condition& c, Lang lang);
/// A fired rule in words: "Since <conditions>, deduced <effects>." followed by
/// the rule's own `explain` text when it has one. Never the rule's syntax.
std::string rule_sentence(const Knowledge& k, const Rule& r, Lang lang);
/// `text` between quotes of the language: “text” or « text ».
std::string quoted(std::string_view text, Lang lang);

}  // namespace diagdesk::engine

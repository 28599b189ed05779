// Saying it in words: fact values, placeholders, commands per OS, rules as
// sentences, and a whole transcript with no placeholder and no rule syntax.
#include "fixture.hpp"

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/wording.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

const char* facts = R"(schema_version = 1
[facts.os]
type = "enum"
values = ["windows11", "linux", "android"]
label = { fr = "Système", en = "Operating system" }
labels.windows11 = { fr = "Windows 11", en = "Windows 11" }
[facts.locked]
type = "bool"
label = { fr = "Compte verrouillé", en = "Account locked" }
[facts.user_name]
type = "text"
label = { fr = "Identifiant", en = "Login name" }
[facts.state]
type = "enum"
values = ["locked_out", "fine"]
label = { fr = "État du compte", en = "Account state" }
)";

const char* tree = R"(schema_version = 1
id = "t.acct"
domain = "directory"
competency = 6
start = "a_user"
title = { fr = "Compte", en = "Account" }
symptoms = { fr = ["compte"], en = ["account"] }

[[nodes]]
id = "a_user"
kind = "action"
text = { fr = "Saisissez l'identifiant.", en = "Type the login name." }
input = "user_name"
next = "a_check"

[[nodes]]
id = "a_check"
kind = "action"
text = { fr = "Vérifiez le compte {user_name|<identifiant>}.", en = "Check account {user_name|<login>}." }
commands = [
  { os = "windows", cmd = "Get-ADUser {user_name|<login>} -Properties LockedOut" },
  { os = "linux", cmd = "id {user_name|<login>}" },
  { os = "macos", cmd = "id {user_name}" },
]
  [[nodes.choices]]
  id = "locked"
  label = { fr = "Verrouillé", en = "Locked" }
  set = { state = "locked_out" }
  next = "c_unlock"
  [[nodes.choices]]
  id = "fine"
  label = { fr = "Normal", en = "Fine" }
  set = { state = "fine" }
  next = "c_unlock"

[[nodes]]
id = "c_unlock"
kind = "conclusion"
diagnosis = { fr = "Compte {user_name} verrouillé.", en = "Account {user_name} locked." }
remedy = [ { fr = "Déverrouiller {user_name}.", en = "Unlock {user_name}." } ]
outcome = "resolved"
articles = ["dir.unlock"]
warnings = [ { kind = "security", text = { fr = "Vérifiez l'identité de {user_name}.", en = "Verify {user_name}'s identity." } } ]
)";

const char* rules = R"(schema_version = 1
[[rules]]
id = "r.locked"
when = [ { fact = "state", op = "eq", value = "locked_out" } ]
assert = { locked = true }
)";

struct Kb {
  test::TempDir dir;
  std::shared_ptr<const Knowledge> k;
  Kb() {
    dir.write("facts/f.toml", facts);
    dir.write("trees/t.acct.toml", tree);
    dir.write("rules/r.toml", rules);
    auto loaded = load_knowledge({dir.path()});
    for (const auto& d : loaded.diagnostics) MESSAGE(d.message);
    REQUIRE(loaded.diagnostics.empty());
    k = loaded.knowledge;
  }
};

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("boolean and enum facts are shown in words in both languages") {
  Kb kb;
  CHECK(fact_value_text(*kb.k, "locked", "true", Lang::fr) == "oui");
  CHECK(fact_value_text(*kb.k, "locked", "false", Lang::en) == "no");
  CHECK(fact_value_text(*kb.k, "os", "windows11", Lang::fr) == "Windows 11");
  // No label: the choice that sets the value speaks for it.
  CHECK(fact_value_text(*kb.k, "state", "locked_out", Lang::fr) == "Verrouillé");
  CHECK(fact_value_text(*kb.k, "state", "fine", Lang::en) == "Fine");
  CHECK(fact_phrase(*kb.k, "locked", "true", Lang::fr) == "Compte verrouillé : oui");
  CHECK(fact_phrase(*kb.k, "locked", "true", Lang::en) == "Account locked: yes");
}

TEST_CASE("placeholders take the typed value, else their default") {
  Kb kb;
  FactMap none;
  CHECK(fill_placeholders("id {user_name|<login>}", none, *kb.k, Lang::en) == "id <login>");
  CHECK(fill_placeholders("id {user_name}", none, *kb.k, Lang::en) == "id <user_name>");
  FactMap known{{"user_name", FactValue{"mdupont"}}, {"locked", FactValue{"true"}}};
  CHECK(fill_placeholders("id {user_name|<login>}", known, *kb.k, Lang::en) == "id mdupont");
  CHECK(fill_placeholders("verrouillé : {locked}", known, *kb.k, Lang::fr) == "verrouillé : oui");
  // Shell braces and undeclared names are left alone.
  CHECK(fill_placeholders("Where-Object { $_.x } {nope} @{a=1}", known, *kb.k, Lang::en) ==
        "Where-Object { $_.x } {nope} @{a=1}");
  CHECK(placeholder_names("a {user_name|x} b {nope} { $_ }") == std::vector<std::string>{"user_name", "nope"});
}

TEST_CASE("the linter reports a placeholder naming an undeclared fact") {
  Kb kb;
  std::vector<Diagnostic> out;
  lint(*kb.k, out);
  CHECK(std::none_of(out.begin(), out.end(), [](const Diagnostic& d) { return d.code == "text.placeholder"; }));
  test::TempDir dir;
  dir.write("facts/f.toml", facts);
  std::string bad = tree;
  bad.replace(bad.find("id {user_name}"), 14, "id {user_nmae}");
  dir.write("trees/t.acct.toml", bad);
  auto loaded = load_knowledge({dir.path()});
  out.clear();
  lint(*loaded.knowledge, out);
  CHECK(std::any_of(out.begin(), out.end(), [](const Diagnostic& d) {
    return d.code == "text.placeholder" && has(d.message, "user_nmae");
  }));
}

TEST_CASE("the known OS's commands come first and the others are folded") {
  Kb kb;
  SUBCASE("unknown OS shows every command") {
    Session s(kb.k, "t.acct");
    s.answer("mdupont");
    CHECK(s.step().commands.size() == 3);
    CHECK(s.step().other_commands.empty());
    CHECK(s.step().commands_os.empty());
  }
  SUBCASE("windows11 shows the windows command only") {
    Session s(kb.k, "t.acct", {{"os", "windows11"}}, Lang::fr);
    s.answer("mdupont");
    REQUIRE(s.step().commands.size() == 1);
    CHECK(s.step().commands[0].cmd == "Get-ADUser mdupont -Properties LockedOut");
    CHECK(s.step().other_commands.size() == 2);
    CHECK(s.step().commands_os == "windows11");
  }
  SUBCASE("a phone gets no command, all are folded") {
    Session s(kb.k, "t.acct", {{"os", "android"}});
    s.answer("mdupont");
    CHECK(s.step().commands.empty());
    CHECK(s.step().other_commands.size() == 3);
  }
}

TEST_CASE("a session whose typed values are known has no placeholder and no rule syntax in its transcript") {
  Kb kb;
  for (Lang lang : {Lang::fr, Lang::en}) {
    CAPTURE(std::string(lang_code(lang)));
    Session s(kb.k, "t.acct", {{"os", "linux"}}, lang);
    s.answer("mdupont");
    CHECK(s.step().text == (lang == Lang::fr ? "Vérifiez le compte mdupont." : "Check account mdupont."));
    s.answer("locked");
    REQUIRE(s.concluded());
    CHECK(has(s.step().diagnosis, "mdupont"));
    const std::string md = render_report(s, lang, ReportInfo{"Chloé", "", 1700000000});
    std::string how;
    for (const auto& l : s.how(lang)) how += l.text + "\n";
    for (const std::string& text : {md, how}) {
      for (const char* bad : {"<login>", "<identifiant>", "{user_name", " eq ", "= true", "locked_out", "r.locked", "[car", "[because"}) {
        CHECK_MESSAGE(!has(text, bad), (std::string(bad) + " in:\n" + text));
      }
      CHECK(has(text, "mdupont"));
    }
    CHECK(has(md, "id mdupont"));
    CHECK(has(md, lang == Lang::fr ? "2 commandes pour d'autres systèmes, non affichées" : "2 commands for other systems, not shown"));
    CHECK(has(how, lang == Lang::fr ? "Puisque État du compte : Verrouillé, on en déduit Compte verrouillé : oui."
                                    : "Since Account state: Locked, deduced Account locked: yes."));
    // The warning shown at the conclusion is kept, the remedy is only proposed.
    CHECK(has(md, lang == Lang::fr ? "Vérifiez l'identité de mdupont." : "Verify mdupont's identity."));
    CHECK(has(md, lang == Lang::fr ? "Solution proposée" : "Proposed remedy"));
    CHECK(has(md, lang == Lang::fr ? "(proposé, non confirmé)" : "(proposed, not confirmed)"));
    const std::string done = render_report(s, lang, ReportInfo{"Chloé", "", 1700000000, {true}});
    CHECK(has(done, lang == Lang::fr ? "Solution appliquée" : "Remedy applied"));
    CHECK(has(done, lang == Lang::fr ? "(fait)" : "(done)"));
  }
}

TEST_CASE("generated French text puts a space before double punctuation") {
  Kb kb;
  Session s(kb.k, "t.acct", {{"os", "linux"}}, Lang::fr);
  s.answer("mdupont");
  s.answer("locked");
  std::string all = render_report(s, Lang::fr, ReportInfo{"Chloé", "", 1700000000});
  for (const auto& l : s.how(Lang::fr)) all += l.text + "\n";
  for (std::size_t i = 1; i < all.size(); ++i) {
    const char c = all[i];
    if ((c == ':' || c == ';' || c == '?' || c == '!') && all[i - 1] != ' ' && all[i - 1] != '\n') {
      // Times (12:30:00) and commands are not prose.
      const bool digit = all[i - 1] >= '0' && all[i - 1] <= '9';
      CHECK_MESSAGE(digit, all.substr(i > 30 ? i - 30 : 0, 60));
    }
  }
}

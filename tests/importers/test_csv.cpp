// The CSV reader (csv.hpp).
#include <diagdesk/importers/csv.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("parse_csv follows RFC 4180") {
  struct Row {
    const char* what;
    const char* text;
    char separator;
    std::vector<std::vector<std::string>> records;
    std::vector<int> lines;
  };
  const Row rows[] = {
      {"simple", "a,b\n1,2\n", ',', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"no final newline", "a,b\n1,2", ',', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"quoted separator and doubled quote", "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", ',',
       {{"a", "b"}, {"x, y", "say \"hi\""}}, {1, 2}},
      {"quoted newline keeps the record whole; next record's line is right", "a,b\n\"line1\nline2\",z\nq,r\n", ',',
       {{"a", "b"}, {"line1\nline2", "z"}, {"q", "r"}}, {1, 2, 4}},
      {"semicolons (French spreadsheets)", "nom;réponse\nA;B\n", ';', {{"nom", "réponse"}, {"A", "B"}}, {1, 2}},
      {"tabs", "a\tb\n1\t2\n", '\t', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"blank lines skipped", "a\n\n1\n", ',', {{"a"}, {"1"}}, {1, 3}},
      {"empty fields", "a,b,c\n,,\n", ',', {{"a", "b", "c"}, {"", "", ""}}, {1, 2}},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    CsvTable t = parse_csv(row.text);
    CHECK(t.error.empty());
    CHECK(t.separator == row.separator);
    REQUIRE(t.records.size() == row.records.size());
    for (std::size_t i = 0; i < t.records.size(); ++i) {
      CHECK(t.records[i].fields == row.records[i]);
      CHECK(t.records[i].line == row.lines[i]);
    }
  }
}

TEST_CASE("parse_csv reports an unterminated quote where it opened") {
  CsvTable t = parse_csv("a,b\n1,2\n3,\"never closed\n4,5\n");
  CHECK(t.records.size() == 2);
  CHECK(!t.error.empty());
  CHECK(t.error_line == 3);
  CHECK(t.error_column == 3);
}

TEST_CASE("read_csv: a GLPI export, one article per row, HTML answers converted") {
  const char* csv =
      "id;name;answer;category;date\n"
      "12;Imprimante hors ligne;\"<p>V&eacute;rifier le <b>c&acirc;ble</b>.</p>\n<ul><li>Red&eacute;marrer</li></ul>\";"
      "Matériel > Imprimantes;2024-02-03 10:22:33\n"
      "13;VPN : erreur 809;\"&lt;p&gt;Ouvrir le port &lt;code&gt;UDP 500&lt;/code&gt;&lt;/p&gt;\";Réseau;15/01/2024\n";
  ReadResult r = read_csv({"glpi.csv", csv}, {});
  CHECK(r.diagnostics.empty());
  REQUIRE(r.drafts.size() == 2);
  const auto& a = r.drafts[0];
  CHECK(a.key == "12");
  CHECK(a.line == 2);
  CHECK(a.article.title == "Imprimante hors ligne");
  CHECK(a.article.body == "Vérifier le **câble**.\n\n- Redémarrer\n");
  CHECK(a.article.tags == std::vector<std::string>{"matériel", "imprimantes"});
  REQUIRE(a.article.updated);
  CHECK(diagdesk::kb::to_string(*a.article.updated) == "2024-02-03");
  // Entity-escaped HTML (as GLPI stores it) is decoded first.
  CHECK(r.drafts[1].article.body == "Ouvrir le port `UDP 500`\n");
  REQUIRE(r.drafts[1].article.updated);
  CHECK(diagdesk::kb::to_string(*r.drafts[1].article.updated) == "2024-01-15");
}

TEST_CASE("read_csv: missing and extra columns, empty titles, quoted newlines") {
  const char* csv =
      "name,answer,category,date\n"
      "A,\"multi\nline\",cat,2024-01-01\n"    // line 2-3: quoted newline
      "B,body b\n"                             // line 4: category and date missing: warning
      "C\n"                                    // line 5: answer missing: row not imported
      "D,body d,cat,2024-01-01,extra\n"        // line 6: extra field: warning
      ",no title,cat,2024-01-01\n";            // line 7: empty title: row not imported
  ReadResult r = read_csv({"kb.csv", csv}, {});
  REQUIRE(r.drafts.size() == 3);
  CHECK(r.drafts[0].article.body == "multi\nline\n");
  CHECK(r.drafts[1].line == 4);
  CHECK(r.drafts[2].article.title == "D");
  int errors = 0, warnings = 0;
  for (const auto& d : r.diagnostics) {
    CAPTURE(d.message);
    if (d.severity == diagdesk::kb::Severity::error) {
      ++errors;
      CHECK((d.line == 5 || d.line == 7));
    } else {
      ++warnings;
      CHECK((d.line == 4 || d.line == 6));
    }
  }
  CHECK(errors == 2);
  CHECK(warnings == 2);
  CHECK(r.diagnostics[0].message.find("missing 'category', 'date'") != std::string::npos);
}

TEST_CASE("read_csv: --map names columns, by name or number") {
  const char* csv = "Sujet,Texte,Quand\nWi-Fi lent,Changer de canal,2024-05-06\n";
  SUBCASE("by name, any case or accents") {
    CsvMapping m{{{"title", "sujet"}, {"body", "Texte"}, {"date", "QUAND"}}};
    ReadResult r = read_csv({"x.csv", csv}, m);
    REQUIRE(r.drafts.size() == 1);
    CHECK(r.drafts[0].article.title == "Wi-Fi lent");
    CHECK(r.drafts[0].article.updated.has_value());
  }
  SUBCASE("by number") {
    CsvMapping m{{{"title", "1"}, {"body", "2"}}};
    ReadResult r = read_csv({"x.csv", csv}, m);
    REQUIRE(r.drafts.size() == 1);
    CHECK(r.drafts[0].article.body == "Changer de canal\n");
  }
  SUBCASE("a column that does not exist") {
    CsvMapping m{{{"title", "Subject"}}};
    ReadResult r = read_csv({"x.csv", csv}, m);
    CHECK(r.drafts.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("'Subject'") != std::string::npos);
    CHECK(r.diagnostics[0].message.find("'Sujet', 'Texte', 'Quand'") != std::string::npos);
  }
  SUBCASE("a column number too big for any integer is a column that does not exist") {
    // Found by reading the mapping code for the fuzzing work: std::stoul threw out_of_range out of read_csv.
    CsvMapping m{{{"title", "99999999999999999999999999"}, {"body", "2"}}};
    ReadResult r = read_csv({"x.csv", csv}, m);
    CHECK(r.drafts.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("'99999999999999999999999999'") != std::string::npos);
  }
  SUBCASE("an unknown field") {
    ReadResult r = read_csv({"x.csv", csv}, CsvMapping{{{"colour", "Sujet"}}});
    CHECK(r.drafts.empty());
    REQUIRE(r.diagnostics.size() == 1);
  }
  SUBCASE("no title column and no mapping") {
    ReadResult r = read_csv({"x.csv", "Q,A,When\nq,a,2024-01-01\n"}, {});
    CHECK(r.drafts.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("--map title=COLUMN") != std::string::npos);
  }
}

TEST_CASE("read_csv: repeated titles get distinct keys, an unterminated quote stops the rows") {
  ReadResult r = read_csv({"x.csv", "name,answer\nSame,a\nSame,b\nOther,\"open\n"}, {});
  REQUIRE(r.drafts.size() == 2);
  CHECK(r.drafts[0].key == "same");
  CHECK(r.drafts[1].key == "same-2");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "csv.syntax");
  CHECK(r.diagnostics[0].line == 4);
}

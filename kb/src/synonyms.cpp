// Reading data/synonyms.toml.

#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/synonyms.hpp>
#include <diagdesk/kb/text.hpp>

#include <toml++/toml.h>

#include <map>

namespace diagdesk::kb {

SynonymsResult parse_synonyms(const std::filesystem::path& path, std::string_view text) {
  SynonymsResult r;
  const std::string file = path.string();
  auto report = [&](Severity s, const char* code, const toml::source_region& where, std::string msg) {
    r.diagnostics.push_back({s, code, file, static_cast<int>(where.begin.line),
                             static_cast<int>(where.begin.column), std::move(msg)});
  };
  if (find_invalid_utf8(text) != std::string_view::npos) {
    r.diagnostics.push_back({Severity::error, "utf8.invalid", file, 0, 0, "invalid UTF-8"});
    return r;
  }
  toml::table tbl;
  try {
    tbl = toml::parse(text, std::string_view{file});
  } catch (const toml::parse_error& e) {
    report(Severity::error, "toml.syntax", e.source(), "TOML syntax: " + std::string(e.description()));
    return r;
  }
  // Integers only: toml++ 3.3's value<int64_t>() on a float casts out of range (undefined) before checking.
  if (auto v = tbl["schema_version"].is_integer() ? tbl["schema_version"].value<std::int64_t>() : std::nullopt; !v) {
    r.diagnostics.push_back({Severity::warning, "schema.missing", file, 1, 1,
                             "no schema_version; assuming 1"});
  } else if (*v > 1) {
    report(Severity::error, "schema.too_new", tbl["schema_version"].node()->source(),
           "schema_version " + std::to_string(*v) + " is newer than this program reads (1)");
    return r;
  }
  std::map<std::string, int> seen;  // folded term -> line of its first group
  for (auto&& [key, value] : tbl) {
    if (key.str() == "schema_version") continue;
    if (key.str() != "group") {
      report(Severity::warning, "field.unknown", key.source(),
             "unknown key '" + std::string(key.str()) + "' (ignored)");
      continue;
    }
    const toml::array* groups = value.as_array();
    if (!groups || !groups->is_array_of_tables()) {
      report(Severity::error, "field.type", value.source(), "'group' must be written [[group]]");
      continue;
    }
    for (const auto& g : *groups) {
      const toml::table& t = *g.as_table();
      SynonymGroup group;
      group.line = static_cast<int>(t.source().begin.line);
      for (auto&& [gk, gv] : t) {
        if (gk.str() == "note") continue;  // free comment for authors
        if (gk.str() != "terms") {
          report(Severity::warning, "field.unknown", gk.source(),
                 "unknown key '" + std::string(gk.str()) + "' in a group (ignored)");
          continue;
        }
        const toml::array* terms = gv.as_array();
        if (!terms) {
          report(Severity::error, "field.type", gv.source(), "'terms' must be an array of strings");
          continue;
        }
        for (const auto& term : *terms) {
          auto s = term.value<std::string>();
          if (!s || s->find_first_not_of(" \t") == std::string::npos) {
            report(Severity::error, "field.value", term.source(), "a term must be a non-empty string");
            continue;
          }
          std::string key_folded = fold(*s);
          if (auto [it, fresh] = seen.emplace(key_folded, group.line); !fresh)
            report(Severity::warning, "synonym.duplicate", term.source(),
                   "'" + *s + "' is already in the group of line " + std::to_string(it->second));
          group.terms.push_back(*s);
        }
      }
      if (group.terms.size() < 2) {
        report(Severity::warning, "field.value", t.source(),
               "a group needs at least two terms (ignored)");
        continue;
      }
      r.synonyms.groups.push_back(std::move(group));
    }
  }
  return r;
}

SynonymsResult load_synonyms(const std::filesystem::path& path) {
  std::string text;
  if (FileStatus s = read_file(path, text); !s) {
    SynonymsResult r;
    r.diagnostics.push_back({Severity::error, "io.read", path.string(), 0, 0, s.message});
    return r;
  }
  return parse_synonyms(path, text);
}

}  // namespace diagdesk::kb

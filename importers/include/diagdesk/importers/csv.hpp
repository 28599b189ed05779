#pragma once
/// The CSV reader: one article per row, e.g. a GLPI knowledge-base export.
///
/// Parsing follows RFC 4180 (quoted fields may hold separators, doubled
/// quotes and newlines); the separator is guessed from the header line
/// (',' ';' or tab, outside quotes). The first row names the columns.
///
/// Column mapping, by field (names compared without case or accents):
///   title    <- name, title, titre, subject, sujet, nom
///   body     <- answer, content, contenu, body, reponse, text, description
///   category <- category, categorie, knowbaseitemcategories, categories
///   date     <- date, date_mod, updated, date_modification, last_update
///   id       <- id, ref, reference        (optional: stable ids from it)
///   tags     <- tags, keywords, mots-cles (optional; split on , ;)
///   lang     <- lang, language, langue    (optional)
/// `--map field=column` (CsvMapping) replaces a default. The body is HTML
/// when it contains tags (GLPI stores HTML, sometimes entity-escaped) and is
/// converted to Markdown; otherwise it is text. Categories become tags
/// (GLPI's "Réseau > Wi-Fi" gives "réseau" and "wi-fi").

#include <diagdesk/importers/source.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers {

/// One parsed record: its fields and the line it starts on.
struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;
};

/// The records of a CSV text, or the first syntax error (`error` set, with
/// `error_line`/`error_column`); records before the error are kept.
struct CsvTable {
  char separator = ',';
  std::vector<CsvRecord> records;
  std::string error;
  int error_line = 0;
  int error_column = 0;
};

/// Splits CSV text into records. `separator` 0 means: guess from the first line.
CsvTable parse_csv(std::string_view text, char separator = 0);

/// Reads a CSV file: one draft per row with a title and a body. Rows with
/// missing columns, extra columns, or an empty title or body are reported
/// with their line (warnings when the article is still usable, errors
/// when not); an unknown column in `mapping` or a header without a title
/// or body column is an error for the whole file.
ReadResult read_csv(const SourceText& source, const CsvMapping& mapping);

}  // namespace diagdesk::importers

#pragma once
/// The intervention report (fiche d'intervention) as a neutral document:
/// plain strings already translated by the caller, no engine type. Rendered
/// as Markdown (render_markdown) or as an A4 PDF with cairo + pango
/// (render_pdf).
///
///     ReportDocument doc;
///     doc.title = "Fiche d'intervention";
///     doc.fields.push_back({"Numéro", "INC-2026-00042"});
///     std::string err = render_pdf(doc, "/tmp/fiche.pdf");   // "" when written
#include <filesystem>
#include <string>
#include <vector>

namespace diagdesk::service {

/// The service centre printed in the report header (data/service/centre.toml,
/// later layers win key by key).
struct Centre {
  std::string name;     ///< e.g. « Centre de services »
  std::string address;  ///< may hold several lines separated by '\n'
  std::string phone;
  std::string email;
};

/// Loads centre.toml files in layer order; a later file overrides each key it
/// sets. A key is a string or a table `{ fr = "...", en = "..." }`, of which
/// `lang` ("fr" or "en") picks one. Missing or unusable files are skipped.
Centre load_centre(const std::vector<std::filesystem::path>& files, const std::string& lang);

/// One labelled row: "Numéro : INC-2026-00042".
struct ReportField {
  std::string label;
  std::string value;
};

/// How a section's items are printed.
enum class ListStyle { none, bulleted, numbered };

/// A table: a header row, then rows of the same number of cells. The first
/// column is left-aligned, the others right-aligned (amounts); `widths` are
/// shares of the page width, one per column (empty: equal). Rows in
/// `bold_rows` (0-based) are printed in bold (totals).
struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;
  std::vector<std::size_t> bold_rows;
};

/// A titled section: paragraphs, then items (bulleted or numbered), then
/// tables. When `ruled_lines` > 0 and it has no paragraph and no item, that
/// many empty ruled lines are printed for the technician to fill by hand.
struct ReportSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::string> items;
  ListStyle style = ListStyle::bulleted;
  int ruled_lines = 0;
  std::vector<ReportTable> tables;
};

/// A signature box: who signs, and the labels of its name and date lines.
struct SignatureBox {
  std::string heading;     ///< e.g. « Le technicien »
  std::string name_label;  ///< e.g. « Nom »
  std::string name;        ///< pre-filled name, may be empty
  std::string date_label;  ///< e.g. « Date »
  std::string signature_label;  ///< e.g. « Signature »
};

/// The whole report, every label already in the reader's language.
struct ReportDocument {
  std::string title;
  Centre centre;
  std::string lang = "fr";         ///< "fr" or "en": PDF language metadata
  std::vector<ReportField> fields;
  std::vector<ReportSection> sections;
  std::vector<SignatureBox> signatures;
  std::string page_label = "Page";  ///< footer: "<page_label> N / M"
  std::string colon = " : ";        ///< between label and value (" : " fr, ": " en)
};

/// The report as Markdown (headings, a two-column field table, lists,
/// signature blocks with lines to fill).
std::string render_markdown(const ReportDocument& doc);

/// Writes the report as an A4 PDF to `file`, atomically (temporary file in the
/// same folder, then rename). Refuses a symlink or a non-regular target.
/// Returns "" on success, else an English error sentence naming the file.
std::string render_pdf(const ReportDocument& doc, const std::filesystem::path& file);

}  // namespace diagdesk::service

// The intervention report as Markdown.
#include <diagdesk/service/report.hpp>

#include <algorithm>
#include <sstream>

namespace diagdesk::service {

namespace {

/// Escapes the characters that would break a table cell.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_markdown(const ReportDocument& doc) {
  std::ostringstream md;
  md << "# " << doc.title << "\n\n";
  const Centre& c = doc.centre;
  if (!c.name.empty()) md << "**" << c.name << "**  \n";
  std::istringstream addr(c.address);
  for (std::string line; std::getline(addr, line);) md << line << "  \n";
  if (!c.phone.empty()) md << c.phone << "  \n";
  if (!c.email.empty()) md << c.email << "  \n";
  md << "\n";
  if (!doc.fields.empty()) {
    md << "| | |\n|---|---|\n";
    for (const auto& f : doc.fields) md << "| **" << cell(f.label) << "** | " << cell(f.value) << " |\n";
    md << "\n";
  }
  for (const auto& s : doc.sections) {
    md << "## " << s.heading << "\n\n";
    for (const auto& p : s.paragraphs) md << p << "\n\n";
    int n = 0;
    for (const auto& item : s.items) {
      if (s.style == ListStyle::numbered) md << ++n << ". ";
      else if (s.style == ListStyle::bulleted) md << "- ";
      md << item << "\n";
    }
    if (!s.items.empty()) md << "\n";
    for (const auto& t : s.tables) {
      auto row = [&](const std::vector<std::string>& cells, bool bold) {
        md << "|";
        for (const auto& c2 : cells) md << " " << (bold && !c2.empty() ? "**" + cell(c2) + "**" : cell(c2)) << " |";
        md << "\n";
      };
      row(t.header, false);
      md << "|";
      for (std::size_t i = 0; i < t.header.size(); ++i) md << (i == 0 ? "---|" : "---:|");
      md << "\n";
      for (std::size_t r = 0; r < t.rows.size(); ++r)
        row(t.rows[r], std::find(t.bold_rows.begin(), t.bold_rows.end(), r) != t.bold_rows.end());
      md << "\n";
    }
    if (s.paragraphs.empty() && s.items.empty())
      for (int i = 0; i < s.ruled_lines; ++i) md << "________________________________________________________________\n\n";
  }
  for (const auto& sig : doc.signatures) {
    md << "### " << sig.heading << "\n\n";
    md << sig.name_label << doc.colon << (sig.name.empty() ? "______________________________" : sig.name) << "  \n";
    md << sig.date_label << doc.colon << "______________________________  \n";
    md << sig.signature_label << doc.colon << "\n\n\n";
  }
  return md.str();
}

}  // namespace diagdesk::service

// The plain-text reader.
#include <diagdesk/importers/text.hpp>

#include "md_build.hpp"

#include <cctype>

namespace diagdesk::importers {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool underline(std::string_view t) {
  return t.size() >= 3 && (t.find_first_not_of('=') == std::string_view::npos ||
                           t.find_first_not_of('-') == std::string_view::npos);
}

// One line of text made safe for Markdown: leading block marks and HTML-like
// tags escaped; indentation kept (four spaces make a code block, as intended
// by text authors who indent commands).
std::string text_line(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
  std::string_view rest = line.substr(indent);
  std::string out(line.substr(0, indent));
  if (indent >= 4) return out + std::string(rest);
  // Lists ("- item", "1. item") are kept: they read the same in Markdown.
  bool list = (rest.size() > 1 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ');
  std::size_t d = 0;
  while (d < rest.size() && std::isdigit(static_cast<unsigned char>(rest[d]))) ++d;
  if (d && d + 1 < rest.size() && (rest[d] == '.' || rest[d] == ')') && rest[d + 1] == ' ') list = true;
  if (list) {
    std::size_t skip = rest[0] == '-' || rest[0] == '*' || rest[0] == '+' ? 2 : d + 2;
    return out + std::string(rest.substr(0, skip)) + md::escape(rest.substr(skip));
  }
  std::string esc = md::escape(rest);
  if (!esc.empty() && (esc[0] == '#' || esc[0] == '>' || esc[0] == '=' || esc.starts_with("---")))
    esc.insert(0, "\\");
  return out + esc;
}

}  // namespace

ReadResult read_text(const SourceText& source) {
  ReadResult r;
  const std::string& text = source.text;
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    lines.push_back(std::string_view(text).substr(pos, eol - pos));
    pos = eol + 1;
  }
  std::size_t i = 0;
  while (i < lines.size() && trim(lines[i]).empty()) ++i;
  if (i == lines.size()) {
    r.diagnostics.push_back({kb::Severity::error, "content.empty", source.path.string(), 0, 0,
                             "no text to import (only blank lines)"});
    return r;
  }
  Draft d;
  std::string first = trim(lines[i]);
  // A long first line is a paragraph, not a title.
  bool title_line = first.size() <= 150;
  if (title_line) {
    d.article.title = first;
    ++i;
    if (i < lines.size() && underline(trim(lines[i]))) ++i;
  }
  std::string body;
  for (; i < lines.size(); ++i) {
    body += text_line(lines[i]);
    body += '\n';
  }
  d.article.body = md::tidy(body);
  if (!d.article.title.empty()) d.article.body = md::join_blocks({md::heading(1, md::escape(d.article.title)), d.article.body});
  d.article.body = md::tidy(d.article.body);
  r.drafts.push_back(std::move(d));
  return r;
}

}  // namespace diagdesk::importers

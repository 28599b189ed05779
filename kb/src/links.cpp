// Links between articles, and the ones that lead nowhere.
#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/links.hpp>

namespace diagdesk::kb {
namespace {

int column_of(std::string_view line, std::size_t byte) {
  int col = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

// A fence line: up to three spaces, then ``` or ~~~.
bool is_fence(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  return line.substr(i).starts_with("```") || line.substr(i).starts_with("~~~");
}

// The target starting at `p` (after "](" or "]:"), as written: `<...>` or up
// to white space or ')'.
std::string_view target_at(std::string_view line, std::size_t& p) {
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  if (p < line.size() && line[p] == '<') {
    std::size_t e = line.find('>', ++p);
    return line.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
  }
  std::size_t e = p;
  while (e < line.size() && line[e] != ')' && line[e] != ' ' && line[e] != '\t') ++e;
  return line.substr(p, e - p);
}

void add(std::vector<ArticleLink>& out, std::string_view target, std::string_view line, std::size_t at, int line_no) {
  if (!target.starts_with(article_scheme)) return;
  target.remove_prefix(article_scheme.size());
  target = target.substr(0, target.find_first_of("#?"));
  out.push_back({std::string(target), line_no, column_of(line, at)});
}

const char* language_name(std::string_view lang) { return lang == "fr" ? "French" : "English"; }

}  // namespace

std::vector<ArticleLink> article_links(std::string_view text, std::size_t from) {
  std::vector<ArticleLink> out;
  int line_no = 1;
  for (std::size_t i = 0; i < from && i < text.size(); ++i) line_no += text[i] == '\n';
  bool fenced = false;
  std::size_t pos = std::min(from, text.size());
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (is_fence(line)) {
      fenced = !fenced;
    } else if (!fenced) {
      // A reference definition: "[ref]: target".
      std::size_t s = line.find_first_not_of(' ');
      if (s != std::string_view::npos && s < 4 && line[s] == '[') {
        std::size_t close = line.find("]:", s);
        if (close != std::string_view::npos) {
          std::size_t p = close + 2;
          std::string_view t = target_at(line, p);
          add(out, t, line, p, line_no);
        }
      }
      // Inline links and images, outside code spans.
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '`') {
          std::size_t stop = line.find_first_not_of('`', i);
          std::size_t run = (stop == std::string_view::npos ? line.size() : stop) - i;
          std::size_t end = line.find(std::string(run, '`'), i + run);
          if (end == std::string_view::npos) break;
          i = end + run - 1;
          continue;
        }
        if (line[i] == ']' && i + 1 < line.size() && line[i + 1] == '(') {
          std::size_t p = i + 2;
          std::string_view t = target_at(line, p);
          add(out, t, line, p, line_no);
        }
      }
    }
    ++line_no;
  }
  return out;
}

std::vector<Diagnostic> check_article_links(const KbContents& checked, const KbContents& known) {
  std::vector<Diagnostic> out;
  auto exists = [&](const std::string& id) { return checked.find_id(id) || known.find_id(id); };
  for (const Article& a : checked.articles) {
    if (a.body.find(article_scheme) == std::string::npos) continue;
    std::string text;
    if (!read_file(a.path, text)) continue;
    // The body starts after the closing "+++" of the front matter.
    std::size_t body = 0;
    if (text.starts_with("+++")) {
      std::size_t close = text.find("\n+++", 3);
      body = close == std::string::npos ? text.size() : close + 4;
    }
    for (const ArticleLink& l : article_links(text, body)) {
      const std::string where = a.id + " links to 'article:" + l.target + "'";
      std::string lang = lang_of(l.target);
      if (lang == "fr" || lang == "en") {
        if (exists(l.target)) continue;
        std::string other = topic_of(l.target) + (lang == "fr" ? ".en" : ".fr");
        if (exists(other)) {
          out.push_back({Severity::warning, "link.wrong_language", a.path.string(), l.line, l.column,
                         where + ": there is no " + language_name(lang) + " article of that topic, only the " +
                             language_name(lang_of(other)) + " '" + other + "'; link to it or translate it"});
          continue;
        }
      } else if (exists(l.target + ".fr") || exists(l.target + ".en")) {
        continue;  // a topic: either language will do
      }
      out.push_back({Severity::error, "link.dangling", a.path.string(), l.line, l.column,
                     where + ", an article that exists in no language (French or English)"});
    }
  }
  return out;
}

}  // namespace diagdesk::kb

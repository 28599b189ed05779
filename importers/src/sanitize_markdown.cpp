// sanitize_markdown: imported Markdown keeps no raw HTML and no link or
// image the allow-list refuses (sanitize.hpp).
//
// The pass errs on the side of escaping: a region is kept verbatim only when
// every CommonMark reader would see code there (a fence at the start of a
// line, a code span on one line); anywhere else a '<' that could open a tag
// is turned into Markdown, dropped or escaped.
//
// [SECTION] Tags
// [SECTION] Links
// [SECTION] The pass

#include <diagdesk/importers/sanitize.hpp>

#include "md_build.hpp"

#include <cctype>

namespace diagdesk::importers {
namespace {

bool alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Elements dropped with what they hold (their content is code, not text).
bool drops_content(std::string_view n) {
  for (std::string_view d : {"script", "style", "iframe", "object", "embed", "applet", "frame", "frameset",
                             "noframes", "noembed", "noscript", "template", "textarea", "title", "xmp", "svg",
                             "math", "select", "head", "audio", "video", "canvas"})
    if (n == d) return true;
  return false;
}

// [SECTION] Tags --------------------------------------------------------------

struct Tag {
  std::string name;  ///< lower case
  bool closing = false;
  std::string href, src, alt;
  std::size_t end = 0;  ///< just after '>'
};

// Parses an HTML tag at s[i] == '<' (names, attributes, quoted values that may
// hold '>' or new lines); false when it is not one.
bool parse_tag(std::string_view s, std::size_t i, Tag& t) {
  std::size_t k = i + 1;
  if (k < s.size() && s[k] == '/') {
    t.closing = true;
    ++k;
  }
  if (k >= s.size() || !alpha(s[k])) return false;
  while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '-' || s[k] == ':'))
    t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k++])));
  const std::size_t limit = std::min(s.size(), i + 8192);
  while (k < limit) {
    char c = s[k];
    if (c == '>') {
      t.end = k + 1;
      return true;
    }
    if (c == '<') return false;
    if (std::isspace(static_cast<unsigned char>(c)) || c == '/') {
      ++k;
      continue;
    }
    std::string attr;
    while (k < limit && !std::isspace(static_cast<unsigned char>(s[k])) && s[k] != '=' && s[k] != '>' && s[k] != '/' && s[k] != '<')
      attr += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k++])));
    std::string value;
    std::size_t v = k;
    while (v < limit && (s[v] == ' ' || s[v] == '\t' || s[v] == '\n')) ++v;
    if (v < limit && s[v] == '=') {
      ++v;
      while (v < limit && (s[v] == ' ' || s[v] == '\t' || s[v] == '\n')) ++v;
      if (v < limit && (s[v] == '"' || s[v] == '\'')) {
        std::size_t close = s.find(s[v], v + 1);
        if (close == std::string_view::npos || close >= limit) return false;
        value = std::string(s.substr(v + 1, close - v - 1));
        k = close + 1;
      } else {
        std::size_t b = v;
        while (v < limit && !std::isspace(static_cast<unsigned char>(s[v])) && s[v] != '>') ++v;
        value = std::string(s.substr(b, v - b));
        k = v;
      }
    }
    if (attr.empty()) return false;
    if (attr == "href") t.href = value;
    else if (attr == "src") t.src = value;
    else if (attr == "alt") t.alt = value;
  }
  return false;
}

// [SECTION] Links ---------------------------------------------------------------

// Parses "(dest "title")" at s[i] == '('; returns the position after ')' and
// the destination with backslash escapes removed, or npos.
std::size_t parse_inline_target(std::string_view s, std::size_t i, std::string& dest) {
  std::size_t k = i + 1;
  int newlines = 0;
  auto skip_space = [&] {
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || (s[k] == '\n' && ++newlines <= 1))) ++k;
  };
  skip_space();
  if (k < s.size() && s[k] == '<') {
    std::size_t close = s.find('>', k + 1);
    std::size_t nl = s.find('\n', k + 1);
    if (close == std::string_view::npos || nl < close) return std::string_view::npos;
    dest = std::string(s.substr(k + 1, close - k - 1));
    k = close + 1;
  } else {
    int depth = 0;
    std::size_t b = k;
    for (; k < s.size(); ++k) {
      char c = s[k];
      if (c == '\\' && k + 1 < s.size()) {
        ++k;
        continue;
      }
      if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20) break;
      if (c == '(') ++depth;
      if (c == ')' && depth-- == 0) break;
    }
    dest = std::string(s.substr(b, k - b));
  }
  std::string plain;
  for (std::size_t j = 0; j < dest.size(); ++j) {
    if (dest[j] == '\\' && j + 1 < dest.size() && std::ispunct(static_cast<unsigned char>(dest[j + 1]))) ++j;
    plain += dest[j];
  }
  dest = plain;
  skip_space();
  if (k < s.size() && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
    char close = s[k] == '(' ? ')' : s[k];
    std::size_t e = k + 1;
    while (e < s.size() && s[e] != close) e += s[e] == '\\' ? 2 : 1;
    if (e >= s.size()) return std::string_view::npos;
    k = e + 1;
    skip_space();
  }
  if (k >= s.size() || s[k] != ')') return std::string_view::npos;
  return k + 1;
}

// [SECTION] The pass ----------------------------------------------------------------

class Pass {
 public:
  Pass(std::string_view s, std::vector<std::string>* dropped) : m_s(s), m_dropped(dropped) {}

  std::string run() {
    std::size_t i = 0;
    while (i < m_s.size()) {
      if (i == 0 || m_s[i - 1] == '\n') {
        std::size_t next = line_start(i);
        if (next != i) {
          i = next;
          continue;
        }
      }
      i = step(i);
    }
    return std::move(m_out);
  }

 private:
  void say(std::size_t at, const std::string& what) {
    if (!m_dropped || m_dropped->size() >= 50) return;
    for (; m_line_pos < at && m_line_pos < m_s.size(); ++m_line_pos) m_line += m_s[m_line_pos] == '\n';
    m_dropped->push_back("line " + std::to_string(m_line) + ": " + what);
  }
  std::size_t eol(std::size_t i) const {
    std::size_t e = m_s.find('\n', i);
    return e == std::string_view::npos ? m_s.size() : e + 1;
  }

  // Fenced code (kept), reference definitions (checked), blank lines.
  std::size_t line_start(std::size_t i) {
    // A fence at column 0 only: an indented one may belong to a list item
    // that a later line closes, and the code with it (CommonMark), so we
    // would keep HTML a reader sees as HTML.
    std::size_t k = i;
    char f = k < m_s.size() ? m_s[k] : 0;
    if (f == '`' || f == '~') {
      std::size_t n = 0;
      while (k + n < m_s.size() && m_s[k + n] == f) ++n;
      std::size_t e = eol(i);
      if (n >= 3 && (f == '~' || m_s.substr(k + n, e - k - n).find('`') == std::string_view::npos)) {
        // Closing: any line starting with as long a run and nothing else
        // (looser than CommonMark, so we never keep more than a reader would).
        std::size_t p = e;
        while (p < m_s.size()) {
          std::size_t pe = eol(p);
          std::string_view line = m_s.substr(p, pe - p);
          std::size_t a = line.find_first_not_of(" \t");
          std::size_t run = 0;
          while (a != std::string_view::npos && a + run < line.size() && line[a + run] == f) ++run;
          p = pe;
          if (run >= n && line.find_first_not_of(std::string(1, f) + " \t\r\n", a) == std::string_view::npos) break;
        }
        m_out.append(m_s.substr(i, p - i));
        return p;
      }
    }
    while (k < m_s.size() && k - i < 3 && m_s[k] == ' ') ++k;
    if (k < m_s.size() && m_s[k] == '[') {
      std::size_t e = eol(i);
      std::string_view line = m_s.substr(k, e - k);
      std::size_t close = line.find("]:");
      if (close != std::string_view::npos && line.find('[', 1) > close) {
        std::string dest(line.substr(close + 2));
        std::size_t a = dest.find_first_not_of(" \t");
        dest = a == std::string::npos ? "" : dest.substr(a);
        dest = dest.substr(0, dest.find_first_of(" \t\r\n"));
        if (dest.size() > 1 && dest.front() == '<' && dest.back() == '>') dest = dest.substr(1, dest.size() - 2);
        if (check_url(dest).kind == UrlKind::refused) {
          say(i, "link definition to '" + check_url(dest).url + "' dropped");
          return e;
        }
      }
    }
    if (m_s[i] == '\n' || m_s.substr(i, eol(i) - i).find_first_not_of(" \t\r\n") == std::string_view::npos)
      m_brackets.clear();  // a blank line ends the paragraph: nothing to close
    return i;
  }

  std::size_t step(std::size_t i) {
    char c = m_s[i];
    if (c == '\\') {
      m_out.append(m_s.substr(i, std::min<std::size_t>(2, m_s.size() - i)));
      return i + 2;
    }
    if (c == '`') return code_span(i);
    if (c == '<') return angle(i);
    if (c == '[') {
      bool image = i > 0 && m_s[i - 1] == '!' && !m_out.empty() && m_out.back() == '!';
      m_brackets.push_back({m_out.size(), image});
      m_out += '[';
      return i + 1;
    }
    if (c == ']' && !m_brackets.empty()) return close_bracket(i);
    m_out += c;
    return i + 1;
  }

  std::size_t code_span(std::size_t i) {
    std::size_t n = 0;
    while (i + n < m_s.size() && m_s[i + n] == '`') ++n;
    // On one line only: a span across lines may not be one for the reader.
    std::size_t e = m_s.find('\n', i);
    std::string_view line = m_s.substr(i, (e == std::string_view::npos ? m_s.size() : e) - i);
    for (std::size_t p = n; p < line.size();) {
      std::size_t q = line.find('`', p);
      if (q == std::string_view::npos) break;
      std::size_t run = 0;
      while (q + run < line.size() && line[q + run] == '`') ++run;
      if (run == n) {
        m_out.append(line.substr(0, q + run));
        return i + q + run;
      }
      p = q + run;
    }
    m_out.append(n, '`');
    return i + n;
  }

  std::size_t close_bracket(std::size_t i) {
    Bracket b = m_brackets.back();
    m_brackets.pop_back();
    if (i + 1 < m_s.size() && m_s[i + 1] == '(') {
      std::string dest;
      std::size_t end = parse_inline_target(m_s, i + 1, dest);
      if (end != std::string_view::npos) {
        CheckedUrl u = check_url(dest);
        if (u.kind == UrlKind::refused) {
          say(i, std::string(b.image ? "image" : "link") + " to '" + u.url + "' dropped (its text is kept)");
          m_out.erase(b.pos - (b.image ? 1 : 0), b.image ? 2 : 1);
          return end;
        }
        if (b.image && u.kind != UrlKind::relative) {
          say(i, "remote image '" + u.url + "' made a link (nothing is fetched)");
          m_out.erase(b.pos - 1, 1);
        }
        m_out.append(m_s.substr(i, end - i));
        return end;
      }
    }
    // A reference image: a link, since its definition may be remote.
    if (b.image) m_out.erase(b.pos - 1, 1);
    m_out += ']';
    return i + 1;
  }

  std::size_t angle(std::size_t i) {
    std::string_view rest = m_s.substr(i);
    auto skip_to = [&](std::string_view end, const char* what) {
      std::size_t e = m_s.find(end, i + 2);
      say(i, std::string(what) + " dropped");
      return e == std::string_view::npos ? m_s.size() : e + end.size();
    };
    if (rest.starts_with("<!--")) return skip_to("-->", "HTML comment");
    if (rest.starts_with("<![CDATA[")) return skip_to("]]>", "CDATA section");
    if (rest.starts_with("<?")) return skip_to(">", "processing instruction");
    if (rest.starts_with("<!") && rest.size() > 2 && alpha(rest[2])) return skip_to(">", "declaration");
    // An autolink: <scheme:...> or <name@host>.
    std::size_t close = rest.find('>');
    if (close != std::string_view::npos) {
      std::string_view inner = rest.substr(1, close - 1);
      bool plain = inner.find_first_of(" \t\n<") == std::string_view::npos;
      std::size_t colon = inner.find(':');
      if (plain && colon != std::string_view::npos && colon >= 2 && alpha(inner[0]) &&
          inner.substr(0, colon).find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") ==
              std::string_view::npos) {
        CheckedUrl u = check_url(inner);
        if (u.kind == UrlKind::refused) {
          say(i, "link to '" + u.url + "' dropped");
          return i + close + 1;
        }
        m_out.append(rest.substr(0, close + 1));
        return i + close + 1;
      }
      if (plain && colon == std::string_view::npos && inner.find('@') != std::string_view::npos) {
        m_out.append(rest.substr(0, close + 1));
        return i + close + 1;
      }
    }
    Tag t;
    if (!parse_tag(m_s, i, t)) {
      char next = i + 1 < m_s.size() ? m_s[i + 1] : ' ';
      if (alpha(next) || next == '/' || next == '!' || next == '?') m_out += '\\';
      m_out += '<';
      return i + 1;
    }
    return tag(i, t);
  }

  std::size_t tag(std::size_t i, const Tag& t) {
    const std::string& n = t.name;
    if (drops_content(n)) {
      say(i, "<" + n + "> dropped with its content");
      if (t.closing) return t.end;
      // Up to its end tag; without one, only the tag goes (its text is safe as text).
      for (std::size_t p = t.end; (p = m_s.find("</", p)) != std::string_view::npos; p += 2) {
        Tag c;
        if (parse_tag(m_s, p, c) && c.closing && c.name == n) return c.end;
      }
      return t.end;
    }
    auto mark = [&](const char* m) {
      m_out += m;
      return t.end;
    };
    if (n == "b" || n == "strong") return mark("**");
    if (n == "i" || n == "em") return mark("*");
    if (n == "code" || n == "kbd" || n == "tt" || n == "samp") return mark("`");
    if (n == "s" || n == "del" || n == "strike") return mark("~~");
    if (n == "br") {
      std::size_t bol = m_out.rfind('\n');
      bool table = m_out.find_first_not_of(' ', bol == std::string::npos ? 0 : bol + 1) != std::string::npos &&
                   m_out[m_out.find_first_not_of(' ', bol == std::string::npos ? 0 : bol + 1)] == '|';
      return mark(table ? " " : "\\\n");
    }
    if (n == "a") {
      if (!t.closing) {
        CheckedUrl u = check_url(t.href);
        bool ok = !t.href.empty() && u.kind != UrlKind::refused;
        if (!ok && !t.href.empty()) say(i, "link to '" + u.url + "' dropped (its text is kept)");
        m_links.push_back(ok ? u.url : std::string());
        if (ok) m_out += '[';
      } else if (!m_links.empty()) {
        std::string href = std::move(m_links.back());
        m_links.pop_back();
        if (!href.empty()) m_out += "](" + (href.find_first_of(" ()<>") == std::string::npos ? href : "<" + href + ">") + ")";
      }
      return t.end;
    }
    if (n == "img") {
      std::string img = safe_image(md::escape(t.alt), t.src);
      if (check_url(t.src).kind != UrlKind::relative) say(i, "image '" + check_url(t.src).url + "' not kept as an image");
      m_out += img;
      return t.end;
    }
    if (!html_element_allowed(n)) say(i, "<" + n + "> dropped (its text is kept)");
    return t.end;
  }

  struct Bracket {
    std::size_t pos;
    bool image;
  };
  std::string_view m_s;
  std::vector<std::string>* m_dropped;
  std::string m_out;
  std::vector<Bracket> m_brackets;
  std::vector<std::string> m_links;  ///< open <a>: its checked href, empty when refused
  std::size_t m_line_pos = 0;
  int m_line = 1;
};

}  // namespace

std::string sanitize_markdown(std::string_view markdown, std::vector<std::string>* dropped) {
  return Pass(markdown, dropped).run();
}

}  // namespace diagdesk::importers

// The intervention report as an A4 PDF: cairo's PDF surface and pango layouts.
// Content is cut into unbreakable blocks (a field row, a paragraph, a list item,
// a signature row), measured, laid out on pages (a heading stays with the block
// after it), then drawn with "Page N / M" footers once M is known.
#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/service/report.hpp>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <system_error>
#include <unistd.h>

namespace diagdesk::service {

namespace fs = std::filesystem;

namespace {

constexpr double page_w = 595.276;  // A4 in points
constexpr double page_h = 841.890;
constexpr double margin = 56.0;     // about 2 cm
constexpr double footer_h = 28.0;
constexpr double body_w = page_w - 2 * margin;
constexpr double body_bottom = page_h - margin - footer_h;
constexpr double label_w = 170.0;   // width of the label column of field rows
constexpr double gap = 6.0;

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

/// A pango layout of `text` in "Sans" (DejaVu Sans on Debian) at `size` points.
LayoutPtr make_layout(cairo_t* cr, const std::string& text, double size, bool bold, double width) {
  LayoutPtr l(pango_cairo_create_layout(cr), &g_object_unref);
  PangoFontDescription* fd = pango_font_description_from_string("DejaVu Sans, Sans");
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(l.get(), fd);
  pango_font_description_free(fd);
  pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l.get(), text.c_str(), -1);
  return l;
}

double height_of(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

/// One unbreakable piece of the page: its height and how to draw it at (x, y).
struct Block {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  std::function<void(cairo_t*, double y)> draw;
};

void show_at(cairo_t* cr, PangoLayout* l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

void hline(cairo_t* cr, double x0, double x1, double y, double grey, double width) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/// A block drawing one layout at indent `x`.
Block text_block(cairo_t* cr, const std::string& text, double size, bool bold, double x, double space_before) {
  auto l = std::shared_ptr<PangoLayout>(make_layout(cr, text, size, bold, body_w - x).release(), &g_object_unref);
  Block b;
  b.height = height_of(l.get());
  b.space_before = space_before;
  b.draw = [l, x](cairo_t* c, double y) { show_at(c, l.get(), margin + x, y); };
  return b;
}

/// One block per row of `t` (the header row in bold on a grey band).
void table_blocks(cairo_t* cr, const ReportTable& t, std::vector<Block>& blocks) {
  const std::size_t n = t.header.size();
  if (n == 0) return;
  std::vector<double> share = t.widths.size() == n ? t.widths : std::vector<double>(n, 1.0);
  double sum = 0;
  for (double w : share) sum += w;
  std::vector<double> x(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) x[i + 1] = x[i] + body_w * share[i] / sum;
  auto row_block = [&](const std::vector<std::string>& cells, bool bold, bool header) {
    std::vector<std::shared_ptr<PangoLayout>> ls;
    double h = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double w = x[i + 1] - x[i] - gap;
      auto l = std::shared_ptr<PangoLayout>(make_layout(cr, i < cells.size() ? cells[i] : "", 9, bold, w).release(),
                                            &g_object_unref);
      if (i > 0) pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT);
      h = std::max(h, height_of(l.get()));
      ls.push_back(std::move(l));
    }
    Block b;
    b.height = h + 5;
    b.space_before = header ? 6 : 0;
    b.keep_with_next = header;
    b.draw = [ls, x, header, h = b.height](cairo_t* c2, double y) {
      if (header) {
        cairo_save(c2);
        cairo_set_source_rgb(c2, 0.9, 0.9, 0.9);
        cairo_rectangle(c2, margin, y, body_w, h);
        cairo_fill(c2);
        cairo_restore(c2);
      }
      for (std::size_t i = 0; i < ls.size(); ++i) show_at(c2, ls[i].get(), margin + x[i] + (i > 0 ? 0 : 2), y + 2.5);
      hline(c2, margin, page_w - margin, y + h, 0.75, 0.5);
    };
    blocks.push_back(std::move(b));
  };
  row_block(t.header, true, true);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    row_block(t.rows[r], std::find(t.bold_rows.begin(), t.bold_rows.end(), r) != t.bold_rows.end(), false);
}

std::vector<Block> build_blocks(cairo_t* cr, const ReportDocument& doc) {
  std::vector<Block> blocks;
  blocks.push_back(text_block(cr, doc.title, 20, true, 0, 0));
  const Centre& c = doc.centre;
  if (!c.name.empty()) blocks.push_back(text_block(cr, c.name, 11, true, 0, 8));
  std::string contact = c.address;
  for (const std::string* s : {&c.phone, &c.email})
    if (!s->empty()) contact += (contact.empty() ? "" : "\n") + *s;
  if (!contact.empty()) blocks.push_back(text_block(cr, contact, 9.5, false, 0, 2));
  if (!blocks.empty()) {
    Block rule;
    rule.height = 4;
    rule.space_before = 6;
    rule.draw = [](cairo_t* c2, double y) { hline(c2, margin, page_w - margin, y + 2, 0.2, 1.0); };
    blocks.push_back(std::move(rule));
  }
  for (const auto& f : doc.fields) {
    auto lab = std::shared_ptr<PangoLayout>(make_layout(cr, f.label, 10, true, label_w - gap).release(), &g_object_unref);
    auto val = std::shared_ptr<PangoLayout>(make_layout(cr, f.value, 10, false, body_w - label_w).release(), &g_object_unref);
    Block b;
    b.height = std::max(height_of(lab.get()), height_of(val.get())) + 4;
    b.space_before = 0;
    b.draw = [lab, val, h = b.height](cairo_t* c2, double y) {
      show_at(c2, lab.get(), margin, y + 2);
      show_at(c2, val.get(), margin + label_w, y + 2);
      hline(c2, margin, page_w - margin, y + h, 0.8, 0.5);
    };
    blocks.push_back(std::move(b));
  }
  std::size_t last_section = blocks.size();
  for (const auto& s : doc.sections) {
    last_section = blocks.size();
    Block h = text_block(cr, s.heading, 13, true, 0, 14);
    h.keep_with_next = true;
    blocks.push_back(std::move(h));
    for (const auto& p : s.paragraphs) blocks.push_back(text_block(cr, p, 10, false, 0, 4));
    int n = 0;
    for (const auto& item : s.items) {
      std::string marker = s.style == ListStyle::numbered ? std::to_string(++n) + "." : s.style == ListStyle::bulleted ? "•" : "";
      const double indent = s.style == ListStyle::none ? 0 : 22;
      auto m = std::shared_ptr<PangoLayout>(make_layout(cr, marker, 10, false, 20).release(), &g_object_unref);
      auto t = std::shared_ptr<PangoLayout>(make_layout(cr, item, 10, false, body_w - indent).release(), &g_object_unref);
      Block b;
      b.height = height_of(t.get());
      b.space_before = 3;
      b.draw = [m, t, indent](cairo_t* c2, double y) {
        if (indent > 0) show_at(c2, m.get(), margin + 4, y);
        show_at(c2, t.get(), margin + indent, y);
      };
      blocks.push_back(std::move(b));
    }
    for (const auto& t : s.tables) table_blocks(cr, t, blocks);
    if (s.paragraphs.empty() && s.items.empty()) {
      for (int i = 0; i < s.ruled_lines; ++i) {
        Block b;
        b.height = 22;
        b.draw = [](cairo_t* c2, double y) { hline(c2, margin, page_w - margin, y + 20, 0.55, 0.6); };
        blocks.push_back(std::move(b));
      }
    }
  }
  if (!doc.signatures.empty()) {
    // Never signed on a page of its own: the last section (a quote's terms
    // and validity) goes with the boxes when it is short, else its last block.
    double tail = 0;
    for (std::size_t i = last_section; i < blocks.size(); ++i) tail += blocks[i].space_before + blocks[i].height;
    for (std::size_t i = tail < (body_bottom - margin) / 2 ? last_section : blocks.size() - 1; i < blocks.size(); ++i)
      blocks[i].keep_with_next = true;
    // All the signature boxes side by side, in one block.
    const double box_h = 100;
    const double n = static_cast<double>(doc.signatures.size());
    const double box_w = (body_w - gap * 2 * (n - 1)) / n;
    struct BoxText { std::shared_ptr<PangoLayout> head, name, date, sign; };
    std::vector<BoxText> texts;
    for (const auto& sig : doc.signatures) {
      auto mk = [&](const std::string& s, bool bold) {
        return std::shared_ptr<PangoLayout>(make_layout(cr, s, bold ? 10.5 : 9.5, bold, box_w - 12).release(), &g_object_unref);
      };
      texts.push_back({mk(sig.heading, true), mk(sig.name_label + doc.colon + sig.name, false),
                       mk(sig.date_label + doc.colon, false), mk(sig.signature_label + doc.colon, false)});
    }
    Block b;
    b.height = box_h;
    b.space_before = 18;
    b.draw = [texts, box_w, box_h](cairo_t* c2, double y) {
      for (std::size_t i = 0; i < texts.size(); ++i) {
        const double x = margin + static_cast<double>(i) * (box_w + gap * 2);
        cairo_save(c2);
        cairo_set_source_rgb(c2, 0.3, 0.3, 0.3);
        cairo_set_line_width(c2, 0.8);
        cairo_rectangle(c2, x, y, box_w, box_h);
        cairo_stroke(c2);
        cairo_restore(c2);
        show_at(c2, texts[i].head.get(), x + 6, y + 5);
        show_at(c2, texts[i].name.get(), x + 6, y + 24);
        hline(c2, x + 6, x + box_w - 6, y + 38, 0.6, 0.5);
        show_at(c2, texts[i].date.get(), x + 6, y + 44);
        hline(c2, x + 6, x + box_w - 6, y + 58, 0.6, 0.5);
        show_at(c2, texts[i].sign.get(), x + 6, y + 64);
      }
    };
    blocks.push_back(std::move(b));
  }
  return blocks;
}

/// The page index of each block and its top y; returns the page count.
int paginate(const std::vector<Block>& blocks, std::vector<std::pair<int, double>>& where) {
  where.assign(blocks.size(), {0, 0});
  int page = 0;
  double y = margin;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    double need = b.height;
    // A block kept with the next (a heading, the last lines before the
    // signatures) must fit with it, and with the one after when that one is
    // kept with its next too: a chain moves to the next page whole.
    for (std::size_t j = i; j + 1 < blocks.size() && blocks[j].keep_with_next; ++j)
      need += blocks[j + 1].space_before + blocks[j + 1].height;
    double top = y == margin ? y : y + b.space_before;
    if (top + need > body_bottom && y > margin) {
      ++page;
      top = margin;
    }
    where[i] = {page, top};
    y = top + b.height;
  }
  return page + 1;
}

}  // namespace

std::string render_pdf(const ReportDocument& doc, const fs::path& file) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return "cannot write the report " + file.string() + ": the folder " + folder.string() + " does not exist";
  // The one safe-write helper: refuses a symbolic link or a non-regular
  // target, makes the temporary file beside it; commit() fsyncs and renames.
  base::AtomicFile out;
  if (base::FileStatus s = out.open(file); !s) {
    if (s.error == base::FileError::symlink) return "refusing to write the report through the symbolic link " + file.string();
    if (s.error == base::FileError::not_regular)
      return "refusing to write the report over " + file.string() + ": it is not a regular file (" + s.reason + ")";
    return "cannot write the report in the folder " + folder.string() + ": " + s.reason;
  }
  const std::string tmp = out.temp_path();

  cairo_surface_t* surface = cairo_pdf_surface_create(tmp.c_str(), page_w, page_h);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Diagdesk");
  if (!doc.centre.name.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.centre.name.c_str());
  cairo_t* cr = cairo_create(surface);

  std::vector<Block> blocks = build_blocks(cr, doc);
  std::vector<std::pair<int, double>> where;
  const int pages = paginate(blocks, where);
  std::size_t next = 0;
  for (int p = 0; p < pages; ++p) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    while (next < blocks.size() && where[next].first == p) {
      blocks[next].draw(cr, where[next].second);
      ++next;
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    const std::string footer = doc.page_label + " " + std::to_string(p + 1) + " / " + std::to_string(pages);
    LayoutPtr f = make_layout(cr, footer, 8.5, false, body_w);
    pango_layout_set_alignment(f.get(), PANGO_ALIGN_RIGHT);
    show_at(cr, f.get(), margin, page_h - margin);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return "cannot write the report " + file.string() + ": " + cairo_status_to_string(status);
  if (base::FileStatus s = out.commit(); !s) return "cannot write the report " + file.string() + ": " + s.reason;
  return "";
}

}  // namespace diagdesk::service

// Fonts (DejaVu from fonts-dejavu-core) and the light / dark themes.
#include "panels/panels.hpp"

#include <imgui.h>

#include <cfloat>
#include <filesystem>

namespace diagdesk::gui {

namespace {

Fonts g_fonts;

// French needs Latin-1 (é à ç « ») and Latin Extended-A (œ Œ); the UI also
// shows ’ – — … • (general punctuation), € , arrows (→), geometric shapes
// (▶ ●), ⚠ ⚡ (miscellaneous symbols) and ✓ ✗ (dingbats).
const ImWchar k_ranges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x2010, 0x205E,  // General Punctuation
    0x20AC, 0x20AC,  // €
    0x2190, 0x21FF,  // Arrows
    0x2212, 0x2212,  // −
    0x2300, 0x23FF,  // Miscellaneous Technical (⌫ ⏎)
    0x25A0, 0x25FF,  // Geometric Shapes
    0x2600, 0x26FF,  // Miscellaneous Symbols
    0x2700, 0x27BF,  // Dingbats
    0,
};

// Text-only fonts (large, heading, mono) skip the symbol blocks to keep the
// atlas small.
const ImWchar k_text_ranges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0,
};

const char* find_font(const char* file) {
  static const char* const dirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/",
                                     "/usr/share/fonts/dejavu/"};
  static std::string found;
  for (const char* d : dirs) {
    found = std::string(d) + file;
    std::error_code ec;
    if (std::filesystem::exists(found, ec)) return found.c_str();
  }
  return nullptr;
}

ImFont* add_font(const char* file, float px, const ImWchar* ranges, int oversample = 2) {
  const char* path = find_font(file);
  if (!path) return nullptr;
  ImFontConfig cfg;
  // Horizontal oversampling keeps small text crisp at fractional positions;
  // big and monospace text do not need it (and it halves their raster time).
  cfg.OversampleH = oversample;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px, &cfg, ranges);
}

}  // namespace

const Fonts& fonts() { return g_fonts; }

namespace {
std::map<std::string, ProbeRect>* g_probe = nullptr;
}

void set_probe(std::map<std::string, ProbeRect>* recorder) { g_probe = recorder; }
bool probing() { return g_probe != nullptr; }
void probe(const std::string& name) {
  if (!g_probe) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  (*g_probe)[name] = ProbeRect{a.x, a.y, b.x, b.y};
}

bool probed_button(const char* label, const std::string& probe_name, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  const bool clicked = ImGui::Button(label);
  if (g_probe) probe(probe_name);
  if (!enabled) ImGui::EndDisabled();
  return clicked && enabled;
}

const unsigned short* glyph_ranges() { return k_ranges; }

bool load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  g_fonts = Fonts{};
  // The first font added is the default one.
  g_fonts.regular = add_font("DejaVuSans.ttf", 16.0f * scale, k_ranges);
  if (!g_fonts.regular) {
    io.Fonts->AddFontDefault();
    return false;
  }
  g_fonts.bold = add_font("DejaVuSans-Bold.ttf", 16.0f * scale, k_ranges);
  g_fonts.large = add_font("DejaVuSans.ttf", 24.0f * scale, k_text_ranges, 1);
  g_fonts.heading = add_font("DejaVuSans-Bold.ttf", 20.0f * scale, k_text_ranges, 1);
  g_fonts.mono = add_font("DejaVuSansMono.ttf", 15.0f * scale, k_text_ranges, 1);
  return true;
}

std::pair<double, double> measure_label(std::string_view text) {
  ImFont* f = g_fonts.regular ? g_fonts.regular : ImGui::GetFont();
  const ImVec2 size = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
  return {size.x, size.y};
}

void apply_theme(bool dark, float scale) {
  ImGuiStyle style;
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 4;
  style.ChildRounding = 4;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.PopupRounding = 4;
  style.TabRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowPadding = ImVec2(10, 10);
  style.ScrollbarSize = 14;
  ImVec4* c = style.Colors;
  if (dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.34f, 0.55f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.44f, 0.70f, 1.0f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.84f, 0.89f, 0.97f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.70f, 0.80f, 0.96f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.55f, 0.70f, 0.94f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.81f, 0.84f, 1.0f);
  }
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace diagdesk::gui

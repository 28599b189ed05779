// Scripted input: parsing and playing into ImGui's IO.
#include "app/script.hpp"

#include "panels/panels.hpp"
#include "vm/keys.hpp"

#include <imgui.h>

#include <cctype>
#include <map>
#include <sstream>

namespace diagdesk::gui {

namespace {

// GLFW key codes for the named keys (GLFW/glfw3.h).
const std::map<std::string, int>& named_keys() {
  static const std::map<std::string, int> keys = {
      {"space", 32},  {"escape", 256}, {"enter", 257}, {"tab", 258},   {"backspace", 259}, {"delete", 261},
      {"right", 262}, {"left", 263},   {"down", 264},  {"up", 265},    {"pageup", 266},    {"pagedown", 267},
      {"home", 268},  {"end", 269},    {"f1", 290},    {"f2", 291},    {"f3", 292},        {"f4", 293},        {"f5", 294},        {"f6", 295},
      {"f7", 296},    {"f8", 297},
  };
  return keys;
}

constexpr int key_left_ctrl = 341;
constexpr int key_left_shift = 340;

int parse_key(std::string name) {
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))) return keys::digit(name[0] - '0');
  if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0]))) return keys::letter(static_cast<char>(std::toupper(name[0])));
  if (name.size() == 3 && name.rfind("kp", 0) == 0 && std::isdigit(static_cast<unsigned char>(name[2]))) return keys::keypad(name[2] - '0');
  auto it = named_keys().find(name);
  return it == named_keys().end() ? -1 : it->second;
}

}  // namespace

bool parse_script(const std::string& text, std::vector<ScriptCommand>& out, std::string& error) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    std::istringstream words(line.substr(start));
    std::string verb;
    words >> verb;
    ScriptCommand c;
    c.line = number;
    auto fail = [&](const std::string& why) {
      error = "line " + std::to_string(number) + ": " + why;
      return false;
    };
    if (verb == "wait") {
      c.kind = ScriptCommand::Kind::wait;
      if (!(words >> c.count) || c.count < 0) return fail("wait needs a number of frames");
    } else if (verb == "key") {
      c.kind = ScriptCommand::Kind::key;
      std::string spec;
      words >> spec;
      for (;;) {
        if (spec.rfind("ctrl+", 0) == 0) {
          c.ctrl = true;
          spec.erase(0, 5);
        } else if (spec.rfind("shift+", 0) == 0) {
          c.shift = true;
          spec.erase(0, 6);
        } else {
          break;
        }
      }
      c.key = parse_key(spec);
      if (c.key < 0) return fail("unknown key '" + spec + "'");
    } else if (verb == "type") {
      c.kind = ScriptCommand::Kind::type;
      const auto rest = line.find("type", start) + 4;
      c.text = rest < line.size() ? line.substr(rest + 1) : std::string();
    } else if (verb == "move" || verb == "click") {
      c.kind = verb == "move" ? ScriptCommand::Kind::move : ScriptCommand::Kind::click;
      if (!(words >> c.x >> c.y)) return fail(verb + " needs x and y");
    } else if (verb == "press") {
      c.kind = ScriptCommand::Kind::press;
      if (!(words >> c.text)) return fail("press needs a widget name");
    } else if (verb == "wheel") {
      c.kind = ScriptCommand::Kind::wheel;
      if (!(words >> c.y)) return fail("wheel needs an amount");
    } else if (verb == "screenshot") {
      c.kind = ScriptCommand::Kind::screenshot;
      if (!(words >> c.text)) return fail("screenshot needs a file name");
    } else {
      return fail("unknown command '" + verb + "'");
    }
    out.push_back(std::move(c));
  }
  return true;
}

std::string ScriptPlayer::apply(ImGuiIO& io) {
  if (m_mouse_x >= 0) io.MousePos = ImVec2(m_mouse_x, m_mouse_y);
  if (m_index >= m_commands.size()) return {};
  const ScriptCommand& c = m_commands[m_index];
  auto next = [&] {
    ++m_index;
    m_phase = 0;
  };
  switch (c.kind) {
    case ScriptCommand::Kind::wait:
      if (++m_phase > c.count) {
        next();
        return apply(io);
      }
      break;
    case ScriptCommand::Kind::key:
      // Frame 1: down (with modifiers); frame 2: up.
      if (m_phase == 0) {
        io.KeyCtrl = c.ctrl;
        io.KeyShift = c.shift;
        if (c.ctrl) io.KeysDown[key_left_ctrl] = true;
        if (c.shift) io.KeysDown[key_left_shift] = true;
        io.KeysDown[c.key] = true;
        m_phase = 1;
      } else {
        io.KeysDown[c.key] = false;
        io.KeysDown[key_left_ctrl] = io.KeysDown[key_left_shift] = false;
        io.KeyCtrl = io.KeyShift = false;
        next();
      }
      break;
    case ScriptCommand::Kind::type:
      io.AddInputCharactersUTF8(c.text.c_str());
      next();
      break;
    case ScriptCommand::Kind::move:
      m_mouse_x = c.x;
      m_mouse_y = c.y;
      io.MousePos = ImVec2(c.x, c.y);
      next();
      break;
    case ScriptCommand::Kind::click:
      // Frame 1: move; frame 2: press; frame 3: release.
      m_mouse_x = c.x;
      m_mouse_y = c.y;
      io.MousePos = ImVec2(c.x, c.y);
      io.MouseDown[0] = m_phase == 1;
      if (++m_phase > 2) next();
      break;
    case ScriptCommand::Kind::press: {
      // Frame 1: find the widget and move there (waiting while it is not
      // drawn yet); frame 2: press; frame 3: release.
      if (m_phase == 0) {
        const ProbeRect* r = nullptr;
        if (m_probes) {
          if (auto it = m_probes->find(c.text); it != m_probes->end()) r = &it->second;
        }
        if (!r) {
          if (++m_waited > 60) {
            m_error = "line " + std::to_string(c.line) + ": no widget '" + c.text + "'";
            m_waited = 0;
            next();
          }
          break;
        }
        m_waited = 0;
        m_mouse_x = (r->x0 + r->x1) / 2;
        m_mouse_y = (r->y0 + r->y1) / 2;
        io.MousePos = ImVec2(m_mouse_x, m_mouse_y);
        m_phase = 1;
        break;
      }
      io.MouseDown[0] = m_phase == 1;
      if (++m_phase > 2) next();
      break;
    }
    case ScriptCommand::Kind::wheel:
      io.MouseWheel += c.y;
      next();
      break;
    case ScriptCommand::Kind::screenshot: {
      std::string path = c.text;
      next();
      return path;
    }
  }
  return {};
}

void set_glfw_key_map(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = 258;
  io.KeyMap[ImGuiKey_LeftArrow] = 263;
  io.KeyMap[ImGuiKey_RightArrow] = 262;
  io.KeyMap[ImGuiKey_UpArrow] = 265;
  io.KeyMap[ImGuiKey_DownArrow] = 264;
  io.KeyMap[ImGuiKey_PageUp] = 266;
  io.KeyMap[ImGuiKey_PageDown] = 267;
  io.KeyMap[ImGuiKey_Home] = 268;
  io.KeyMap[ImGuiKey_End] = 269;
  io.KeyMap[ImGuiKey_Insert] = 260;
  io.KeyMap[ImGuiKey_Delete] = 261;
  io.KeyMap[ImGuiKey_Backspace] = 259;
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_Enter] = 257;
  io.KeyMap[ImGuiKey_Escape] = 256;
  io.KeyMap[ImGuiKey_KeyPadEnter] = 335;
  io.KeyMap[ImGuiKey_A] = 65;
  io.KeyMap[ImGuiKey_C] = 67;
  io.KeyMap[ImGuiKey_V] = 86;
  io.KeyMap[ImGuiKey_X] = 88;
  io.KeyMap[ImGuiKey_Y] = 89;
  io.KeyMap[ImGuiKey_Z] = 90;
}

}  // namespace diagdesk::gui

#pragma once
// Scripted input for tests and screenshots (diagdesk-gui --script FILE):
// one command per line, played frame by frame into ImGui's IO (ImGui 1.86
// has no event queue: keys go through io.KeysDown, the mouse through
// io.MousePos / io.MouseDown, text through AddInputCharactersUTF8).
//
//     # comment
//     wait 3            let 3 frames pass
//     key ctrl+k        press and release (1-9, a-z, enter, backspace, escape,
//                       tab, up, down, left, right, f1-f6; ctrl+ / shift+)
//     type imprimante   type UTF-8 text into the focused field
//     move 300 200      move the mouse
//     click 300 200     move, press and release the left button
//     press tickets/new click the centre of a widget the panels probed last
//                       frame (names as in set_probe; waits up to 60 frames
//                       for it to appear, then fails the script)
//     wheel -2          scroll the mouse wheel
//     screenshot a.png  save the frame (the platform does the saving)

#include <map>
#include <string>
#include <vector>

struct ImGuiIO;

namespace diagdesk::gui {

struct ProbeRect;  // panels/panels.hpp

struct ScriptCommand {
  enum class Kind { wait, key, type, move, click, press, wheel, screenshot } kind = Kind::wait;
  int count = 1;          ///< wait: frames
  int key = -1;           ///< key: key code (GLFW numbering)
  bool ctrl = false, shift = false;
  std::string text;       ///< type: text; screenshot: path; press: widget name
  float x = 0, y = 0;     ///< move / click / wheel (y)
  int line = 0;
};

/// Parses a script; on error returns false and sets `error` ("line 3: unknown key 'foo'").
bool parse_script(const std::string& text, std::vector<ScriptCommand>& out, std::string& error);

/// Plays commands into ImGui's IO, one step per frame. Call apply() after the
/// platform backend's NewFrame and before ImGui::NewFrame().
class ScriptPlayer {
 public:
  explicit ScriptPlayer(std::vector<ScriptCommand> commands) : m_commands(std::move(commands)) {}
  /// Applies this frame's input. Returns a screenshot path when the script
  /// asks for one after this frame is drawn, else "".
  std::string apply(ImGuiIO& io);
  bool done() const { return m_index >= m_commands.size() && m_phase == 0; }
  /// Where `press` finds widgets: the rectangles the panels recorded in the
  /// last frame (see set_probe). Without it, `press` fails.
  void set_probes(const std::map<std::string, ProbeRect>* rects) { m_probes = rects; }
  /// Why the script failed ("line 12: no widget 'tickets/new'"), "" when fine.
  const std::string& error() const { return m_error; }

 private:
  std::vector<ScriptCommand> m_commands;
  std::size_t m_index = 0;
  int m_phase = 0;  ///< progress inside the current command
  int m_waited = 0; ///< frames a `press` has waited for its widget
  float m_mouse_x = -1, m_mouse_y = -1;
  const std::map<std::string, ProbeRect>* m_probes = nullptr;
  std::string m_error;
};

/// Sets io.KeyMap to GLFW's key codes, as the GLFW backend does (for headless tests).
void set_glfw_key_map(ImGuiIO& io);

}  // namespace diagdesk::gui

#pragma once
// Key codes the panels read from io.KeysDown[]. ImGui 1.86 indexes keys by
// the platform's own codes; ours is GLFW, whose codes for digits and letters
// are their ASCII values. Tests press the same codes (no GLFW needed).

namespace diagdesk::gui::keys {

inline constexpr int digit_0 = 48;   // GLFW_KEY_0 .. GLFW_KEY_9 = '0'..'9'
inline constexpr int keypad_0 = 320; // GLFW_KEY_KP_0 .. GLFW_KEY_KP_9
inline constexpr int letter_a = 65;  // GLFW_KEY_A .. GLFW_KEY_Z = 'A'..'Z'
inline constexpr int f1 = 290;       // GLFW_KEY_F1

// Global shortcuts (panels/app_frame.cpp; the Help menu lists them, keys
// gui.keys_help and gui.tickets.keys_help): Ctrl+K search, Ctrl+L language,
// Ctrl+Q quit, Ctrl+N new ticket (Tickets tab), F1..F8 the tabs.
inline constexpr int tab_count = 8;  // F1 diagnosis .. F5 tickets, F6 dashboard, F7 assets, F8 quotes

inline constexpr int digit(int n) { return digit_0 + n; }
inline constexpr int keypad(int n) { return keypad_0 + n; }
inline constexpr int letter(char c) { return letter_a + (c - 'A'); }

}  // namespace diagdesk::gui::keys

#pragma once
/// Stable article ids derived from where a file sits, so that importing the
/// same source again updates its articles instead of duplicating them.
///
///   import /usr/share/help/C/gnome-help   -> net-wireless-connect.page
///   topic  "gnome-help.net-wireless-connect", language hint "en" (from "C")
///   import /usr/share/help/fr/gnome-help  -> same topic, hint "fr"
///
/// A topic is the folder given on the command line (its name), then each
/// sub-folder, then the file name without extension, each slugged and
/// joined with '.'. Locale folders ("C", "en", "fr_FR") are left out of the
/// topic and give the language hint instead, as does a ".fr"/".en" before
/// the extension ("vpn.fr.md").

#include <filesystem>
#include <string>
#include <string_view>

namespace diagdesk::importers {

/// Lower-case ASCII slug: accents removed ("Réseau" -> "reseau"), runs of
/// anything but [a-z0-9_] become one '-', trimmed, at most 60 bytes (cut at
/// a '-' when possible). Empty when nothing is left.
std::string slugify(std::string_view text);

/// True for a valid article topic: dotted lower-case components of
/// [a-z0-9_-], none empty (the id rule of kb, minus the language suffix).
bool is_valid_topic(std::string_view topic);

/// A topic and the language its path suggests.
struct PathTopic {
  std::string topic;      ///< e.g. "gnome-help.net-wireless-connect"
  std::string lang_hint;  ///< "fr", "en", another code, or empty
  std::string hint_from;  ///< the path piece that gave the hint ("C/", ".fr")
};

/// The topic of `file` imported from `root`: `root` is the folder given on
/// the command line, or empty when the file itself was given (then only
/// its name counts). The parent of `root` is also looked at for a locale
/// name (".../help/fr/gnome-help" gives "fr"). Components that slug to
/// nothing become "untitled".
PathTopic topic_for(const std::filesystem::path& root, const std::filesystem::path& file);

}  // namespace diagdesk::importers

#pragma once
// The Assets tab's view-model: the inventory list with its filters, the card
// of the selected asset, and the CSV import (progress, then its report).
// Built by app/assets_presenter.cpp, drawn by panels/assets_panel.cpp. Plain
// values: no service, no ImGui.

#include <string>
#include <utility>
#include <vector>

namespace diagdesk::gui {

/// One line of the list.
struct AssetRowVm {
  std::string tag;        ///< the asset's stable id
  std::string type;       ///< in words
  std::string model;      ///< manufacturer and model
  std::string user;
  std::string site;
  std::string warranty;   ///< end date, "" none
  bool under_warranty = false;
  bool selected = false;
};

/// One ticket opened on the asset.
struct AssetTicketVm {
  std::string number;  ///< opens it in the Tickets tab
  std::string text;    ///< "number  status  title"
};

/// The selected asset.
struct AssetCardVm {
  bool open = false;
  std::string tag;
  std::string title;                                        ///< tag, type, model
  std::vector<std::pair<std::string, std::string>> fields;  ///< label, value (filled fields only)
  std::string warranty;                                     ///< "Under warranty until ...", "" none or ended
  std::vector<AssetTicketVm> tickets;
  std::vector<std::string> history;                         ///< oldest first, one line per event
};

/// The CSV import: a path, a running job, then the report.
struct AssetImportVm {
  bool running = false;
  float progress = -1;             ///< 0..1 while saving rows, -1 unknown
  std::string progress_text;
  bool done = false;               ///< a report is shown
  bool failed = false;             ///< the file or the database refused the import (nothing or part saved)
  std::string summary;             ///< "file: 2 added, 1 updated, 0 unchanged, 1 rejected"
  int added = 0, updated = 0, unchanged = 0, rejected = 0;
  std::vector<std::string> lines;  ///< updated and rejected rows (line and reason), file errors
};

/// The whole tab.
struct AssetsVm {
  bool available = false;          ///< the database is open
  std::string error;               ///< why it is not
  std::string message;             ///< last refusal (bad day count...)
  bool message_error = false;
  // The filters as applied ("" = any).
  std::string type, site, user, days;
  std::vector<std::pair<std::string, std::string>> types;  ///< id, words: the type filter's choices
  std::vector<AssetRowVm> rows;
  std::string count;               ///< "3 assets"
  AssetCardVm card;
  AssetImportVm import;
};

}  // namespace diagdesk::gui

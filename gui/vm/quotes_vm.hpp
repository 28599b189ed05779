#pragma once
// The Quotes tab's view-model: the list of quotes with a status filter, the
// "New quote" form's outcome, the selected quote's editor (lines, live
// totals, actions), the catalogue picker and the PDF row. Built by
// app/quotes_presenter.cpp, drawn by panels/quotes_panel.cpp. Plain values:
// no service, no ImGui. Money is already formatted from integer cents.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace diagdesk::gui {

/// One line of the list.
struct QuoteRowVm {
  std::string number;
  std::string customer;
  std::string status;       ///< in words
  std::string total;        ///< TTC, formatted
  std::string valid_until;
  bool past_validity = false;
  bool selected = false;
};

/// One line of the quote being edited.
struct QuoteLineVm {
  std::size_t position = 0;  ///< 1-based
  std::string ref, label, quantity, unit_price, discount, vat, total;
};

/// One catalogue item the picker shows.
struct CatalogueItemVm {
  std::string ref;
  std::string label;   ///< in the workspace language
  std::string price;   ///< unit price before tax, formatted
};

/// One set of lines a diagnosis proposed ("Make a quote"): repair, replace or offer.
struct QuoteOptionVm {
  std::string kind;        ///< repair, replace, offer
  std::string label;       ///< in words
  std::string total_ht;    ///< formatted
  bool current = false;    ///< the lines of the quote shown
};

/// The selected quote.
struct QuoteEditorVm {
  bool open = false;
  std::string number;
  std::string title;          ///< "DEV-2026-0001 · draft · Paul Martin"
  std::string status;         ///< "draft", "sent"... (the id)
  bool editable = false;      ///< a draft: lines may change
  bool can_send = false, can_accept = false, can_refuse = false;
  std::string customer;       ///< name, address, email, phone on one line
  std::vector<std::pair<std::string, std::string>> customer_fields;  ///< name, address, email, phone, language: values
  std::string ticket;         ///< its ticket, "" none
  std::string request;        ///< the service request an accepted quote became
  std::string valid_until;
  std::vector<QuoteLineVm> lines;
  std::string total_ht;
  std::vector<std::pair<std::string, std::string>> vat;  ///< "VAT 20 %", amount
  std::string total_ttc;
  std::vector<std::string> history;  ///< oldest first
  std::string pdf_default;           ///< <data_dir>/quotes/<number>.pdf
  std::string pdf_written;           ///< where the last PDF went, "" none
  std::string summary;               ///< the words to read out, in the customer's language
  std::string summary_lang;          ///< "fr" / "en"
  std::vector<QuoteOptionVm> options;  ///< made from a diagnosis: the options it proposed
  std::string proposal_note;         ///< the proposal's sentence for the customer
  std::string present_value;         ///< the device's present value, "" unknown
};

/// The whole tab.
struct QuotesVm {
  bool available = false;   ///< the database is open
  std::string error;        ///< why it is not
  std::string message;      ///< last change said, or a refusal
  bool message_error = false;
  std::string status;       ///< the list's filter, "" any
  std::vector<std::pair<std::string, std::string>> statuses;  ///< id, words
  std::vector<QuoteRowVm> rows;
  std::string count;        ///< "3 quotes"
  std::uint64_t saved = 0;  ///< bumped when a quote is created (the panel clears its form)
  QuoteEditorVm editor;
  std::string search;       ///< the picker's words as applied
  std::vector<CatalogueItemVm> catalogue;
  bool catalogue_example = false;  ///< the demonstration catalogue
  std::string catalogue_message;   ///< no catalogue in the layers
};

}  // namespace diagdesk::gui

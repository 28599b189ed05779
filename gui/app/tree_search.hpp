#pragma once
// A small in-memory search over the loaded trees (titles, symptom phrases,
// tags, ids in both languages), folding case, accents and elisions. The GUI
// uses it for trees when no search index is available, so the search bar
// always starts a diagnosis.

#include "vm/view_models.hpp"

#include <diagdesk/engine/knowledge.hpp>

#include <string>
#include <vector>

namespace diagdesk::gui {

/// Lower-case, accents removed, apostrophes and punctuation turned into
/// spaces ("L'Imprimante œuvre" -> "l imprimante oeuvre").
std::string fold_text(std::string_view text);

/// Trees matching every word of `query` (as a word prefix, plurals folded),
/// best first. `domain` filters when not empty.
std::vector<SearchHitVm> search_trees(const engine::Knowledge& knowledge, std::string_view query,
                                      engine::Lang lang, const std::string& domain, std::size_t limit = 20);

}  // namespace diagdesk::gui

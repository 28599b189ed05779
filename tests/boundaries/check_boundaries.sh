#!/usr/bin/env bash
# Keeps the module boundaries of DESIGN.md: each module may include only what
# its row allows. Prints every offending line and exits 1 if there is any.
set -u
root=${1:?usage: check_boundaries.sh SOURCE_DIR}
status=0
# module : forbidden include patterns (extended regex on the #include line)
check() {
  local module=$1 pattern=$2 why=$3
  [ -d "$root/$module" ] || return 0
  local hits
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$root/$module" \
           --include='*.cpp' --include='*.hpp' --include='*.h' 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "boundary broken: $module/ $why:"
    echo "$hits"
    status=1
  fi
}
check base       'diagdesk/(engine|kb|service|importers|workspace)/|toml\+\+|xapian|sqlite3|imgui|GLFW|nlohmann' "is the C library only (safe files under every module)"
check engine     'xapian|imgui|GLFW|backends/|sqlite3|diagdesk/kb/|diagdesk/importers/|diagdesk/workspace/' "depends on toml++ only"
check kb         'imgui|GLFW|backends/|diagdesk/engine/|diagdesk/importers/|diagdesk/workspace/' "must not include the engine, importers, workspace or ImGui"
check service    'xapian|imgui|GLFW|backends/|diagdesk/engine/|diagdesk/kb/|diagdesk/importers/|diagdesk/workspace/' "sits beside kb: SQLite and toml++ only, no other module"
check importers  'xapian|imgui|GLFW|backends/|diagdesk/engine/|diagdesk/workspace/' "uses kb's article model only, never the index"
check workspace  'imgui|GLFW|backends/' "is UI-free"
check app        'imgui|GLFW|backends/|xapian|sqlite3|toml\+\+|libpq' "is a thin front end over the workspace"
check gui/panels 'GLFW|backends/|xapian|sqlite3' "panels link ImGui only"
if [ $status -eq 0 ]; then echo "module boundaries: ok"; fi
exit $status

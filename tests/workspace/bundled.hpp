#pragma once
// The bundled knowledge base, opened once per test program (a shared fixture).
#include "fixture.hpp"

#include <diagdesk/workspace/workspace.hpp>

namespace test {

/// The workspace on data/ with a temporary data directory, shared by every test of the program.
inline const diagdesk::workspace::Workspace& bundled() {
  static TempDir home;
  static const diagdesk::workspace::Workspace ws =
      diagdesk::workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), diagdesk::engine::Lang::en});
  return ws;
}

}  // namespace test

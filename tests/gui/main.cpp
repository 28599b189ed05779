// doctest main of test_gui (see ../../shared/STACK.md: no doctest_with_main target).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

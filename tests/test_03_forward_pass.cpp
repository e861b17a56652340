// Chapter 3 tests: placeholder, written next.
#include "03_forward_pass.hpp"

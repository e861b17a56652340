// Chapter 5 tests: placeholder, written next.
#include "05_backpropagation.hpp"

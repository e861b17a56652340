// Chapter 6 tests: placeholder, written next.
#include "06_training_loop.hpp"

// Chapter 4 tests: placeholder, written next.
#include "04_loss_function.hpp"

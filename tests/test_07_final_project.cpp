// Chapter 7 tests: placeholder, written next.
#include "07_final_project.hpp"

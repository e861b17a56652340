// Chapter 2 tests: placeholder, written next.
#include "02_single_neuron.hpp"

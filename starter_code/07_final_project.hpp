// Chapter 7: placeholder, written next.
#pragma once

#include "06_training_loop.hpp"

// Random inputs for the property tests of chapters 1 to 5: many shapes and
// many values, each set drawn again from the seed its failure message names.
//
// The numbers come from SplitMix64 and the conversion to [lo, hi) of lesson
// 3.4, written out again here rather than taken from mlp::next_u64 and
// mlp::uniform: chapters 1 and 2 come before those exist, and a test's inputs
// should not depend on a generator the learner may still be writing. Seed s
// gives the very numbers mlp::Rng{s} and mlp::uniform give, so a failing case
// can be rebuilt in a few lines once chapter 3 is done.
//
// These numbers are inputs only. What a test expects of them comes from the
// definition of the function under test, written out in the test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "01_math_foundations.hpp"

namespace random_inputs {

/// How many seeds a property is tried with: many shapes, still well under a
/// second in the debug build.
constexpr std::uint64_t kSeeds = 200;

/// The generator's one number of state; seed it as Draws{seed}.
struct Draws {
    std::uint64_t state = 0;
};

/// The next 64 random bits (SplitMix64, as lesson 3.4 writes it).
inline std::uint64_t next_bits(Draws& draws) {
    draws.state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = draws.state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// A number in [lo, hi): the top 53 bits scaled by 2^-53, then moved there.
inline double draw(Draws& draws, double lo, double hi) {
    const double u = static_cast<double>(next_bits(draws) >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * u;
}

/// A whole number from lo to hi, both included: a size or an index.
inline std::size_t draw_size(Draws& draws, std::size_t lo, std::size_t hi) {
    return lo + static_cast<std::size_t>(next_bits(draws) % (hi - lo + 1));
}

/// n numbers drawn from [lo, hi).
inline mlp::Vector draw_vector(Draws& draws, std::size_t n, double lo = -2.0, double hi = 2.0) {
    mlp::Vector v(n);
    for (double& value : v) {
        value = draw(draws, lo, hi);
    }
    return v;
}

/// A rows x cols matrix of numbers drawn from [lo, hi), row after row.
inline mlp::Matrix draw_matrix(Draws& draws, std::size_t rows, std::size_t cols, double lo = -2.0,
                               double hi = 2.0) {
    mlp::Matrix m(rows, cols);
    for (double& value : m.data) {
        value = draw(draws, lo, hi);
    }
    return m;
}

/// What a failure message says about its inputs, so they can be drawn again.
inline std::string seed_words(std::uint64_t seed) {
    return "random inputs of seed " + std::to_string(seed) +
           " (tests/support/random_inputs.hpp draws them)";
}

}  // namespace random_inputs

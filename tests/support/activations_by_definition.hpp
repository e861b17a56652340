// The activations by their definitions, for the property tests of chapters 3
// and 5: f(z) and f'(z) written out again, independently of the code under
// test, and a random activation to try them with.
#pragma once

#include <cmath>

#include "03_forward_pass.hpp"
#include "random_inputs.hpp"

namespace random_inputs {

using mlp::Activation;

inline const Activation kActivations[] = {Activation::identity, Activation::sigmoid,
                                          Activation::relu};

// f(z) and f'(z) by their definitions.
inline double apply(Activation f, double z) {
    switch (f) {
        case Activation::sigmoid:
            return 1.0 / (1.0 + std::exp(-z));
        case Activation::relu:
            return z > 0.0 ? z : 0.0;
        default:
            return z;
    }
}

inline double slope(Activation f, double z) {
    switch (f) {
        case Activation::sigmoid: {
            const double s = apply(f, z);
            return s * (1.0 - s);
        }
        case Activation::relu:
            return z > 0.0 ? 1.0 : 0.0;
        default:
            return 1.0;
    }
}

inline Activation draw_activation(Draws& draws) {
    return kActivations[draw_size(draws, 0, 2)];
}

}  // namespace random_inputs

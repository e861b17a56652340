// Chapter 5 tests, part 2: the network backward against centered differences
// of the loss (tests/support/gradient_check.hpp) with every kind of output
// layer. With an identity output layer a and z are the same numbers, so a
// backward that mixes them up still passes there; with a sigmoid or a ReLU
// output they differ, and only the right one gives the loss's slopes. Each
// output is checked without a hidden layer, with one and with two; every
// weight and bias of every layer and the first layer's dL/dx are compared.
#include <gtest/gtest.h>

#include "05_backpropagation.hpp"
#include "gradient_check.hpp"
#include "tutor.hpp"

using gradient_check::check_gradients;
using mlp::Activation;

TUTOR_TEST(GradientCheck, SigmoidOutputWithoutAHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({4, 3}, Activation::relu, Activation::sigmoid, {1, 2, 3});
}

TUTOR_TEST(GradientCheck, SigmoidOutputAfterOneReluHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({3, 5, 4}, Activation::relu, Activation::sigmoid, {1, 2, 3});
}

TUTOR_TEST(GradientCheck, SigmoidOutputAfterTwoSigmoidHiddenLayers, "mlp::backward", "5.4") {
    check_gradients({3, 4, 4, 2}, Activation::sigmoid, Activation::sigmoid, {1, 2, 3});
}

TUTOR_TEST(GradientCheck, ReluOutputWithoutAHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({4, 3}, Activation::relu, Activation::relu, {1, 4, 5});
}

TUTOR_TEST(GradientCheck, ReluOutputAfterOneSigmoidHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({4, 4, 3}, Activation::sigmoid, Activation::relu, {1, 2, 3});
}

TUTOR_TEST(GradientCheck, ReluOutputAfterTwoReluHiddenLayers, "mlp::backward", "5.4") {
    check_gradients({4, 5, 4, 3}, Activation::relu, Activation::relu, {1, 3, 4});
}

TUTOR_TEST(GradientCheck, IdentityOutputWithoutAHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({4, 3}, Activation::relu, Activation::identity, {1, 2, 3});
}

TUTOR_TEST(GradientCheck, IdentityOutputAfterThreeReluHiddenLayers, "mlp::backward", "5.4") {
    check_gradients({3, 4, 4, 4, 2}, Activation::relu, Activation::identity, {1, 2, 3});
}

// Chapter 2: a single neuron.
//
// A neuron computes a weighted sum of its inputs plus a bias, z = w . x + b,
// and passes it through an activation function, a = f(z). This chapter
// writes the sum, two activations (sigmoid and ReLU) with their derivatives,
// and a Neuron that remembers what its forward pass computed, because the
// backward pass of chapter 5 needs exactly those numbers.
//
// Your loop, after each change: cmake --workflow --preset ch02
// (it builds this chapter and runs its tests; lesson.md chapter 2).
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "01_math_foundations.hpp"

namespace mlp {

/// One neuron: a weight per input and one bias. It uses the sigmoid
/// activation; chapter 3 lets every layer choose its own.
struct Neuron {
    Vector weights;
    double bias = 0.0;

    // What the last forward pass computed, kept for the backward pass.
    Vector input;    // x, the input it read
    double z = 0.0;  // the weighted sum w . x + b
    double a = 0.0;  // the activation sigmoid(z), the neuron's output
};

/// The weighted sum of one neuron: z = w . x + b
///     = w[0]*x[0] + w[1]*x[1] + ... + w[n-1]*x[n-1] + b.
/// Shapes: w (n), x (n), b one number -> z one number. Different sizes or
/// empty vectors: std::invalid_argument naming weighted_sum and both sizes.
/// Example: "weighted_sum: needs two non-empty vectors of the same size, got
/// (3) and (2)".
/// Exercise: lesson.md 2.1, The weighted sum
inline double weighted_sum(const Vector& w, const Vector& x, double b) {
    // Your code goes here; then delete the two lines below.
    (void)w; (void)x; (void)b;
    throw NotImplemented("mlp::weighted_sum", "02_single_neuron.hpp", "2.1, The weighted sum");
}

/// The sigmoid (logistic) function: sigmoid(z) = 1 / (1 + e^(-z)), between
/// 0 and 1. Computed so that it never overflows: for z >= 0 use
/// 1 / (1 + e^(-z)); for z < 0 use the equal e^z / (1 + e^z), so that e is
/// only ever raised to a number <= 0. sigmoid(1000) is 1 and sigmoid(-1000)
/// is 0, never NaN.
/// Exercise: lesson.md 2.2, Sigmoid
inline double sigmoid(double z) {
    // Your code goes here; then delete the two lines below.
    (void)z;
    throw NotImplemented("mlp::sigmoid", "02_single_neuron.hpp", "2.2, Sigmoid");
}

/// The slope of the sigmoid at z: sigmoid'(z) = s * (1 - s) with
/// s = sigmoid(z). It takes z, not the activation. Largest at z = 0, where
/// it is 0.25; near 0 for large |z| (the vanishing gradient).
/// Exercise: lesson.md 2.2, Sigmoid
inline double sigmoid_derivative(double z) {
    // Your code goes here; then delete the two lines below.
    (void)z;
    throw NotImplemented("mlp::sigmoid_derivative", "02_single_neuron.hpp", "2.2, Sigmoid");
}

/// The rectified linear unit: relu(z) = max(0, z).
/// Exercise: lesson.md 2.4, ReLU
inline double relu(double z) {
    // Your code goes here; then delete the two lines below.
    (void)z;
    throw NotImplemented("mlp::relu", "02_single_neuron.hpp", "2.4, ReLU");
}

/// The slope of ReLU at z: 1 for z > 0, and 0 for z <= 0. At z = 0 exactly
/// the slope is undefined; we use 0, as the major libraries do, so a unit
/// that sits exactly at 0 does not learn from that example.
/// Exercise: lesson.md 2.4, ReLU
inline double relu_derivative(double z) {
    // Your code goes here; then delete the two lines below.
    (void)z;
    throw NotImplemented("mlp::relu_derivative", "02_single_neuron.hpp", "2.4, ReLU");
}

/// The neuron's forward pass: z = w . x + b, a = sigmoid(z). Stores x, z
/// and a in the neuron (replacing what an earlier call stored) and returns a.
/// Shapes: neuron.weights (n), x (n) -> a one number. An x whose size differs
/// from the weights' (or an empty one): weighted_sum's std::invalid_argument.
/// Example, for weights of 3 and an x of 2: "weighted_sum: needs two non-empty
/// vectors of the same size, got (3) and (2)".
/// Exercise: lesson.md 2.5, A neuron that remembers
inline double forward(Neuron& neuron, const Vector& x) {
    // Your code goes here; then delete the two lines below.
    (void)neuron; (void)x;
    throw NotImplemented("mlp::forward", "02_single_neuron.hpp", "2.5, A neuron that remembers");
}

}  // namespace mlp

// Chapter 5: backpropagation.
//
// The chain rule, applied layer by layer from the loss back to the input.
// For one layer, given dL/da (how the loss changes with the layer's output):
//
//     dL/dz = dL/da (*) f'(z)         element by element, f' at the cached z
//     dL/dW = outer(dL/dz, x)         x is the cached input
//     dL/db = dL/dz
//     dL/dx = W^T . dL/dz             becomes dL/da of the layer before
//
// and a numerical gradient (centered differences) to check all of it.
//
// Your loop, after each change: cmake --workflow --preset ch05
// (it builds this chapter and runs its tests; lesson.md chapter 5).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "04_loss_function.hpp"

namespace mlp {

/// The gradients of the loss for one layer, returned as values.
struct LayerGradients {
    Matrix weights;  // dL/dW (out, in)
    Vector biases;   // dL/db (out)
    Vector input;    // dL/dx (in): what the layer before receives as its dL/da
};

/// f'(z) for the activation f: identity gives 1, sigmoid gives
/// sigmoid_derivative(z), relu gives relu_derivative(z) (0 at z = 0). Any
/// other value of f: std::invalid_argument naming activation_derivative,
/// such as "activation_derivative: unknown activation 7".
/// Exercise: lesson.md 5.2, One layer backward
inline double activation_derivative(Activation f, double z) {
    // Your code goes here; then delete the two lines below.
    (void)f; (void)z;
    throw NotImplemented("mlp::activation_derivative", "05_backpropagation.hpp", "5.2, One layer backward");
}

/// The activation's step of the backward pass: dL/dz = dL/da (*) f'(z),
/// element by element (chapter 1's hadamard), with f' the layer's
/// activation_derivative taken at the z its last forward pass cached: at z,
/// not at a. It reads the layer and changes nothing. Shapes: grad_a (out)
/// -> dL/dz (out). A grad_a that does not match the cached z (no forward
/// yet, or the wrong size): std::invalid_argument naming both shapes.
/// Example: "activation_backward: grad_a is (3) but the layer's cached z is
/// (2) (run forward first)".
/// Exercise: lesson.md 5.2, One layer backward
inline Vector activation_backward(const Layer& layer, const Vector& grad_a) {
    // Your code goes here; then delete the two lines below.
    (void)layer; (void)grad_a;
    throw NotImplemented("mlp::activation_backward", "05_backpropagation.hpp", "5.2, One layer backward");
}

/// One layer backward, from grad_a = dL/da to the layer's gradients, using
/// the input and z its last forward pass cached (the formulas at the top of
/// this file; dL/dz comes from activation_backward). It reads the layer and
/// changes nothing: calling it twice gives the same gradients. Shapes:
/// W (out, in), grad_a (out) -> weights (out, in), biases (out), input (in).
/// A grad_a that does not match the cached z (no forward yet, or the wrong
/// size): activation_backward's std::invalid_argument.
/// Example: "activation_backward: grad_a is (3) but the layer's cached z is
/// (2) (run forward first)".
/// Exercise: lesson.md 5.2, One layer backward
inline LayerGradients backward(const Layer& layer, const Vector& grad_a) {
    // Your code goes here; then delete the two lines below.
    (void)layer; (void)grad_a;
    throw NotImplemented("mlp::backward", "05_backpropagation.hpp", "5.2, One layer backward");
}

/// The whole network backward, after forward(network, x) has run. The last
/// layer's output is the logits, so the loss is
/// cross_entropy(softmax(logits), target) and its dL/da is
/// softmax(logits) - target. Then layer by layer from the last to the
/// first: backward(layer, grad_a), and that layer's dL/dx is the grad_a of
/// the layer before. Returns one LayerGradients per layer, in layer order.
/// It uses the caches of the most recent forward pass. No forward pass yet
/// (the cached logits are empty) or a target whose size differs from the
/// logits': std::invalid_argument naming backward and both shapes.
/// Example: "backward: the target is (3) but the cached logits are (2) (run
/// forward first)". A network with no layers: "backward: the network has no
/// layers".
/// Exercise: lesson.md 5.3, The network backward
inline std::vector<LayerGradients> backward(const Network& network, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)network; (void)target;
    throw NotImplemented("mlp::backward", "05_backpropagation.hpp", "5.3, The network backward");
}

/// One slope by centered differences, without any calculus:
///     dL/dw ~ (L(w + h) - L(w - h)) / (2 h),   L = network_loss(network, x, target)
/// where w is one weight or bias of `network`, passed by reference so that
/// it can be nudged. Puts w back exactly as it was afterwards: restore the
/// saved value, since adding and subtracting h does not undo exactly in
/// floating point.
/// Exercise: lesson.md 5.4, Checking gradients
inline double centered_difference(Network& network, double& w, const Vector& x,
                                  const Vector& target, double h) {
    // Your code goes here; then delete the two lines below.
    (void)network; (void)w; (void)x; (void)target; (void)h;
    throw NotImplemented("mlp::centered_difference", "05_backpropagation.hpp", "5.4, Checking gradients");
}

/// The gradients of every weight and bias of every layer by
/// centered_difference, in the shapes backward returns them. Slow (two
/// forward passes per parameter) and only approximate, which is what makes
/// it a check: the error of a correct backward is about h^2. The `input`
/// member stays empty. It ends with one plain forward pass, so the caches
/// are those of x with the parameters as they were.
/// Exercise: lesson.md 5.4, Checking gradients
inline std::vector<LayerGradients> numerical_gradients(Network& network, const Vector& x,
                                                       const Vector& target, double h = 1e-5) {
    // Your code goes here; then delete the two lines below.
    (void)network; (void)x; (void)target; (void)h;
    throw NotImplemented("mlp::numerical_gradients", "05_backpropagation.hpp", "5.4, Checking gradients");
}

/// How far apart two estimates of one derivative are, relative to their
/// size: |a - b| / max(|a|, |b|), and 0 when both are exactly 0. Below 1e-7
/// the two agree; above 1e-2 something is wrong.
/// Exercise: lesson.md 5.4, Checking gradients
inline double relative_error(double a, double b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::relative_error", "05_backpropagation.hpp", "5.4, Checking gradients");
}

/// The largest relative_error over every weight and bias of every layer.
/// Gradients that do not pair up: std::invalid_argument, such as
/// "max_relative_error: 2 layers of gradients against 1" or
/// "max_relative_error: layer 1 has gradients of different shapes".
inline double max_relative_error(const std::vector<LayerGradients>& analytic,
                                 const std::vector<LayerGradients>& numeric) {
    if (analytic.size() != numeric.size()) {
        throw std::invalid_argument("max_relative_error: " + std::to_string(analytic.size()) +
                                    " layers of gradients against " +
                                    std::to_string(numeric.size()));
    }
    double worst = 0.0;
    for (std::size_t l = 0; l < analytic.size(); ++l) {
        const LayerGradients& a = analytic[l];
        const LayerGradients& n = numeric[l];
        if (a.weights.data.size() != n.weights.data.size() || a.biases.size() != n.biases.size()) {
            throw std::invalid_argument("max_relative_error: layer " + std::to_string(l) +
                                        " has gradients of different shapes");
        }
        for (std::size_t i = 0; i < a.weights.data.size(); ++i) {
            worst = std::max(worst, relative_error(a.weights.data[i], n.weights.data[i]));
        }
        for (std::size_t i = 0; i < a.biases.size(); ++i) {
            worst = std::max(worst, relative_error(a.biases[i], n.biases[i]));
        }
    }
    return worst;
}

}  // namespace mlp

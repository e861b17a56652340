// Chapter 4: the loss.
//
// The network's last layer gives 26 raw scores, the logits. Softmax turns
// them into probabilities that sum to 1; cross-entropy says how wrong those
// probabilities are for the true letter, as one number to make smaller.
// MSE, the other classic loss, is here too, to compare.
//
// Your loop, after each change: cmake --workflow --preset ch04
// (it builds this chapter and runs its tests; lesson.md chapter 4).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "03_forward_pass.hpp"

namespace mlp {

/// The smallest probability cross-entropy takes the log of. ln(0) is minus
/// infinity; a floor of 1e-12 caps the loss of a certain wrong answer at
/// -ln(1e-12) = 27.6, large and finite.
constexpr double kMinProbability = 1e-12;

/// The network lesson section 4.5 works through by hand, 2 -> 2 ReLU -> 3:
///     hidden W = [1, 0.5; -1, -1], b = [-1, 0];  output W = [0, 7; 1, 7; 2, 7],
///     b = [1, 1, 1]
/// For x = [1, 2] its hidden a is [1, 0] and its logits are [1, 2, 3].
/// Given: the program and the tests both use it.
inline Network worked_example_network() {
    return Network{{layer_from(Matrix(2, 2, {1, 0.5, -1, -1}), {-1, 0}, Activation::relu),
                    layer_from(Matrix(3, 2, {0, 7, 1, 7, 2, 7}), {1, 1, 1}, Activation::identity)}};
}

/// Softmax: p[i] = e^(z[i] - m) / sum over j of e^(z[j] - m), with m the
/// largest z. Subtracting m changes nothing mathematically (it cancels out)
/// but keeps every power of e at or below e^0 = 1, so logits like 1000 do
/// not overflow. Shapes: z (n) -> p (n), p[i] in [0, 1], summing to 1.
/// An empty z: std::invalid_argument.
/// Example: "softmax: needs a non-empty vector, got (0)".
/// Exercise: lesson.md 4.1, Softmax
inline Vector softmax(const Vector& z) {
    // Your code goes here; then delete the two lines below.
    (void)z;
    throw NotImplemented("mlp::softmax", "04_loss_function.hpp", "4.1, Softmax");
}

/// Cross-entropy against a target distribution (usually one-hot):
/// L = -(t[0] ln p[0] + ... + t[n-1] ln p[n-1]), the natural log, with every
/// p floored at kMinProbability. Shapes: p (n), t (n) -> one number.
/// Different sizes or empty vectors: std::invalid_argument.
/// Example: "cross_entropy: needs two non-empty vectors of the same size, got
/// (3) and (2)".
/// Exercise: lesson.md 4.2, Cross-entropy
inline double cross_entropy(const Vector& p, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)p; (void)target;
    throw NotImplemented("mlp::cross_entropy", "04_loss_function.hpp", "4.2, Cross-entropy");
}

/// Cross-entropy when the answer is class k: L = -ln p[k], with p[k]
/// floored at kMinProbability. k outside p: std::invalid_argument.
/// Example: "cross_entropy: class 7 is outside probabilities of shape (3)".
/// Exercise: lesson.md 4.2, Cross-entropy
inline double cross_entropy(const Vector& p, std::size_t true_class) {
    // Your code goes here; then delete the two lines below.
    (void)p; (void)true_class;
    throw NotImplemented("mlp::cross_entropy", "04_loss_function.hpp", "4.2, Cross-entropy");
}

/// Mean squared error: L = ((y[0]-t[0])^2 + ... + (y[n-1]-t[n-1])^2) / n,
/// the mean, not the sum. Shapes: y (n), t (n) -> one number. Different
/// sizes or empty vectors: std::invalid_argument.
/// Example: "mse: needs two non-empty vectors of the same size, got (3) and (2)".
/// Exercise: lesson.md 4.4, Mean squared error
inline double mse(const Vector& prediction, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)prediction; (void)target;
    throw NotImplemented("mlp::mse", "04_loss_function.hpp", "4.4, Mean squared error");
}

/// The gradient of mse with respect to the prediction:
/// dL/dy[i] = 2 (y[i] - t[i]) / n. Same shapes and checks as mse.
/// Example: "mse_derivative: needs two non-empty vectors of the same size, got
/// (3) and (2)".
/// Exercise: lesson.md 4.4, Mean squared error
inline Vector mse_derivative(const Vector& prediction, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)prediction; (void)target;
    throw NotImplemented("mlp::mse_derivative", "04_loss_function.hpp", "4.4, Mean squared error");
}

/// The gradient of cross_entropy(softmax(z), t) with respect to the logits
/// z: dL/dz = softmax(z) - t. (Lesson 4.3 derives it: the two functions'
/// slopes cancel down to this difference.) Same shapes and checks as
/// cross_entropy.
/// Example: "softmax_cross_entropy_gradient: needs two non-empty vectors of the
/// same size, got (3) and (2)".
/// Exercise: lesson.md 4.3, The gradient at the logits
inline Vector softmax_cross_entropy_gradient(const Vector& logits, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)logits; (void)target;
    throw NotImplemented("mlp::softmax_cross_entropy_gradient", "04_loss_function.hpp", "4.3, The gradient at the logits");
}

/// A vector of `size` zeros with a 1 at `index`: the target for class index.
/// index >= size: std::invalid_argument.
/// Example: "one_hot: index 7 is outside a vector of size 5".
/// Exercise: lesson.md 4.2, Cross-entropy
inline Vector one_hot(std::size_t index, std::size_t size) {
    // Your code goes here; then delete the two lines below.
    (void)index; (void)size;
    throw NotImplemented("mlp::one_hot", "04_loss_function.hpp", "4.2, Cross-entropy");
}

/// The index of the largest element (the first one, if several tie): the
/// class the network predicts. An empty v: std::invalid_argument.
/// Example: "argmax: needs a non-empty vector, got (0)".
/// Exercise: lesson.md 4.1, Softmax
inline std::size_t argmax(const Vector& v) {
    // Your code goes here; then delete the two lines below.
    (void)v;
    throw NotImplemented("mlp::argmax", "04_loss_function.hpp", "4.1, Softmax");
}

/// The network's loss on one example: forward x to get the logits, then
/// cross_entropy(softmax(logits), target). The forward pass refreshes every
/// layer's cache, ready for backward.
/// Shapes: x (the first layer's inputs), target (the last layer's outputs)
/// -> one number. A target of another size: std::invalid_argument (the
/// check in cross_entropy).
/// Example, for logits of 2: "cross_entropy: needs two non-empty vectors of
/// the same size, got (2) and (3)".
/// Exercise: lesson.md 4.5, The loss of a network
inline double network_loss(Network& network, const Vector& x, const Vector& target) {
    // Your code goes here; then delete the two lines below.
    (void)network; (void)x; (void)target;
    throw NotImplemented("mlp::network_loss", "04_loss_function.hpp", "4.5, The loss of a network");
}

}  // namespace mlp

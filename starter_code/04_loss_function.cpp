// Chapter 4 program: a guided tour of the loss, from logits to one number.
// Run it after each function you write; it stops at the first one missing.
#include <cmath>
#include <cstddef>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "04_loss_function.hpp"
#include "tour.hpp"

namespace {

// Four significant digits are plenty to follow the story.
constexpr int kDigits = 4;

std::string show(double x) {
    return mlp::show(x, kDigits);
}

std::string show(const mlp::Vector& v) {
    return mlp::show(v, kDigits);
}

// The slope of loss(z) in the direction of z[i], measured by nudging z[i]
// a little up and a little down (centered differences, chapter 5 does this
// for every weight).
template <class Loss>
double slope(const Loss& loss, const mlp::Vector& z, std::size_t i) {
    const double h = 1e-5;
    mlp::Vector up = z;
    mlp::Vector down = z;
    up[i] += h;
    down[i] -= h;
    return (loss(up) - loss(down)) / (2.0 * h);
}

void tour_softmax() {
    std::cout << "4.1 Softmax: logits in, probabilities out\n";
    const mlp::Vector z{1, 2, 3};
    std::cout << "logits z      = " << show(z) << "\n";
    std::cout << "z - max(z)    = [-2, -1, 0]\n";
    std::cout << "e^(z - max)   = " << show({std::exp(-2.0), std::exp(-1.0), std::exp(0.0)})
              << "   their sum is " << show(std::exp(-2.0) + std::exp(-1.0) + 1.0) << "\n";
    const mlp::Vector p = mlp::softmax(z);
    std::cout << "softmax(z)    = " << show(p) << "   each divided by the sum; they add up to "
              << show(p[0] + p[1] + p[2]) << "\n";
    std::cout << "argmax        = " << mlp::argmax(p) << ", the class the network answers\n\n";

    std::cout << "Why subtract the max: e^1000 in a double is " << show(std::exp(1000.0))
              << ", and inf / inf is " << show(std::exp(1000.0) / std::exp(1000.0)) << ".\n";
    std::cout << "softmax([1000, 999, 998])  = " << show(mlp::softmax({1000, 999, 998}))
              << "   the same as for [3, 2, 1]\n";
    std::cout << "softmax([-1000, 0, 1000])  = " << show(mlp::softmax({-1000, 0, 1000}))
              << "   e^-1000 and e^-2000 are 0 in a double\n\n";
}

void tour_cross_entropy() {
    std::cout << "4.2 Cross-entropy: minus the log of the true class's probability\n";
    const mlp::Vector p = mlp::softmax({1, 2, 3});
    std::cout << "p = softmax([1, 2, 3]) = " << show(p) << "\n";
    std::cout << "    true class 2: -ln(" << show(p[2]) << ") = " << show(mlp::cross_entropy(p, 2))
              << "   mostly right, a small loss\n";
    std::cout << "    true class 0: -ln(" << show(p[0]) << ") = " << show(mlp::cross_entropy(p, 0))
              << "   wrong, a large loss\n";
    const mlp::Vector target = mlp::one_hot(0, 3);
    std::cout << "    the same with a one-hot target " << show(target) << ": "
              << show(mlp::cross_entropy(p, target)) << "\n";
    std::cout << "    a perfect prediction [0, 0, 1] for class 2: "
              << show(mlp::cross_entropy({0, 0, 1}, 2)) << "\n";
    std::cout << "    a probability of 0 for the true class: "
              << show(mlp::cross_entropy({0, 0, 1}, 0)) << " = -ln(1e-12), large but not inf\n";

    const mlp::Vector untrained = mlp::softmax(mlp::Vector(26, 0.0));
    std::cout << "An untrained network: 26 equal logits give every letter p = "
              << show(untrained[0]) << " (1/26),\n";
    std::cout << "    so the loss starts at -ln(1/26) = ln 26 = "
              << show(mlp::cross_entropy(untrained, 7)) << ", whatever the letter.\n\n";
}

void tour_gradient() {
    std::cout << "4.3 The gradient at the logits: softmax(z) - target\n";
    const mlp::Vector z{1, 2, 3};
    const mlp::Vector target = mlp::one_hot(0, 3);
    const auto loss = [&](const mlp::Vector& logits) {
        return mlp::cross_entropy(mlp::softmax(logits), target);
    };
    std::cout << "z = " << show(z) << ", target " << show(target) << ":\n";
    std::cout << "    softmax(z) - target    = "
              << show(mlp::softmax_cross_entropy_gradient(z, target)) << "\n";
    std::cout << "    nudging each z[i]      = "
              << show({slope(loss, z, 0), slope(loss, z, 1), slope(loss, z, 2)})
              << "   (centered differences of the loss)\n";
    std::cout << "    The true class's logit should go up (negative slope), the others down.\n\n";
}

void tour_mse() {
    std::cout << "4.4 Mean squared error\n";
    const mlp::Vector y{1, 0, 5};
    const mlp::Vector t{1, 2, 2};
    std::cout << "y = " << show(y) << ", t = " << show(t)
              << ": y - t = [0, -2, 3], squared [0, 4, 9]\n";
    std::cout << "    mse            = " << show(mlp::mse(y, t))
              << "   (0 + 4 + 9) / 3, the mean\n";
    std::cout << "    mse_derivative = " << show(mlp::mse_derivative(y, t))
              << "   2 (y - t) / 3\n\n";

    std::cout << "Why cross-entropy for classes: two classes, the true one is 1.\n";
    std::cout << "How fast each loss falls as z[1] rises (its slope in z[1]):\n";
    std::cout << "    z          p[1]        cross-entropy  slope       MSE         slope\n";
    const mlp::Vector target = mlp::one_hot(1, 2);
    const auto ce = [&](const mlp::Vector& z) {
        return mlp::cross_entropy(mlp::softmax(z), target);
    };
    const auto squared = [&](const mlp::Vector& z) { return mlp::mse(mlp::softmax(z), target); };
    for (const mlp::Vector& z : {mlp::Vector{0, 0}, mlp::Vector{3, -3}, mlp::Vector{6, -6}}) {
        std::cout << "    " << std::left << std::setw(11) << show(z) << std::setw(12)
                  << show(mlp::softmax(z)[1]) << std::setw(15) << show(ce(z)) << std::setw(12)
                  << show(slope(ce, z, 1)) << std::setw(12) << show(squared(z))
                  << show(slope(squared, z, 1)) << "\n";
    }
    std::cout << "    The more wrong the answer, the steeper cross-entropy gets and the flatter\n"
                 "    MSE gets: MSE barely corrects a confident mistake.\n\n";
}

void tour_network_loss() {
    std::cout << "4.5 The loss of a network\n";
    mlp::Network network = mlp::worked_example_network();
    const double loss = mlp::network_loss(network, {1, 2}, mlp::one_hot(0, 3));
    std::cout << "A hand-set network 2 -> 2 (ReLU) -> 3 reads x = [1, 2]:\n";
    std::cout << "    hidden a = " << show(network.layers[0].a)
              << ", logits = " << show(network.layers[1].z) << "\n";
    const double p0 = mlp::softmax(network.layers[1].z)[0];
    std::cout << "    network_loss for class 0 = " << show(loss) << " = -ln " << show(p0) << "\n";
    mlp::Vector squashed(26, 0.0);
    squashed[0] = 1.0;
    std::cout << "A sigmoid on the last layer would squash every logit into (0, 1). The best\n"
                 "case for letter 0 is then logits [1, 0, ..., 0] (never quite reached), and\n"
              << "    softmax gives it e / (e + 25) = " << show(mlp::softmax(squashed)[0])
              << ": never more than 10% sure.\n";
    std::cout << "    That is why the last layer gives raw logits.\n";
}

void tour() {
    std::cout << "Chapter 4: the loss\n\n";
    tour_softmax();
    tour_cross_entropy();
    tour_gradient();
    tour_mse();
    tour_network_loss();
}

}  // namespace

int main() {
    return mlp::run_tour(4, tour);
}

// Chapter 5 program: a guided tour of backpropagation.
// Run it after each function you write; it stops at the first one missing.
//
// First a 2-2-2 network whose every number can be followed by hand, forward
// and then backward. Then the gradient check on a random network: once with
// the chapter's backward, once with a backward that forgets the transpose.
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "05_backpropagation.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

// A relative error in two significant digits, such as 3.1e-11.
std::string show_error(double error) {
    return show(error, 2);
}

// A number in 4 significant digits, padded to line up in a column.
std::string column(double value) {
    std::ostringstream out;
    out.precision(4);
    out << std::left << std::setw(10) << value;
    return out.str();
}

// The network backward with a classic bug: dL/dx = W . dL/dz, without the
// transpose. Every layer of a 4-4-4 network is square, so the shapes fit
// and it runs; only the gradient check can tell that its numbers are wrong.
std::vector<mlp::LayerGradients> backward_without_transpose(const mlp::Network& network,
                                                            const mlp::Vector& target) {
    mlp::Vector grad_a = mlp::softmax_cross_entropy_gradient(network.layers.back().a, target);
    std::vector<mlp::LayerGradients> gradients(network.layers.size());
    for (std::size_t k = network.layers.size(); k > 0; --k) {
        const mlp::Layer& layer = network.layers[k - 1];
        gradients[k - 1] = mlp::backward(layer, grad_a);
        grad_a = mlp::matvec(layer.weights, gradients[k - 1].biases);  // the bug (dL/db = dL/dz)
    }
    return gradients;
}

mlp::Network hand_network() {
    mlp::Network network;
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2, {1.0, -1.0, 0.5, 0.5}), {0.0, 0.0},
                                             mlp::Activation::relu));
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2, {1.0, 2.0, 3.0, 0.0}), {0.0, 3.0},
                                             mlp::Activation::identity));
    return network;
}

// 5.1: the forward pass, which leaves in every layer what backward needs.
void forward_part(mlp::Network& network, const mlp::Vector& x, const mlp::Vector& target) {
    std::cout << "\n5.1 Forward first: every layer caches its input, z and a\n";
    std::cout << "x = " << show(x) << ", target = " << show(target) << "\n";
    const double loss = mlp::network_loss(network, x, target);
    for (std::size_t l = 0; l < network.layers.size(); ++l) {
        const mlp::Layer& layer = network.layers[l];
        std::cout << "  layer " << l << ": input = " << show(layer.input)
                  << ", z = " << show(layer.z) << ", a = " << show(layer.a) << "\n";
    }
    std::cout << "  softmax(logits) = " << show(mlp::softmax(network.layers.back().a))
              << ", loss = " << loss << " (ln 2)\n";
}

// 5.2: the output layer alone, from dL/da = softmax(logits) - target.
void output_layer_part(const mlp::Network& network, const mlp::Vector& target) {
    const mlp::Layer& output = network.layers[1];
    const mlp::Vector grad_logits = mlp::softmax_cross_entropy_gradient(output.a, target);
    const mlp::LayerGradients last = mlp::backward(output, grad_logits);
    std::cout << "\n5.2 One layer backward: the output layer, from dL/da = softmax - target = "
              << show(grad_logits) << "\n";
    std::cout << "  f'(z) = [" << mlp::activation_derivative(output.activation, output.z[0]) << ", "
              << mlp::activation_derivative(output.activation, output.z[1])
              << "] (identity), so dL/dz = dL/da (*) f'(z) = " << show(last.biases) << "\n";
    std::cout << "  dL/dW = outer(dL/dz, input) = " << show(last.weights) << "\n";
    std::cout << "  dL/db = dL/dz = " << show(last.biases) << "\n";
    std::cout << "  dL/dx = W^T . dL/dz = " << show(last.input) << "   (W . dL/dz would be "
              << show(mlp::matvec(output.weights, last.biases)) << ")\n";
}

// 5.3: the whole network, layer 1's dL/dx becoming layer 0's dL/da.
void network_part(const mlp::Network& network, const mlp::Vector& target) {
    const std::vector<mlp::LayerGradients> gradients = mlp::backward(network, target);
    const mlp::Layer& hidden = network.layers[0];
    std::cout << "\n5.3 The network backward: layer 1's dL/dx is layer 0's dL/da\n";
    std::cout << "  layer 1: dL/db = " << show(gradients[1].biases)
              << ", dL/dW = " << show(gradients[1].weights) << "\n";
    std::cout << "  layer 0: dL/da = " << show(gradients[1].input) << ", relu'(z) = ["
              << mlp::activation_derivative(hidden.activation, hidden.z[0]) << ", "
              << mlp::activation_derivative(hidden.activation, hidden.z[1])
              << "] at z = " << show(hidden.z) << "\n";
    std::cout << "           dL/dz = dL/db = " << show(gradients[0].biases)
              << ", dL/dW = " << show(gradients[0].weights) << "\n";
    std::cout << "           dL/dx = " << show(gradients[0].input)
              << "   (what a layer before it would receive)\n";
}

void by_hand() {
    mlp::Network network = hand_network();
    std::cout << "A 2-2-2 network set by hand:\n";
    std::cout << "  layer 0 (relu):     W = " << show(network.layers[0].weights)
              << ", b = " << show(network.layers[0].biases) << "\n";
    std::cout << "  layer 1 (identity): W = " << show(network.layers[1].weights)
              << ", b = " << show(network.layers[1].biases) << "\n";
    const mlp::Vector target{1.0, 0.0};
    forward_part(network, {1.0, 2.0}, target);
    output_layer_part(network, target);
    network_part(network, target);
}

void gradient_check() {
    constexpr std::uint64_t kSeed = 5;  // any seed will do; this one is fixed so the output is too
    mlp::Rng rng{kSeed};
    mlp::Network network =
        mlp::make_network({4, 4, 4}, mlp::Activation::relu, mlp::Activation::identity, rng);
    const mlp::Vector x{0.5, -1.0, 0.25, 2.0};
    const mlp::Vector target = mlp::one_hot(2, 4);
    std::cout << "\n5.4 Checking gradients on a random 4-4-4 network (relu, seed " << kSeed << "), "
              << mlp::parameter_count(network) << " parameters\n";
    std::cout << "x = " << show(x) << ", target = " << show(target) << "\n";

    mlp::network_loss(network, x, target);  // the forward pass backward reads
    const std::vector<mlp::LayerGradients> analytic = mlp::backward(network, target);
    const std::vector<mlp::LayerGradients> broken = backward_without_transpose(network, target);
    const std::vector<mlp::LayerGradients> numeric = mlp::numerical_gradients(network, x, target);

    // One weight of the first layer, where the missing transpose does its harm.
    const double by_differences = numeric[0].weights(1, 3);
    const double by_backward = analytic[0].weights(1, 3);
    const double by_broken = broken[0].weights(1, 3);
    std::cout << "  layer 0, W(1, 3): centered differences     " << by_differences << "\n";
    std::cout << "                    backward                 " << column(by_backward)
              << "relative error " << show_error(mlp::relative_error(by_backward, by_differences))
              << "\n";
    std::cout << "                    backward without the W^T " << column(by_broken)
              << "relative error " << show_error(mlp::relative_error(by_broken, by_differences))
              << "\n";
    std::cout << "  largest relative error, backward:                 should be below 1e-7, is "
              << show_error(mlp::max_relative_error(analytic, numeric)) << "\n";
    std::cout << "  largest relative error, backward without the W^T: should be below 1e-7, is "
              << show_error(mlp::max_relative_error(broken, numeric)) << "\n";
}

void tour() {
    std::cout.precision(4);
    std::cout << "Chapter 5: backpropagation\n\n";
    by_hand();
    gradient_check();
}

}  // namespace

int main() {
    return mlp::run_tour(5, tour);
}

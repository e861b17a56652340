// Chapter 3 program: a guided tour of layers, networks and the numbers
// that start them. Run it after each function you write; it stops at the
// first one missing.
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "03_forward_pass.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

std::string show_indices(const std::vector<std::size_t>& v) {
    std::ostringstream out;
    out << "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        out << (i ? ", " : "") << v[i];
    }
    out << "]";
    return out.str();
}

std::string hex(std::uint64_t value) {
    std::ostringstream out;
    out << "0x" << std::hex << std::setw(16) << std::setfill('0') << value;
    return out.str();
}

void activation_part() {
    std::cout << "The activations a layer can use, at z = -2 and z = 3:\n";
    for (const mlp::Activation f :
         {mlp::Activation::identity, mlp::Activation::sigmoid, mlp::Activation::relu}) {
        std::cout << "    " << std::left << std::setw(10) << mlp::activation_name(f) << std::right
                  << mlp::activate(f, -2.0) << ", " << mlp::activate(f, 3.0) << "\n";
    }
    std::cout << "\n";
}

void random_part() {
    std::cout << "Random numbers of our own (SplitMix64), seed 42:\n";
    mlp::Rng rng{42};
    std::cout << "    next_u64:";
    for (int k = 0; k < 3; ++k) {
        std::cout << " " << hex(mlp::next_u64(rng));
    }
    std::cout << "\n";
    rng = mlp::Rng{42};
    std::cout << "    uniform(rng, -1, 1) from the same start:";
    for (int k = 0; k < 3; ++k) {
        std::cout << " " << mlp::uniform(rng, -1.0, 1.0);
    }
    std::cout << "\n";
    std::vector<std::size_t> order{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    rng = mlp::Rng{42};
    mlp::shuffle(order, rng);
    std::cout << "    shuffle of 0 ... 9: " << show_indices(order) << "\n";
    std::cout << "Every compiler and standard library prints these same numbers.\n\n";
}

void starting_weights_part() {
    mlp::Rng rng{42};
    const mlp::Layer layer = mlp::make_layer(3, 2, mlp::Activation::relu, rng);
    std::cout << "Starting weights: make_layer(3 inputs, 2 outputs, relu) with seed 42\n";
    std::cout << "    limit = sqrt(6 / (3 + 2)) = " << std::sqrt(6.0 / 5.0)
              << ", every weight in [-limit, limit)\n";
    std::cout << "    W " << mlp::shape_of(layer.weights) << ", one row per neuron:\n";
    std::cout << mlp::show_rows(layer.weights, "        ");
    std::cout << "    b = " << show(layer.biases) << "\n\n";
}

// The root mean square of the numbers: how big they are, whatever their sign.
double spread(const std::vector<mlp::Vector>& values) {
    double sum = 0.0;
    std::size_t count = 0;
    for (const mlp::Vector& v : values) {
        for (const double x : v) {
            sum += x * x;
            ++count;
        }
    }
    return std::sqrt(sum / static_cast<double>(count));
}

// The spread of the input, then of each layer's output, through a stack of
// layers. The stack is a copy: forward fills its caches.
std::vector<double> spreads_through(std::vector<mlp::Layer> stack,
                                    std::vector<mlp::Vector> values) {
    std::vector<double> spreads{spread(values)};
    for (mlp::Layer& layer : stack) {
        for (mlp::Vector& v : values) {
            v = mlp::forward(layer, v);
        }
        spreads.push_back(spread(values));
    }
    return spreads;
}

// A copy of a stack of layers with every weight multiplied by `factor`.
std::vector<mlp::Layer> scaled(std::vector<mlp::Layer> stack, double factor) {
    for (mlp::Layer& layer : stack) {
        for (double& w : layer.weights.data) {
            w *= factor;
        }
    }
    return stack;
}

// How big the numbers get, layer after layer, in a deep stack of layers with
// no activation (so that only the weights change their size), for Xavier's
// range and for ranges a little narrower and a little wider. The three stacks
// share their draws: the narrow and the wide ones are Xavier's, scaled.
void spread_part() {
    constexpr std::size_t kWidth = 64;
    constexpr std::size_t kDepth = 8;
    constexpr std::size_t kInputs = 100;
    mlp::Rng rng{42};
    std::vector<mlp::Layer> xavier;
    for (std::size_t l = 0; l < kDepth; ++l) {
        xavier.push_back(mlp::make_layer(kWidth, kWidth, mlp::Activation::identity, rng));
    }
    std::vector<mlp::Vector> inputs(kInputs, mlp::Vector(kWidth));
    for (mlp::Vector& x : inputs) {
        for (double& v : x) {
            v = mlp::uniform(rng, -1.0, 1.0);
        }
    }
    const std::vector<double> narrow = spreads_through(scaled(xavier, 0.8), inputs);
    const std::vector<double> right = spreads_through(xavier, inputs);
    const std::vector<double> wide = spreads_through(scaled(xavier, 1.25), inputs);

    std::cout << "How big the numbers get, layer after layer: " << kDepth << " layers of " << kWidth
              << " neurons, no activation,\n"
              << kInputs << " inputs of " << kWidth << " numbers from uniform(-1, 1), seed 42.\n"
              << "Xavier's limit for " << kWidth << " -> " << kWidth << " is "
              << std::sqrt(6.0 / (2.0 * kWidth))
              << "; the root mean square of each layer's output:\n";
    std::cout << "    layer   0.8 x Xavier   Xavier   1.25 x Xavier\n";
    for (std::size_t l = 0; l <= kDepth; ++l) {
        std::cout << "    " << std::left << std::setw(8) << l << std::setw(15) << show(narrow[l], 3)
                  << std::setw(9) << show(right[l], 3) << show(wide[l], 3) << std::right
                  << (l == 0 ? "    (the input)" : "") << "\n";
    }
    std::cout << "\n";
}

void layer_part() {
    mlp::Layer layer;
    layer.weights = mlp::Matrix(2, 3,
                                {0.5, -1, 2,  //
                                 1, 1, -1});
    layer.biases = {-0.5, -1};
    layer.activation = mlp::Activation::relu;
    const mlp::Vector x{1, 2, 3};
    std::cout << "A layer's forward pass, with W and b set by hand:\n";
    std::cout << "    W =\n";
    std::cout << mlp::show_rows(layer.weights, "        ");
    std::cout << "    b = " << show(layer.biases) << ", x = " << show(x) << "\n";
    const mlp::Vector a = mlp::forward(layer, x);
    std::cout << "    z = W x + b = [0.5 - 2 + 6 - 0.5, 1 + 2 - 3 - 1] = " << show(layer.z) << "\n";
    std::cout << "    a = relu(z) = " << show(a) << "\n";
    std::cout << "    the layer kept input = " << show(layer.input) << ", z = " << show(layer.z)
              << ", a = " << show(layer.a) << "\n\n";

    // Four neurons with the same weights compute the same number.
    mlp::Layer same;
    same.weights = mlp::Matrix(4, 3, 0.5);
    same.biases = {0, 0, 0, 0};
    same.activation = mlp::Activation::relu;
    std::cout << "Why not start every weight at the same value? Four neurons, all weights 0.5:\n";
    std::cout << "    a = " << show(mlp::forward(same, x))
              << "   four neurons, one answer (and later one gradient: they stay twins)\n\n";
}

void network_part() {
    mlp::Rng rng{42};
    mlp::Network network =
        mlp::make_network({26, 64, 26}, mlp::Activation::relu, mlp::Activation::identity, rng);
    std::cout << "A network: make_network({26, 64, 26}, relu, identity) with seed 42\n";
    for (std::size_t l = 0; l < network.layers.size(); ++l) {
        const mlp::Layer& layer = network.layers[l];
        std::cout << "    layer " << l << ": W " << mlp::shape_of(layer.weights) << ", b ("
                  << layer.biases.size() << "), " << mlp::activation_name(layer.activation) << "\n";
    }
    std::cout << "    parameters: 64 * 26 + 64 + 26 * 64 + 26 = " << mlp::parameter_count(network)
              << "\n";
    mlp::Vector letter_c(26, 0.0);
    letter_c[2] = 1.0;  // C is letter number 2, counting from A = 0
    const mlp::Vector scores = mlp::forward(network, letter_c);
    std::cout << "    forward(letter C) gives " << scores.size() << " scores; the first five: "
              << show(mlp::Vector(scores.begin(), scores.begin() + 5)) << "\n";
    std::cout << "    hidden neurons that ReLU switched off for C: ";
    std::size_t off = 0;
    for (const double a : network.layers[0].a) {
        off += a == 0.0 ? 1 : 0;
    }
    std::cout << off << " of 64\n";
}

void tour() {
    std::cout << "Chapter 3: the forward pass\n\n";
    activation_part();
    random_part();
    starting_weights_part();
    spread_part();
    layer_part();
    network_part();
}

}  // namespace

int main() {
    return mlp::run_tour(3, tour);
}

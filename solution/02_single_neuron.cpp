// Chapter 2 program: a guided tour of one neuron.
// Run it after each function you write; it stops at the first one missing.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "02_single_neuron.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

void weighted_sum_part() {
    const mlp::Vector x{0.5, -1.0, 2.0};
    const mlp::Vector w{0.4, 0.3, -0.2};
    const double b = 0.1;
    std::cout << "One neuron: inputs x = " << show(x) << ", weights w = " << show(w)
              << ", bias b = " << b << "\n";
    std::cout << "z = w . x + b = 0.2 - 0.3 - 0.4 + 0.1 = " << mlp::weighted_sum(w, x, b) << "\n\n";
}

void sigmoid_part() {
    std::cout << "Sigmoid squeezes any z into (0, 1); its slope is s * (1 - s):\n";
    std::cout << std::setw(8) << "z" << std::setw(14) << "sigmoid(z)" << std::setw(14) << "slope"
              << "\n";
    for (const double z : {-1000.0, -10.0, -2.0, -0.4, 0.0, 2.0, 10.0, 1000.0}) {
        std::cout << std::setw(8) << z << std::setw(14) << mlp::sigmoid(z) << std::setw(14)
                  << mlp::sigmoid_derivative(z) << (z == 0.0 ? "   <- the largest slope" : "")
                  << "\n";
    }
    // The best a sigmoid layer can do is pass on a quarter of a gradient.
    std::cout << "Through 10 sigmoid layers a gradient is multiplied by at most 0.25^10 = "
              << std::pow(mlp::sigmoid_derivative(0.0), 10) << "\n\n";
}

void relu_part() {
    std::cout << "ReLU keeps a positive z and turns the rest into 0; its slope is 1 or 0:\n";
    std::cout << std::setw(8) << "z" << std::setw(10) << "relu(z)" << std::setw(8) << "slope"
              << "\n";
    for (const double z : {-2.0, 0.0, 3.0}) {
        std::cout << std::setw(8) << z << std::setw(10) << mlp::relu(z) << std::setw(8)
                  << mlp::relu_derivative(z) << (z == 0.0 ? "   <- at exactly 0 we use 0" : "")
                  << "\n";
    }
    std::cout << "\n";
}

// Both activations and both slopes on an even grid of z, every half step
// from -4 to 4: the curves the lesson draws in 2.4.
void grid_part() {
    std::cout << "Both activations and their slopes, z from -4 to 4 in steps of 0.5:\n";
    std::cout << std::setw(8) << "z" << std::setw(12) << "sigmoid(z)" << std::setw(10) << "slope"
              << std::setw(10) << "relu(z)" << std::setw(8) << "slope"
              << "\n";
    for (int step = -8; step <= 8; ++step) {
        const double z = 0.5 * step;
        std::cout << std::setw(8) << z << std::setw(12) << show(mlp::sigmoid(z), 4) << std::setw(10)
                  << show(mlp::sigmoid_derivative(z), 4) << std::setw(10) << mlp::relu(z)
                  << std::setw(8) << mlp::relu_derivative(z) << "\n";
    }
    std::cout << "\n";
}

void collapse_part() {
    // Two layers with no activation between them, and the one layer they equal.
    const mlp::Matrix w1(2, 2,
                         {1, -1,  //
                          2, 1});
    const mlp::Vector b1{0, -1};
    const mlp::Matrix w2(1, 2, {2, 1});
    const mlp::Vector b2{0.5};
    const mlp::Vector x{1, 2};

    std::cout << "Why an activation at all? Two layers without one, on x = " << show(x) << ":\n";
    const mlp::Vector h = mlp::add(mlp::matvec(w1, x), b1);
    std::cout << "    layer 1: W1 x + b1 = " << show(h) << "\n";
    std::cout << "    layer 2: W2 h + b2 = " << show(mlp::add(mlp::matvec(w2, h), b2)) << "\n";
    const mlp::Matrix w = mlp::matmul(w2, w1);
    const mlp::Vector b = mlp::add(mlp::matvec(w2, b1), b2);
    std::cout << "One layer with W = W2 W1 = " << show(w.data)
              << " and b = W2 b1 + b2 = " << show(b) << ":\n";
    std::cout << "    W x + b = " << show(mlp::add(mlp::matvec(w, x), b))
              << "   the same, for every x\n";
    const mlp::Vector h_relu{mlp::relu(h[0]), mlp::relu(h[1])};
    std::cout << "With ReLU between the layers, h becomes " << show(h_relu) << " and the output "
              << show(mlp::add(mlp::matvec(w2, h_relu), b2)) << ": no single layer does that\n\n";
}

void neuron_part() {
    mlp::Neuron neuron;
    neuron.weights = {0.4, 0.3, -0.2};
    neuron.bias = 0.1;
    std::cout << "A neuron that remembers: forward(neuron, [0.5, -1, 2]) = "
              << mlp::forward(neuron, {0.5, -1.0, 2.0}) << "\n";
    std::cout << "    it kept input = " << show(neuron.input) << ", z = " << neuron.z
              << ", a = " << neuron.a << "\n";
    std::cout << "    the backward pass will need sigmoid'(z) = "
              << mlp::sigmoid_derivative(neuron.z) << "\n";
    mlp::forward(neuron, {1.0, 1.0, 1.0});
    std::cout << "A second forward, on [1, 1, 1], replaces them: input = " << show(neuron.input)
              << ", z = " << neuron.z << ", a = " << neuron.a << "\n";
}

void tour() {
    std::cout << "Chapter 2: a single neuron\n\n";
    weighted_sum_part();
    sigmoid_part();
    relu_part();
    grid_part();
    collapse_part();
    neuron_part();
}

}  // namespace

int main() {
    return mlp::run_tour(2, tour);
}

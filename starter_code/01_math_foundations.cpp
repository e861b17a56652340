// Chapter 1 program: a guided tour of the math a neural network is made of.
// Run it after each function you write; it stops at the first one missing.
#include <iostream>
#include <sstream>
#include <string>

#include "01_math_foundations.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

void show_matrix(const std::string& name, const mlp::Matrix& m) {
    std::cout << name << " " << mlp::shape_of(m) << ":\n" << mlp::show_rows(m, "    ");
}

void vectors_part(const mlp::Vector& a) {
    const mlp::Vector b{4, 5, 6};
    std::cout << "Two vectors: a = " << show(a) << ", b = " << show(b) << "\n";
    std::cout << "a + b       = " << show(mlp::add(a, b)) << "\n";
    std::cout << "b - a       = " << show(mlp::subtract(b, a)) << "\n";
    std::cout << "2 * a       = " << show(mlp::scale(a, 2.0)) << "\n";
    std::cout << "a (*) b     = " << show(mlp::hadamard(a, b)) << "   element by element\n";
    std::cout << "a . b       = " << mlp::dot(a, b) << "   (1*4 + 2*5 + 3*6 = 4 + 10 + 18)\n\n";
}

// One neuron: three inputs, three weights, one bias.
void neuron_part() {
    const mlp::Vector x{0.5, -1.0, 2.0};
    const mlp::Vector w{0.4, 0.3, -0.2};
    const double bias = 0.1;
    std::cout << "One neuron reads x = " << show(x) << " with weights w = " << show(w)
              << " and bias " << bias << ":\n";
    std::cout << "    w . x + bias = 0.2 - 0.3 - 0.4 + 0.1 = " << mlp::dot(w, x) + bias << "\n\n";
}

// A layer of two neurons: one row of W per neuron.
void matrices_part(const mlp::Vector& a) {
    const mlp::Matrix weights(2, 3,
                              {1, 2, 3,  //
                               4, 5, 6});
    show_matrix("A layer's weights W", weights);
    std::cout << "stored flat, row after row: " << show(weights.data) << "\n";
    std::cout << "W(1, 2) is data[1 * 3 + 2] = " << weights(1, 2) << "\n";
    std::cout << "W . a = " << show(mlp::matvec(weights, a))
              << "   (row 0: 1*1 + 2*2 + 3*3 = 14, row 1: 4*1 + 5*2 + 6*3 = 32)\n\n";

    show_matrix("Its transpose", mlp::transpose(weights));
    std::cout << "\n";
    show_matrix("W times its transpose", mlp::matmul(weights, mlp::transpose(weights)));
    std::cout << "\n";
    show_matrix("outer([1, 2], [3, 4, 5]), the shape of a weight gradient",
                mlp::outer({1, 2}, {3, 4, 5}));
}

void tour() {
    std::cout << "Chapter 1: math foundations\n\n";
    const mlp::Vector a{1, 2, 3};
    vectors_part(a);
    neuron_part();
    matrices_part(a);
}

}  // namespace

int main() {
    return mlp::run_tour(1, tour);
}

// Chapter 4 tests, part 3: the edges. Inputs that must come out of a call as
// they went in; the element that matters (the largest logit, the true class,
// the one difference, the 1 of a one-hot vector) at the first, an inner and
// the last position; and the given worked_example_network (GivenHelpers: it
// passes against the starter code too). Expected values are worked out in
// the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "04_loss_function.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Matrix;
using mlp::Vector;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::kSoftmaxOfOneTwoThree;

namespace {

const std::string kWroteIntoInput =
    "that is the result: it was written into an input (through a const_cast or a reference). "
    "Compute it in a new vector.";

}  // namespace

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, SoftmaxLeavesTheLogitsAsTheyWere, "mlp::softmax", "4.1") {
    const Vector z{1, 2, 3};
    mlp::softmax(z);
    expect_vector_near(z, {1, 2, 3}, "z after softmax(z = [1, 2, 3])", "4.1",
                       {{kSoftmaxOfOneTwoThree, kWroteIntoInput},
                        {{-2, -1, 0},
                         "the largest logit was subtracted from z itself: subtract "
                         "it from a copy."}});
}

TUTOR_TEST(InputsUnchanged, CrossEntropyLeavesTheProbabilitiesAndTheTargetAsTheyWere,
           "mlp::cross_entropy", "4.2") {
    const Vector p{0, 0.5, 0.5};
    const Vector t{0, 1, 0};
    mlp::cross_entropy(p, t);  // ln 2
    mlp::cross_entropy(p, std::size_t{1});
    expect_vector_near(p, {0, 0.5, 0.5}, "p after cross_entropy(p = [0, 0.5, 0.5], ...)", "4.2",
                       {{{1e-12, 0.5, 0.5},
                         "the floor was written into p itself: take std::max(p[i], "
                         "kMinProbability) into a local number."}},
                       0.0);  // exactly as they were: even the floor 1e-12 would show
    expect_vector_near(t, {0, 1, 0}, "the target after cross_entropy(p, t = [0, 1, 0])", "4.2");
}

TUTOR_TEST(InputsUnchanged, MseAndItsDerivativeLeaveBothVectorsAsTheyWere,
           "mlp::mse and mse_derivative", "4.4") {
    const Vector y{1, 0, 5};
    const Vector t{1, 2, 2};
    mlp::mse(y, t);             // 13 / 3
    mlp::mse_derivative(y, t);  // [0, -4/3, 2]
    expect_vector_near(y, {1, 0, 5}, "y after mse and mse_derivative of y = [1, 0, 5]", "4.4",
                       {{{0, -2, 3}, "the differences y - t were stored in y."},
                        {{0, -1.3333333333333333, 2}, kWroteIntoInput}});
    expect_vector_near(t, {1, 2, 2}, "t after mse and mse_derivative against t = [1, 2, 2]", "4.4");
}

TUTOR_TEST(InputsUnchanged, GradientAtTheLogitsLeavesTheLogitsAndTheTargetAsTheyWere,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    const Vector z{1, 1, 1, 1};
    const Vector t{0, 0, 1, 0};
    mlp::softmax_cross_entropy_gradient(z, t);  // [0.25, 0.25, -0.75, 0.25]
    expect_vector_near(z, {1, 1, 1, 1}, "the logits after softmax_cross_entropy_gradient", "4.3",
                       {{{0.25, 0.25, -0.75, 0.25}, kWroteIntoInput}});
    expect_vector_near(t, {0, 0, 1, 0}, "the target after softmax_cross_entropy_gradient", "4.3",
                       {{{0.25, 0.25, -0.75, 0.25}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, ArgmaxLeavesItsVectorAsItWas, "mlp::argmax", "4.1") {
    const Vector v{3, 9, 4, 1};
    mlp::argmax(v);  // 1
    expect_vector_near(v, {3, 9, 4, 1}, "v after argmax(v = [3, 9, 4, 1])", "4.1",
                       {{{1, 3, 4, 9}, "v was sorted in place: search it without reordering it."}});
}

TUTOR_TEST(InputsUnchanged, NetworkLossLeavesXTheTargetAndTheParametersAsTheyWere,
           "mlp::network_loss", "4.5") {
    mlp::Network network = mlp::worked_example_network();
    const Vector x{1, 2};
    const Vector t{1, 0, 0};
    mlp::network_loss(network, x, t);  // logits [1, 2, 3]
    expect_vector_near(x, {1, 2}, "x after network_loss(network, x = [1, 2], ...)", "4.5");
    expect_vector_near(t, {1, 0, 0}, "the target after network_loss(..., [1, 0, 0])", "4.5");
    expect_vector_near(network.layers[1].weights.data, {0, 7, 1, 7, 2, 7},
                       "the output layer's weights after network_loss", "4.5");
    expect_vector_near(network.layers[1].a, {1, 2, 3},
                       "the cached logits after network_loss (softmax works on a copy)", "4.5",
                       {{kSoftmaxOfOneTwoThree,
                         "the cached logits were replaced by their softmax: keep the logits in "
                         "the layer; chapter 5 reads them."}});
}

// ---------------------------------------------------------------------------
// What matters at the first, an inner and the last position
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, ArgmaxFindsTheLargestAtTheFirstAnInnerAndTheLastPlace, "mlp::argmax", "4.1") {
    // The largest, 9, first, in the middle and last; then all negative, largest last.
    const std::vector<std::pair<Vector, double>> cases = {
        {{9, 1, 2, 3}, 0}, {{1, 2, 9, 3}, 2}, {{1, 2, 3, 9}, 3}, {{-4, -3, -2, -1}, 3}};
    for (const auto& [v, expected] : cases) {
        expect_near(
            static_cast<double>(mlp::argmax(v)), expected, "argmax(" + tutor::show(v) + ")", "4.1",
            {{{0},
              "index 0 came back: compare every element, the last included, with the best so far."},
             {{1}, "the first element was never a candidate: start the best at index 0."},
             {{2}, "the last element was never compared: loop to i < n."}});
    }
}

TUTOR_TEST(Positions, OneHotPutsItsOneAtTheFirstAnInnerAndTheLastPlace, "mlp::one_hot", "4.2") {
    expect_vector_near(mlp::one_hot(0, 5), {1, 0, 0, 0, 0}, "one_hot(0, 5)", "4.2");
    expect_vector_near(mlp::one_hot(2, 5), {0, 0, 1, 0, 0}, "one_hot(2, 5)", "4.2");
    expect_vector_near(mlp::one_hot(4, 5), {0, 0, 0, 0, 1}, "one_hot(4, 5), the last index", "4.2");
}

TUTOR_TEST(Positions, SoftmaxSubtractsTheLargestLogitWhereverItIs, "mlp::softmax", "4.1") {
    // 1000 first, in the middle or last: e^(1000 - 1000) = 1 and e^-1000 = 0,
    // so p is 1 there and 0 elsewhere. A maximum that misses the first or the
    // last logit leaves e^1000 = inf, and inf / inf is NaN.
    const std::vector<std::pair<Vector, Vector>> cases = {
        {{1000, 0, 0}, {1, 0, 0}}, {{0, 1000, 0}, {0, 1, 0}}, {{0, 0, 1000}, {0, 0, 1}}};
    for (const auto& [z, expected] : cases) {
        const Vector p = mlp::softmax(z);
        bool finite = true;
        for (double value : p) {
            finite = finite && std::isfinite(value);
        }
        expect_true(finite,
                    "softmax(" + tutor::show(z) + ") = " + tutor::show(p) +
                        ": not a number. Find the largest logit among all of them, the first "
                        "and the last included, and subtract it before std::exp",
                    "4.1");
        if (finite) {
            expect_vector_near(p, expected, "softmax(" + tutor::show(z) + ")", "4.1");
        }
    }
}

TUTOR_TEST(Positions, CrossEntropyReadsTheTrueClassAtTheFirstAndTheLastPlace, "mlp::cross_entropy",
           "4.2") {
    // p = [0.5, 0.25, 0.125, 0.125]: -ln 0.5 = ln 2 and -ln 0.125 = 3 ln 2.
    const Vector p{0.5, 0.25, 0.125, 0.125};
    const double ln2 = 0.6931471805599453;
    expect_near(mlp::cross_entropy(p, std::size_t{0}), ln2, "cross_entropy(p, class 0)", "4.2");
    expect_near(mlp::cross_entropy(p, std::size_t{3}), 3 * ln2,
                "cross_entropy(p, class 3), the last", "4.2");
    expect_near(mlp::cross_entropy(p, Vector{1, 0, 0, 0}), ln2, "cross_entropy(p, [1, 0, 0, 0])",
                "4.2", {{{0}, "the first term was left out: sum over every i from 0."}});
    expect_near(mlp::cross_entropy(p, Vector{0, 0, 0, 1}), 3 * ln2,
                "cross_entropy(p, [0, 0, 0, 1])", "4.2",
                {{{0}, "the last term was left out: sum over every i up to n - 1."}});
}

TUTOR_TEST(Positions, MseCountsADifferenceAtTheFirstAndTheLastPlace, "mlp::mse and mse_derivative",
           "4.4") {
    // One difference of 3 among 3 numbers: 9 / 3 = 3; its slope 2 * 3 / 3 = 2.
    const Vector zeros{0, 0, 0};
    expect_near(mlp::mse({3, 0, 0}, zeros), 3, "mse([3, 0, 0], [0, 0, 0])", "4.4",
                {{{0}, "the first difference was left out: sum from i = 0."}});
    expect_near(mlp::mse({0, 0, 3}, zeros), 3, "mse([0, 0, 3], [0, 0, 0])", "4.4",
                {{{0}, "the last difference was left out: sum up to i = n - 1."}});
    expect_vector_near(mlp::mse_derivative({3, 0, 0}, zeros), {2, 0, 0},
                       "mse_derivative([3, 0, 0], [0, 0, 0])", "4.4");
    expect_vector_near(mlp::mse_derivative({0, 0, 3}, zeros), {0, 0, 2},
                       "mse_derivative([0, 0, 3], [0, 0, 0])", "4.4");
}

// ---------------------------------------------------------------------------
// The given network of lesson 4.5
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenHelpers, WorkedExampleNetworkHasTheNumbersOfLesson45, "mlp::worked_example_network",
           "4.5") {
    const mlp::Network network = mlp::worked_example_network();
    expect_true(network.layers.size() == 2, "worked_example_network should have 2 layers", "4.5");
    if (network.layers.size() != 2) {
        return;
    }
    const mlp::Layer& hidden = network.layers[0];
    const mlp::Layer& output = network.layers[1];
    expect_matrix_near(hidden.weights, 2, 2, {1, 0.5, -1, -1}, "the hidden W", "4.5");
    expect_vector_near(hidden.biases, {-1, 0}, "the hidden b", "4.5");
    expect_matrix_near(output.weights, 3, 2, {0, 7, 1, 7, 2, 7}, "the output W", "4.5");
    expect_vector_near(output.biases, {1, 1, 1}, "the output b", "4.5");
    expect_true(hidden.activation == mlp::Activation::relu &&
                    output.activation == mlp::Activation::identity,
                "worked_example_network should be relu, then identity", "4.5");
    // By hand, x = [1, 2]: hidden z = [1 + 1 - 1, -1 - 2 + 0] = [1, -3], a = [1, 0];
    // logits = [0 + 0 + 1, 1 + 0 + 1, 2 + 0 + 1] = [1, 2, 3], as its comment says.
    const double x[] = {1, 2};
    for (std::size_t r = 0; r < 3; ++r) {
        const double a0 = std::max(
            0.0, hidden.weights(0, 0) * x[0] + hidden.weights(0, 1) * x[1] + hidden.biases[0]);
        const double a1 = std::max(
            0.0, hidden.weights(1, 0) * x[0] + hidden.weights(1, 1) * x[1] + hidden.biases[1]);
        const double logit =
            output.weights(r, 0) * a0 + output.weights(r, 1) * a1 + output.biases[r];
        expect_near(logit, static_cast<double>(r + 1),
                    "logit " + std::to_string(r) + " of worked_example_network for x = [1, 2]",
                    "4.5");
    }
}

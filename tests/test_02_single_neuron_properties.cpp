// Chapter 2 tests, part 2: the weighted sum, the activations and the neuron
// against their definitions on random inputs (the definitions written out
// here with std::exp and plain loops; the slopes measured by centered
// differences of those definitions), inputs left as they were, and the
// weight that matters at the first, an inner and the last position.
// A failure names the seed that drew its inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "02_single_neuron.hpp"
#include "random_inputs.hpp"
#include "tutor.hpp"

using mlp::Vector;
using random_inputs::draw;
using random_inputs::draw_size;
using random_inputs::draw_vector;
using random_inputs::Draws;
using random_inputs::kSeeds;
using random_inputs::seed_words;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// The definitions, independent of the code under test.
double sigmoid_by_definition(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

double relu_by_definition(double z) {
    return z > 0.0 ? z : 0.0;
}

// The slope of f at z by centered differences: off by about h^2 = 1e-10.
template <class F>
double measured_slope(F f, double z) {
    const double h = 1e-5;
    return (f(z + h) - f(z - h)) / (2.0 * h);
}

}  // namespace

// ---------------------------------------------------------------------------
// Random inputs
// ---------------------------------------------------------------------------

TUTOR_TEST(RandomInputs, WeightedSumIsEveryWeightTimesItsInputPlusTheBias, "mlp::weighted_sum",
           "2.1") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 8);
        const Vector w = draw_vector(draws, n);
        const Vector x = draw_vector(draws, n);
        const double b = draw(draws, -2.0, 2.0);
        double expected = b;
        for (std::size_t i = 0; i < n; ++i) {
            expected += w[i] * x[i];
        }
        const double got = mlp::weighted_sum(w, x, b);
        if (!tutor::close(got, expected, 1e-12)) {
            expect_near(got, expected,
                        "weighted_sum(w = " + tutor::show(w) + ", x = " + tutor::show(x) +
                            ", b = " + tutor::show(b) + "), " + seed_words(seed),
                        "2.1", {{{expected - b}, "that is w . x: add the bias b."}}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SigmoidIsOneOverOnePlusEToTheMinusZ, "mlp::sigmoid", "2.2") {
    // For |z| < 30, 1 / (1 + e^(-z)) neither overflows nor reaches 0 or 1.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw(draws, -30.0, 30.0);
        const double got = mlp::sigmoid(z);
        const double expected = sigmoid_by_definition(z);
        if (!(std::abs(got - expected) <= 1e-15 + 1e-12 * expected) || !(got > 0.0 && got < 1.0)) {
            expect_true(false,
                        "sigmoid(" + tutor::show(z) + "): expected " + tutor::show(expected) +
                            " (strictly between 0 and 1), got " + tutor::show(got) + ", " +
                            seed_words(seed),
                        "2.2");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SigmoidOfMinusZIsOneMinusSigmoidOfZ, "mlp::sigmoid", "2.2") {
    // 1 / (1 + e^z) = e^(-z) / (1 + e^(-z)) = 1 - 1 / (1 + e^(-z)): the curve
    // is symmetric about (0, 0.5), on both sides of the z >= 0 split.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw(draws, 0.0, 20.0);
        const double sum = mlp::sigmoid(z) + mlp::sigmoid(-z);
        if (!tutor::close(sum, 1.0, 1e-12)) {
            expect_near(sum, 1.0,
                        "sigmoid(" + tutor::show(z) + ") + sigmoid(" + tutor::show(-z) + "), " +
                            seed_words(seed),
                        "2.2", {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SigmoidDerivativeIsTheMeasuredSlopeOfSigmoid, "mlp::sigmoid_derivative",
           "2.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw(draws, -8.0, 8.0);
        const double measured = measured_slope(sigmoid_by_definition, z);
        const double got = mlp::sigmoid_derivative(z);
        if (!(std::abs(got - measured) <= 1e-9)) {
            expect_near(got, measured,
                        "sigmoid_derivative(" + tutor::show(z) +
                            ") against the measured slope of sigmoid, " + seed_words(seed),
                        "2.2",
                        {{{z * (1.0 - z)},
                          "that is z * (1 - z): sigmoid_derivative takes z; compute s = sigmoid(z) "
                          "first."}},
                        1e-9);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, ReluIsTheLargerOfZeroAndZ, "mlp::relu", "2.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw(draws, -5.0, 5.0);
        if (!(mlp::relu(z) == relu_by_definition(z))) {
            expect_near(mlp::relu(z), relu_by_definition(z),
                        "relu(" + tutor::show(z) + "), " + seed_words(seed), "2.4");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, ReluDerivativeIsTheMeasuredSlopeOfRelu, "mlp::relu_derivative", "2.4") {
    // Away from the kink at 0 the measured slope is exactly 0 or 1.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double size = draw(draws, 0.01, 5.0);
        const double z = seed % 2 == 0 ? size : -size;
        const double measured = measured_slope(relu_by_definition, z);
        const double got = mlp::relu_derivative(z);
        if (!tutor::close(got, measured, 1e-9)) {
            expect_near(got, measured,
                        "relu_derivative(" + tutor::show(z) +
                            ") against the measured slope of relu, " + seed_words(seed),
                        "2.4", {{{relu_by_definition(z)}, "that is relu(z), not its slope."}},
                        1e-9);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, NeuronForwardIsSigmoidOfTheWeightedSumAndKeepsWhatItComputed,
           "mlp::forward", "2.5") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 8);
        mlp::Neuron neuron{draw_vector(draws, n), draw(draws, -1.0, 1.0), {}, 0.0, 0.0};
        // A first call, whose caches the second one must replace.
        mlp::forward(neuron, draw_vector(draws, n));
        const Vector x = draw_vector(draws, n);
        double z = neuron.bias;
        for (std::size_t i = 0; i < n; ++i) {
            z += neuron.weights[i] * x[i];
        }
        const double a = sigmoid_by_definition(z);
        const double got = mlp::forward(neuron, x);
        const std::string what = "forward(neuron with w = " + tutor::show(neuron.weights) +
                                 ", b = " + tutor::show(neuron.bias) +
                                 "), after an earlier call, x = " + tutor::show(x) + ", " +
                                 seed_words(seed);
        if (!tutor::close(got, a, 1e-12) || !tutor::close(neuron.z, z, 1e-12) ||
            !tutor::close(neuron.a, a, 1e-12) || !tutor::close(neuron.input, x, 0.0)) {
            expect_near(got, a, what + ": the returned a", "2.5", {}, 1e-12);
            expect_near(neuron.z, z, what + ": neuron.z", "2.5", {}, 1e-12);
            expect_near(neuron.a, a, what + ": neuron.a", "2.5", {}, 1e-12);
            expect_vector_near(neuron.input, x, what + ": neuron.input", "2.5", {}, 0.0);
            return;
        }
    }
}

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, WeightedSumLeavesTheWeightsAndTheInputAsTheyWere, "mlp::weighted_sum",
           "2.1") {
    const Vector w{0.4, 0.3, -0.2};
    const Vector x{0.5, -1.0, 2.0};
    mlp::weighted_sum(w, x, 0.1);  // 0.2 - 0.3 - 0.4 + 0.1 = -0.4
    expect_vector_near(w, {0.4, 0.3, -0.2}, "w after weighted_sum(w, x, 0.1)", "2.1",
                       {{{0.2, -0.3, -0.4}, "the products w[i] * x[i] were stored in w."}});
    expect_vector_near(x, {0.5, -1.0, 2.0}, "x after weighted_sum(w, x, 0.1)", "2.1",
                       {{{0.2, -0.3, -0.4}, "the products w[i] * x[i] were stored in x."}});
}

TUTOR_TEST(InputsUnchanged, NeuronForwardLeavesXTheWeightsAndTheBiasAsTheyWere, "mlp::forward",
           "2.5") {
    mlp::Neuron neuron{{0.4, 0.3, -0.2}, 0.1, {}, 0.0, 0.0};
    const Vector x{0.5, -1.0, 2.0};
    mlp::forward(neuron, x);
    expect_vector_near(x, {0.5, -1.0, 2.0}, "x after forward(neuron, x)", "2.5");
    expect_vector_near(neuron.weights, {0.4, 0.3, -0.2},
                       "the neuron's weights after forward (a forward pass reads them, it never "
                       "changes them)",
                       "2.5");
    expect_near(neuron.bias, 0.1, "the neuron's bias after forward", "2.5");
}

// ---------------------------------------------------------------------------
// The weight that matters at the first, an inner and the last position
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, WeightedSumCountsTheWeightAtEveryPosition, "mlp::weighted_sum", "2.1") {
    // Only weight i is 1: z = x[i] + b, with x = [3, 5, 7, 11] and b = 0.5.
    const Vector x{3, 5, 7, 11};
    for (const std::size_t i : {0, 1, 3}) {
        Vector w(4, 0.0);
        w[i] = 1.0;
        expect_near(
            mlp::weighted_sum(w, x, 0.5), x[i] + 0.5,
            "weighted_sum of the one-hot w at position " + std::to_string(i) +
                ", x = [3, 5, 7, 11], b = 0.5",
            "2.1",
            {{{0.5}, "the weight at this position was left out: use every pair, 0 to n - 1."}});
    }
}

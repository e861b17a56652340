// Chapter 2 tests: the weighted sum, sigmoid, ReLU, their slopes, and a
// neuron that remembers its forward pass.
// Every expected value is worked out by hand in the comment beside it; the
// sigmoid values were computed as 1 / (1 + e^(-z)) on a calculator (Python's
// math.exp), to 16 digits.
#include "02_single_neuron.hpp"

#include <gtest/gtest.h>

#include <cfenv>
#include <cmath>
#include <string>

#include "tutor.hpp"

using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// The neuron of lesson sections 1.3 and 2.1: three inputs, three weights, a bias.
const Vector kWeights{0.4, 0.3, -0.2};
const Vector kInput{0.5, -1.0, 2.0};
const double kBias = 0.1;

// sigmoid(z) for the z values the tests use (1 / (1 + e^(-z)), 16 digits).
const double kSigmoidOf2 = 0.8807970779778823;
const double kSigmoidOfMinus2 = 0.11920292202211755;
const double kSigmoidOfMinus04 = 0.401312339887548;
const double kSigmoidOfMinus05 = 0.3775406687981454;
const double kSigmoidOf06 = 0.6456563062257954;

const std::string kTakesZNotA =
    "that is s * (1 - s) with s = z. sigmoid_derivative takes z: compute s = sigmoid(z) first.";

}  // namespace

// ---------------------------------------------------------------------------
// 2.1 The weighted sum
// ---------------------------------------------------------------------------

TUTOR_TEST(WeightedSum, AddsTheBiasToTheDotProduct, "mlp::weighted_sum", "2.1") {
    // 0.4*0.5 + 0.3*(-1) + (-0.2)*2 + 0.1 = 0.2 - 0.3 - 0.4 + 0.1 = -0.4 (a negative z)
    expect_near(mlp::weighted_sum(kWeights, kInput, kBias), -0.4,
                "weighted_sum(w = [0.4, 0.3, -0.2], x = [0.5, -1, 2], b = 0.1)", "2.1",
                {{{-0.5}, "-0.5 is w . x alone: the bias b was forgotten."},
                 {{-0.6}, "-0.6 is w . x - b: add the bias, do not subtract it."}});
}

TUTOR_TEST(WeightedSum, CanBePositive, "mlp::weighted_sum", "2.1") {
    // 1*3 + 2*4 + (-1) = 3 + 8 - 1 = 10 (a positive z)
    expect_near(mlp::weighted_sum({1, 2}, {3, 4}, -1.0), 10.0,
                "weighted_sum(w = [1, 2], x = [3, 4], b = -1)", "2.1",
                {{{11}, "11 is w . x alone: the bias b was forgotten."},
                 {{12}, "12 is w . x - b: add the bias, do not subtract it."}});
}

TUTOR_TEST(WeightedSum, UsesTheBiasEvenWhenEveryWeightIsZero, "mlp::weighted_sum", "2.1") {
    // 0*5 + 0*(-3) + 0.7 = 0.7: with no weights at work, z is the bias alone.
    expect_near(mlp::weighted_sum({0, 0}, {5, -3}, 0.7), 0.7,
                "weighted_sum(w = [0, 0], x = [5, -3], b = 0.7)", "2.1",
                {{{0}, "z = w . x + b: the bias b was forgotten."}});
}

// ---------------------------------------------------------------------------
// 2.2 Sigmoid
// ---------------------------------------------------------------------------

TUTOR_TEST(Sigmoid, OfZeroIsOneHalf, "mlp::sigmoid", "2.2") {
    // 1 / (1 + e^0) = 1 / (1 + 1) = 0.5
    expect_near(mlp::sigmoid(0.0), 0.5, "sigmoid(0)", "2.2");
}

TUTOR_TEST(Sigmoid, OfPositiveAndNegativeZ, "mlp::sigmoid", "2.2") {
    // 1 / (1 + e^-2) = 1 / 1.1353352832366127 = 0.8807970779778823
    expect_near(mlp::sigmoid(2.0), kSigmoidOf2, "sigmoid(2)", "2.2",
                {{{kSigmoidOfMinus2}, "that is sigmoid(-2): the exponent is -z, e^(-z)."}});
    // 1 / (1 + e^2) = 1 / 8.38905609893065 = 0.11920292202211755 = 1 - sigmoid(2)
    expect_near(mlp::sigmoid(-2.0), kSigmoidOfMinus2, "sigmoid(-2)", "2.2",
                {{{kSigmoidOf2}, "that is sigmoid(2): the exponent is -z, e^(-z)."}});
}

TUTOR_TEST(Sigmoid, IsZeroAndOneFarOutAndNeverNaN, "mlp::sigmoid", "2.2") {
    // e^(-1000) is about 1e-435, far below the smallest double: it is 0, so
    // sigmoid(1000) = 1 / (1 + 0) = 1 and sigmoid(-1000) = 0 / (1 + 0) = 0.
    const double high = mlp::sigmoid(1000.0);
    const double low = mlp::sigmoid(-1000.0);
    expect_true(!std::isnan(high),
                "sigmoid(1000) is NaN: e^1000 / (1 + e^1000) is infinity / infinity. Use "
                "e^z / (1 + e^z) only for z < 0, and 1 / (1 + e^(-z)) for z >= 0",
                "2.2");
    expect_true(!std::isnan(low),
                "sigmoid(-1000) is NaN: e^1000 overflowed to infinity somewhere. For z < 0 use "
                "e^z / (1 + e^z), which only raises e to a number <= 0",
                "2.2");
    expect_near(high, 1.0, "sigmoid(1000)", "2.2");
    expect_near(low, 0.0, "sigmoid(-1000)", "2.2");
}

TUTOR_TEST(Sigmoid, NeverOverflowsEvenForHugeZ, "mlp::sigmoid", "2.2") {
    // 1 / (1 + e^(-z)) at z = -1000 happens to give 0, but only after e^1000
    // overflowed to infinity: the floating-point unit records that in its
    // overflow flag, which this test reads. The overflow-free way raises e
    // only to numbers <= 0 (lesson 2.2).
    for (const double z : {-1000.0, 1000.0}) {
        volatile double at = z;  // volatile: computed when the test runs, not by the compiler
        std::feclearexcept(FE_ALL_EXCEPT);
        const double a = mlp::sigmoid(at);
        const bool overflowed = std::fetestexcept(FE_OVERFLOW) != 0;
        expect_true(!overflowed,
                    "sigmoid(" + tutor::show(z) + ") overflowed (it gave " + tutor::show(a) +
                        "): e was raised to 1000, far beyond the largest double. For z >= 0 use "
                        "1 / (1 + e^(-z)), for z < 0 use e^z / (1 + e^z)",
                    "2.2");
    }
}

TUTOR_TEST(SigmoidDerivative, IsOneQuarterAtZero, "mlp::sigmoid_derivative", "2.2") {
    // s = sigmoid(0) = 0.5, so s * (1 - s) = 0.5 * 0.5 = 0.25
    expect_near(
        mlp::sigmoid_derivative(0.0), 0.25, "sigmoid_derivative(0)", "2.2",
        {{{0}, kTakesZNotA}, {{0.5}, "0.5 is sigmoid(0) itself, not its slope s * (1 - s)."}});
}

TUTOR_TEST(SigmoidDerivative, AtTwoIsAboutOneTenth, "mlp::sigmoid_derivative", "2.2") {
    // s = sigmoid(2) = 0.8807970779778823; s * (1 - s) = 0.8807970779778823 * 0.1192029220221177
    //   = 0.10499358540350662
    expect_near(mlp::sigmoid_derivative(2.0), 0.10499358540350662, "sigmoid_derivative(2)", "2.2",
                {{{-2}, kTakesZNotA + " (2 * (1 - 2) = -2)"},
                 {{kSigmoidOf2}, "that is sigmoid(2) itself, not its slope s * (1 - s)."}});
}

TUTOR_TEST(SigmoidDerivative, IsLargestAtZeroAndTheSameOnBothSides, "mlp::sigmoid_derivative",
           "2.2") {
    // s * (1 - s) with s = sigmoid(z); sigmoid(-z) = 1 - s gives the same product.
    struct Point {
        double z;
        double slope;
    };
    const Point points[] = {
        {0.5, 0.2350037122015945},    // s = 0.6224593312018546
        {1.0, 0.19661193324148185},   // s = 0.7310585786300049
        {2.0, 0.10499358540350662},   // s = 0.8807970779778823
        {5.0, 0.006648056670790033},  // s = 0.9933071490757153
    };
    for (const Point& p : points) {
        for (const double z : {p.z, -p.z}) {
            const double got = mlp::sigmoid_derivative(z);
            if (!tutor::close(got, p.slope, 1e-9) || got >= 0.25) {
                // One message is enough: the first z that is wrong.
                expect_near(got, p.slope, "sigmoid_derivative(" + tutor::show(z) + ")", "2.2",
                            {{{z * (1.0 - z)}, kTakesZNotA}});
                expect_true(got < 0.25,
                            "sigmoid_derivative(" + tutor::show(z) + ") = " + tutor::show(got) +
                                " should be below its peak 0.25 at z = 0",
                            "2.2");
                return;
            }
        }
    }
}

TUTOR_TEST(SigmoidDerivative, MatchesTheSlopeOfSigmoid, "mlp::sigmoid_derivative", "2.2") {
    // An independent route: the slope measured from sigmoid itself,
    // (sigmoid(z + h) - sigmoid(z - h)) / 2h, which is off by about h^2 = 1e-10.
    const double h = 1e-5;
    for (const double z : {-3.0, -0.7, 0.0, 1.5, 4.0}) {
        const double measured = (mlp::sigmoid(z + h) - mlp::sigmoid(z - h)) / (2.0 * h);
        const double got = mlp::sigmoid_derivative(z);
        if (!tutor::close(got, measured, 1e-8)) {
            expect_near(
                got, measured,
                "sigmoid_derivative(" + tutor::show(z) + ") against the measured slope of sigmoid",
                "2.2", {{{z * (1.0 - z)}, kTakesZNotA}}, 1e-8);
            return;  // the first z that disagrees is enough
        }
    }
}

TUTOR_TEST(SigmoidDerivative, VanishesFarFromZero, "mlp::sigmoid_derivative", "2.3") {
    // s = sigmoid(10) = 0.9999546021312976: s * (1 - s) = 4.5395807735907655e-05,
    // and the same at -10. A gradient that passes through it shrinks 20,000-fold.
    expect_near(mlp::sigmoid_derivative(10.0), 4.5395807735907655e-05, "sigmoid_derivative(10)",
                "2.3", {{{-90}, kTakesZNotA}}, 1e-12);
    expect_near(mlp::sigmoid_derivative(-10.0), 4.5395807735951673e-05, "sigmoid_derivative(-10)",
                "2.3", {{{-110}, kTakesZNotA}}, 1e-12);
}

// ---------------------------------------------------------------------------
// 2.4 ReLU
// ---------------------------------------------------------------------------

TUTOR_TEST(Relu, PassesPositiveZUnchanged, "mlp::relu", "2.4") {
    // max(0, 3) = 3 and max(0, 0.5) = 0.5
    expect_near(mlp::relu(3.0), 3.0, "relu(3)", "2.4");
    expect_near(mlp::relu(0.5), 0.5, "relu(0.5)", "2.4");
}

TUTOR_TEST(Relu, GivesZeroForNegativeZ, "mlp::relu", "2.4") {
    // max(0, -2) = 0
    expect_near(
        mlp::relu(-2.0), 0.0, "relu(-2)", "2.4",
        {{{-0.02}, "-0.02 is 0.01 * z, the leaky ReLU. Plain ReLU gives exactly 0 for z < 0."},
         {{2}, "2 is |z|: ReLU does not flip negatives, it gives 0 for them."},
         {{-2}, "-2 is z itself: ReLU gives max(0, z)."}});
}

TUTOR_TEST(Relu, OfZeroIsZero, "mlp::relu", "2.4") {
    // max(0, 0) = 0
    expect_near(mlp::relu(0.0), 0.0, "relu(0)", "2.4");
}

TUTOR_TEST(ReluDerivative, IsOneForPositiveAndZeroForNegativeZ, "mlp::relu_derivative", "2.4") {
    // The slope of z is 1; the slope of the constant 0 is 0.
    expect_near(mlp::relu_derivative(2.0), 1.0, "relu_derivative(2)", "2.4",
                {{{2}, "2 is relu(2), not its slope: for z > 0 the slope is 1."}});
    expect_near(mlp::relu_derivative(-2.0), 0.0, "relu_derivative(-2)", "2.4",
                {{{0.01}, "0.01 is the leaky ReLU's slope. Plain ReLU has slope 0 for z < 0."}});
}

TUTOR_TEST(ReluDerivative, IsZeroAtExactlyZero, "mlp::relu_derivative", "2.4") {
    // At z = 0 the slope is undefined; this project (like the major libraries) uses 0.
    expect_near(mlp::relu_derivative(0.0), 0.0, "relu_derivative(0)", "2.4",
                {{{1}, "this project takes ReLU'(0) = 0, not 1: use z > 0, not z >= 0."}});
}

// ---------------------------------------------------------------------------
// 2.5 A neuron that remembers
// ---------------------------------------------------------------------------

TUTOR_TEST(Neuron, ForwardReturnsSigmoidOfTheWeightedSum, "mlp::forward", "2.5") {
    mlp::Neuron neuron{kWeights, kBias, {}, 0.0, 0.0};
    // z = 0.2 - 0.3 - 0.4 + 0.1 = -0.4; a = 1 / (1 + e^0.4) = 0.401312339887548
    expect_near(mlp::forward(neuron, kInput), kSigmoidOfMinus04,
                "forward(neuron with w = [0.4, 0.3, -0.2], b = 0.1; x = [0.5, -1, 2])", "2.5",
                {{{kSigmoidOfMinus05}, "that is sigmoid(-0.5): the bias was forgotten."},
                 {{-0.4}, "-0.4 is z: pass it through sigmoid and return a = sigmoid(z)."},
                 {{0}, "0 is relu(-0.4): the neuron of this chapter uses sigmoid."}});
}

TUTOR_TEST(Neuron, ForwardKeepsItsInputZAndA, "mlp::forward", "2.5") {
    mlp::Neuron neuron{kWeights, kBias, {}, 0.0, 0.0};
    const double returned = mlp::forward(neuron, kInput);
    // The cache holds exactly what the forward pass computed: x, z = -0.4, a = sigmoid(-0.4).
    expect_vector_near(neuron.input, kInput, "neuron.input after forward(neuron, [0.5, -1, 2])",
                       "2.5");
    expect_near(neuron.z, -0.4, "neuron.z after forward(neuron, [0.5, -1, 2])", "2.5",
                {{{kSigmoidOfMinus04}, "that is a: z holds the weighted sum before sigmoid."},
                 {{-0.5}, "-0.5 is w . x alone: the bias was forgotten."},
                 {{0}, "z was never stored: set neuron.z = w . x + b."}});
    expect_near(neuron.a, kSigmoidOfMinus04, "neuron.a after forward(neuron, [0.5, -1, 2])", "2.5",
                {{{-0.4}, "that is z: a holds sigmoid(z)."},
                 {{0}, "a was never stored: set neuron.a = sigmoid(z)."}});
    expect_near(returned, neuron.a, "forward's return value against neuron.a", "2.5");
}

TUTOR_TEST(Neuron, SecondForwardReplacesWhatTheFirstKept, "mlp::forward", "2.5") {
    mlp::Neuron neuron{kWeights, kBias, {}, 0.0, 0.0};
    mlp::forward(neuron, kInput);
    mlp::forward(neuron, {1, 1, 1});
    // z = 0.4 + 0.3 - 0.2 + 0.1 = 0.6; a = 1 / (1 + e^-0.6) = 0.6456563062257954
    expect_vector_near(neuron.input, {1, 1, 1},
                       "neuron.input after a second forward with [1, 1, 1]", "2.5");
    expect_near(
        neuron.z, 0.6, "neuron.z after a second forward with [1, 1, 1]", "2.5",
        {{{-0.4}, "still the first call's z: every forward must store its own z."},
         {{0.2}, "0.2 is -0.4 + 0.6: z was added to the old one instead of replacing it."}});
    expect_near(
        neuron.a, kSigmoidOf06, "neuron.a after a second forward with [1, 1, 1]", "2.5",
        {{{kSigmoidOfMinus04}, "still the first call's a: every forward must store its own a."}});
}

// ---------------------------------------------------------------------------
// Shape errors
// ---------------------------------------------------------------------------

TUTOR_TEST(ShapeErrors, WeightedSumRejectsVectorsOfDifferentSizes, "mlp::weighted_sum", "2.1") {
    expect_invalid_argument(
        [] {
            mlp::weighted_sum({1, 2, 3}, {1, 2}, 0.5);
        },
        {"weighted_sum", "same size", "(3)", "(2)"}, "weighted_sum of 3 weights and 2 inputs",
        "2.1");
}

TUTOR_TEST(ShapeErrors, WeightedSumRejectsEmptyVectors, "mlp::weighted_sum", "2.1") {
    expect_invalid_argument([] { mlp::weighted_sum({}, {}, 0.5); },
                            {"weighted_sum", "non-empty", "(0)"},
                            "weighted_sum of no weights and no inputs", "2.1");
}

TUTOR_TEST(ShapeErrors, NeuronForwardRejectsAnInputOfTheWrongSize, "mlp::forward", "2.5") {
    mlp::Neuron neuron{kWeights, kBias, {}, 0.0, 0.0};
    expect_invalid_argument(
        [&] {
            mlp::forward(neuron, {1, 2});
        },
        {"weighted_sum", "same size", "(3)", "(2)"},
        "forward of a neuron with 3 weights on an input of 2", "2.5");
    expect_invalid_argument([&] { mlp::forward(neuron, {}); },
                            {"weighted_sum", "non-empty", "(3)", "(0)"},
                            "forward of a neuron with 3 weights on an empty input", "2.5");
}

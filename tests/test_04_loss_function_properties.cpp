// Chapter 4 tests, part 2: properties on random inputs. Softmax: each row of
// probabilities sums to 1, lies in [0, 1], keeps the order of the logits and
// does not change when every logit moves by the same amount; the losses
// against their definitions written out here; every gradient against
// centered differences of a loss computed here, not by the code under test.
// A failure names the seed that drew its inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "04_loss_function.hpp"
#include "random_inputs.hpp"
#include "tutor.hpp"

using mlp::Matrix;
using mlp::Vector;
using random_inputs::draw;
using random_inputs::draw_matrix;
using random_inputs::draw_size;
using random_inputs::draw_vector;
using random_inputs::Draws;
using random_inputs::kSeeds;
using random_inputs::seed_words;
using tutor::expect_true;

namespace {

// Softmax by its definition, with the largest logit subtracted first.
Vector softmax_by_definition(const Vector& z) {
    const double m = *std::max_element(z.begin(), z.end());
    Vector p(z.size());
    double sum = 0.0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        p[i] = std::exp(z[i] - m);
        sum += p[i];
    }
    for (double& value : p) {
        value /= sum;
    }
    return p;
}

// cross_entropy(softmax(z), t) computed another way: -sum t[i] (z[i] - m -
// ln sum e^(z[j] - m)), the log of softmax without forming softmax.
double loss_of_logits(const Vector& z, const Vector& t) {
    const double m = *std::max_element(z.begin(), z.end());
    double sum = 0.0;
    for (double value : z) {
        sum += std::exp(value - m);
    }
    const double log_sum = std::log(sum);
    double loss = 0.0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        loss -= t[i] * (z[i] - m - log_sum);
    }
    return loss;
}

// The same loss as chapter 4's functions define it for the network: each
// probability floored at 1e-12 (kMinProbability) before its log is taken.
double floored_loss_of_logits(const Vector& z, const Vector& t) {
    const double m = *std::max_element(z.begin(), z.end());
    double sum = 0.0;
    for (double value : z) {
        sum += std::exp(value - m);
    }
    const double log_sum = std::log(sum);
    double loss = 0.0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        loss -= t[i] * std::max(z[i] - m - log_sum, std::log(1e-12));
    }
    return loss;
}

double mse_by_definition(const Vector& y, const Vector& t) {
    double sum = 0.0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sum += (y[i] - t[i]) * (y[i] - t[i]);
    }
    return sum / static_cast<double>(y.size());
}

// n positive numbers that sum to 1: a target spread over the classes.
Vector draw_distribution(Draws& draws, std::size_t n) {
    Vector t = draw_vector(draws, n, 0.0, 1.0);
    double sum = 0.0;
    for (double value : t) {
        sum += value;
    }
    for (double& value : t) {
        value /= sum;
    }
    return t;
}

// The first component where two gradients disagree, or -1 when none does.
// Relative, with a floor of 1e-7 for components near 0.
long first_disagreement(const Vector& analytic, const Vector& numeric, double tolerance) {
    for (std::size_t i = 0; i < numeric.size(); ++i) {
        const double scale = std::max({std::abs(analytic[i]), std::abs(numeric[i]), 1e-7});
        if (!(std::abs(analytic[i] - numeric[i]) <= tolerance * scale)) {
            return static_cast<long>(i);
        }
    }
    return -1;
}

}  // namespace

TUTOR_TEST(RandomInputs, SoftmaxIsADistributionThatKeepsTheOrderOfTheLogits, "mlp::softmax",
           "4.1") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const Vector z = draw_vector(draws, draw_size(draws, 1, 12), -20.0, 20.0);
        const Vector p = mlp::softmax(z);
        const std::string what =
            "softmax(" + tutor::show(z) + ") = " + tutor::show(p) + ", " + seed_words(seed);
        if (p.size() != z.size()) {
            expect_true(false, what + ": one probability per logit", "4.1");
            return;
        }
        double sum = 0.0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            sum += p[i];
            if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
                expect_true(false, what + ": every probability lies in [0, 1]", "4.1");
                return;
            }
            for (std::size_t j = 0; j < p.size(); ++j) {
                if (z[i] < z[j] && !(p[i] <= p[j])) {
                    expect_true(false,
                                what +
                                    ": a larger logit must get at least as large a "
                                    "probability (z[" +
                                    std::to_string(i) + "] < z[" + std::to_string(j) + "])",
                                "4.1");
                    return;
                }
            }
        }
        if (!tutor::close(sum, 1.0, 1e-12)) {
            tutor::expect_near(sum, 1.0, "the sum of " + what, "4.1", {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SoftmaxIsEToTheZOverTheSum, "mlp::softmax", "4.1") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const Vector z = draw_vector(draws, draw_size(draws, 1, 12), -20.0, 20.0);
        const Vector expected = softmax_by_definition(z);
        const Vector got = mlp::softmax(z);
        if (!tutor::close(got, expected, 1e-12)) {
            tutor::expect_vector_near(got, expected,
                                      "softmax(" + tutor::show(z) + "), " + seed_words(seed), "4.1",
                                      {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SoftmaxDoesNotChangeWhenEveryLogitMovesByTheSameAmount, "mlp::softmax",
           "4.1") {
    // e^(z + c) / sum e^(z + c) = e^z / sum e^z; c up to +-800 would overflow
    // or vanish without the subtraction of the largest logit.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const Vector z = draw_vector(draws, draw_size(draws, 1, 10), -5.0, 5.0);
        const double c = draw(draws, -800.0, 800.0);
        Vector moved = z;
        for (double& value : moved) {
            value += c;
        }
        const Vector expected = softmax_by_definition(z);
        const Vector got = mlp::softmax(moved);
        if (!tutor::close(got, expected, 1e-9)) {
            tutor::expect_vector_near(got, expected,
                                      "softmax of " + tutor::show(z) + " plus " + tutor::show(c) +
                                          " in every logit, against softmax of the logits "
                                          "themselves, " +
                                          seed_words(seed),
                                      "4.1", {}, 1e-9);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, CrossEntropyIsMinusTheTargetWeightedLogs, "mlp::cross_entropy", "4.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 10);
        const Vector p = softmax_by_definition(draw_vector(draws, n, -4.0, 4.0));
        const Vector t = draw_distribution(draws, n);
        const std::size_t k = draw_size(draws, 0, n - 1);
        double expected = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            expected -= t[i] * std::log(p[i]);
        }
        const double got = mlp::cross_entropy(p, t);
        const double got_k = mlp::cross_entropy(p, k);
        if (!tutor::close(got, expected, 1e-12) || !tutor::close(got_k, -std::log(p[k]), 1e-12)) {
            tutor::expect_near(got, expected,
                               "cross_entropy(" + tutor::show(p) + ", " + tutor::show(t) + "), " +
                                   seed_words(seed),
                               "4.2", {}, 1e-12);
            tutor::expect_near(got_k, -std::log(p[k]),
                               "cross_entropy(" + tutor::show(p) + ", class " + std::to_string(k) +
                                   "), " + seed_words(seed),
                               "4.2", {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MseIsTheMeanOfTheSquaredDifferences, "mlp::mse", "4.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 10);
        const Vector y = draw_vector(draws, n);
        const Vector t = draw_vector(draws, n);
        const double got = mlp::mse(y, t);
        if (!tutor::close(got, mse_by_definition(y, t), 1e-12)) {
            tutor::expect_near(
                got, mse_by_definition(y, t),
                "mse(" + tutor::show(y) + ", " + tutor::show(t) + "), " + seed_words(seed), "4.4",
                {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MseDerivativeIsTheMeasuredSlopeOfMse, "mlp::mse_derivative", "4.4") {
    const double h = 1e-5;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 10);
        const Vector y = draw_vector(draws, n);
        const Vector t = draw_vector(draws, n);
        Vector numeric(n);
        for (std::size_t i = 0; i < n; ++i) {
            Vector up = y;
            Vector down = y;
            up[i] += h;
            down[i] -= h;
            numeric[i] = (mse_by_definition(up, t) - mse_by_definition(down, t)) / (2.0 * h);
        }
        const Vector got = mlp::mse_derivative(y, t);
        const long wrong = got.size() == n ? first_disagreement(got, numeric, 1e-6) : 0;
        if (wrong >= 0) {
            tutor::expect_vector_near(got, numeric,
                                      "mse_derivative(" + tutor::show(y) + ", " + tutor::show(t) +
                                          ") against centered differences of the mean squared "
                                          "error, first wrong at " +
                                          std::to_string(wrong) + ", " + seed_words(seed),
                                      "4.4", {}, 1e-6);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, GradientAtTheLogitsIsTheMeasuredSlopeOfTheLoss,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    const double h = 1e-5;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, 10);
        const Vector z = draw_vector(draws, n, -4.0, 4.0);
        Vector t(n, 0.0);  // a one-hot target for odd seeds, a spread-out one for even
        if (seed % 2 == 0) {
            t = draw_distribution(draws, n);
        } else {
            t[draw_size(draws, 0, n - 1)] = 1.0;
        }
        Vector numeric(n);
        for (std::size_t i = 0; i < n; ++i) {
            Vector up = z;
            Vector down = z;
            up[i] += h;
            down[i] -= h;
            numeric[i] = (loss_of_logits(up, t) - loss_of_logits(down, t)) / (2.0 * h);
        }
        const Vector got = mlp::softmax_cross_entropy_gradient(z, t);
        const long wrong = got.size() == n ? first_disagreement(got, numeric, 1e-6) : 0;
        if (wrong >= 0) {
            tutor::expect_vector_near(got, numeric,
                                      "softmax_cross_entropy_gradient(" + tutor::show(z) + ", " +
                                          tutor::show(t) +
                                          ") against centered differences of the loss, first "
                                          "wrong at " +
                                          std::to_string(wrong) + ", " + seed_words(seed),
                                      "4.3", {}, 1e-6);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, OneHotHasItsOneAtTheIndexAndZerosElsewhere, "mlp::one_hot", "4.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t size = draw_size(draws, 1, 30);
        const std::size_t index = draw_size(draws, 0, size - 1);
        Vector expected(size, 0.0);
        expected[index] = 1.0;
        const Vector got = mlp::one_hot(index, size);
        if (got != expected) {
            tutor::expect_vector_near(got, expected,
                                      "one_hot(" + std::to_string(index) + ", " +
                                          std::to_string(size) + "), " + seed_words(seed),
                                      "4.2");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, ArgmaxIsTheFirstIndexOfTheLargest, "mlp::argmax", "4.1") {
    // Whole numbers from -3 to 3, so that ties are common.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        Vector v(draw_size(draws, 1, 10));
        for (double& value : v) {
            value = static_cast<double>(draw_size(draws, 0, 6)) - 3.0;
        }
        std::size_t expected = 0;
        for (std::size_t i = 1; i < v.size(); ++i) {
            if (v[i] > v[expected]) {
                expected = i;
            }
        }
        const std::size_t got = mlp::argmax(v);
        if (got != expected) {
            tutor::expect_near(
                static_cast<double>(got), static_cast<double>(expected),
                "argmax(" + tutor::show(v) + ") (the first of the largest), " + seed_words(seed),
                "4.1");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, NetworkLossIsTheLossOfTheNetworksLogits, "mlp::network_loss", "4.5") {
    // Random 2-layer networks (relu hidden, identity output) built by hand,
    // their forward pass and loss computed here by plain loops.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t in = draw_size(draws, 1, 5);
        const std::size_t hidden = draw_size(draws, 1, 5);
        const std::size_t out = draw_size(draws, 1, 5);
        // One draw after the other: the order of a call's arguments is not fixed.
        Matrix w0 = draw_matrix(draws, hidden, in);
        Vector b0 = draw_vector(draws, hidden);
        Matrix w1 = draw_matrix(draws, out, hidden);
        Vector b1 = draw_vector(draws, out);
        mlp::Network network{
            {mlp::layer_from(std::move(w0), std::move(b0), mlp::Activation::relu),
             mlp::layer_from(std::move(w1), std::move(b1), mlp::Activation::identity)}};
        const Vector x = draw_vector(draws, in);
        const Vector t = draw_distribution(draws, out);
        Vector a(hidden);
        for (std::size_t r = 0; r < hidden; ++r) {
            double z = 0.0;
            for (std::size_t c = 0; c < in; ++c) {
                z += network.layers[0].weights.data[r * in + c] * x[c];
            }
            z += network.layers[0].biases[r];
            a[r] = z > 0.0 ? z : 0.0;
        }
        Vector logits(out);
        for (std::size_t r = 0; r < out; ++r) {
            double z = 0.0;
            for (std::size_t c = 0; c < hidden; ++c) {
                z += network.layers[1].weights.data[r * hidden + c] * a[c];
            }
            logits[r] = z + network.layers[1].biases[r];
        }
        const double expected = floored_loss_of_logits(logits, t);
        const double got = mlp::network_loss(network, x, t);
        if (!tutor::close(got, expected, 1e-10)) {
            tutor::expect_near(got, expected,
                               "network_loss of a random " + std::to_string(in) + " -> " +
                                   std::to_string(hidden) + " relu -> " + std::to_string(out) +
                                   " network (logits " + tutor::show(logits) +
                                   "), x = " + tutor::show(x) + ", target " + tutor::show(t) +
                                   ", " + seed_words(seed),
                               "4.5", {}, 1e-10);
            return;
        }
    }
}

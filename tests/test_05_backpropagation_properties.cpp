// Chapter 5 tests, part 3: properties on random inputs. Every derivative
// against centered differences of a function computed here (the activations
// and a layer's output by their definitions, the network's loss with
// chapter 4's network_loss), on random shapes, activations and numbers; the
// checking tools (relative_error, centered_difference, numerical_gradients,
// max_relative_error) against the same formulas written out here. A failure
// names the seed that drew its inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "05_backpropagation.hpp"
#include "activations_by_definition.hpp"
#include "gradient_check.hpp"
#include "random_inputs.hpp"
#include "tutor.hpp"

using mlp::Activation;
using mlp::Layer;
using mlp::LayerGradients;
using mlp::Matrix;
using mlp::Network;
using mlp::Vector;
using random_inputs::apply;
using random_inputs::draw;
using random_inputs::draw_activation;
using random_inputs::draw_matrix;
using random_inputs::draw_size;
using random_inputs::draw_vector;
using random_inputs::Draws;
using random_inputs::kActivations;
using random_inputs::kSeeds;
using random_inputs::seed_words;
using random_inputs::slope;
using tutor::expect_true;

namespace {

// A number in [-hi, -lo] or [lo, hi]: away from ReLU's kink at 0.
double draw_away_from_zero(Draws& draws, double lo, double hi) {
    const double size = draw(draws, lo, hi);
    return random_inputs::next_bits(draws) % 2 == 0 ? size : -size;
}

// L = g . f(W x + b), the number whose slopes backward(layer, g) gives.
double weighted_output(const Matrix& w, const Vector& b, Activation f, const Vector& x,
                       const Vector& g) {
    double total = 0.0;
    for (std::size_t r = 0; r < w.rows; ++r) {
        double z = b[r];
        for (std::size_t c = 0; c < w.cols; ++c) {
            z += w.data[r * w.cols + c] * x[c];
        }
        total += g[r] * apply(f, z);
    }
    return total;
}

// A random network of 1 to 3 layers, 1 to 5 units each, random activations.
Network random_network(Draws& draws, std::vector<std::size_t>& sizes, Activation& hidden,
                       Activation& output) {
    sizes.assign(draw_size(draws, 2, 4), 0);
    for (std::size_t& size : sizes) {
        size = draw_size(draws, 1, 5);
    }
    hidden = draw_activation(draws);
    output = draw_activation(draws);
    Network network;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        // One draw after the other: the order of a call's arguments is not fixed.
        Matrix weights = draw_matrix(draws, sizes[l + 1], sizes[l]);
        Vector biases = draw_vector(draws, sizes[l + 1], -0.5, 0.5);
        network.layers.push_back(mlp::layer_from(std::move(weights), std::move(biases),
                                                 l + 2 == sizes.size() ? output : hidden));
    }
    return network;
}

// A target for n classes: one-hot for odd seeds, spread out for even ones.
Vector draw_target(Draws& draws, std::size_t n, std::uint64_t seed) {
    Vector t(n, 0.0);
    if (seed % 2 == 1) {
        t[draw_size(draws, 0, n - 1)] = 1.0;
        return t;
    }
    double sum = 0.0;
    for (double& value : t) {
        value = draw(draws, 0.1, 1.0);
        sum += value;
    }
    for (double& value : t) {
        value /= sum;
    }
    return t;
}

bool any_not_zero(const gradient_check::Slopes& slopes) {
    for (const Matrix& w : slopes.weights) {
        for (double value : w.data) {
            if (value != 0.0) {
                return true;
            }
        }
    }
    for (const Vector& b : slopes.biases) {
        for (double value : b) {
            if (value != 0.0) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace

TUTOR_TEST(RandomInputs, ActivationDerivativeIsTheMeasuredSlopeOfEachActivation,
           "mlp::activation_derivative", "5.2") {
    const double h = 1e-5;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw_away_from_zero(draws, 0.01, 6.0);
        for (const Activation f : kActivations) {
            const double measured = (apply(f, z + h) - apply(f, z - h)) / (2.0 * h);
            const double got = mlp::activation_derivative(f, z);
            if (!(std::abs(got - measured) <= 1e-9)) {
                tutor::expect_near(got, measured,
                                   "activation_derivative(" + mlp::activation_name(f) + ", " +
                                       tutor::show(z) + ") against the measured slope, " +
                                       seed_words(seed),
                                   "5.2", {}, 1e-9);
                return;
            }
        }
    }
}

TUTOR_TEST(RandomInputs, ActivationBackwardIsGradATimesTheSlopeAtTheCachedZ,
           "mlp::activation_backward", "5.2") {
    // The caches are set by hand, with a and the input unlike z, so that only
    // the slope at the cached z gives the expected numbers.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t out = draw_size(draws, 1, 6);
        const std::size_t in = draw_size(draws, 1, 6);
        Matrix weights = draw_matrix(draws, out, in);  // one draw after the other
        Vector biases = draw_vector(draws, out);
        const Activation f = draw_activation(draws);
        Layer layer = mlp::layer_from(std::move(weights), std::move(biases), f);
        layer.input = draw_vector(draws, in);
        layer.z.clear();
        for (std::size_t i = 0; i < out; ++i) {
            layer.z.push_back(draw_away_from_zero(draws, 0.01, 4.0));
        }
        layer.a = draw_vector(draws, out);
        const Vector grad_a = draw_vector(draws, out);
        Vector expected(out);
        for (std::size_t i = 0; i < out; ++i) {
            expected[i] = grad_a[i] * slope(layer.activation, layer.z[i]);
        }
        const Vector got = mlp::activation_backward(layer, grad_a);
        if (!tutor::close(got, expected, 1e-12)) {
            tutor::expect_vector_near(
                got, expected,
                "activation_backward of a " + mlp::activation_name(layer.activation) +
                    " layer whose cached z is " + tutor::show(layer.z) +
                    ", grad_a = " + tutor::show(grad_a) + ", " + seed_words(seed),
                "5.2", {}, 1e-12);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, LayerBackwardGivesTheMeasuredSlopesOfEveryTensor, "mlp::backward", "5.2") {
    // With grad_a = g, backward gives the slopes of L = g . f(W x + b) with
    // respect to W, b and x.
    const double h = 1e-5;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t out = draw_size(draws, 1, 5);
        const std::size_t in = draw_size(draws, 1, 5);
        const Activation f = draw_activation(draws);
        Matrix w = draw_matrix(draws, out, in);
        Vector b = draw_vector(draws, out);
        Vector x = draw_vector(draws, in);
        const Vector g = draw_vector(draws, out);
        // A kink of ReLU within h of a z would make the measured slope meaningless.
        bool near_kink = false;
        for (std::size_t r = 0; r < out; ++r) {
            double z = b[r];
            for (std::size_t c = 0; c < in; ++c) {
                z += w.data[r * in + c] * x[c];
            }
            near_kink = near_kink || std::abs(z) < 1e-3;
        }
        if (near_kink) {
            continue;
        }
        Layer layer = mlp::layer_from(w, b, f);
        mlp::forward(layer, x);
        const LayerGradients got = mlp::backward(layer, g);
        const auto measure = [&](double& number) {
            const double saved = number;
            number = saved + h;
            const double plus = weighted_output(w, b, f, x, g);
            number = saved - h;
            const double minus = weighted_output(w, b, f, x, g);
            number = saved;
            return (plus - minus) / (2.0 * h);
        };
        Vector dw;
        for (double& value : w.data) {
            dw.push_back(measure(value));
        }
        Vector db;
        for (double& value : b) {
            db.push_back(measure(value));
        }
        Vector dx;
        for (double& value : x) {
            dx.push_back(measure(value));
        }
        const std::string what = "backward of a random (" + std::to_string(out) + " x " +
                                 std::to_string(in) + ") " + mlp::activation_name(f) +
                                 " layer, x = " + tutor::show(x) + ", grad_a = " + tutor::show(g) +
                                 ", " + seed_words(seed);
        if (!tutor::close(got.weights.data, dw, 1e-7) || got.weights.rows != out ||
            !tutor::close(got.biases, db, 1e-7) || !tutor::close(got.input, dx, 1e-7)) {
            tutor::expect_matrix_near(got.weights, out, in, dw, what + ": dL/dW", "5.2", {}, 1e-7);
            tutor::expect_vector_near(got.biases, db, what + ": dL/db", "5.2", {}, 1e-7);
            tutor::expect_vector_near(got.input, dx, what + ": dL/dx", "5.2", {}, 1e-7);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, NetworkBackwardGivesTheMeasuredSlopesOnRandomShapes, "mlp::backward",
           "5.4") {
    // 1 to 3 layers of 1 to 5 units, every activation in every place. A
    // network whose loss does not change at all (every ReLU output at 0) is
    // drawn again; most are checked.
    std::uint64_t checked = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes;
        Activation hidden = Activation::identity;
        Activation output = Activation::identity;
        Network network = random_network(draws, sizes, hidden, output);
        Vector x(sizes.front());
        for (double& value : x) {
            value = draw_away_from_zero(draws, 0.25, 1.0);
        }
        const Vector target = draw_target(draws, sizes.back(), seed);
        mlp::network_loss(network, x, target);
        const std::vector<LayerGradients> analytic = mlp::backward(network, target);
        const gradient_check::Slopes numeric =
            gradient_check::centered_differences(network, x, target);
        if (!any_not_zero(numeric)) {
            continue;
        }
        ++checked;
        const std::string what = "gradient check on a random " +
                                 gradient_check::network_name(sizes, hidden, output) +
                                 ", x = " + tutor::show(x) + ", target = " + tutor::show(target) +
                                 ", " + seed_words(seed);
        if (!gradient_check::gradients_match(analytic, numeric, what,
                                             gradient_check::output_hint(output))) {
            return;
        }
    }
    expect_true(checked >= 40,
                "only " + std::to_string(checked) +
                    " of 60 random networks had a loss that changes; the test needs more",
                "5.4");
}

TUTOR_TEST(RandomInputs, RelativeErrorIsTheGapOverTheLargerSize, "mlp::relative_error", "5.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double a = draw(draws, -5.0, 5.0);
        const double b = seed % 5 == 0 ? a : draw(draws, -5.0, 5.0);
        const double expected = std::abs(a - b) / std::max(std::abs(a), std::abs(b));
        const double got = mlp::relative_error(a, b);
        const double swapped = mlp::relative_error(b, a);
        if (!tutor::close(got, expected, 1e-12) || !(got == swapped)) {
            tutor::expect_near(got, expected,
                               "relative_error(" + tutor::show(a) + ", " + tutor::show(b) + "), " +
                                   seed_words(seed),
                               "5.4", {}, 1e-12);
            expect_true(got == swapped,
                        "relative_error(a, b) and relative_error(b, a) should be equal, got " +
                            tutor::show(got) + " and " + tutor::show(swapped),
                        "5.4");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, CenteredDifferenceIsTheCenteredSlopeAndPutsTheNumberBack,
           "mlp::centered_difference", "5.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes;
        Activation hidden = Activation::identity;
        Activation output = Activation::identity;
        Network network = random_network(draws, sizes, hidden, output);
        const Vector x = draw_vector(draws, sizes.front());
        const Vector target = draw_target(draws, sizes.back(), seed);
        const double h = draw(draws, 1e-4, 0.1);
        Layer& layer = network.layers[draw_size(draws, 0, network.layers.size() - 1)];
        double& w = layer.weights.data[draw_size(draws, 0, layer.weights.data.size() - 1)];
        const double saved = w;
        // The formula, with chapter 4's network_loss as L.
        w = saved + h;
        const double plus = mlp::network_loss(network, x, target);
        w = saved - h;
        const double minus = mlp::network_loss(network, x, target);
        w = saved;
        const double expected = (plus - minus) / (2.0 * h);
        const double got = mlp::centered_difference(network, w, x, target, h);
        if (!tutor::close(got, expected, 1e-9) || !(w == saved)) {
            tutor::expect_near(
                got, expected,
                "centered_difference with h = " + tutor::show(h) + " on one weight of a random " +
                    gradient_check::network_name(sizes, hidden, output) + ", " + seed_words(seed),
                "5.4", {}, 1e-9);
            expect_true(w == saved,
                        "the weight after centered_difference should be exactly " +
                            tutor::show(saved) + " again, is " + tutor::show(w),
                        "5.4");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, NumericalGradientsAreTheCenteredSlopesOfEveryParameter,
           "mlp::numerical_gradients", "5.4") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes;
        Activation hidden = Activation::identity;
        Activation output = Activation::identity;
        Network network = random_network(draws, sizes, hidden, output);
        const Vector x = draw_vector(draws, sizes.front());
        const Vector target = draw_target(draws, sizes.back(), seed);
        Network copy = network;
        const gradient_check::Slopes expected =
            gradient_check::centered_differences(copy, x, target);  // h = 1e-5
        const std::vector<LayerGradients> got = mlp::numerical_gradients(network, x, target);
        const std::string what = "numerical_gradients of a random " +
                                 gradient_check::network_name(sizes, hidden, output) + ", " +
                                 seed_words(seed);
        if (got.size() != network.layers.size()) {
            expect_true(false,
                        what + ": expected one LayerGradients per layer (" +
                            std::to_string(network.layers.size()) + "), got " +
                            std::to_string(got.size()),
                        "5.4");
            return;
        }
        for (std::size_t l = 0; l < got.size(); ++l) {
            const Matrix& w = expected.weights[l];
            if (!tutor::close(got[l].weights.data, w.data, 1e-8) || got[l].weights.rows != w.rows ||
                !tutor::close(got[l].biases, expected.biases[l], 1e-8) || !got[l].input.empty()) {
                tutor::expect_matrix_near(got[l].weights, w.rows, w.cols, w.data,
                                          what + ": layer " + std::to_string(l) + "'s dL/dW", "5.4",
                                          {}, 1e-8);
                tutor::expect_vector_near(got[l].biases, expected.biases[l],
                                          what + ": layer " + std::to_string(l) + "'s dL/db", "5.4",
                                          {}, 1e-8);
                expect_true(got[l].input.empty(),
                            what +
                                ": the input member stays empty (numerical_gradients "
                                "measures the parameters only)",
                            "5.4");
                return;
            }
        }
    }
}

TUTOR_TEST(RandomInputs, MaxRelativeErrorIsTheLargestOverEveryWeightAndBias,
           "mlp::max_relative_error", "5.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        std::vector<LayerGradients> analytic(draw_size(draws, 1, 3));
        std::vector<LayerGradients> numeric;
        double expected = 0.0;
        for (LayerGradients& g : analytic) {
            const std::size_t out = draw_size(draws, 1, 4);
            const std::size_t in = draw_size(draws, 1, 4);
            g.weights = draw_matrix(draws, out, in);
            g.biases = draw_vector(draws, out);
            LayerGradients n = g;
            // Nudge each number by a random relative amount up to 1e-3.
            for (double& value : n.weights.data) {
                value *= 1.0 + draw(draws, -1e-3, 1e-3);
            }
            for (double& value : n.biases) {
                value *= 1.0 + draw(draws, -1e-3, 1e-3);
            }
            for (std::size_t i = 0; i < n.weights.data.size(); ++i) {
                const double a = g.weights.data[i];
                const double b = n.weights.data[i];
                expected = std::max(expected, std::abs(a - b) / std::max(std::abs(a), std::abs(b)));
            }
            for (std::size_t i = 0; i < n.biases.size(); ++i) {
                const double a = g.biases[i];
                const double b = n.biases[i];
                expected = std::max(expected, std::abs(a - b) / std::max(std::abs(a), std::abs(b)));
            }
            numeric.push_back(n);
        }
        const double got = mlp::max_relative_error(analytic, numeric);
        if (!tutor::close(got, expected, 1e-12)) {
            tutor::expect_near(got, expected,
                               "max_relative_error of " + std::to_string(analytic.size()) +
                                   " random layers of gradients, " + seed_words(seed),
                               "5.4", {}, 1e-12);
            return;
        }
    }
}

// Chapter 3 tests, part 2: every function against its definition on random
// inputs. The random numbers are checked against SplitMix64 and
// Fisher-Yates written out again in tests/support/random_inputs.hpp (an
// independent implementation of the formulas lesson 3.4 gives); layers and
// networks against plain loops and the activations' own formulas. Shapes run
// from 1 to 7 along each side. A failure names the seed that drew its inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "03_forward_pass.hpp"
#include "activations_by_definition.hpp"
#include "random_inputs.hpp"
#include "tutor.hpp"

using mlp::Activation;
using mlp::Layer;
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
using random_inputs::next_bits;
using random_inputs::seed_words;
using tutor::expect_true;

namespace {

constexpr double kTolerance = 1e-12;

// z = W x + b and a = f(z), by plain loops.
std::pair<Vector, Vector> layer_by_definition(const Layer& layer, const Vector& x) {
    const std::size_t out = layer.weights.rows;
    const std::size_t in = layer.weights.cols;
    Vector z(out);
    Vector a(out);
    for (std::size_t r = 0; r < out; ++r) {
        double sum = 0.0;
        for (std::size_t c = 0; c < in; ++c) {
            sum += layer.weights.data[r * in + c] * x[c];
        }
        z[r] = sum + layer.biases[r];
        a[r] = apply(layer.activation, z[r]);
    }
    return {z, a};
}

Layer random_layer(Draws& draws, std::size_t in, std::size_t out, Activation f) {
    Matrix weights = draw_matrix(draws, out, in);  // first: a call's arguments have no fixed order
    Vector biases = draw_vector(draws, out);
    return mlp::layer_from(std::move(weights), std::move(biases), f);
}

std::string sizes_text(const std::vector<std::size_t>& sizes) {
    std::string text;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        text += (i ? " -> " : "") + std::to_string(sizes[i]);
    }
    return text;
}

std::string hex(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string text = "0x";
    for (int shift = 60; shift >= 0; shift -= 4) {
        text += digits[(value >> shift) & 0xF];
    }
    return text;
}

}  // namespace

TUTOR_TEST(RandomInputs, ActivateGivesEachFunctionOfZ, "mlp::activate", "3.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double z = draw(draws, -6.0, 6.0);
        for (const Activation f : kActivations) {
            const double got = mlp::activate(f, z);
            if (!tutor::close(got, apply(f, z), kTolerance)) {
                tutor::expect_near(got, apply(f, z),
                                   "activate(" + mlp::activation_name(f) + ", " + tutor::show(z) +
                                       "), " + seed_words(seed),
                                   "3.2", {}, kTolerance);
                return;
            }
        }
    }
}

TUTOR_TEST(RandomInputs, NextU64IsSplitMix64FromAnySeed, "mlp::next_u64", "3.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws seeds{seed};
        const std::uint64_t start = next_bits(seeds);  // a random 64-bit seed
        mlp::Rng rng{start};
        Draws reference{start};
        for (int k = 1; k <= 3; ++k) {
            const std::uint64_t expected = next_bits(reference);
            const std::uint64_t got = mlp::next_u64(rng);
            if (got != expected || rng.state != reference.state) {
                expect_true(false,
                            "next_u64 draw " + std::to_string(k) + " from Rng{" + hex(start) +
                                "}: expected " + hex(expected) + " and the state " +
                                hex(reference.state) + ", got " + hex(got) + " and the state " +
                                hex(rng.state) + " (" + seed_words(seed) +
                                "). Every step of the formula wraps around at 2^64",
                            "3.4");
                return;
            }
        }
    }
}

TUTOR_TEST(RandomInputs, UniformMapsTheTop53BitsOntoLoHi, "mlp::uniform", "3.4") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const double lo = draw(draws, -10.0, 10.0);
        const double hi = lo + draw(draws, 0.001, 10.0);
        const std::uint64_t start = next_bits(draws);
        mlp::Rng rng{start};
        Draws reference{start};
        // u = (bits >> 11) * 2^-53, then lo + (hi - lo) * u
        const double u = static_cast<double>(next_bits(reference) >> 11) * 0x1.0p-53;
        const double expected = lo + (hi - lo) * u;
        const double got = mlp::uniform(rng, lo, hi);
        if (!tutor::close(got, expected, 1e-15) || !(got >= lo && got < hi)) {
            expect_true(false,
                        "uniform(Rng{" + hex(start) + "}, " + tutor::show(lo) + ", " +
                            tutor::show(hi) + "): expected " + tutor::show(expected) + " (u = " +
                            tutor::show(u) + "), got " + tutor::show(got) + ", " + seed_words(seed),
                        "3.4");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, ShuffleIsFisherYatesForEverySize, "mlp::shuffle", "3.4") {
    // Sizes 0 to 12, each with random seeds: the order must be exactly the
    // one lesson 3.4's loop gives (i from n - 1 down to 1, j = next % (i + 1)).
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 0, 12);
        const std::uint64_t start = next_bits(draws);
        std::vector<std::size_t> expected(n);
        for (std::size_t i = 0; i < n; ++i) {
            expected[i] = 100 + i;
        }
        std::vector<std::size_t> got = expected;
        Draws reference{start};
        for (std::size_t k = n; k > 1; --k) {
            const std::size_t j = static_cast<std::size_t>(next_bits(reference) % k);
            std::swap(expected[k - 1], expected[j]);
        }
        mlp::Rng rng{start};
        mlp::shuffle(got, rng);
        if (got != expected || rng.state != reference.state) {
            tutor::expect_vector_near(
                Vector(got.begin(), got.end()), Vector(expected.begin(), expected.end()),
                "shuffle of " + std::to_string(n) + " items 100, 101, ... with Rng{" + hex(start) +
                    "}, " + seed_words(seed) + " (one draw per i from n - 1 down to 1)",
                "3.4");
            expect_true(rng.state == reference.state,
                        "the rng after shuffling " + std::to_string(n) +
                            " items should have drawn n - 1 numbers (none for 0 or 1 items)",
                        "3.4");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MakeLayerDrawsEveryWeightFromTheXavierRangeRowByRow, "mlp::make_layer",
           "3.3") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t in = draw_size(draws, 1, 7);
        const std::size_t out = draw_size(draws, 1, 7);
        const Activation f = draw_activation(draws);
        const std::uint64_t start = next_bits(draws);
        // Each weight is uniform(rng, -limit, limit) = -limit + 2 limit u, row 0 first.
        const double limit = std::sqrt(6.0 / static_cast<double>(in + out));
        Draws reference{start};
        Vector expected(in * out);
        for (double& w : expected) {
            const double u = static_cast<double>(next_bits(reference) >> 11) * 0x1.0p-53;
            w = -limit + (limit - -limit) * u;
        }
        mlp::Rng rng{start};
        const Layer layer = mlp::make_layer(in, out, f, rng);
        const std::string what = "make_layer(" + std::to_string(in) + " inputs, " +
                                 std::to_string(out) + " outputs, " + mlp::activation_name(f) +
                                 ") from Rng{" + hex(start) + "}, " + seed_words(seed);
        const bool shape_ok = layer.weights.rows == out && layer.weights.cols == in &&
                              layer.weights.data.size() == in * out;
        if (!shape_ok || !tutor::close(layer.weights.data, expected, 1e-15) ||
            layer.biases != Vector(out, 0.0) || layer.activation != f ||
            rng.state != reference.state) {
            tutor::expect_matrix_near(layer.weights, out, in, expected, what + ": the weights",
                                      "3.3", {}, 1e-15);
            tutor::expect_vector_near(layer.biases, Vector(out, 0.0), what + ": the biases", "3.3");
            expect_true(layer.activation == f, what + ": the activation", "3.3");
            expect_true(rng.state == reference.state,
                        what + ": the rng should have moved on by exactly in * out draws", "3.3");
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, LayerForwardIsWxPlusBThroughTheActivation, "mlp::forward", "3.5") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t in = draw_size(draws, 1, 7);
        const std::size_t out = draw_size(draws, 1, 7);
        Layer layer = random_layer(draws, in, out, draw_activation(draws));
        const Vector x = draw_vector(draws, in);
        const auto [z, a] = layer_by_definition(layer, x);
        const Vector got = mlp::forward(layer, x);
        const std::string what =
            "forward of a random (" + std::to_string(out) + " x " + std::to_string(in) + ") " +
            mlp::activation_name(layer.activation) + " layer W = " + mlp::show(layer.weights) +
            ", b = " + tutor::show(layer.biases) + ", x = " + tutor::show(x) + ", " +
            seed_words(seed);
        if (!tutor::close(got, a, kTolerance) || !tutor::close(layer.z, z, kTolerance) ||
            !tutor::close(layer.a, a, kTolerance) || layer.input != x) {
            tutor::expect_vector_near(got, a, what + ": the returned a", "3.5", {}, kTolerance);
            tutor::expect_vector_near(layer.z, z, what + ": the cached z", "3.5", {}, kTolerance);
            tutor::expect_vector_near(layer.a, a, what + ": the cached a", "3.5", {}, kTolerance);
            tutor::expect_vector_near(layer.input, x, what + ": the cached input", "3.5", {}, 0.0);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, NetworkForwardFeedsEachLayerThePreviousOutput, "mlp::forward", "3.6") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes(draw_size(draws, 2, 5));
        for (std::size_t& size : sizes) {
            size = draw_size(draws, 1, 6);
        }
        Network network;
        for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
            network.layers.push_back(
                random_layer(draws, sizes[l], sizes[l + 1], draw_activation(draws)));
        }
        const Vector x = draw_vector(draws, sizes.front());
        const Network start = network;
        const Vector got = mlp::forward(network, x);
        // The chain by hand: each layer reads the one before's a.
        Vector input = x;
        for (std::size_t l = 0; l < start.layers.size(); ++l) {
            const auto [z, a] = layer_by_definition(start.layers[l], input);
            const mlp::Layer& cached = network.layers[l];
            const std::string what = "forward of a random " + sizes_text(sizes) +
                                     " network, x = " + tutor::show(x) + ", " + seed_words(seed) +
                                     ": layer " + std::to_string(l) + "'s ";
            if (!tutor::close(cached.input, input, kTolerance) ||
                !tutor::close(cached.z, z, kTolerance) || !tutor::close(cached.a, a, kTolerance)) {
                tutor::expect_vector_near(cached.input, input, what + "cached input", "3.6", {},
                                          kTolerance);
                tutor::expect_vector_near(cached.z, z, what + "cached z", "3.6", {}, kTolerance);
                tutor::expect_vector_near(cached.a, a, what + "cached a", "3.6", {}, kTolerance);
                return;
            }
            input = a;
        }
        if (!tutor::close(got, input, kTolerance)) {
            tutor::expect_vector_near(got, input,
                                      "forward of a random " + sizes_text(sizes) +
                                          " network: the output, " + seed_words(seed),
                                      "3.6", {}, kTolerance);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MakeNetworkMakesOneLayerPerPairFromOneRng, "mlp::make_network", "3.6") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes(draw_size(draws, 2, 5));
        for (std::size_t& size : sizes) {
            size = draw_size(draws, 1, 6);
        }
        const Activation hidden = draw_activation(draws);
        const Activation output = draw_activation(draws);
        const std::uint64_t start = next_bits(draws);
        mlp::Rng rng{start};
        const Network network = mlp::make_network(sizes, hidden, output, rng);
        const std::string what = "make_network(" + sizes_text(sizes) + ", hidden " +
                                 mlp::activation_name(hidden) + ", output " +
                                 mlp::activation_name(output) + ") from Rng{" + hex(start) + "}, " +
                                 seed_words(seed);
        if (network.layers.size() != sizes.size() - 1) {
            expect_true(false,
                        what + ": expected " + std::to_string(sizes.size() - 1) + " layers, got " +
                            std::to_string(network.layers.size()),
                        "3.6");
            return;
        }
        Draws reference{start};
        for (std::size_t l = 0; l < network.layers.size(); ++l) {
            const std::size_t in = sizes[l];
            const std::size_t out = sizes[l + 1];
            const double limit = std::sqrt(6.0 / static_cast<double>(in + out));
            Vector expected(in * out);
            for (double& w : expected) {
                const double u = static_cast<double>(next_bits(reference) >> 11) * 0x1.0p-53;
                w = -limit + (limit - -limit) * u;
            }
            const Layer& layer = network.layers[l];
            const Activation f = l + 1 == network.layers.size() ? output : hidden;
            if (layer.weights.rows != out || layer.weights.cols != in ||
                !tutor::close(layer.weights.data, expected, 1e-15) || layer.activation != f) {
                tutor::expect_matrix_near(layer.weights, out, in, expected,
                                          what + ": layer " + std::to_string(l) + "'s weights",
                                          "3.6", {}, 1e-15);
                expect_true(layer.activation == f,
                            what + ": layer " + std::to_string(l) + " should use " +
                                mlp::activation_name(f) + ", uses " +
                                mlp::activation_name(layer.activation),
                            "3.6");
                return;
            }
        }
    }
}

TUTOR_TEST(RandomInputs, ParameterCountIsOutTimesInPlusOutForEveryLayer, "mlp::parameter_count",
           "3.6") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        std::vector<std::size_t> sizes(draw_size(draws, 2, 6));
        for (std::size_t& size : sizes) {
            size = draw_size(draws, 1, 40);
        }
        Network network;
        std::size_t expected = 0;
        for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
            network.layers.push_back(mlp::layer_from(Matrix(sizes[l + 1], sizes[l], 0.5),
                                                     Vector(sizes[l + 1], 0.0), Activation::relu));
            expected += sizes[l + 1] * sizes[l] + sizes[l + 1];
        }
        const std::size_t got = mlp::parameter_count(network);
        if (got != expected) {
            tutor::expect_near(
                static_cast<double>(got), static_cast<double>(expected),
                "parameter_count of a " + sizes_text(sizes) + " network, " + seed_words(seed),
                "3.6");
            return;
        }
    }
}

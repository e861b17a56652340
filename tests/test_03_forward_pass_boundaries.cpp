// Chapter 3 tests, part 3: the edges. Inputs that must come out of a call as
// they went in; the input that matters at the first, an inner and the last
// position; the smallest layer and network; and the given helpers
// activation_name and layer_from (GivenHelpers: they pass against the
// starter code too, since nothing in them is the learner's to write).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "03_forward_pass.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Activation;
using mlp::Layer;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::example_network;
using worked::parameters;

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, LayerForwardLeavesXAndTheParametersAsTheyWere, "mlp::forward", "3.5") {
    Layer layer =
        mlp::layer_from(Matrix(2, 3, {0.5, -1, 2, 1, 1, -1}), {-0.5, -1}, Activation::relu);
    const Vector x{1, 2, 3};
    mlp::forward(layer, x);  // z = [4, -1], a = [4, 0]
    expect_vector_near(x, {1, 2, 3}, "x after forward(layer, x = [1, 2, 3])", "3.5",
                       {{{4, 0},
                         "x holds the layer's output: it was written through a "
                         "const_cast or a reference. Keep x as it is."}});
    expect_vector_near(layer.weights.data, {0.5, -1, 2, 1, 1, -1},
                       "the weights after forward (a forward pass reads them, never changes them)",
                       "3.5");
    expect_vector_near(layer.biases, {-0.5, -1}, "the biases after forward", "3.5",
                       {{{4, -1}, "the biases hold z: compute z in a new vector."}});
}

TUTOR_TEST(InputsUnchanged, NetworkForwardLeavesXAndTheParametersAsTheyWere, "mlp::forward",
           "3.6") {
    Network network = example_network();
    const Vector before = parameters(network);
    const Vector x{2, 1};
    mlp::forward(network, x);  // [-1, 3]
    expect_vector_near(
        x, {2, 1}, "x after forward(network, x = [2, 1])", "3.6",
        {{{-1, 3},
          "x holds the network's output: the layers were chained through x "
          "itself. Chain them through a local copy."},
         {{4, 0}, "x holds layer 0's output: chain the layers through a local copy."}});
    expect_vector_near(parameters(network), before,
                       "the weights and biases after forward(network, [2, 1])", "3.6");
}

TUTOR_TEST(InputsUnchanged, MakeNetworkLeavesTheSizesAsTheyWere, "mlp::make_network", "3.6") {
    Rng rng{1};
    const std::vector<std::size_t> sizes{3, 4, 2};
    mlp::make_network(sizes, Activation::relu, Activation::identity, rng);
    expect_true(sizes == std::vector<std::size_t>{3, 4, 2},
                "the sizes {3, 4, 2} after make_network should be as they were", "3.6");
}

TUTOR_TEST(InputsUnchanged, ParameterCountLeavesTheNetworkAsItWas, "mlp::parameter_count", "3.6") {
    Network network = example_network();
    mlp::forward(network, {2, 1});
    const Network before = network;
    const Network& counted = network;
    expect_near(static_cast<double>(mlp::parameter_count(counted)), 12,
                "parameter_count of the 2-2-2 network ((2*2 + 2) + (2*2 + 2))", "3.6");
    expect_vector_near(parameters(network), parameters(before),
                       "the parameters after parameter_count", "3.6");
    expect_vector_near(network.layers[1].a, before.layers[1].a,
                       "the cached output after parameter_count (counting changes nothing)", "3.6");
}

// ---------------------------------------------------------------------------
// The input that matters at the first, an inner and the last position
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, LayerForwardReadsTheFirstAnInnerAndTheLastInput, "mlp::forward", "3.5") {
    // Identity layer W = [[1, 2, 3, 4], [5, 6, 7, 8]], b = [0.5, -0.5]: the
    // one-hot x at c gives z = column c of W + b.
    Layer layer =
        mlp::layer_from(Matrix(2, 4, {1, 2, 3, 4, 5, 6, 7, 8}), {0.5, -0.5}, Activation::identity);
    const std::size_t picked[] = {0, 2, 3};
    const Vector expected[] = {{1.5, 4.5}, {3.5, 6.5}, {4.5, 7.5}};
    for (int k = 0; k < 3; ++k) {
        Vector x(4, 0.0);
        x[picked[k]] = 1.0;
        expect_vector_near(
            mlp::forward(layer, x), expected[k],
            "forward of the identity layer W = [[1, 2, 3, 4], [5, 6, 7, 8]], "
            "b = [0.5, -0.5], on the one-hot x at position " +
                std::to_string(picked[k]),
            "3.5", {{{0.5, -0.5}, "only the biases: the input at this position never took part."}});
    }
}

// ---------------------------------------------------------------------------
// The smallest layer and network
// ---------------------------------------------------------------------------

TUTOR_TEST(SmallestShapes, OneInputOneOutputLayerWorks, "mlp::make_layer", "3.3") {
    // limit = sqrt(6 / (1 + 1)) = sqrt(3) = 1.7320508075688772
    Rng rng{42};
    const Layer layer = mlp::make_layer(1, 1, Activation::relu, rng);
    expect_true(layer.weights.rows == 1 && layer.weights.cols == 1 && layer.biases.size() == 1,
                "make_layer(1, 1) should make a (1 x 1) layer with one bias, got " +
                    mlp::shape_of(layer.weights),
                "3.3");
    // seed 42's first u is 0.7415648787718233: -sqrt(3) + 2 sqrt(3) u = 0.8368...
    const double limit = 1.7320508075688772;
    expect_vector_near(layer.weights.data, {-limit + 2.0 * limit * 0.7415648787718233},
                       "the weight of make_layer(1, 1) for seed 42", "3.3", {}, 1e-12);
}

TUTOR_TEST(SmallestShapes, TwoSizesMakeOneLayerThatUsesTheOutputActivation, "mlp::make_network",
           "3.6") {
    // {3, 2}: one layer, 3 -> 2, and it is the last layer, so it uses `output`.
    Rng rng{1};
    const Network network = mlp::make_network({3, 2}, Activation::relu, Activation::sigmoid, rng);
    expect_true(
        network.layers.size() == 1,
        "make_network({3, 2}) should make 1 layer, made " + std::to_string(network.layers.size()),
        "3.6");
    if (network.layers.size() == 1) {
        expect_true(network.layers[0].activation == Activation::sigmoid,
                    "the only layer of make_network({3, 2}, hidden relu, output sigmoid) is the "
                    "last one and should use sigmoid, uses " +
                        mlp::activation_name(network.layers[0].activation),
                    "3.6");
        expect_true(
            network.layers[0].weights.rows == 2 && network.layers[0].weights.cols == 3,
            "its weights should be (2 x 3), are " + mlp::shape_of(network.layers[0].weights),
            "3.6");
    }
}

TUTOR_TEST(SmallestShapes, ANetworkOfOneLayerIsThatLayer, "mlp::forward", "3.6") {
    // One identity layer W = [[1, 2]], b = [3]: x = [4, 5] gives 4 + 10 + 3 = 17.
    Network network;
    network.layers.push_back(mlp::layer_from(Matrix(1, 2, {1, 2}), {3}, Activation::identity));
    expect_vector_near(mlp::forward(network, {4, 5}), {17},
                       "forward of a one-layer network W = [[1, 2]], b = [3], x = [4, 5]", "3.6",
                       {{{4, 5}, "that is x: the only layer never ran."}});
}

// ---------------------------------------------------------------------------
// The given helpers
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenHelpers, ActivationNameSpellsEachActivation, "mlp::activation_name", "3.2") {
    const std::pair<Activation, std::string> names[] = {
        {Activation::identity, "identity"},
        {Activation::sigmoid, "sigmoid"},
        {Activation::relu, "relu"},
        {static_cast<Activation>(42), "unknown activation 42"}};
    for (const auto& [f, name] : names) {
        const std::string got = mlp::activation_name(f);
        expect_true(got == name,
                    "activation_name of activation number " + std::to_string(static_cast<int>(f)) +
                        ": expected \"" + name + "\", got \"" + got + "\"",
                    "3.2");
    }
    // The numbers the model file stores (lesson 7.6): 0, 1 and 2.
    expect_true(static_cast<int>(Activation::identity) == 0 &&
                    static_cast<int>(Activation::sigmoid) == 1 &&
                    static_cast<int>(Activation::relu) == 2,
                "the activations should be numbered identity 0, sigmoid 1, relu 2", "3.2");
}

TUTOR_TEST(GivenHelpers, LayerFromKeepsWhatItIsGivenAndCachesNothing, "mlp::layer_from", "3.5") {
    const Layer layer =
        mlp::layer_from(Matrix(2, 3, {1, 2, 3, 4, 5, 6}), {0.5, -0.5}, Activation::sigmoid);
    expect_matrix_near(layer.weights, 2, 3, {1, 2, 3, 4, 5, 6}, "layer_from's weights", "3.5");
    expect_vector_near(layer.biases, {0.5, -0.5}, "layer_from's biases", "3.5");
    expect_true(layer.activation == Activation::sigmoid,
                "layer_from's activation should be sigmoid", "3.5");
    expect_true(layer.input.empty() && layer.z.empty() && layer.a.empty(),
                "a layer from layer_from has run no forward pass: its caches are empty", "3.5");
}

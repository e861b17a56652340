// Chapter 5 tests: backpropagation.
//
// Two kinds of expected values. Small layers and networks set by hand, whose
// gradients are worked out in the comments beside them; and gradient checks
// on random networks, where the expected slopes come from centered
// differences of the loss computed here in the test (not by the chapter's
// numerical_gradients), so the check does not trust the code it checks.
#include "05_backpropagation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gradient_check.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Activation;
using mlp::LayerGradients;
using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

using gradient_check::check_gradients;
using worked::hand_network;
using worked::kHandInput;
using worked::kHandTarget;
using worked::zero_network;

namespace {

// backward(network, target) must return one gradient per layer; the tests
// below stop early (instead of reading past the end) when it does not.
bool has_one_gradient_per_layer(const std::vector<LayerGradients>& gradients, std::size_t layers) {
    if (gradients.size() != layers) {
        ADD_FAILURE() << "backward(network, target) returned " << gradients.size()
                      << " LayerGradients for a network of " << layers
                      << " layers; it needs one per layer, in layer order (lesson.md 5.3)";
        return false;
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// activation_derivative
// ---------------------------------------------------------------------------

TUTOR_TEST(ActivationDerivative, IdentityIsOneEverywhere, "mlp::activation_derivative", "5.2") {
    // f(z) = z has slope 1 whatever z is.
    expect_near(mlp::activation_derivative(Activation::identity, 3.7), 1.0,
                "activation_derivative(identity, 3.7)", "5.2");
    expect_near(mlp::activation_derivative(Activation::identity, -2.0), 1.0,
                "activation_derivative(identity, -2)", "5.2");
}

TUTOR_TEST(ActivationDerivative, SigmoidIsSTimesOneMinusSAtZ, "mlp::activation_derivative", "5.2") {
    // s = sigmoid(0) = 0.5: 0.5 * 0.5 = 0.25.
    expect_near(mlp::activation_derivative(Activation::sigmoid, 0.0), 0.25,
                "activation_derivative(sigmoid, 0)", "5.2",
                {{{0.0}, "that is z * (1 - z): the argument is z; take s = sigmoid(z) first."}});
    // s = sigmoid(ln 3) = 1 / (1 + 1/3) = 0.75: 0.75 * 0.25 = 0.1875.
    expect_near(mlp::activation_derivative(Activation::sigmoid, std::log(3.0)), 0.1875,
                "activation_derivative(sigmoid, ln 3)", "5.2");
}

TUTOR_TEST(ActivationDerivative, ReluIsOneAboveZeroAndZeroBelow, "mlp::activation_derivative",
           "5.2") {
    expect_near(mlp::activation_derivative(Activation::relu, 2.0), 1.0,
                "activation_derivative(relu, 2)", "5.2");
    expect_near(mlp::activation_derivative(Activation::relu, -1.0), 0.0,
                "activation_derivative(relu, -1)", "5.2");
}

TUTOR_TEST(ActivationDerivative, ReluAtExactlyZeroIsZero, "mlp::activation_derivative", "5.2") {
    expect_near(mlp::activation_derivative(Activation::relu, 0.0), 0.0,
                "activation_derivative(relu, 0)", "5.2",
                {{{1.0}, "ReLU'(0) is 0 in this project (z > 0, not z >= 0)."}});
}

TUTOR_TEST(ActivationDerivative, UnknownActivationIsRejected, "mlp::activation_derivative", "5.2") {
    const auto unknown = static_cast<Activation>(7);
    expect_invalid_argument([&] { mlp::activation_derivative(unknown, 1.0); },
                            {"activation_derivative", "unknown activation 7"},
                            "activation_derivative of an activation numbered 7", "5.2");
}

// ---------------------------------------------------------------------------
// One layer backward
// ---------------------------------------------------------------------------

TUTOR_TEST(OneLayerBackward, WeightGradientIsOuterOfGradZAndInput, "mlp::backward", "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(2, 3,
                                              {1, 2, 3,  //
                                               4, 5, 6}),
                                       {0, 0}, Activation::identity);
    mlp::forward(layer, {0.5, -1, 2});
    // identity: dL/dz = dL/da = [1, -2]
    // dL/dW(r, c) = dL/dz[r] * x[c]: [[1*0.5, 1*-1, 1*2], [-2*0.5, -2*-1, -2*2]]
    expect_matrix_near(
        mlp::backward(layer, {1, -2}).weights, 2, 3, {0.5, -1, 2, -1, 2, -4},
        "backward of a (2 x 3) identity layer, x = [0.5, -1, 2], dL/da = [1, -2]: dL/dW", "5.2",
        {{{0.5, -1, -1, 2, 2, -4},
          "that is outer(x, dL/dz), the transpose; dL/dW is outer(dL/dz, x), (out, in) like W."}});
}

TUTOR_TEST(OneLayerBackward, BiasGradientIsGradZ, "mlp::backward", "5.2") {
    // sigmoid; z = [1 - 1 + 0, 2 + 1 - 3] = [0, 0], where sigmoid' = 0.25
    mlp::Layer layer = mlp::layer_from(Matrix(2, 2,
                                              {1, -1,  //
                                               2, 1}),
                                       {0, -3}, Activation::sigmoid);
    mlp::forward(layer, {1, 1});
    // dL/db = dL/dz = dL/da (*) sigmoid'(z) = [2 * 0.25, -4 * 0.25] = [0.5, -1]
    expect_vector_near(mlp::backward(layer, {2, -4}).biases, {0.5, -1},
                       "backward of a sigmoid layer at z = [0, 0], dL/da = [2, -4]: dL/db", "5.2",
                       {{{0, 0}, "the bias gradient is all 0: was it forgotten? dL/db = dL/dz."},
                        {{1, -2}, "exactly twice dL/dz: is the bias gradient counted twice?"},
                        {{2, -4}, "that is dL/da; dL/db is dL/dz = dL/da (*) f'(z)."}});
}

TUTOR_TEST(OneLayerBackward, InputGradientUsesTheTransposeOnANonSquareLayer, "mlp::backward",
           "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(2, 3,
                                              {1, 2, 3,  //
                                               4, 5, 6}),
                                       {0, 0}, Activation::identity);
    mlp::forward(layer, {1, 1, 1});
    // dL/dz = [1, -2]; dL/dx = W^T dL/dz, one number per input (3 of them):
    // [1*1 + 4*-2, 2*1 + 5*-2, 3*1 + 6*-2] = [-7, -8, -9]
    try {
        expect_vector_near(mlp::backward(layer, {1, -2}).input, {-7, -8, -9},
                           "backward of a (2 x 3) identity layer, dL/da = [1, -2]: dL/dx", "5.2");
    } catch (const std::invalid_argument& error) {
        ADD_FAILURE() << "backward of a (2 x 3) identity layer, dL/da = [1, -2] threw \""
                      << error.what() << "\"" << tutor::where("5.2")
                      << " Hint: dL/dx has one number per input (3 here): W^T . dL/dz, not"
                         " W . dL/dz.";
    }
}

TUTOR_TEST(OneLayerBackward, InputGradientUsesTheTransposeOnASquareLayer, "mlp::backward", "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(2, 2,
                                              {1, 2,  //
                                               3, 4}),
                                       {0, 0}, Activation::identity);
    mlp::forward(layer, {1, 1});
    // W^T [2, 1] = [1*2 + 3*1, 2*2 + 4*1] = [5, 8]   (W [2, 1] would be [4, 10])
    expect_vector_near(
        mlp::backward(layer, {2, 1}).input, {5, 8},
        "backward of the identity layer W = [[1, 2], [3, 4]], dL/da = [2, 1]: dL/dx", "5.2",
        {{{4, 10},
          "that is W . dL/dz; dL/dx is W^T . dL/dz: read W(r, c) into grad_x[c]. A square layer"
          " hides this mistake from the shapes."}});
}

TUTOR_TEST(OneLayerBackward, ReluDerivativeIsTakenAtTheCachedZ, "mlp::backward", "5.2") {
    // The cache is set by hand here, not by forward: after a real forward
    // a = relu(z), and relu'(a) is then always relu'(z), so only a hand-set
    // cache shows which of the three numbers backward reads.
    mlp::Layer layer = mlp::layer_from(Matrix(2, 2,
                                              {1, 0,  //
                                               0, 1}),
                                       {0, 0}, Activation::relu);
    layer.input = {2, -3};  // relu' would be [1, 0]
    layer.z = {-1, 2};      // relu' is [0, 1]: the right one
    layer.a = {3, 4};       // relu' would be [1, 1]
    // dL/dz = [1, 1] (*) relu'(z) = [0, 1]
    expect_vector_near(
        mlp::backward(layer, {1, 1}).biases, {0, 1},
        "backward of a relu layer whose cached z is [-1, 2]: dL/dz (= dL/db)", "5.2",
        {{{1, 1}, "relu' was taken at the cached a; take it at the cached z."},
         {{1, 0}, "relu' was taken at the layer's input; take it at the cached z."}});
}

TUTOR_TEST(OneLayerBackward, ReluUnitExactlyAtZeroPassesNoGradient, "mlp::backward", "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(1, 2, {1, -1}), {0}, Activation::relu);
    mlp::forward(layer, {2, 2});  // z = 2 - 2 + 0 = 0 exactly
    // dL/dz = 3 * relu'(0) = 3 * 0 = 0
    expect_vector_near(mlp::backward(layer, {3}).biases, {0},
                       "backward of a relu layer at z = [0], dL/da = [3]: dL/db", "5.2",
                       {{{3}, "ReLU'(0) was taken as 1; in this project it is 0."}});
}

TUTOR_TEST(OneLayerBackward, SigmoidDerivativeIsTakenAtZNotAtA, "mlp::backward", "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(1, 1, Vector{1}), {-2}, Activation::sigmoid);
    mlp::forward(layer, {2});  // z = 2 - 2 = 0, a = sigmoid(0) = 0.5
    // dL/dz = 1 * sigmoid'(0) = 0.25;  dL/dW = 0.25 * x = 0.5
    const LayerGradients gradients = mlp::backward(layer, {1});
    expect_vector_near(
        gradients.biases, {0.25}, "backward of a sigmoid layer at z = 0, a = 0.5: dL/dz (= dL/db)",
        "5.2",
        {{{0.2350037122015945},
          "that is sigmoid'(0.5): the derivative was taken at a; take it at the cached z."},
         {{0.10499358540350662},
          "that is sigmoid'(2): the derivative was taken at the input; take it at the cached z."}});
    expect_matrix_near(gradients.weights, 1, 1, {0.5},
                       "backward of a sigmoid layer at z = 0, x = 2: dL/dW", "5.2");
}

TUTOR_TEST(OneLayerBackward, BackwardBeforeAnyForwardIsRejected, "mlp::backward", "5.2") {
    const mlp::Layer layer = mlp::layer_from(Matrix(2, 2, 1.0), {0, 0}, Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::backward(layer, {1, 2});
        },
        {"backward", "grad_a is (2)", "cached z is (0)", "run forward first"},
        "backward of a layer that never ran forward (its cached z is empty)", "5.2");
}

TUTOR_TEST(OneLayerBackward, GradAOfTheWrongSizeIsRejected, "mlp::backward", "5.2") {
    mlp::Layer layer = mlp::layer_from(Matrix(2, 2, 1.0), {0, 0}, Activation::relu);
    mlp::forward(layer, {1, 1});
    expect_invalid_argument(
        [&] {
            mlp::backward(layer, {1, 2, 3});
        },
        {"backward", "grad_a is (3)", "cached z is (2)"},
        "backward of a layer of 2 outputs with a dL/da of 3 numbers", "5.2");
}

// ---------------------------------------------------------------------------
// The network backward
// ---------------------------------------------------------------------------

TUTOR_TEST(NetworkBackward, ReturnsOneGradientPerLayerInTheLayersShapes, "mlp::backward", "5.3") {
    mlp::Rng rng{5};
    mlp::Network network =
        mlp::make_network({3, 4, 2}, Activation::relu, Activation::identity, rng);
    mlp::forward(network, {0.5, -0.5, 1.0});
    const std::vector<LayerGradients> gradients = mlp::backward(network, {0, 1});
    if (!has_one_gradient_per_layer(gradients, 2)) {
        return;
    }
    // layer 0: W (4 x 3), b (4), x (3);  layer 1: W (2 x 4), b (2), x (4)
    const std::vector<std::vector<std::size_t>> shapes{{4, 3}, {2, 4}};
    for (std::size_t l = 0; l < 2; ++l) {
        const LayerGradients& g = gradients[l];
        const std::size_t out = shapes[l][0];
        const std::size_t in = shapes[l][1];
        const std::string layer = "layer " + std::to_string(l) + " of a 3-4-2 network: ";
        expect_true(g.weights.rows == out && g.weights.cols == in,
                    layer + "dL/dW should be (" + std::to_string(out) + " x " + std::to_string(in) +
                        ") like W, is " + mlp::shape_of(g.weights) +
                        (g.weights.rows == in && g.weights.cols == out
                             ? ". Hint: outer(dL/dz, x), not outer(x, dL/dz); or are the layers"
                               " in reverse order?"
                             : ""),
                    "5.3");
        expect_true(g.biases.size() == out,
                    layer + "dL/db should be (" + std::to_string(out) + ") like b, is " +
                        mlp::shape_of(g.biases),
                    "5.3");
        expect_true(g.input.size() == in,
                    layer + "dL/dx should be (" + std::to_string(in) +
                        ") like the layer's input, is " + mlp::shape_of(g.input),
                    "5.3");
    }
}

TUTOR_TEST(NetworkBackward, OutputGradientIsSoftmaxMinusTarget, "mlp::backward", "5.3") {
    mlp::Network network = hand_network();
    mlp::forward(network, kHandInput);  // logits [3, 3], softmax [0.5, 0.5]
    const std::vector<LayerGradients> gradients = mlp::backward(network, kHandTarget);
    if (!has_one_gradient_per_layer(gradients, 2)) {
        return;
    }
    // dL/dz1 = softmax - target = [0.5 - 1, 0.5 - 0] = [-0.5, 0.5] = dL/db of layer 1
    expect_vector_near(
        gradients[1].biases, {-0.5, 0.5},
        "the 2-2-2 hand network, logits [3, 3], target [1, 0]: the output layer's dL/db", "5.3",
        {{{0.5, -0.5}, "the opposite sign: the output gradient is softmax(z) - target."},
         {{2, 3},
          "that is logits - target, [3 - 1, 3 - 0]: take the softmax of the logits first."}});
    // outer([-0.5, 0.5], a0 = [0, 1.5])
    expect_matrix_near(gradients[1].weights, 2, 2, {0, -0.75, 0, 0.75},
                       "the 2-2-2 hand network: the output layer's dL/dW", "5.3",
                       {{{0, 0, -0.75, 0.75}, "that is outer(x, dL/dz), the transpose of dL/dW."}});
}

TUTOR_TEST(NetworkBackward, HiddenLayerReceivesTheGradient, "mlp::backward", "5.3") {
    mlp::Network network = hand_network();
    mlp::forward(network, kHandInput);
    const std::vector<LayerGradients> gradients = mlp::backward(network, kHandTarget);
    if (!has_one_gradient_per_layer(gradients, 2)) {
        return;
    }
    // The output layer passes dL/dx = W1^T [-0.5, 0.5] = [1, -1] down;
    // layer 0: dL/dz = [1, -1] (*) relu'([-1, 1.5]) = [0, -1] = dL/db
    const std::vector<tutor::Hint> hints{
        {{}, "layer 0 got no gradient: the loop over the layers must go down to layer 0."},
        {{0, 0}, "layer 0's gradient is all 0: does it receive the output layer's dL/dx?"},
        {{0, 0.5}, "layer 0 got the output's dL/da; it must get the dL/dx of the layer above it."},
        {{0, -1.5}, "the layer above passed W . dL/dz down; dL/dx is W^T . dL/dz."},
        {{0, 1}, "the opposite sign: is the output gradient softmax(z) - target?"}};
    expect_vector_near(gradients[0].biases, {0, -1},
                       "the 2-2-2 hand network: the hidden layer's dL/db", "5.3", hints);
    // outer([0, -1], x = [1, 2])
    expect_matrix_near(gradients[0].weights, 2, 2, {0, 0, -1, -2},
                       "the 2-2-2 hand network: the hidden layer's dL/dW", "5.3");
    // W0^T [0, -1] = [1*0 + 0.5*-1, -1*0 + 0.5*-1]
    expect_vector_near(gradients[0].input, {-0.5, -0.5},
                       "the 2-2-2 hand network: the hidden layer's dL/dx", "5.3");
}

TUTOR_TEST(NetworkBackward, GradientsDoNotAccumulateAcrossCalls, "mlp::backward", "5.3") {
    mlp::Network network = hand_network();
    mlp::forward(network, kHandInput);
    mlp::backward(network, kHandTarget);
    const std::vector<LayerGradients> second = mlp::backward(network, kHandTarget);
    if (!has_one_gradient_per_layer(second, 2)) {
        return;
    }
    // The same numbers as the first call: gradients are values, not sums.
    expect_vector_near(second[1].biases, {-0.5, 0.5},
                       "the second backward in a row on the 2-2-2 hand network: layer 1's dL/db",
                       "5.3",
                       {{{-1, 1},
                         "twice the first call's gradient: backward must start from nothing each "
                         "call (no static or member sum)."}});
    expect_matrix_near(second[0].weights, 2, 2, {0, 0, -1, -2},
                       "the second backward in a row on the 2-2-2 hand network: layer 0's dL/dW",
                       "5.3",
                       {{{0, 0, -2, -4},
                         "twice the first call's gradient: backward must start from nothing each "
                         "call (no static or member sum)."}});
}

TUTOR_TEST(NetworkBackward, UsesTheCachesOfTheMostRecentForward, "mlp::backward", "5.3") {
    mlp::Network network = hand_network();
    // First x = [2.25, 1.75]: z0 = [0.5, 2], a0 = [0.5, 2], logits [4.5, 4.5]
    mlp::forward(network, {2.25, 1.75});
    // then x = [1, 2]: z0 = [-1, 1.5], a0 = [0, 1.5], logits [3, 3]
    mlp::forward(network, kHandInput);
    const std::vector<LayerGradients> gradients = mlp::backward(network, kHandTarget);
    if (!has_one_gradient_per_layer(gradients, 2)) {
        return;
    }
    // The second forward's caches: outer([-0.5, 0.5], [0, 1.5]) and
    // outer([0, -1], [1, 2]). The first forward's would give
    // outer([-0.5, 0.5], [0.5, 2]) and outer([1, -1], [2.25, 1.75]).
    expect_matrix_near(gradients[1].weights, 2, 2, {0, -0.75, 0, 0.75},
                       "forward x = [2.25, 1.75], then forward x = [1, 2], then backward: layer "
                       "1's dL/dW",
                       "5.3",
                       {{{-0.25, -1, 0.25, 1},
                         "those are the first forward's gradients: backward uses the caches the "
                         "most recent forward left."}});
    expect_matrix_near(gradients[0].weights, 2, 2, {0, 0, -1, -2},
                       "forward x = [2.25, 1.75], then forward x = [1, 2], then backward: layer "
                       "0's dL/dW",
                       "5.3",
                       {{{2.25, 1.75, -2.25, -1.75},
                         "those are the first forward's gradients: backward uses the caches the "
                         "most recent forward left."}});
}

TUTOR_TEST(NetworkBackward, BackwardBeforeAnyForwardIsRejected, "mlp::backward", "5.3") {
    const mlp::Network network = hand_network();
    expect_invalid_argument(
        [&] { mlp::backward(network, kHandTarget); },
        {"backward", "the target is (2)", "cached logits are (0)", "run forward first"},
        "backward of a network that never ran forward (no cached logits)", "5.3");
}

TUTOR_TEST(NetworkBackward, ANetworkWithNoLayersIsRejected, "mlp::backward", "5.3") {
    const mlp::Network empty;
    expect_invalid_argument([&] { mlp::backward(empty, kHandTarget); },
                            {"backward", "the network has no layers"},
                            "backward of a network with no layers", "5.3");
}

TUTOR_TEST(NetworkBackward, TargetOfTheWrongSizeIsRejected, "mlp::backward", "5.3") {
    mlp::Network network = hand_network();
    mlp::forward(network, kHandInput);
    expect_invalid_argument(
        [&] {
            mlp::backward(network, {1, 0, 0});
        },
        {"backward", "the target is (3)", "cached logits are (2)"},
        "backward of a network with 2 logits against a target of 3", "5.3");
}

// ---------------------------------------------------------------------------
// Gradient checks: backward against the test's own centered differences,
// every weight and bias of every layer.
// ---------------------------------------------------------------------------

TUTOR_TEST(GradientCheck, OneReluHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({3, 5, 4}, Activation::relu, Activation::identity, {1, 3, 5});
}

TUTOR_TEST(GradientCheck, OneSigmoidHiddenLayer, "mlp::backward", "5.4") {
    check_gradients({4, 3, 3}, Activation::sigmoid, Activation::identity, {2, 4, 5});
}

TUTOR_TEST(GradientCheck, TwoReluHiddenLayers, "mlp::backward", "5.4") {
    check_gradients({4, 6, 5, 3}, Activation::relu, Activation::identity, {1, 5, 6});
}

TUTOR_TEST(GradientCheck, TwoSigmoidHiddenLayers, "mlp::backward", "5.4") {
    check_gradients({3, 4, 4, 2}, Activation::sigmoid, Activation::identity, {5, 7, 9});
}

// ---------------------------------------------------------------------------
// numerical_gradients and relative_error
// ---------------------------------------------------------------------------

TUTOR_TEST(NumericalGradients, MatchesTheHandDerivedGradient, "mlp::numerical_gradients", "5.4") {
    mlp::Network network = zero_network();
    const std::vector<LayerGradients> slopes =
        mlp::numerical_gradients(network, kHandInput, kHandTarget);
    if (!has_one_gradient_per_layer(slopes, 1)) {
        return;
    }
    expect_matrix_near(
        slopes[0].weights, 2, 2, {-0.5, -1, 0.5, 1},
        "numerical_gradients of a zero (2 x 2) layer, x = [1, 2], target [1, 0]: "
        "dL/dW",
        "5.4", {{{0.5, 1, -0.5, -1}, "the opposite sign: (L(w + h) - L(w - h)) / 2h, plus first."}},
        1e-6);
    expect_vector_near(
        slopes[0].biases, {-0.5, 0.5},
        "numerical_gradients of a zero (2 x 2) layer, x = [1, 2], target [1, 0]: "
        "dL/db",
        "5.4", {{{0.5, -0.5}, "the opposite sign: (L(w + h) - L(w - h)) / 2h, plus first."}}, 1e-6);
}

TUTOR_TEST(NumericalGradients, UsesCenteredDifferences, "mlp::numerical_gradients", "5.4") {
    // Around this point the loss minus its straight-line part is symmetric,
    // so a centered difference is exact even with a step as large as 0.1,
    // while a one-sided one misses by about h/2 times the curvature:
    // (ln(1 + e^-0.1) - ln 2) / 0.1 = -0.4875... instead of -0.5.
    mlp::Network network = zero_network();
    const std::vector<LayerGradients> slopes =
        mlp::numerical_gradients(network, kHandInput, kHandTarget, 0.1);
    if (!has_one_gradient_per_layer(slopes, 1)) {
        return;
    }
    const std::string one_sided =
        "a one-sided difference; use the centered (L(w + h) - L(w - h)) / (2 h).";
    expect_vector_near(slopes[0].biases, {-0.5, 0.5},
                       "numerical_gradients with h = 0.1 of a zero (2 x 2) layer: dL/db", "5.4",
                       {{{-0.48750520486374405, 0.5124947951362568}, one_sided},
                        {{-0.5124947951362568, 0.48750520486374405}, one_sided}},
                       1e-6);
    expect_matrix_near(
        slopes[0].weights, 2, 2, {-0.5, -1, 0.5, 1},
        "numerical_gradients with h = 0.1 of a zero (2 x 2) layer: dL/dW", "5.4",
        {{{-0.48750520486374405, -0.9500831117835351, 0.5124947951362568, 1.0499168882164656},
          one_sided},
         {{-0.5124947951362568, -1.0499168882164656, 0.48750520486374405, 0.9500831117835351},
          one_sided}},
        1e-6);
}

TUTOR_TEST(NumericalGradients, PutsEveryParameterBackExactly, "mlp::numerical_gradients", "5.4") {
    // Values for which w + h - 2h + h is not exactly w in floating point
    // (0.1 + 1e-5 - 2e-5 + 1e-5 = 0.09999999999999999), so only restoring a
    // saved copy passes.
    mlp::Network network;
    network.layers.push_back(mlp::layer_from(Matrix(2, 2,
                                                    {0.1, 0.2,  //
                                                     0.7, 0.15}),
                                             {1.1, -0.8}, Activation::relu));
    network.layers.push_back(mlp::layer_from(Matrix(2, 2,
                                                    {0.6, -0.8,  //
                                                     0.2, 1.1}),
                                             {0.1, 0.7}, Activation::identity));
    const mlp::Network before = network;
    mlp::numerical_gradients(network, kHandInput, kHandTarget);
    for (std::size_t l = 0; l < 2; ++l) {
        const auto report = [&](const std::string& name, double was, double is) {
            std::ostringstream message;
            message.precision(17);
            message << "after numerical_gradients, layer " << l << " " << name << " was " << was
                    << " and is " << is << tutor::where("5.4")
                    << " Hint: save each parameter and put the saved value back; adding and"
                       " subtracting h does not undo exactly in floating point.";
            ADD_FAILURE() << message.str();
        };
        const mlp::Layer& now = network.layers[l];
        const mlp::Layer& then = before.layers[l];
        for (std::size_t i = 0; i < then.weights.data.size(); ++i) {
            if (now.weights.data[i] != then.weights.data[i]) {
                report("W(" + std::to_string(i / 2) + ", " + std::to_string(i % 2) + ")",
                       then.weights.data[i], now.weights.data[i]);
                return;
            }
        }
        for (std::size_t i = 0; i < then.biases.size(); ++i) {
            if (now.biases[i] != then.biases[i]) {
                report("b(" + std::to_string(i) + ")", then.biases[i], now.biases[i]);
                return;
            }
        }
    }
}

TUTOR_TEST(NumericalGradients, LeavesTheCachesOfAPlainForwardPass, "mlp::numerical_gradients",
           "5.4") {
    mlp::Network network = hand_network();
    mlp::numerical_gradients(network, kHandInput, kHandTarget);
    // A plain forward of x = [1, 2]: z0 = [-1, 1.5], logits [3, 3]. The last
    // perturbed pass (layer 1's b(1) at 3 - h) would leave [3, 3 - h].
    const std::string hint =
        "the caches are those of a perturbed pass: end with one plain forward pass.";
    expect_vector_near(network.layers[0].z, {-1, 1.5},
                       "after numerical_gradients on the 2-2-2 hand network: layer 0's cached z",
                       "5.4");
    expect_vector_near(network.layers[1].a, {3, 3},
                       "after numerical_gradients on the 2-2-2 hand network: the cached logits",
                       "5.4", {{{3, 3 - 1e-5}, hint}});
}

TUTOR_TEST(RelativeError, OfOneAndOnePointOneIsOneEleventh, "mlp::relative_error", "5.4") {
    // |1 - 1.1| / max(1, 1.1) = 0.1 / 1.1 = 1/11
    expect_near(mlp::relative_error(1.0, 1.1), 1.0 / 11.0, "relative_error(1, 1.1)", "5.4",
                {{{0.1}, "that divides by |a|; divide by the larger of |a| and |b|."},
                 {{0.1 / 2.1}, "that divides by |a| + |b|; divide by the larger of |a| and |b|."}});
    expect_near(mlp::relative_error(1.1, 1.0), 1.0 / 11.0, "relative_error(1.1, 1)", "5.4",
                {{{0.1}, "that divides by |b|; divide by the larger of |a| and |b|."}});
}

TUTOR_TEST(RelativeError, OfZeroAndZeroIsZero, "mlp::relative_error", "5.4") {
    // Both exactly 0: they agree perfectly, and 0 / 0 would be NaN.
    expect_near(mlp::relative_error(0.0, 0.0), 0.0,
                "relative_error(0, 0) (two zeros agree; 0 / 0 would be NaN)", "5.4");
}

TUTOR_TEST(RelativeError, UsesTheSizesNotTheSigns, "mlp::relative_error", "5.4") {
    // |-3 - -1| / max(3, 1) = 2 / 3
    expect_near(mlp::relative_error(-3.0, -1.0), 2.0 / 3.0, "relative_error(-3, -1)", "5.4",
                {{{-2.0}, "max(a, b) is -1 here: the scale is max(|a|, |b|)."}});
    // |-1 - 1| / max(1, 1) = 2
    expect_near(mlp::relative_error(-1.0, 1.0), 2.0, "relative_error(-1, 1)", "5.4");
}

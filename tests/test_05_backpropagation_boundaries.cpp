// Chapter 5 tests, part 4: activation_backward and centered_difference by
// hand, inputs that must come out of a call as they went in, the default
// step of numerical_gradients where it matters, the worst gradient at the
// first and the last place for max_relative_error, and its refusals.
// max_relative_error is given, not an exercise, and is tested as if it were
// one: it calls the learner's relative_error. Expected values are worked out
// in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "05_backpropagation.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Activation;
using mlp::Layer;
using mlp::LayerGradients;
using mlp::Matrix;
using mlp::Network;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::hand_network;
using worked::parameters;
using worked::zero_network;

namespace {

// Two layers of gradients, every number 1: the worst relative error is 0
// until a test changes one of them.
std::vector<LayerGradients> ones() {
    std::vector<LayerGradients> g(2);
    g[0].weights = Matrix(3, 2, 1.0);
    g[0].biases = Vector(3, 1.0);
    g[1].weights = Matrix(2, 3, 1.0);
    g[1].biases = Vector(2, 1.0);
    return g;
}

// All 17 significant digits: two doubles a rounding apart look different.
std::string exact(double x) {
    std::ostringstream out;
    out.precision(17);
    out << x;
    return out.str();
}

// Every weight, bias and cached number of a network, in one list.
Vector everything(const Network& network) {
    Vector all;
    for (const Layer& layer : network.layers) {
        for (const Vector* part :
             {&layer.weights.data, &layer.biases, &layer.input, &layer.z, &layer.a}) {
            all.insert(all.end(), part->begin(), part->end());
        }
    }
    return all;
}

}  // namespace

// ---------------------------------------------------------------------------
// activation_backward
// ---------------------------------------------------------------------------

TUTOR_TEST(ActivationBackward, MultipliesGradAByTheSlopeAtTheCachedZ, "mlp::activation_backward",
           "5.2") {
    // ReLU, caches set by hand: z = [-1, 2, 0] has slopes [0, 1, 0] (0 at 0),
    // while a = [3, 4, 5] would give [1, 1, 1]. grad_a = [3, 4, 5] -> [0, 4, 0].
    Layer relu = mlp::layer_from(Matrix(3, 1, 1.0), {0, 0, 0}, Activation::relu);
    relu.input = {1};
    relu.z = {-1, 2, 0};
    relu.a = {3, 4, 5};
    expect_vector_near(mlp::activation_backward(relu, {3, 4, 5}), {0, 4, 0},
                       "activation_backward of a relu layer with cached z = [-1, 2, 0], "
                       "grad_a = [3, 4, 5]",
                       "5.2",
                       {{{3, 4, 5}, "the slope was taken at the cached a; take it at z."},
                        {{0, 4, 5}, "ReLU'(0) was taken as 1; in this project it is 0."}});
    // Sigmoid at z = [0, ln 3]: s = [0.5, 0.75], slopes [0.25, 0.1875]; grad_a = [4, 16] -> [1, 3].
    Layer sigmoid = mlp::layer_from(Matrix(2, 1, 1.0), {0, 0}, Activation::sigmoid);
    sigmoid.input = {1};
    sigmoid.z = {0, std::log(3.0)};
    sigmoid.a = {0.5, 0.75};
    expect_vector_near(mlp::activation_backward(sigmoid, {4, 16}), {1, 3},
                       "activation_backward of a sigmoid layer with cached z = [0, ln 3], "
                       "grad_a = [4, 16]",
                       "5.2",
                       {{{0.940014848806378, 3.4863199001890246},
                         "that is the slope at the cached a: sigmoid' is taken at z."}});
    // Identity: the slope is 1, so dL/dz = dL/da.
    Layer identity = mlp::layer_from(Matrix(2, 1, 1.0), {0, 0}, Activation::identity);
    identity.input = {1};
    identity.z = {-7, 7};
    identity.a = {-7, 7};
    expect_vector_near(mlp::activation_backward(identity, {2, -3}), {2, -3},
                       "activation_backward of an identity layer, grad_a = [2, -3]", "5.2");
}

TUTOR_TEST(ActivationBackward, ReadsTheLayerAndGradAAndChangesNeither, "mlp::activation_backward",
           "5.2") {
    Layer layer = mlp::layer_from(Matrix(2, 2, {1, 2, 3, 4}), {0.5, -0.5}, Activation::sigmoid);
    mlp::forward(layer, {1, -1});  // z = [-1 + 0.5, -1 - 0.5] = [-0.5, -1.5]
    const Layer& read_only = layer;
    const Network before{{layer}};
    const Vector grad_a{1, -2};
    mlp::activation_backward(read_only, grad_a);
    expect_vector_near(everything(Network{{layer}}), everything(before),
                       "the layer's weights, biases and caches after activation_backward", "5.2",
                       {}, 0.0);
    expect_vector_near(grad_a, {1, -2}, "grad_a after activation_backward(layer, [1, -2])", "5.2",
                       {}, 0.0);
}

TUTOR_TEST(ActivationBackward, RefusesAGradAThatDoesNotMatchTheCachedZ, "mlp::activation_backward",
           "5.2") {
    Layer layer = mlp::layer_from(Matrix(2, 2, 1.0), {0, 0}, Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::activation_backward(layer, {1, 2});
        },
        {"activation_backward", "grad_a is (2)", "cached z is (0)", "run forward first"},
        "activation_backward before any forward pass", "5.2");
    mlp::forward(layer, {1, 1});
    expect_invalid_argument(
        [&] {
            mlp::activation_backward(layer, {1, 2, 3});
        },
        {"activation_backward", "grad_a is (3)", "cached z is (2)"},
        "activation_backward with grad_a (3) for a layer of 2 outputs", "5.2");
}

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, LayerBackwardLeavesTheLayerAndGradAAsTheyWere, "mlp::backward", "5.2") {
    Network network = hand_network();
    mlp::forward(network, {1, 2});
    const Network before = network;
    const Vector grad_a{1, -1};
    mlp::backward(network.layers[0], grad_a);
    expect_vector_near(everything(network), everything(before),
                       "the weights, biases and caches of the layer after backward(layer, grad_a) "
                       "(backward reads the layer and changes nothing)",
                       "5.2", {}, 0.0);
    expect_vector_near(grad_a, {1, -1}, "grad_a after backward(layer, [1, -1])", "5.2", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, NetworkBackwardLeavesTheNetworkAndTheTargetAsTheyWere, "mlp::backward",
           "5.3") {
    Network network = hand_network();
    mlp::forward(network, {1, 2});
    const Network before = network;
    const Vector target{1, 0};
    mlp::backward(network, target);
    expect_vector_near(everything(network), everything(before),
                       "the weights, biases and caches after backward(network, target): the "
                       "gradients are values backward returns, not numbers it stores",
                       "5.3", {}, 0.0);
    expect_vector_near(target, {1, 0}, "the target after backward(network, [1, 0])", "5.3", {},
                       0.0);
}

TUTOR_TEST(InputsUnchanged, NumericalGradientsLeaveXAndTheTargetAsTheyWere,
           "mlp::numerical_gradients", "5.4") {
    Network network = hand_network();
    const Vector x{1, 2};
    const Vector target{1, 0};
    mlp::numerical_gradients(network, x, target);
    expect_vector_near(x, {1, 2}, "x after numerical_gradients", "5.4", {}, 0.0);
    expect_vector_near(target, {1, 0}, "the target after numerical_gradients", "5.4", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, CenteredDifferenceLeavesXTheTargetAndEveryParameter,
           "mlp::centered_difference", "5.4") {
    Network network = hand_network();
    const Vector x{1, 2};
    const Vector target{1, 0};
    mlp::centered_difference(network, network.layers[1].weights(0, 1), x, target, 1e-3);
    expect_vector_near(x, {1, 2}, "x after centered_difference", "5.4", {}, 0.0);
    expect_vector_near(target, {1, 0}, "the target after centered_difference", "5.4", {}, 0.0);
    expect_vector_near(parameters(network), parameters(hand_network()),
                       "every weight and bias after centered_difference on layer 1's W(0, 1)",
                       "5.4", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, MaxRelativeErrorLeavesBothSetsOfGradientsAsTheyWere,
           "mlp::max_relative_error", "5.4") {
    std::vector<LayerGradients> analytic = ones();
    std::vector<LayerGradients> numeric = ones();
    numeric[1].biases[1] = 1.1;
    const std::vector<LayerGradients>& a = analytic;
    const std::vector<LayerGradients>& n = numeric;
    mlp::max_relative_error(a, n);
    expect_vector_near(analytic[1].biases, {1, 1}, "the analytic biases after max_relative_error",
                       "5.4", {}, 0.0);
    expect_vector_near(numeric[1].biases, {1, 1.1}, "the numeric biases after max_relative_error",
                       "5.4", {}, 0.0);
}

// ---------------------------------------------------------------------------
// centered_difference and the default step of numerical_gradients
// ---------------------------------------------------------------------------

TUTOR_TEST(CenteredDifference, IsTheCenteredSlopeOfTheLoss, "mlp::centered_difference", "5.4") {
    // Around b = 0 the loss minus its straight line is symmetric, so the
    // centered difference is exactly -0.5 even for h = 0.1; a one-sided
    // (L(b + h) - L(b)) / h gives (ln(1 + e^-0.1) - ln 2) / 0.1 = -0.4875...
    Network network = zero_network();
    const double slope =
        mlp::centered_difference(network, network.layers[0].biases[0], {1, 2}, {1, 0}, 0.1);
    expect_near(
        slope, -0.5, "centered_difference on b0 of the zero layer, h = 0.1", "5.4",
        {{{-0.48750520486374405}, "a one-sided difference: use (L(w + h) - L(w - h)) / 2h."},
         {{0.5}, "the opposite sign: L(w + h) comes first."},
         {{-1.0}, "divided by h: the two points are 2h apart."}},
        1e-9);
}

TUTOR_TEST(CenteredDifference, UsesTheStepItIsGiven, "mlp::centered_difference", "5.4") {
    // Biases [1, 0]: L(b0) = ln(1 + e^-(b0 - b1)) = ln(1 + e^-b0) near b0 = 1,
    // where the loss curves, so the centered difference depends on h:
    //   h = 0.5:  (ln(1 + e^-1.5) - ln(1 + e^-0.5)) / 1   = -0.27318...
    //   h = 1e-5: the slope itself, sigmoid(1) - 1 = -0.2689414213699951
    for (const double h : {0.5, 1e-5}) {
        Network network = zero_network();
        network.layers[0].biases = {1, 0};
        const double expected =
            (std::log(1.0 + std::exp(-(1.0 + h))) - std::log(1.0 + std::exp(-(1.0 - h)))) /
            (2.0 * h);
        expect_near(
            mlp::centered_difference(network, network.layers[0].biases[0], {0, 0}, {1, 0}, h),
            expected, "centered_difference on b0 = 1 with h = " + tutor::show(h), "5.4", {}, 1e-8);
    }
}

TUTOR_TEST(CenteredDifference, PutsTheNumberBackExactly, "mlp::centered_difference", "5.4") {
    // Adding and subtracting h does not undo exactly in floating point:
    // 0.1 + 1e-5 - 2e-5 + 1e-5 = 0.09999999999999999 and 0.45 - 0.1 + 0.1 =
    // 0.44999999999999996. Only putting the saved value back restores both.
    struct Case {
        double w;
        double h;
    };
    for (const Case& c : {Case{0.1, 1e-5}, Case{0.45, 0.1}}) {
        Network network = zero_network();
        network.layers[0].weights(0, 1) = c.w;
        double& w = network.layers[0].weights(0, 1);
        mlp::centered_difference(network, w, {1, 2}, {1, 0}, c.h);
        expect_true(w == c.w,
                    "after centered_difference with h = " + tutor::show(c.h) +
                        " the weight should be exactly " + exact(c.w) + " again, is " + exact(w) +
                        ". Hint: save it first and put the saved value back; adding and "
                        "subtracting h does not undo exactly in floating point",
                    "5.4");
    }
}

TUTOR_TEST(NumericalGradients, TheDefaultStepIsSmallEnoughWhereTheLossCurvesStrongly,
           "mlp::numerical_gradients", "5.4") {
    // One identity layer 1 -> 2, W = [[0.1], [0]], b = [0, 0], x = [10],
    // target [1, 0]: logits [1, 0], p0 = sigmoid(1) = 0.7310585786300049, and
    //   dL/dW = x * (p - t) = [[10 * -0.2689414213699951], [10 * 0.2689414213699951]]
    //   dL/db = p - t       = [-0.2689414213699951, 0.2689414213699951].
    // Along W(0, 0) the loss is ln(1 + e^(-10 w)), whose third derivative,
    // -1000 sigmoid''(-1) = 90.85, makes a centered difference off by about
    // h^2 / 6 * 90.85 = 15 h^2: 1.5e-9 for h = 1e-5, 1.5e-7 for h = 1e-4.
    Network network;
    network.layers.push_back(
        mlp::layer_from(Matrix(2, 1, Vector{0.1, 0.0}), {0, 0}, Activation::identity));
    const std::vector<LayerGradients> slopes = mlp::numerical_gradients(network, {10}, {1, 0});
    if (slopes.size() != 1) {
        expect_true(false, "numerical_gradients should give one LayerGradients for one layer",
                    "5.4");
        return;
    }
    const double q = 0.2689414213699951;
    expect_matrix_near(slopes[0].weights, 2, 1, {-10 * q, 10 * q},
                       "numerical_gradients with its default h, W = [[0.1], [0]], x = [10]: dL/dW "
                       "(the default h is 1e-5: a much larger one is off by 15 h^2 here, a much "
                       "smaller one drowns in rounding)",
                       "5.4", {}, 1e-8);
    expect_vector_near(slopes[0].biases, {-q, q},
                       "numerical_gradients with its default h, x = [10]: dL/db", "5.4", {}, 1e-8);
}

// ---------------------------------------------------------------------------
// max_relative_error
// ---------------------------------------------------------------------------

TUTOR_TEST(MaxRelativeError, FindsTheWorstAtTheFirstAndTheLastWeightAndBias,
           "mlp::max_relative_error", "5.4") {
    // One number of the numeric set is 1.1 instead of 1: |1 - 1.1| / 1.1 = 1/11,
    // wherever it is; every other pair agrees exactly.
    struct Place {
        const char* name;
        std::size_t layer;
        bool weight;
        std::size_t index;
    };
    const Place places[] = {{"layer 0 W(0, 0), the very first number", 0, true, 0},
                            {"layer 0 b(2), layer 0's last bias", 0, false, 2},
                            {"layer 1 W(1, 2), the last weight", 1, true, 5},
                            {"layer 1 b(1), the very last number", 1, false, 1}};
    for (const Place& place : places) {
        const std::vector<LayerGradients> analytic = ones();
        std::vector<LayerGradients> numeric = ones();
        LayerGradients& g = numeric[place.layer];
        (place.weight ? g.weights.data : g.biases)[place.index] = 1.1;
        expect_near(mlp::max_relative_error(analytic, numeric), 1.0 / 11.0,
                    std::string("max_relative_error with one disagreement, at ") + place.name,
                    "5.4",
                    {{{0},
                      "this number was never compared: every weight and bias of "
                      "every layer counts."}});
    }
    expect_near(mlp::max_relative_error(ones(), ones()), 0.0,
                "max_relative_error of two identical sets of gradients", "5.4");
}

TUTOR_TEST(MaxRelativeError, RefusesGradientsThatDoNotPair, "mlp::max_relative_error", "5.4") {
    const std::vector<LayerGradients> two = ones();
    const std::vector<LayerGradients> one(two.begin(), two.begin() + 1);
    expect_invalid_argument([&] { mlp::max_relative_error(two, one); },
                            {"max_relative_error", "2 layers of gradients against 1"},
                            "max_relative_error of 2 layers against 1", "5.4");
    std::vector<LayerGradients> other_shape = ones();
    other_shape[1].biases = Vector(3, 1.0);
    expect_invalid_argument([&] { mlp::max_relative_error(two, other_shape); },
                            {"max_relative_error", "layer 1 has gradients of different shapes"},
                            "max_relative_error with layer 1's biases (2) against (3)", "5.4");
    std::vector<LayerGradients> fewer_weights = ones();
    fewer_weights[0].weights = Matrix(2, 2, 1.0);
    expect_invalid_argument([&] { mlp::max_relative_error(fewer_weights, two); },
                            {"max_relative_error", "layer 0 has gradients of different shapes"},
                            "max_relative_error with layer 0's weights (2 x 2) against (3 x 2)",
                            "5.4");
}

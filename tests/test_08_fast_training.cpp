// Chapter 8 tests: the fast training step. Each fast function is checked on
// numbers worked out by hand, then held to == (never a tolerance) against
// chapters 3, 5 and 6 on random inputs: the same numbers to the last bit.
#include "08_fast_training.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tutor.hpp"

using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// Every weight and bias of a network, layer after layer, weights first.
Vector parameters(const mlp::Network& network) {
    Vector all;
    for (const mlp::Layer& layer : network.layers) {
        all.insert(all.end(), layer.weights.data.begin(), layer.weights.data.end());
        all.insert(all.end(), layer.biases.begin(), layer.biases.end());
    }
    return all;
}

// 17 significant digits: enough to show two doubles that differ in the last bit.
std::string exact(double x) {
    std::ostringstream out;
    out.precision(17);
    out << x;
    return out.str();
}

// "" when both networks hold exactly the same numbers; otherwise which
// parameter is the first to differ, with both values in full.
std::string first_difference(const mlp::Network& fast, const mlp::Network& reference) {
    const Vector a = parameters(fast);
    const Vector b = parameters(reference);
    if (a.size() != b.size()) {
        return "the networks have " + std::to_string(a.size()) + " and " +
               std::to_string(b.size()) + " parameters";
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i])) {
            return "parameter " + std::to_string(i) + " (weights first, layer by layer) is " +
                   exact(a[i]) + " but chapters 5 and 6 make it " + exact(b[i]);
        }
    }
    return "";
}

// What to say when the fast code is close to chapters 3 to 6 but not equal.
const char* const kForwardBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: each z[r] starts "
    "at 0, adds W(r, c) * x[c] for c = 0, 1, 2, ... and adds b[r] last, as chapter 3's "
    "add(matvec(W, x), b) does. (The reference is your own chapter 3, and the build must use "
    "-ffp-contract=off, as the project's presets do.)";
const char* const kStepBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: chapter 6 "
    "multiplies grad_z[r] * x[c] first (that product is dL/dW) and then the learning rate, and "
    "dL/dx adds W(r, c) * grad_z[r] for r = 0, 1, 2, ... (The reference is your own chapters 5 "
    "and 6, and the build must use -ffp-contract=off, as the project's presets do.)";
const char* const kLastBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: chapter 6 "
    "multiplies grad_z[r] * x[c] first (that product is dL/dW) and then the learning rate, and "
    "each z[r] adds its terms in the order c = 0, 1, 2, ... and b[r] last. (The reference is "
    "your own chapters 3 to 6, and the build must use -ffp-contract=off, as the project's "
    "presets do.)";

// n numbers drawn evenly from [-1, 1), every third one set to exactly 0.
Vector random_with_zeros(mlp::Rng& rng, std::size_t n) {
    Vector v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = i % 3 == 1 ? 0.0 : mlp::uniform(rng, -1.0, 1.0);
    }
    return v;
}

// The first parameter where two layers differ, or "" when they are equal.
std::string layer_difference(const mlp::Layer& fast, const mlp::Layer& reference) {
    mlp::Network a;
    a.layers.push_back(fast);
    mlp::Network b;
    b.layers.push_back(reference);
    return first_difference(a, b);
}

}  // namespace

TUTOR_TEST(FastForward, GivesWxPlusBThroughTheActivation, "mlp::forward_in_place", "8.2") {
    // W = [[1, 2, 3], [-4, 5, -6]], b = [1.5, 1], ReLU, x = [2, 0, -1]:
    //   z0 = 1*2 + 2*0 + 3*(-1) + 1.5 = 0.5    a0 = 0.5
    //   z1 = -4*2 + 5*0 + (-6)*(-1) + 1 = -1   a1 = 0
    mlp::Layer layer =
        mlp::layer_from(mlp::Matrix(2, 3, {1, 2, 3, -4, 5, -6}), {1.5, 1}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {2, 0, -1});
    expect_vector_near(
        layer.z, {0.5, -1},
        "z after forward_in_place(W = [[1, 2, 3], [-4, 5, -6]], b = [1.5, 1], "
        "x = [2, 0, -1])",
        "8.2",
        {{{-1, -2}, "that is W x without b: add the biases after the columns."},
         {{1.5, 1}, "only the biases: skip the columns whose x[c] is 0, not the others."}});
    expect_vector_near(layer.a, {0.5, 0}, "a (ReLU of z) after forward_in_place", "8.2",
                       {{{0.5, -1}, "a is z: apply the layer's activation."}});
    expect_vector_near(layer.input, {2, 0, -1}, "the cached input after forward_in_place", "8.2");
}

TUTOR_TEST(FastForward, ReplacesTheCachesOfTheLastCall, "mlp::forward_in_place", "8.2") {
    // After x = [2, 0, -1] (z = [0.5, -1]), x = [0, 1, 0] gives
    // z = column 1 + b = [2 + 1.5, 5 + 1] = [3.5, 6] and a = [3.5, 6].
    mlp::Layer layer =
        mlp::layer_from(mlp::Matrix(2, 3, {1, 2, 3, -4, 5, -6}), {1.5, 1}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {2, 0, -1});
    mlp::forward_in_place(layer, {0, 1, 0});
    expect_vector_near(
        layer.z, {3.5, 6}, "z after forward_in_place with x = [0, 1, 0], second call", "8.2",
        {{{4, 5}, "that is this call's z plus the last call's: start z at 0 every call."}});
    expect_vector_near(layer.a, {3.5, 6}, "a after the second call", "8.2");
    expect_vector_near(layer.input, {0, 1, 0}, "the cached input after the second call", "8.2");
}

TUTOR_TEST(FastForward, SameNumbersAsChapter3ToTheLastBit, "mlp::forward_in_place", "8.2") {
    // Awkward numbers, zeros among the inputs, every activation: z and a
    // must equal chapter 3's forward exactly, not just nearly.
    for (mlp::Activation f :
         {mlp::Activation::identity, mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{11 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(7, 5, f, rng);
        for (double& b : fast.biases) {
            b = mlp::uniform(rng, -0.5, 0.5);
        }
        mlp::Layer reference = fast;
        const Vector x = {0.1, 0, -0.7, 1.0 / 3.0, 0, 2.5, -1e-3};
        mlp::forward_in_place(fast, x);
        mlp::forward(reference, x);
        const std::string layer =
            "forward_in_place of a 7 -> 5 " + mlp::activation_name(f) + " layer";
        if (fast.z.size() != 5 || fast.a.size() != 5) {
            ADD_FAILURE() << layer << ": z and a should hold 5 numbers, they hold " << fast.z.size()
                          << " and " << fast.a.size() << tutor::where("8.2");
            continue;
        }
        for (std::size_t r = 0; r < 5; ++r) {
            if (!(fast.z[r] == reference.z[r]) || !(fast.a[r] == reference.a[r])) {
                ADD_FAILURE() << layer << ": z[" << r << "] = " << exact(fast.z[r]) << " and a["
                              << r << "] = " << exact(fast.a[r])
                              << ", but chapter 3's forward gives " << exact(reference.z[r])
                              << " and " << exact(reference.a[r]) << tutor::where("8.2")
                              << kForwardBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(FastForward, RejectsAnInputOrBiasesOfTheWrongSize, "mlp::forward_in_place", "8.2") {
    mlp::Layer layer = mlp::layer_from(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::forward_in_place(layer, {1, 2});
        },
        {"forward_in_place", "the layer's weights are (2 x 3)", "but x is (2)"},
        "forward_in_place of x (2) through W (2 x 3)", "8.2");
    mlp::Layer short_biases = mlp::layer_from(mlp::Matrix(2, 3, 0.0), {0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::forward_in_place(short_biases, {1, 2, 3});
        },
        {"forward_in_place", "the layer's weights are (2 x 3)", "its biases (1)"},
        "forward_in_place through W (2 x 3) with biases (1)", "8.2");
}

TUTOR_TEST(BackwardAndStep, MovesEveryParameterAndReturnsDxFromTheWeightsBeforeTheStep,
           "mlp::backward_and_step", "8.2") {
    // W = [[1, 2], [3, 4]], b = [0, 0], identity, x = [1, 2]; grad_a = [1, -1],
    // learning rate 0.5. grad_z = grad_a (identity: f' = 1).
    //   grad_x = W^T grad_z = [1*1 + 3*(-1), 2*1 + 4*(-1)] = [-2, -2]
    //   W -= 0.5 * outer([1, -1], [1, 2]) -> [[0.5, 1], [3.5, 5]]
    //   b -= 0.5 * [1, -1]               -> [-0.5, 0.5]
    mlp::Layer layer =
        mlp::layer_from(mlp::Matrix(2, 2, {1, 2, 3, 4}), {0, 0}, mlp::Activation::identity);
    mlp::forward_in_place(layer, {1, 2});
    const Vector grad_x = mlp::backward_and_step(layer, {1, -1}, 0.5);
    expect_vector_near(
        grad_x, {-2, -2}, "dL/dx from backward_and_step(W = [[1, 2], [3, 4]], grad_a = [1, -1])",
        "8.2",
        {{{-3, -4},
          "that is W^T grad_z with the weights after the step: read each weight for dL/dx "
          "before moving it."},
         {{-1, -1}, "that is W grad_z: dL/dx needs W^T, column c of W against grad_z."}});
    expect_vector_near(layer.weights.data, {0.5, 1, 3.5, 5},
                       "W after backward_and_step(lr 0.5), row by row", "8.2",
                       {{{1.5, 3, 2.5, 3}, "the weights moved uphill: subtract the step."},
                        {{1, 2, 3, 4}, "the weights did not move."}});
    expect_vector_near(layer.biases, {-0.5, 0.5}, "b after backward_and_step(lr 0.5)", "8.2",
                       {{{0, 0}, "the biases never moved: b[r] -= learning_rate * grad_z[r]."},
                        {{0.5, -0.5}, "the biases moved uphill: subtract the step."}});
}

TUTOR_TEST(BackwardAndStep, AUnitThatWasOffPassesNothingBackAndDoesNotMove,
           "mlp::backward_and_step", "8.2") {
    // W = [[1, 2], [3, 4]], b = [0, -20], ReLU, x = [1, 2]: z = [5, -9], so
    // f'(z) = [1, 0]. grad_a = [1, 1], learning rate 0.5: grad_z = [1, 0].
    //   grad_x = [1, 2]          (row 0 only)
    //   W row 0 -= 0.5 * [1, 2] -> [0.5, 1]; row 1 stays [3, 4]
    //   b -> [-0.5, -20]
    mlp::Layer layer =
        mlp::layer_from(mlp::Matrix(2, 2, {1, 2, 3, 4}), {0, -20}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {1, 2});
    const Vector grad_x = mlp::backward_and_step(layer, {1, 1}, 0.5);
    const std::string hint = "that ignores f'(z): multiply grad_a by the activation's slope at z.";
    expect_vector_near(grad_x, {1, 2}, "dL/dx through a ReLU layer whose second unit was off",
                       "8.2", {{{4, 6}, hint}});
    expect_vector_near(layer.weights.data, {0.5, 1, 3, 4},
                       "W after backward_and_step, the second unit off", "8.2",
                       {{{0.5, 1, 2.5, 3}, hint}});
    expect_vector_near(layer.biases, {-0.5, -20}, "b after backward_and_step, the second unit off",
                       "8.2", {{{-0.5, -20.5}, hint}});
}

TUTOR_TEST(BackwardAndStep, SameNumbersAsChapters5And6ToTheLastBit, "mlp::backward_and_step",
           "8.3") {
    // 30 random inputs and gradients (a third of the numbers exactly 0)
    // through a 6 -> 5 layer: dL/dx must equal chapter 5's backward, and the
    // weights and biases chapter 6's sgd_step, exactly.
    for (mlp::Activation f : {mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{21 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(6, 5, f, rng);
        mlp::Network reference;
        reference.layers.push_back(fast);
        for (int example = 1; example <= 30; ++example) {
            const Vector x = random_with_zeros(rng, 6);
            const Vector grad_a = random_with_zeros(rng, 5);
            mlp::forward_in_place(fast, x);
            mlp::forward(reference.layers[0], x);
            const Vector grad_x = mlp::backward_and_step(fast, grad_a, 0.7);
            const mlp::LayerGradients gradients = mlp::backward(reference.layers[0], grad_a);
            mlp::sgd_step(reference, {gradients}, 0.7);
            const std::string where = "backward_and_step on a 6 -> 5 " + mlp::activation_name(f) +
                                      " layer, example " + std::to_string(example);
            if (grad_x != gradients.input) {
                ADD_FAILURE() << where << ": dL/dx " << tutor::show(grad_x)
                              << " but chapter 5's backward gives " << tutor::show(gradients.input)
                              << tutor::where("8.3") << kStepBitsHint;
                break;
            }
            const std::string difference = layer_difference(fast, reference.layers[0]);
            if (!difference.empty()) {
                ADD_FAILURE() << where << ": " << difference << tutor::where("8.3")
                              << kStepBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(BackwardAndStep, RejectsAGradientThatDoesNotMatchTheLayer, "mlp::backward_and_step",
           "8.3") {
    mlp::Layer layer = mlp::layer_from(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::backward_and_step(layer, {1, 1}, 0.1);
        },
        {"activation_backward", "grad_a is (2)", "cached z is (0)", "run forward first"},
        "backward_and_step before any forward pass", "8.3");
    mlp::forward_in_place(layer, {1, 2, 3});
    expect_invalid_argument(
        [&] {
            mlp::backward_and_step(layer, {1, 1, 1}, 0.1);
        },
        {"activation_backward", "grad_a is (3)", "cached z is (2)"},
        "backward_and_step with grad_a (3) for a layer of 2 outputs", "8.3");
}

TUTOR_TEST(StepFirstLayer, MovesTheWeightsOfTheInputsThatWereNotZeroAndEveryBias,
           "mlp::step_first_layer", "8.3") {
    // W = [[1, 2, 3], [4, 5, 6]], b = [0, 0], identity, x = [0, 2, 0];
    // grad_a = [1, -1], learning rate 0.25: W(r, c) -= 0.25 * grad_z[r] * x[c]
    // moves column 1 only: W(0, 1) = 2 - 0.25 * 2 = 1.5, W(1, 1) = 5 + 0.5 = 5.5;
    // b = [-0.25, 0.25].
    mlp::Layer layer =
        mlp::layer_from(mlp::Matrix(2, 3, {1, 2, 3, 4, 5, 6}), {0, 0}, mlp::Activation::identity);
    mlp::forward_in_place(layer, {0, 2, 0});
    mlp::step_first_layer(layer, {1, -1}, 0.25);
    expect_vector_near(layer.weights.data, {1, 1.5, 3, 4, 5.5, 6},
                       "W after step_first_layer(x = [0, 2, 0], grad_a = [1, -1], lr 0.25)", "8.3",
                       {{{1, 2.5, 3, 4, 4.5, 6}, "the weights moved uphill: subtract the step."},
                        {{1, 2, 3, 4, 5, 6}, "the weights did not move."}});
    expect_vector_near(layer.biases, {-0.25, 0.25}, "b after step_first_layer(lr 0.25)", "8.3",
                       {{{0, 0}, "the biases never moved: b[r] -= learning_rate * grad_z[r]."}});
}

TUTOR_TEST(StepFirstLayer, SameNumbersAsChapters5And6ToTheLastBit, "mlp::step_first_layer", "8.3") {
    // As for backward_and_step, with inputs that are not one-hot: 30 random
    // inputs (a third of them exactly 0) and gradients through a 6 -> 5 layer.
    for (mlp::Activation f : {mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{31 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(6, 5, f, rng);
        mlp::Network reference;
        reference.layers.push_back(fast);
        for (int example = 1; example <= 30; ++example) {
            const Vector x = random_with_zeros(rng, 6);
            const Vector grad_a = random_with_zeros(rng, 5);
            mlp::forward_in_place(fast, x);
            mlp::forward(reference.layers[0], x);
            mlp::step_first_layer(fast, grad_a, 0.7);
            mlp::sgd_step(reference, {mlp::backward(reference.layers[0], grad_a)}, 0.7);
            const std::string difference = layer_difference(fast, reference.layers[0]);
            if (!difference.empty()) {
                ADD_FAILURE() << "step_first_layer on a 6 -> 5 " << mlp::activation_name(f)
                              << " layer, example " << example << ": " << difference
                              << tutor::where("8.3") << kStepBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(StepFirstLayer, RejectsAGradientThatDoesNotMatchTheLayer, "mlp::step_first_layer",
           "8.3") {
    mlp::Layer layer = mlp::layer_from(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {1, 2, 3});
    expect_invalid_argument(
        [&] {
            mlp::step_first_layer(layer, {1, 1, 1}, 0.1);
        },
        {"activation_backward", "grad_a is (3)", "cached z is (2)"},
        "step_first_layer with grad_a (3) for a layer of 2 outputs", "8.3");
}

TUTOR_TEST(TrainStepFast, OneStepWorkedByHand, "mlp::train_step_fast", "8.4") {
    // Chapter 6's example: one layer 2 -> 2, all 0; x = [1, 2], target [1, 0].
    //   p = [0.5, 0.5], loss = ln 2 = 0.6931471806, grad_z = p - t = [-0.5, 0.5]
    //   W -= 0.25 * outer([-0.5, 0.5], [1, 2]) -> [[0.125, 0.25], [-0.125, -0.25]]
    //   b -= 0.25 * [-0.5, 0.5]                -> [0.125, -0.125]
    mlp::Network network;
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(2, 2, 0.0), {0, 0}, mlp::Activation::identity));
    const double loss = mlp::train_step_fast(network, {1, 2}, {1, 0}, 0.25);
    expect_near(loss, 0.6931471806, "train_step_fast's loss (W = 0, x = [1, 2], target [1, 0])",
                "8.4", {}, 1e-9);
    expect_vector_near(network.layers[0].weights.data, {0.125, 0.25, -0.125, -0.25},
                       "W after train_step_fast(W = 0, x = [1, 2], target [1, 0], lr 0.25)", "8.4",
                       {{{-0.125, -0.25, 0.125, 0.25},
                         "the weights moved uphill: the gradient at the logits is p - target."}});
    expect_vector_near(network.layers[0].biases, {0.125, -0.125},
                       "b after train_step_fast(lr 0.25)", "8.4");
}

TUTOR_TEST(TrainStepFast, SameLossesAndParametersAsChapter6ToTheLastBit, "mlp::train_step_fast",
           "8.4") {
    // Two networks, each stepped with train_step_fast and its copy with
    // chapter 6's train_step, example after example: every loss and every
    // parameter must come out exactly equal.
    struct Case {
        std::string name;
        std::vector<std::size_t> sizes;
        mlp::Activation hidden;
        std::vector<std::pair<Vector, Vector>> examples;
    };
    const std::vector<Case> cases = {
        {"3 -> 4 sigmoid -> 2 -> 2",
         {3, 4, 2, 2},
         mlp::Activation::sigmoid,
         {{{0.5, 0, -1.25}, {1, 0}}, {{0, 0, 2}, {0, 1}}, {{1.0 / 3.0, -0.1, 0.7}, {0.25, 0.75}}}},
        {"26 -> 64 relu -> 26, letters",
         {26, 64, 26},
         mlp::Activation::relu,
         {{mlp::one_hot(3, 26), mlp::one_hot(3, 26)},
          {mlp::one_hot(17, 26), mlp::one_hot(17, 26)},
          {mlp::one_hot(3, 26), mlp::one_hot(3, 26)}}},
    };
    for (const Case& c : cases) {
        mlp::Rng rng{5};
        mlp::Network fast = mlp::make_network(c.sizes, c.hidden, mlp::Activation::identity, rng);
        mlp::Network reference = fast;
        for (std::size_t i = 0; i < c.examples.size(); ++i) {
            const auto& [x, target] = c.examples[i];
            const double fast_loss = mlp::train_step_fast(fast, x, target, 0.3);
            const double reference_loss = mlp::train_step(reference, x, target, 0.3);
            const std::string where = c.name + ", step " + std::to_string(i + 1);
            if (!(fast_loss == reference_loss)) {
                ADD_FAILURE() << where << ": train_step_fast's loss is " << exact(fast_loss)
                              << " but chapter 6's train_step gives " << exact(reference_loss)
                              << tutor::where("8.4");
                return;
            }
            const std::string difference = first_difference(fast, reference);
            if (!difference.empty()) {
                ADD_FAILURE() << where << ": " << difference << tutor::where("8.4")
                              << kLastBitsHint;
                return;
            }
        }
    }
}

TUTOR_TEST(TrainStepFast, BadInputIsRejectedBeforeAnyWeightMoves, "mlp::train_step_fast", "8.4") {
    mlp::Network empty;
    expect_invalid_argument([&] { mlp::train_step_fast(empty, {1}, {1}, 0.1); },
                            {"train_step_fast", "the network has no layers"},
                            "train_step_fast on a network with no layers", "8.4");
    mlp::Rng rng{2};
    mlp::Network network =
        mlp::make_network({2, 3, 2}, mlp::Activation::relu, mlp::Activation::identity, rng);
    const Vector before = parameters(network);
    expect_invalid_argument(
        [&] {
            mlp::train_step_fast(network, {1, 2}, {1, 0, 0}, 0.1);
        },
        {"cross_entropy", "same size", "(2)", "(3)"},
        "train_step_fast with a target of 3 numbers for 2 outputs", "8.4");
    expect_invalid_argument(
        [&] {
            mlp::train_step_fast(network, {1, 2, 3}, {1, 0}, 0.1);
        },
        {"forward_in_place", "but x is (3)"},
        "train_step_fast with an input of 3 numbers for 2 inputs", "8.4");
    expect_vector_near(parameters(network), before,
                       "the parameters after train_step_fast refused its input (they must not "
                       "have moved)",
                       "8.4");
}

TUTOR_TRAINING_TEST(Training, TheClassifierTrainsToTheWeightsChapter7Gives,
                    "mlp::train_classifier_fast", "8.4") {
    // train_classifier_fast and chapter 7's train_classifier (chapter 6's
    // train_step), from the same start and the same seed: the same network,
    // bit for bit, after 40 epochs.
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 16);
    mlp::LetterClassifier reference = classifier;
    mlp::Rng reference_rng = rng;
    const mlp::TrainingSettings settings{40, 0.1};
    const std::vector<double> losses = mlp::train_classifier_fast(classifier, settings, rng);
    const std::vector<double> reference_losses =
        mlp::train_classifier(reference, settings, reference_rng);
    const std::string difference = first_difference(classifier.network, reference.network);
    if (!difference.empty()) {
        ADD_FAILURE() << "after train_classifier_fast (40 epochs, 16 hidden units) against "
                         "chapter 7's train_classifier: "
                      << difference << tutor::where("8.4") << kLastBitsHint;
    }
    expect_true(losses == reference_losses,
                "train_classifier_fast's losses differ from train_classifier's", "8.4");
}

TUTOR_TEST(Training, SettingsOutOfRangeAreRejected, "mlp::train_classifier_fast", "8.4") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 2);
    expect_invalid_argument(
        [&] {
            mlp::train_classifier_fast(classifier, {0, 0.1}, rng);
        },
        {"train_classifier_fast", "the epochs must be 1 to 100000", "got 0"},
        "train_classifier_fast with 0 epochs", "8.4");
    expect_invalid_argument(
        [&] {
            mlp::train_classifier_fast(classifier, {3, -1.0}, rng);
        },
        {"train_classifier_fast", "the learning rate must be a finite number above 0", "got -1"},
        "train_classifier_fast with learning rate -1", "8.4");
}

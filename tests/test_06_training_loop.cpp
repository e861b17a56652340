// Chapter 6 tests: the training loop.
//
// Expected values come from hand calculation (the arithmetic is in the
// comment beside each one) or from an independent route: the gradients
// chapter 5's backward computes on a copy of the network before the step,
// and the losses chapter 4's network_loss measures on that copy.
#include "06_training_loop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Dataset;
using mlp::LayerGradients;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using tutor::Hint;
using worked::kHandInput;
using worked::kHandTarget;
using worked::zero_network;

namespace {

// A layer with the given weights and biases and no activation (identity),
// so its logits are simply z = W x + b.
mlp::Layer identity_layer(Matrix weights, Vector biases) {
    return mlp::layer_from(std::move(weights), std::move(biases), mlp::Activation::identity);
}

// W of zero_network after one step with learning rate lr, row-major.
Vector zero_network_weights_after(double lr) {
    return {lr * 0.5, lr * 1.0, lr * -0.5, lr * -1.0};
}

// The four corners of XOR: class 1 when exactly one input is 1.
Dataset xor_data() {
    return {{{0, 0}, {1, 0}}, {{0, 1}, {0, 1}}, {{1, 0}, {0, 1}}, {{1, 1}, {1, 0}}};
}

// A stand-in for train_step that moves nothing and writes down each call:
// the example's first input number and the learning rate it was given. Its
// "loss" is 10 * x[0], so an epoch's mean loss can be worked out by hand.
std::vector<double> recorded_inputs;
std::vector<double> recorded_rates;
double recording_step(Network& /*network*/, const Vector& x, const Vector& /*target*/,
                      double learning_rate) {
    recorded_inputs.push_back(x[0]);
    recorded_rates.push_back(learning_rate);
    return 10.0 * x[0];
}

// Three examples for recording_step, x = [1, 0], [2, 0], [3, 0]: the
// shapes of small_network, so that train_step could run on them too.
Dataset three_examples() {
    return {{{1, 0}, {1, 0}}, {{2, 0}, {0, 1}}, {{3, 0}, {1, 0}}};
}

// A small network with a hidden layer: 2 -> 3 (sigmoid) -> 2 logits.
Network small_network(std::uint64_t seed) {
    Rng rng{seed};
    return mlp::make_network({2, 3, 2}, mlp::Activation::sigmoid, mlp::Activation::identity, rng);
}

// All the weights of layer l followed by all its biases.
Vector parameters_of(const Network& network, std::size_t l) {
    Vector p = network.layers[l].weights.data;
    p.insert(p.end(), network.layers[l].biases.begin(), network.layers[l].biases.end());
    return p;
}

Vector gradients_of(const std::vector<LayerGradients>& g, std::size_t l) {
    Vector p = g[l].weights.data;
    p.insert(p.end(), g[l].biases.begin(), g[l].biases.end());
    return p;
}

// before + s * gradient, element by element.
Vector moved(const Vector& before, const Vector& gradient, double s) {
    Vector out(before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        out[i] = before[i] + s * gradient[i];
    }
    return out;
}

// Only the weights of a layer move; its biases stay where they were.
Vector moved_weights_only(const Network& before, const std::vector<LayerGradients>& g,
                          std::size_t l, double s) {
    Vector out = moved(before.layers[l].weights.data, g[l].weights.data, s);
    out.insert(out.end(), before.layers[l].biases.begin(), before.layers[l].biases.end());
    return out;
}

// n examples: input i is one-hot at i (so example i alone touches column i
// of the first layer's weights), target class `target_class(i)` of two.
template <class TargetClass>
Dataset one_hot_examples(std::size_t n, TargetClass target_class) {
    Dataset data;
    for (std::size_t i = 0; i < n; ++i) {
        data.push_back({mlp::one_hot(i, n), mlp::one_hot(target_class(i), 2)});
    }
    return data;
}

std::string show_order(const std::vector<std::size_t>& order) {
    std::string s = "[";
    for (std::size_t i = 0; i < order.size(); ++i) {
        s += (i ? ", " : "") + std::to_string(order[i]);
    }
    return s + "]";
}

Vector as_numbers(const std::vector<std::size_t>& v) {
    return Vector(v.begin(), v.end());
}

}  // namespace

// ---------------------------------------------------------------------------
// 6.1 One step downhill: sgd_step
// ---------------------------------------------------------------------------

TUTOR_TEST(SgdStep, MovesEveryWeightAndBiasOfEveryLayerAgainstItsGradient, "mlp::sgd_step", "6.1") {
    Network network;
    network.layers.push_back(identity_layer(Matrix(2, 2, {1, 2, 3, 4}), {0.5, -0.5}));
    network.layers.push_back(identity_layer(Matrix(1, 2, {1, -1}), {2}));
    std::vector<LayerGradients> g(2);
    g[0].weights = Matrix(2, 2, {0.1, 0.2, -0.3, 0.4});
    g[0].biases = {1, -2};
    g[1].weights = Matrix(1, 2, {2, 4});
    g[1].biases = {-1};

    mlp::sgd_step(network, g, 0.5);

    // layer 0: W = [1 - 0.05, 2 - 0.1, 3 + 0.15, 4 - 0.2], b = [0.5 - 0.5, -0.5 + 1]
    expect_vector_near(
        network.layers[0].weights.data, {0.95, 1.9, 3.15, 3.8},
        "layer 0 weights after sgd_step(lr 0.5)", "6.1",
        {{{1.05, 2.1, 2.85, 4.2}, "that is w + lr * g: step against the gradient, w = w - lr * g."},
         {{1, 2, 3, 4}, "layer 0 did not move: loop over every layer, not only the last one."}});
    expect_vector_near(
        network.layers[0].biases, {0.0, 0.5}, "layer 0 biases after sgd_step(lr 0.5)", "6.1",
        {{{1.0, -1.5}, "that is b + lr * g: step against the gradient."},
         {{0.5, -0.5}, "the biases did not move: update them as well as the weights."}});
    // layer 1: W = [1 - 1, -1 - 2], b = [2 + 0.5]
    expect_vector_near(network.layers[1].weights.data, {0, -3},
                       "layer 1 weights after sgd_step(lr 0.5)", "6.1",
                       {{{2, 1}, "that is w + lr * g: step against the gradient, w = w - lr * g."},
                        {{1, -1}, "the last layer did not move: loop over every layer."}});
    expect_vector_near(network.layers[1].biases, {2.5}, "layer 1 biases after sgd_step(lr 0.5)",
                       "6.1",
                       {{{1.5}, "that is b + lr * g: step against the gradient."},
                        {{2}, "the biases did not move: update them as well as the weights."}});
}

TUTOR_TEST(SgdStep, UsesTheLearningRateItIsGiven, "mlp::sgd_step", "6.1") {
    std::vector<LayerGradients> g(1);
    g[0].weights = Matrix(1, 1, 2.0);
    g[0].biases = {-2};
    const std::vector<Hint> ignored_or_hard_coded = {
        {{-1}, "that is 1 - 1 * 2: the learning rate was ignored (a step of the whole gradient)."},
        {{0.8}, "that is 1 - 0.1 * 2: a hard-coded learning rate of 0.1; use the one passed in."},
        {{0.98}, "that is 1 - 0.01 * 2: a hard-coded learning rate of 0.01."},
        {{0}, "that is 1 - 0.5 * 2: a hard-coded learning rate of 0.5."}};

    Network quarter;
    quarter.layers.push_back(identity_layer(Matrix(1, 1, 1.0), {1}));
    mlp::sgd_step(quarter, g, 0.25);
    // w = 1 - 0.25 * 2 = 0.5, b = 1 - 0.25 * (-2) = 1.5
    expect_near(quarter.layers[0].weights(0, 0), 0.5, "w = 1, dL/dw = 2, sgd_step(lr 0.25)", "6.1",
                ignored_or_hard_coded);
    expect_near(quarter.layers[0].biases[0], 1.5, "b = 1, dL/db = -2, sgd_step(lr 0.25)", "6.1");

    Network three;
    three.layers.push_back(identity_layer(Matrix(1, 1, 1.0), {1}));
    mlp::sgd_step(three, g, 3.0);
    // w = 1 - 3 * 2 = -5, b = 1 - 3 * (-2) = 7
    expect_near(three.layers[0].weights(0, 0), -5.0, "w = 1, dL/dw = 2, sgd_step(lr 3)", "6.1",
                ignored_or_hard_coded);
    expect_near(three.layers[0].biases[0], 7.0, "b = 1, dL/db = -2, sgd_step(lr 3)", "6.1");
}

TUTOR_TEST(SgdStep, RejectsGradientsOfTheWrongShapeAndChangesNothing, "mlp::sgd_step", "6.1") {
    Network network;
    network.layers.push_back(identity_layer(Matrix(2, 3, 1.0), {0, 0}));
    network.layers.push_back(identity_layer(Matrix(1, 2, 1.0), {0}));
    const Network before = network;

    std::vector<LayerGradients> one_layer(1);
    one_layer[0].weights = Matrix(2, 3, 1.0);
    one_layer[0].biases = {1, 1};
    expect_invalid_argument([&] { mlp::sgd_step(network, one_layer, 0.1); },
                            {"sgd_step", "1 gradients for a network of 2 layers"},
                            "sgd_step with 1 LayerGradients for a network of 2 layers", "6.1");

    // Layer 0 is fine; layer 1's weight gradient is transposed.
    std::vector<LayerGradients> transposed(2);
    transposed[0] = one_layer[0];
    transposed[1].weights = Matrix(2, 1, 1.0);
    transposed[1].biases = {1};
    expect_invalid_argument(
        [&] { mlp::sgd_step(network, transposed, 0.1); },
        {"sgd_step", "layer 1 has weights (1 x 2)", "but its gradients are (2 x 1)"},
        "sgd_step with a (2 x 1) gradient for (1 x 2) weights", "6.1");

    std::vector<LayerGradients> short_biases(2);
    short_biases[0].weights = Matrix(2, 3, 1.0);
    short_biases[0].biases = {1, 1, 1};
    short_biases[1] = transposed[1];
    short_biases[1].weights = Matrix(1, 2, 1.0);
    expect_invalid_argument([&] { mlp::sgd_step(network, short_biases, 0.1); },
                            {"sgd_step", "layer 0 has weights (2 x 3) and biases (2)",
                             "but its gradients are (2 x 3) and (3)"},
                            "sgd_step with a bias gradient of 3 for 2 biases", "6.1");

    // Check every layer before changing any: a rejected step changes nothing.
    expect_vector_near(parameters_of(network, 0), parameters_of(before, 0),
                       "layer 0 after sgd_step threw: a rejected step must leave the network "
                       "as it was (check every layer's shapes before updating any)",
                       "6.1");
}

// ---------------------------------------------------------------------------
// 6.2 One training step: train_step
// ---------------------------------------------------------------------------

TUTOR_TEST(TrainStep, ReturnsTheLossBeforeTheUpdate, "mlp::train_step", "6.2") {
    Network network = zero_network();
    // Before: loss ln 2 = 0.6931471806 (see worked::zero_network,
    // tests/support/worked_examples.hpp). After (lr 0.25): W = [[0.125, 0.25], [-0.125, -0.25]], b
    // = [0.125, -0.125], z = [0.125 + 0.5 + 0.125, -0.75] = [0.75, -0.75], loss = -ln(1 / (1 +
    // e^-1.5)) = ln(1 + e^-1.5) = 0.2014132779.
    const double loss = mlp::train_step(network, kHandInput, kHandTarget, 0.25);
    expect_near(loss, 0.6931471806, "train_step(W = 0, b = 0, x = [1, 2], target [1, 0], lr 0.25)",
                "6.2",
                {{{0.2014132779},
                  "that is the loss after the update: measure it (forward and loss) before "
                  "calling sgd_step, and return that."}},
                1e-9);
}

TUTOR_TEST(TrainStep, UsesTheLearningRateItIsGiven, "mlp::train_step", "6.2") {
    const std::vector<Hint> hints = {
        {zero_network_weights_after(1.0),
         "that is a step of the whole gradient: the learning rate was ignored."},
        {zero_network_weights_after(0.1),
         "that is a learning rate of 0.1: pass train_step's learning_rate on to sgd_step."},
        {zero_network_weights_after(0.01),
         "that is a learning rate of 0.01: pass train_step's learning_rate on to sgd_step."},
        {zero_network_weights_after(0.5),
         "that is a learning rate of 0.5: pass train_step's learning_rate on to sgd_step."},
        {zero_network_weights_after(-0.25), "that is w + lr * g: step against the gradient."}};

    Network quarter = zero_network();
    mlp::train_step(quarter, kHandInput, kHandTarget, 0.25);
    // 0.25 * [0.5, 1, -0.5, -1] (see worked::zero_network, tests/support/worked_examples.hpp)
    expect_vector_near(quarter.layers[0].weights.data, {0.125, 0.25, -0.125, -0.25},
                       "W after train_step(W = 0, x = [1, 2], target [1, 0], lr 0.25)", "6.2",
                       hints);

    Network two = zero_network();
    mlp::train_step(two, kHandInput, kHandTarget, 2.0);
    // 2 * [0.5, 1, -0.5, -1]
    expect_vector_near(two.layers[0].weights.data, {1, 2, -1, -2},
                       "W after train_step(W = 0, x = [1, 2], target [1, 0], lr 2)", "6.2", hints);
    // 2 * [0.5, -0.5]
    expect_vector_near(two.layers[0].biases, {1, -1},
                       "b after train_step(b = 0, x = [1, 2], target [1, 0], lr 2)", "6.2",
                       {{{0, 0}, "the biases did not move: sgd_step updates them too."}});
}

TUTOR_TEST(TrainStep, MovesEveryParameterByLearningRateTimesTheGradientBeforeTheStep,
           "mlp::train_step", "6.2") {
    Network network = small_network(7);
    const Vector x{0.5, -1.0};
    const Vector target{0, 1};
    const double lr = 0.3;

    // The independent route: chapter 5's gradients on a copy, before the step.
    Network before = network;
    mlp::network_loss(before, x, target);
    const std::vector<LayerGradients> g = mlp::backward(before, target);

    mlp::train_step(network, x, target, lr);

    const char* names[] = {"layer 0 (hidden, 3 x 2)", "layer 1 (output, 2 x 3)"};
    for (std::size_t l = 0; l < 2; ++l) {
        const Vector start = parameters_of(before, l);
        const Vector grad = gradients_of(g, l);
        expect_vector_near(
            parameters_of(network, l), moved(start, grad, -lr),
            std::string(names[l]) +
                " weights then biases after train_step(lr 0.3), expected w - 0.3 * dL/dw",
            "6.2",
            {{moved(start, grad, lr), "that is w + lr * g: step against the gradient."},
             {start, "this layer did not move: sgd_step must update every layer."},
             {moved_weights_only(before, g, l, -lr),
              "the weights moved but the biases did not: update the biases too."},
             {moved(start, grad, -1.0), "that is w - g: the learning rate was ignored."},
             {moved(start, grad, -0.1), "that is a learning rate of 0.1: use the one passed in."},
             {moved(start, grad, -0.01),
              "that is a learning rate of 0.01: use the one passed in."}});
    }
}

TUTOR_TEST(TrainStep, RunsTheForwardPassBeforeBackward, "mlp::train_step", "6.2") {
    Network network = small_network(11);
    const Vector x{1.0, 0.25};
    const Vector target{1, 0};
    const double lr = 0.5;
    // The caches now hold another input's forward pass.
    mlp::forward(network, Vector{-2.0, 3.0});

    Network before = network;
    Network stale = network;
    mlp::network_loss(before, x, target);
    const std::vector<LayerGradients> g = mlp::backward(before, target);
    const std::vector<LayerGradients> g_stale = mlp::backward(stale, target);

    const double loss = mlp::train_step(network, x, target, lr);

    // The loss of x itself, measured on the copy: -ln p[0].
    Network measure = stale;
    expect_near(loss, mlp::network_loss(measure, x, target),
                "the loss train_step returns for x = [1, 0.25] after the network last saw "
                "[-2, 3]",
                "6.2",
                {{{mlp::cross_entropy(mlp::softmax(stale.layers.back().a), target)},
                  "that is the loss of the previous input: run the forward pass on x first "
                  "(network_loss does it)."}});
    const Vector start = parameters_of(stale, 0);
    expect_vector_near(parameters_of(network, 0), moved(start, gradients_of(g, 0), -lr),
                       "hidden layer after train_step on x = [1, 0.25] (the caches held [-2, 3])",
                       "6.2",
                       {{moved(start, gradients_of(g_stale, 0), -lr),
                         "those are the gradients of the previous input: train_step must run the "
                         "forward pass on x before backward."}});
}

TUTOR_TEST(TrainStep, LowersThatExamplesLoss, "mlp::train_step", "6.2") {
    Network network = small_network(5);
    const Vector x{1.0, 0.0};
    const Vector target{0, 1};
    const double before = mlp::train_step(network, x, target, 0.1);
    const double after = mlp::network_loss(network, x, target);
    expect_true(after < before,
                "one train_step(lr 0.1) should lower that example's loss, but it went from " +
                    tutor::show(before) + " to " + tutor::show(after) +
                    ": is the update w - lr * g (against the gradient), and is the loss "
                    "returned the one from before the update?",
                "6.2");
}

// ---------------------------------------------------------------------------
// 6.3 Epochs and shuffling: train_epoch
// ---------------------------------------------------------------------------

TUTOR_TEST(TrainEpoch, ReturnsTheMeanOfTheStepLosses, "mlp::train_epoch", "6.3") {
    Network network = small_network(2);
    const Dataset data = {
        {{0.0, 1.0}, {0, 1}}, {{1.0, 1.0}, {1, 0}}, {{-1.0, 0.5}, {1, 0}}, {{2.0, -1.0}, {0, 1}}};

    // The losses measured directly, on a copy, before any step.
    Network copy = network;
    Vector losses;
    for (const mlp::Example& example : data) {
        losses.push_back(mlp::network_loss(copy, example.input, example.target));
    }
    const double sum = std::accumulate(losses.begin(), losses.end(), 0.0);
    const double mean = sum / 4.0;

    // With lr = 1e-9 the weights barely move during the epoch. Every partial
    // derivative here is below 2 in size (|p - t| <= 1, inputs <= 2, weights
    // about 1), so a step on one example changes another example's loss by
    // about lr * (g . g') <= 1e-9 * 17 parameters * 2 * 2 = 7e-8. The k-th
    // example of the epoch has k - 1 steps before it, so the mean moves by
    // at most (0 + 1 + 2 + 3) * 7e-8 / 4 = 1.7e-7. A tolerance of 1e-6 is
    // well above that and far below the gaps to the classic mistakes: the
    // sum is 4 times the mean, and each single loss is over 0.1 from it.
    Rng rng{1};
    const double epoch_loss = mlp::train_epoch(network, data, 1e-9, rng);
    std::vector<Hint> hints = {
        {{sum}, "that is the sum of the four losses: divide by the number of examples."},
        {{sum / 3.0}, "that is the sum divided by 3: divide by all 4 examples."}};
    for (double one : losses) {
        hints.push_back({{one}, "that is one example's loss: return the mean over all of them."});
    }
    expect_near(epoch_loss, mean,
                "train_epoch(lr 1e-9) on 4 examples, against the mean of their losses " +
                    tutor::show(losses),
                "6.3", hints, 1e-6);
}

TUTOR_TEST(TrainEpoch, VisitsEveryExampleExactlyOnce, "mlp::train_epoch", "6.3") {
    // Six one-hot inputs, so example i alone changes column i of W. With W
    // and b starting at 0 and a small lr, a visit moves W(0, i) by
    // lr * 0.5 (p = [0.5, 0.5], dL/dz = p - t, so |dL/dW(0, i)| = 0.5); two
    // visits move it about twice as far. The biases drift by at most
    // 6 * lr * 0.5 = 0.003 each, which changes p by less than 0.002, so each
    // count below is within 0.005 of a whole number (tolerance 0.01).
    const std::size_t n = 6;
    const Dataset data = one_hot_examples(n, [](std::size_t i) { return i % 2; });
    Network network;
    network.layers.push_back(identity_layer(Matrix(2, n, 0.0), {0, 0}));
    const double lr = 1e-3;

    Rng rng{4};
    mlp::train_epoch(network, data, lr, rng);

    Vector visits(n);
    for (std::size_t i = 0; i < n; ++i) {
        visits[i] = std::abs(network.layers[0].weights(0, i)) / (lr * 0.5);
    }
    expect_vector_near(visits, Vector(n, 1.0),
                       "times train_epoch(lr 0.001) trained on each of 6 examples, read from how "
                       "far each one's weights moved (one visit moves them 0.001 * 0.5); every "
                       "example exactly once per epoch: loop over the whole shuffled order, "
                       "without drawing examples at random",
                       "6.3", {}, 0.01);
}

TUTOR_TEST(TrainEpoch, VisitsTheExamplesInTheOrderShuffleGivesEachEpoch, "mlp::train_epoch",
           "6.3") {
    // Five one-hot inputs, all of class 0, W and b at 0. Example i alone
    // changes column i of W: W(0, i) += lr * (1 - p0), where p0 = softmax(b)[0]
    // at the time of its visit. Every step raises b[0] and lowers b[1], so p0
    // grows from step to step and W(0, i) shrinks: the largest W(0, i) was
    // visited first. Reading the columns from largest to smallest gives the order.
    const std::size_t n = 5;
    const Dataset data = one_hot_examples(n, [](std::size_t) { return std::size_t{0}; });
    auto visiting_order = [&](const Network& trained) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return trained.layers[0].weights(0, a) > trained.layers[0].weights(0, b);
        });
        return order;
    };

    // The order the spec asks for: 0, 1, ..., n-1 shuffled with the given
    // rng, which moves on, so each epoch gets a new order.
    Rng reference{1};
    std::vector<std::size_t> first(n);
    std::iota(first.begin(), first.end(), std::size_t{0});
    std::vector<std::size_t> second = first;
    const std::vector<std::size_t> stored = first;
    mlp::shuffle(first, reference);   // [2, 1, 4, 3, 0] for seed 1
    mlp::shuffle(second, reference);  // [2, 4, 3, 0, 1]

    Rng rng{1};
    Network network;
    network.layers.push_back(identity_layer(Matrix(2, n, 0.0), {0, 0}));
    mlp::train_epoch(network, data, 0.5, rng);
    if (!(network.layers[0].biases[0] > 0.0)) {
        expect_true(false,
                    "the biases did not move during the epoch, so the order cannot be read from "
                    "the weights: make sgd_step update the biases first",
                    "6.1");
        return;
    }
    expect_vector_near(as_numbers(visiting_order(network)), as_numbers(first),
                       "the order train_epoch visited 5 examples in, epoch 1 with Rng{1} "
                       "(shuffle(order, rng) of 0, 1, 2, 3, 4)",
                       "6.3",
                       {{as_numbers(stored),
                         "that is the stored order: shuffle the order with shuffle(order, rng) "
                         "every epoch."}});

    network.layers[0] = identity_layer(Matrix(2, n, 0.0), {0, 0});
    mlp::train_epoch(network, data, 0.5, rng);  // the same rng, one epoch on
    expect_vector_near(
        as_numbers(visiting_order(network)), as_numbers(second),
        "the order of the next epoch with the same rng, expected " + show_order(second), "6.3",
        {{as_numbers(first),
          "the same order as the epoch before: shuffle with the rng passed in (it is a "
          "reference and moves on), not a copy or a new Rng."},
         {as_numbers(stored), "that is the stored order: shuffle every epoch."}});
}

TUTOR_TEST(TrainEpoch, RejectsAnEmptyDataset, "mlp::train_epoch", "6.3") {
    Network network = small_network(1);
    Rng rng{1};
    expect_invalid_argument([&] { mlp::train_epoch(network, Dataset{}, 0.1, rng); },
                            {"train_epoch", "the dataset is empty"},
                            "train_epoch on an empty dataset", "6.3");
}

TUTOR_TEST(TrainEpoch, TakesEachStepWithTheStepFunctionItIsGiven, "mlp::train_epoch", "6.3") {
    // recording_step moves nothing, so the network's own step must not run:
    // each example goes to recording_step once, with the epoch's learning
    // rate, and the epoch's loss is the mean of what it returned:
    // (10 + 20 + 30) / 3 = 20.
    recorded_inputs.clear();
    recorded_rates.clear();
    Network network = small_network(1);
    const Vector weights_before = network.layers[0].weights.data;
    Rng rng{4};
    const double loss = mlp::train_epoch(network, three_examples(), 0.375, rng, recording_step);
    Vector visited = recorded_inputs;
    std::sort(visited.begin(), visited.end());
    expect_vector_near(visited, {1, 2, 3},
                       "the inputs train_epoch(..., step) handed to the step it was given, sorted",
                       "6.3",
                       {{{},
                         "the given step was never called: call step(network, x, target, "
                         "learning_rate) for each example, not train_step."}});
    expect_vector_near(recorded_rates, {0.375, 0.375, 0.375},
                       "the learning rates the given step received from train_epoch(lr 0.375)",
                       "6.3");
    expect_near(loss, 20.0,
                "train_epoch's loss when the step returns 10, 20 and 30 (their mean is 20)", "6.3",
                {{{60}, "that is the sum: divide by the number of examples."}});
    expect_vector_near(network.layers[0].weights.data, weights_before,
                       "the weights after an epoch whose step moves nothing (if they moved, "
                       "train_step ran: call only the step you were given)",
                       "6.3");
}

TUTOR_TEST(TrainEpoch, RejectsANullStep, "mlp::train_epoch", "6.3") {
    Network network = small_network(1);
    Rng rng{1};
    expect_invalid_argument([&] { mlp::train_epoch(network, xor_data(), 0.1, rng, nullptr); },
                            {"train_epoch", "the step function is null"},
                            "train_epoch with a null step", "6.3");
}

TUTOR_TEST(TrainEpoch, StartingLossOnTwentySixClassesIsNearLnTwentySix, "mlp::train_epoch", "6.3") {
    // A fresh 26-64-26 network (ReLU hidden, Xavier init) gives small logits,
    // so softmax is close to uniform and each letter's loss is close to
    // -ln(1/26) = ln 26 = 3.2580965. Over seeds 1 to 200 the solution's mean
    // starting loss stays between 3.197 and 3.317 (at most 0.061 from ln 26):
    // the tolerance 0.15 is more than twice that, and still catches a sum
    // (26 * 3.258 = 84.7) or weights that start too large (the loss grows
    // with the spread of the logits). lr 1e-9 keeps the weights where they
    // started for the whole epoch.
    Dataset letters;
    for (std::size_t i = 0; i < 26; ++i) {
        letters.push_back({mlp::one_hot(i, 26), mlp::one_hot(i, 26)});
    }
    const double ln26 = std::log(26.0);
    for (std::uint64_t seed : {1, 2, 3}) {
        Rng rng{seed};
        Network network =
            mlp::make_network({26, 64, 26}, mlp::Activation::relu, mlp::Activation::identity, rng);
        const double start = mlp::train_epoch(network, letters, 1e-9, rng);
        expect_near(start, ln26,
                    "mean loss of a fresh 26-64-26 network over the 26 one-hot letters (seed " +
                        std::to_string(seed) + "), expected about ln 26 = 3.258 within 0.15",
                    "6.3",
                    {{{26 * ln26},
                      "that is about 26 times ln 26: the epoch loss is the mean of the 26 "
                      "step losses, not their sum."}},
                    0.15 / ln26);  // tutor::close is relative beyond 1: 0.15 absolute here
    }
}

// ---------------------------------------------------------------------------
// 6.4 Training: train
// ---------------------------------------------------------------------------

TUTOR_TEST(Train, HistoryHasOneEntryPerEpoch, "mlp::train", "6.4") {
    Network network = small_network(3);
    Rng rng{3};
    const std::vector<double> history = mlp::train(network, xor_data(), 0.5, 5, rng);
    expect_near(static_cast<double>(history.size()), 5.0, "history.size() after train(5 epochs)",
                "6.4",
                {{{4}, "one epoch too few: run epochs 1 to 5 inclusive (or 0 to 4)."},
                 {{6}, "one epoch too many: run exactly `epochs` epochs."}});
}

TUTOR_TEST(Train, CallsBackOncePerEpochNumberedFromOne, "mlp::train", "6.4") {
    Network network = small_network(3);
    Rng rng{3};
    std::vector<std::size_t> epochs;
    Vector losses;
    const std::vector<double> history =
        mlp::train(network, xor_data(), 0.5, 5, rng, [&](std::size_t epoch, double loss) {
            epochs.push_back(epoch);
            losses.push_back(loss);
        });
    expect_vector_near(as_numbers(epochs), {1, 2, 3, 4, 5},
                       "the epoch numbers on_epoch received during train(5 epochs)", "6.4",
                       {{{0, 1, 2, 3, 4}, "numbered from 0: the first epoch is epoch 1."},
                        {{1, 2, 3, 4}, "one epoch too few: run epochs 1 to 5 inclusive."},
                        {{}, "on_epoch was never called: call it after each epoch."}});
    expect_vector_near(losses, history,
                       "the losses on_epoch received, against the history train returned", "6.4");
}

TUTOR_TEST(Train, SameSeedGivesTheSameHistory, "mlp::train", "6.4") {
    Network a = small_network(6);
    Network b = small_network(6);
    Rng rng_a{42};
    Rng rng_b{42};
    const std::vector<double> first = mlp::train(a, xor_data(), 0.5, 20, rng_a);
    const std::vector<double> second = mlp::train(b, xor_data(), 0.5, 20, rng_b);
    expect_true(!first.empty(), "train(20 epochs) returned an empty history", "6.4");
    // Exactly equal: the same numbers in the same order give the same bits.
    expect_vector_near(second, first, "history of a second run with the same seed", "6.4", {}, 0.0);
}

TUTOR_TEST(Train, DifferentSeedShufflesDifferentlyAndGivesADifferentHistory, "mlp::train", "6.4") {
    // The same starting weights; only the rng that shuffles differs.
    Network a = small_network(6);
    Network b = small_network(6);
    Rng rng_a{1};
    Rng rng_b{2};
    const std::vector<double> first = mlp::train(a, xor_data(), 0.5, 20, rng_a);
    const std::vector<double> second = mlp::train(b, xor_data(), 0.5, 20, rng_b);
    expect_true(first.size() == 20 && second.size() == 20,
                "train(20 epochs) should return 20 losses, got " + std::to_string(first.size()),
                "6.4");
    expect_true(!tutor::close(first, second, 1e-12),
                "with shuffling seeds 1 and 2 the two histories are identical " +
                    tutor::show(first) +
                    ": train_epoch must shuffle the order with the rng it is given",
                "6.3");
}

TUTOR_TEST(Train, PassesItsLearningRateOn, "mlp::train", "6.4") {
    // One example, one epoch: train does exactly one train_step, so the
    // weights are those of zero_network after one step.
    Network network = zero_network();
    const Dataset one = {{kHandInput, kHandTarget}};
    Rng rng{1};
    mlp::train(network, one, 0.25, 1, rng);
    // 0.25 * [0.5, 1, -0.5, -1]
    expect_vector_near(
        network.layers[0].weights.data, zero_network_weights_after(0.25),
        "W after train(W = 0, one example x = [1, 2] target [1, 0], lr 0.25, 1 epoch)", "6.4",
        {{zero_network_weights_after(1.0),
          "the learning rate was ignored: pass it on to train_epoch and train_step."},
         {zero_network_weights_after(0.1),
          "that is a learning rate of 0.1: pass train's own learning_rate on."},
         {zero_network_weights_after(0.01),
          "that is a learning rate of 0.01: pass train's own learning_rate on."},
         {zero_network_weights_after(0.5),
          "that is a learning rate of 0.5: pass train's own learning_rate on."},
         {{0, 0, 0, 0}, "the weights did not move: did train run the epoch?"}});
}

TUTOR_TEST(Train, PassesItsStepOnToEveryEpoch, "mlp::train", "6.4") {
    // 3 examples, 4 epochs: 12 calls of the given step, and each epoch's
    // loss is (10 + 20 + 30) / 3 = 20.
    recorded_inputs.clear();
    recorded_rates.clear();
    Network network = small_network(1);
    Rng rng{4};
    const std::vector<double> history =
        mlp::train(network, three_examples(), 0.25, 4, rng, nullptr, recording_step);
    expect_near(static_cast<double>(recorded_inputs.size()), 12.0,
                "how many times train(3 examples, 4 epochs, ..., step) called the given step",
                "6.4",
                {{{0}, "the given step was never called: pass train's step on to train_epoch."}});
    expect_vector_near(history, {20, 20, 20, 20},
                       "the history of train(4 epochs) with a step that returns 10, 20 and 30",
                       "6.4");
}

TUTOR_TEST(Train, RejectsALearningRateThatIsNotAFiniteNumberAboveZero, "mlp::train", "6.4") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    for (double lr : {0.0, -0.1, nan, infinity}) {
        Network network = small_network(1);
        Rng rng{1};
        expect_invalid_argument(
            [&] { mlp::train(network, xor_data(), lr, 3, rng); },
            {"train", "learning rate must be a finite number above 0", "got " + mlp::show(lr)},
            "train with learning rate " + tutor::show(lr), "6.4");
    }
}

TUTOR_TEST(Train, LearnsXorWithAHiddenLayerWithinAThousandEpochs, "mlp::train", "6.4") {
    // The chapter's setup: 2-3-2, sigmoid hidden units, lr 0.5, seed 3. It
    // gets all four right after about 200 epochs (the program prints the
    // curve); 1000 epochs leave ample room. Seeds 1 to 20 all solve XOR
    // within 400 epochs with this setup.
    Rng rng{3};
    Network network =
        mlp::make_network({2, 3, 2}, mlp::Activation::sigmoid, mlp::Activation::identity, rng);
    const Dataset data = xor_data();
    const std::vector<double> history = mlp::train(network, data, 0.5, 1000, rng);

    Vector predicted;
    for (const mlp::Example& example : data) {
        predicted.push_back(static_cast<double>(mlp::argmax(mlp::forward(network, example.input))));
    }
    // XOR of (0,0), (0,1), (1,0), (1,1)
    expect_vector_near(predicted, {0, 1, 1, 0},
                       "classes the 2-3-2 network predicts for (0,0), (0,1), (1,0), (1,1) after "
                       "train(lr 0.5, seed 3, 1000 epochs)",
                       "6.4");
    if (history.size() != 1000) {
        expect_true(false,
                    "train(1000 epochs) returned " + std::to_string(history.size()) + " losses",
                    "6.4");
        return;
    }
    expect_true(history.front() > 0.5 && history.back() < 0.05,
                "the XOR loss should fall from above 0.5 to below 0.05 over 1000 epochs, went "
                "from " +
                    tutor::show(history.front()) + " to " + tutor::show(history.back()),
                "6.4");
}

// ---------------------------------------------------------------------------
// 6.5 Accuracy
// ---------------------------------------------------------------------------

TUTOR_TEST(Accuracy, ThreeRightOutOfFourIsThreeQuarters, "mlp::accuracy", "6.5") {
    // W swaps the last two numbers: output = W x = [x0, x2, x1].
    Network network;
    network.layers.push_back(identity_layer(Matrix(3, 3,
                                                   {1, 0, 0,  //
                                                    0, 0, 1,  //
                                                    0, 1, 0}),
                                            {0, 0, 0}));
    // input -> output -> predicted class, against the target class:
    //   [1, 0, 0] -> [1, 0, 0] -> 0, target 0: right
    //   [0, 1, 0] -> [0, 0, 1] -> 2, target 2: right
    //   [0, 0, 1] -> [0, 1, 0] -> 1, target 1: right
    //   [1, 0, 0] -> [1, 0, 0] -> 0, target 1: wrong       3 of 4 = 0.75
    // Comparing with the input's class instead of the target's gives 2 of 4
    // (the first and last); comparing the input's class with the target's
    // gives 1 of 4 (the first).
    const Dataset data = {{{1, 0, 0}, {1, 0, 0}},
                          {{0, 1, 0}, {0, 0, 1}},
                          {{0, 0, 1}, {0, 1, 0}},
                          {{1, 0, 0}, {0, 1, 0}}};
    expect_near(mlp::accuracy(network, data), 0.75, "accuracy with 3 of 4 examples right", "6.5",
                {{{0.5},
                  "that is 2 of 4, what comparing the output's class with the input's "
                  "gives: compare argmax(output) with argmax(example.target)."},
                 {{0.25},
                  "that is 1 of 4: count the examples where argmax of the network's "
                  "output (not of the input) equals argmax of the target."},
                 {{3}, "that is the count: divide by the number of examples."},
                 {{0}, "integer division: convert to double before dividing."},
                 {{1},
                  "every example counted as right: compare the output's argmax with the "
                  "target's argmax."}});
}

TUTOR_TEST(Accuracy, RejectsAnEmptyDataset, "mlp::accuracy", "6.5") {
    Network network = small_network(1);
    expect_invalid_argument([&] { mlp::accuracy(network, Dataset{}); },
                            {"accuracy", "the dataset is empty"}, "accuracy on an empty dataset",
                            "6.5");
}

// Chapter 6 tests, part 2: the edges. Inputs that must come out of a call as
// they went in (the gradients, the example, the dataset); the example that
// matters at the first, an inner and the last place; 0 and 1 epochs; the
// default step; training that diverges; and the given require_learning_rate
// (GivenHelpers: it passes against the starter code too). Expected values
// are worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "06_training_loop.hpp"
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
using worked::kHandInput;
using worked::kHandTarget;
using worked::zero_network;

namespace {

// Every number of a dataset, inputs and targets, example after example.
Vector numbers_of(const Dataset& data) {
    Vector all;
    for (const mlp::Example& example : data) {
        all.insert(all.end(), example.input.begin(), example.input.end());
        all.insert(all.end(), example.target.begin(), example.target.end());
    }
    return all;
}

// Four examples of two classes, all different, for the tests that train.
Dataset four_examples() {
    return {{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}, {{1, 1}, {1, 0}}, {{-1, 0.5}, {0, 1}}};
}

// The numbers of four_examples(), in order.
const Vector kFourExamples{1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, -1, 0.5, 0, 1};

// The network that answers the class of its input: output = x.
Network echo_network() {
    Network network;
    network.layers.push_back(
        mlp::layer_from(Matrix(2, 2, {1, 0, 0, 1}), {0, 0}, mlp::Activation::identity));
    return network;
}

}  // namespace

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, SgdStepLeavesTheGradientsAsTheyWere, "mlp::sgd_step", "6.1") {
    Network network = zero_network();
    std::vector<LayerGradients> gradients(1);
    gradients[0].weights = Matrix(2, 2, {-0.5, -1, 0.5, 1});
    gradients[0].biases = {-0.5, 0.5};
    const std::vector<LayerGradients>& read_only = gradients;
    mlp::sgd_step(network, read_only, 0.25);
    expect_vector_near(gradients[0].weights.data, {-0.5, -1, 0.5, 1},
                       "the weight gradients after sgd_step (lr 0.25)", "6.1",
                       {{{-0.125, -0.25, 0.125, 0.25},
                         "the gradients were scaled by the learning rate in place: compute "
                         "learning_rate * g into the weight, not into g."}},
                       0.0);
    expect_vector_near(gradients[0].biases, {-0.5, 0.5}, "the bias gradients after sgd_step", "6.1",
                       {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, TrainStepLeavesTheExampleAsItWas, "mlp::train_step", "6.2") {
    Network network = zero_network();
    const Vector x{1, 2};
    const Vector target{1, 0};
    mlp::train_step(network, x, target, 0.25);
    expect_vector_near(x, {1, 2}, "x after train_step(network, x = [1, 2], ...)", "6.2", {}, 0.0);
    expect_vector_near(target, {1, 0}, "the target after train_step(..., [1, 0], ...)", "6.2", {},
                       0.0);
}

TUTOR_TEST(InputsUnchanged, TrainEpochLeavesTheDatasetInItsOrder, "mlp::train_epoch", "6.3") {
    // The epoch shuffles an order of indices, never the examples themselves.
    Network network = zero_network();
    const Dataset data = four_examples();
    Rng rng{1};
    mlp::train_epoch(network, data, 0.1, rng);
    expect_vector_near(numbers_of(data), kFourExamples,
                       "the dataset after train_epoch: every example where it was, unchanged "
                       "(shuffle a vector of indices 0, 1, ..., n - 1, not the dataset)",
                       "6.3", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, TrainLeavesTheDatasetInItsOrder, "mlp::train", "6.4") {
    Network network = zero_network();
    const Dataset data = four_examples();
    Rng rng{1};
    mlp::train(network, data, 0.1, 3, rng);
    expect_vector_near(numbers_of(data), kFourExamples,
                       "the dataset after train(3 epochs): every example where it was, unchanged",
                       "6.4", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, AccuracyLeavesTheDatasetAsItWas, "mlp::accuracy", "6.5") {
    Network network = echo_network();
    const Dataset data = four_examples();
    mlp::accuracy(network, data);
    expect_vector_near(numbers_of(data), kFourExamples, "the dataset after accuracy", "6.5", {},
                       0.0);
}

// ---------------------------------------------------------------------------
// The example that matters at the first, an inner and the last place
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, AccuracyCountsTheFirstAnInnerAndTheLastExample, "mlp::accuracy", "6.5") {
    // echo_network answers the class of its input: an example is right when
    // its target is its own input's class. One right example of three, at
    // each place in turn: 1/3 every time.
    const mlp::Example right{{1, 0}, {1, 0}};
    const mlp::Example wrong{{0, 1}, {1, 0}};
    const Dataset cases[] = {{right, wrong, wrong}, {wrong, right, wrong}, {wrong, wrong, right}};
    const char* places[] = {"first", "second", "last"};
    for (int k = 0; k < 3; ++k) {
        Network network = echo_network();
        expect_near(mlp::accuracy(network, cases[k]), 1.0 / 3.0,
                    std::string("accuracy of 3 examples, only the ") + places[k] + " one right",
                    "6.5",
                    {{{0},
                      "the right example was never counted: visit every example, the "
                      "first and the last included."},
                     {{0.5}, "that is 1 of 2: divide by all the examples, and visit them all."}});
    }
}

// ---------------------------------------------------------------------------
// 0 and 1 epochs, and the default step
// ---------------------------------------------------------------------------

TUTOR_TEST(Train, ZeroEpochsTrainNothing, "mlp::train", "6.4") {
    Network network = zero_network();
    Rng rng{1};
    int heard = 0;
    const std::vector<double> history = mlp::train(network, {{kHandInput, kHandTarget}}, 0.25, 0,
                                                   rng, [&](std::size_t, double) { ++heard; });
    expect_true(history.empty() && heard == 0,
                "train with 0 epochs should return an empty history and call on_epoch never, "
                "returned " +
                    std::to_string(history.size()) + " losses and called it " +
                    std::to_string(heard) + " times",
                "6.4");
    expect_vector_near(network.layers[0].weights.data, {0, 0, 0, 0},
                       "the weights after train with 0 epochs", "6.4");
}

TUTOR_TEST(Train, OneEpochOfOneExampleIsOneStep, "mlp::train", "6.4") {
    // One train_step from zero_network at lr 0.5: W = [[0.25, 0.5], [-0.25, -0.5]],
    // and the loss before it is ln 2 = 0.6931471805599453.
    Network network = zero_network();
    Rng rng{1};
    const std::vector<double> history =
        mlp::train(network, {{kHandInput, kHandTarget}}, 0.5, 1, rng);
    expect_vector_near(history, {0.6931471805599453}, "the history of train(1 epoch, 1 example)",
                       "6.4", {{{}, "no epoch ran: run epochs 1 to `epochs`, inclusive."}});
    expect_vector_near(network.layers[0].weights.data, {0.25, 0.5, -0.25, -0.5},
                       "W after train(1 epoch, 1 example, lr 0.5)", "6.4");
}

TUTOR_TEST(TrainEpoch, TheDefaultStepIsTrainStep, "mlp::train_epoch", "6.3") {
    // No step given: the epoch takes chapter 6's own train_step, so one
    // example at lr 0.25 moves zero_network to W = [[0.125, 0.25], [-0.125, -0.25]],
    // b = [0.125, -0.125], and the epoch's loss is that step's, ln 2.
    Network network = zero_network();
    Rng rng{1};
    const double loss = mlp::train_epoch(network, {{kHandInput, kHandTarget}}, 0.25, rng);
    expect_near(loss, 0.6931471805599453, "train_epoch's loss with the default step", "6.3");
    expect_vector_near(network.layers[0].weights.data, {0.125, 0.25, -0.125, -0.25},
                       "W after train_epoch(one example, lr 0.25) with the default step", "6.3",
                       {{{0, 0, 0, 0}, "nothing moved: the default step must be train_step."}});
    expect_vector_near(network.layers[0].biases, {0.125, -0.125},
                       "b after train_epoch(one example, lr 0.25) with the default step", "6.3");
}

// ---------------------------------------------------------------------------
// Training that diverges
// ---------------------------------------------------------------------------

TUTOR_TEST(Train, ALossThatIsNotANumberStopsTrainingWithTrainingDiverged, "mlp::train", "6.4") {
    // lr 1e308 from zero_network: epoch 1's step (loss ln 2) makes
    // W = 1e308 * [[0.5, 1], [-0.5, -1]]; epoch 2's logits are then
    // [0.5e308 + 2e308, ...] = [inf, -inf], and inf - inf in softmax is NaN.
    Network network = zero_network();
    Rng rng{1};
    std::vector<std::size_t> heard;
    std::string message;
    try {
        mlp::train(network, {{kHandInput, kHandTarget}}, 1e308, 5, rng,
                   [&](std::size_t epoch, double) { heard.push_back(epoch); });
    } catch (const mlp::TrainingDiverged& error) {
        message = error.what();
    }
    expect_true(!message.empty(),
                "train at learning rate 1e308 should throw TrainingDiverged when the loss stops "
                "being a number (lesson.md 6.4 and 6.6)",
                "6.4");
    for (const char* words :
         {"train", "epoch 2", "learning rate 1e+308", "smaller learning rate"}) {
        expect_true(message.empty() || message.find(words) != std::string::npos,
                    "TrainingDiverged's message should mention \"" + std::string(words) +
                        "\", but it says \"" + message + "\"",
                    "6.4");
    }
    expect_true(heard == std::vector<std::size_t>{1},
                "on_epoch should hear of epoch 1 only: TrainingDiverged comes before on_epoch "
                "hears of the epoch whose loss is not a number",
                "6.4");
}

// ---------------------------------------------------------------------------
// The given check on the learning rate
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenHelpers, RequireLearningRateAcceptsOnlyFiniteNumbersAboveZero,
           "mlp::require_learning_rate", "6.4") {
    const double smallest = std::numeric_limits<double>::denorm_min();  // 4.9e-324
    const double largest = std::numeric_limits<double>::max();
    for (const double fine : {smallest, 1e-9, 0.1, 1.0, largest}) {
        mlp::require_learning_rate("train", fine);  // nothing thrown
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    const std::pair<double, const char*> refused[] = {
        {0.0, "got 0"},   {-0.0, "got 0"},       {-0.1, "got -0.1"},
        {nan, "got NaN"}, {infinity, "got inf"}, {-infinity, "got -inf"}};
    for (const auto& [bad_rate, shown] : refused) {
        const double rate = bad_rate;  // a lambda may not capture a structured binding (C++17)
        expect_invalid_argument([&] { mlp::require_learning_rate("train", rate); },
                                {"train", "learning rate must be a finite number above 0", shown},
                                "require_learning_rate of " + std::string(shown).substr(4), "6.4");
    }
}

// Chapter 6: the training loop.
//
// Stochastic gradient descent, one example at a time:
// forward -> loss -> backward -> update, for every example of a shuffled
// dataset (one epoch), for as many epochs as it takes.
//
// Your loop, after each change: cmake --workflow --preset ch06
// (it builds this chapter and runs its tests; lesson.md chapter 6).
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "05_backpropagation.hpp"

namespace mlp {

/// One training example: an input and the output we want for it.
struct Example {
    Vector input;
    Vector target;
};

using Dataset = std::vector<Example>;

/// Called after each epoch with the epoch's number (1 for the first) and
/// its mean loss; training uses it to show progress.
using EpochCallback = std::function<void(std::size_t epoch, double loss)>;

/// A training step, chosen by train_epoch's caller: takes the network one
/// step downhill on (x, target) and returns the loss from before the step.
/// train_step below is the one this chapter writes and every chapter uses;
/// the optional chapter 8 writes a faster one that gives the same numbers
/// and passes it here.
using TrainStep = double (*)(Network& network, const Vector& x, const Vector& target,
                             double learning_rate);

/// Throws std::invalid_argument naming `function` unless the learning rate
/// is a finite number above 0: 0 trains nothing, a negative rate climbs the
/// loss, NaN and infinity ruin every weight. Written !(rate > 0) because
/// every comparison with NaN is false, so NaN fails it too. Example, for
/// the function "train": "train: the learning rate must be a finite number
/// above 0, got 0" (or got -0.1, got NaN, got inf, got -inf).
inline void require_learning_rate(const std::string& function, double learning_rate) {
    if (!(learning_rate > 0.0) || !std::isfinite(learning_rate)) {
        throw std::invalid_argument(function +
                                    ": the learning rate must be a finite number above 0, got " +
                                    show(learning_rate));
    }
}

/// Thrown by train when the loss stops being a number: the steps were so
/// large that the weights overflowed. Its message names the epoch and the
/// learning rate and suggests a smaller one.
struct TrainingDiverged : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// One step of gradient descent: every weight and every bias of every layer
/// moves against its gradient, w = w - learning_rate * dL/dw. The
/// gradients must have the network's shapes (one LayerGradients per layer,
/// as backward returns them): otherwise std::invalid_argument naming
/// sgd_step and both shapes, thrown before any number changes.
/// Examples: "sgd_step: 1 gradients for a network of 2 layers" and
/// "sgd_step: layer 0 has weights (2 x 1) and biases (2) but its gradients
/// are (1 x 2) and (3)".
/// Exercise: lesson.md 6.1, One step downhill
inline void sgd_step(Network& network, const std::vector<LayerGradients>& gradients,
                     double learning_rate) {
    if (gradients.size() != network.layers.size()) {
        throw std::invalid_argument("sgd_step: " + std::to_string(gradients.size()) +
                                    " gradients for a network of " +
                                    std::to_string(network.layers.size()) + " layers");
    }
    // Check every layer first, so that a bad gradient leaves the network as it was.
    for (std::size_t l = 0; l < network.layers.size(); ++l) {
        const Layer& layer = network.layers[l];
        const LayerGradients& g = gradients[l];
        if (g.weights.rows != layer.weights.rows || g.weights.cols != layer.weights.cols ||
            g.biases.size() != layer.biases.size()) {
            throw std::invalid_argument("sgd_step: layer " + std::to_string(l) + " has weights " +
                                        shape_of(layer.weights) + " and biases " +
                                        shape_of(layer.biases) + " but its gradients are " +
                                        shape_of(g.weights) + " and " + shape_of(g.biases));
        }
    }
    for (std::size_t l = 0; l < network.layers.size(); ++l) {
        Layer& layer = network.layers[l];
        const LayerGradients& g = gradients[l];
        // W is (out, in) and so is dL/dW: the same flat index in both.
        for (std::size_t i = 0; i < layer.weights.data.size(); ++i) {
            layer.weights.data[i] -= learning_rate * g.weights.data[i];
        }
        for (std::size_t i = 0; i < layer.biases.size(); ++i) {
            layer.biases[i] -= learning_rate * g.biases[i];
        }
    }
}

/// One training step on one example: forward, loss, backward, update.
/// Returns the loss measured before the update.
/// Exercise: lesson.md 6.2, One training step
inline double train_step(Network& network, const Vector& x, const Vector& target,
                         double learning_rate) {
    const double loss = network_loss(network, x, target);  // runs the forward pass
    const std::vector<LayerGradients> gradients = backward(network, target);
    sgd_step(network, gradients, learning_rate);
    return loss;
}

/// One epoch: every example once, in an order shuffled with
/// shuffle(order, rng) where order starts as 0, 1, ..., n-1, one call of
/// step (train_step unless the caller passes another) each. Returns the
/// mean of the step losses. An empty dataset or a null step:
/// std::invalid_argument.
/// Examples: "train_epoch: the dataset is empty" and "train_epoch: the step
/// function is null".
/// Exercise: lesson.md 6.3, Epochs and shuffling
inline double train_epoch(Network& network, const Dataset& data, double learning_rate, Rng& rng,
                          TrainStep step = train_step) {
    if (data.empty()) {
        throw std::invalid_argument("train_epoch: the dataset is empty");
    }
    if (step == nullptr) {
        throw std::invalid_argument("train_epoch: the step function is null");
    }
    std::vector<std::size_t> order(data.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(order, rng);
    double total = 0.0;
    for (std::size_t i : order) {
        total += step(network, data[i].input, data[i].target, learning_rate);
    }
    return total / static_cast<double>(data.size());
}

/// Training: `epochs` calls of train_epoch, each given `step`. Returns every
/// epoch's mean loss, one entry per epoch, and calls on_epoch (if given)
/// after each. A learning rate that is not a finite number above 0:
/// require_learning_rate's std::invalid_argument naming train, before any
/// training ("train: the learning rate must be a finite number above 0, got
/// 0"). A mean loss that is not a finite number (the weights have
/// overflowed): TrainingDiverged, such as "train: the loss became NaN in
/// epoch 2 at learning rate 1e+308: the steps overshoot; try a smaller
/// learning rate", thrown before on_epoch hears of that epoch.
/// Exercise: lesson.md 6.4, Training
inline std::vector<double> train(Network& network, const Dataset& data, double learning_rate,
                                 std::size_t epochs, Rng& rng,
                                 const EpochCallback& on_epoch = nullptr,
                                 TrainStep step = train_step) {
    require_learning_rate("train", learning_rate);
    std::vector<double> history;
    for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
        history.push_back(train_epoch(network, data, learning_rate, rng, step));
        if (!std::isfinite(history.back())) {
            throw TrainingDiverged("train: the loss became " + show(history.back()) + " in epoch " +
                                   std::to_string(epoch) + " at learning rate " +
                                   show(learning_rate) +
                                   ": the steps overshoot; try a smaller learning rate");
        }
        if (on_epoch) {
            on_epoch(epoch, history.back());
        }
    }
    return history;
}

/// The fraction of examples the network gets right, from 0 to 1: an
/// example counts when argmax of the network's output equals argmax of its
/// target. An empty dataset: std::invalid_argument.
/// Example: "accuracy: the dataset is empty".
/// Exercise: lesson.md 6.5, Accuracy
inline double accuracy(Network& network, const Dataset& data) {
    if (data.empty()) {
        throw std::invalid_argument("accuracy: the dataset is empty");
    }
    std::size_t correct = 0;
    for (const Example& example : data) {
        if (argmax(forward(network, example.input)) == argmax(example.target)) {
            ++correct;
        }
    }
    return static_cast<double>(correct) / static_cast<double>(data.size());
}

}  // namespace mlp

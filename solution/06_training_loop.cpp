// Chapter 6 program: a guided tour of the training loop.
// One step downhill on numbers you can check by hand, then a network that
// learns XOR, a single layer that cannot, and learning rates too small and
// too large. Run it after each function you write; it stops at the first
// one missing.
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "06_training_loop.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

// XOR: the output is 1 when exactly one input is 1. Class 0 means "0",
// class 1 means "1"; the target is one-hot over the two classes.
const mlp::Dataset kXor = {
    {{0, 0}, {1, 0}},
    {{0, 1}, {0, 1}},
    {{1, 0}, {0, 1}},
    {{1, 1}, {1, 0}},
};

// The XOR network: 2 inputs, 3 sigmoid hidden units, 2 logits. Three hidden
// units are one more than the two XOR strictly needs, which makes an
// unlucky start that never escapes much rarer.
const std::vector<std::size_t> kXorSizes = {2, 3, 2};
constexpr std::uint64_t kSeed = 3;          // seeds 1 to 20 all work; this one trains smoothly
constexpr double kLearningRate = 0.5;       // found by trying 0.01 ... 50, below
constexpr std::size_t kEpochs = 1000;       // XOR is solved after about 200
constexpr double kTooSmall = 0.01;          // 50 times smaller than kLearningRate
constexpr double kTooLarge = 50.0;          // 100 times larger
constexpr std::size_t kRateEpochs = 10000;  // long enough for the smallest rate to get there
const std::vector<std::size_t> kShownEpochs = {1, 10, 50, 100, 200, 300, 500, 1000};
// 1, 2, 5, 10, ...: about evenly spaced on a log scale, so that the slow
// start and the long tail both show.
const std::vector<std::size_t> kRateShownEpochs = {1,   2,   5,    10,   20,   50,   100,
                                                   200, 500, 1000, 2000, 5000, 10000};

// A number with 4 digits after the point, right-aligned in `width` columns.
std::string fixed(double x, int width = 0) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(4) << std::setw(width) << x;
    return out.str();
}

// "1 (4 of 4 right)": accuracy as the fraction and as a count.
std::string score(mlp::Network& network, const mlp::Dataset& data) {
    const double fraction = mlp::accuracy(network, data);
    std::ostringstream out;
    out << fraction << " (" << fraction * static_cast<double>(data.size()) << " of " << data.size()
        << " right)";
    return out.str();
}

bool is_shown(std::size_t epoch) {
    for (std::size_t shown : kShownEpochs) {
        if (epoch == shown) {
            return true;
        }
    }
    return false;
}

mlp::Network xor_network(const std::vector<std::size_t>& sizes, mlp::Rng& rng) {
    return mlp::make_network(sizes, mlp::Activation::sigmoid, mlp::Activation::identity, rng);
}

// One layer, 2 inputs -> 2 logits, every weight and bias 0: both classes
// get probability 0.5 whatever the input, so the loss starts at ln 2.
mlp::Network zero_network() {
    mlp::Layer layer;
    layer.weights = mlp::Matrix(2, 2, 0.0);
    layer.biases = {0, 0};
    layer.activation = mlp::Activation::identity;
    mlp::Network network;
    network.layers.push_back(layer);
    return network;
}

void one_step() {
    std::cout << "6.1 One step downhill: w = w - learning_rate * dL/dw\n";
    mlp::Network network = zero_network();
    const mlp::Vector x{1, 2};
    const mlp::Vector target{1, 0};
    const double learning_rate = 0.25;
    std::cout << "x = " << show(x) << ", target = " << show(target) << ", W = 0, b = 0\n";
    std::cout << "loss before the step: " << fixed(mlp::network_loss(network, x, target))
              << " (ln 2)\n";
    const std::vector<mlp::LayerGradients> gradients = mlp::backward(network, target);
    std::cout << "dL/dW = " << show(gradients[0].weights.data)
              << ", dL/db = " << show(gradients[0].biases) << "\n";
    mlp::sgd_step(network, gradients, learning_rate);
    std::cout << "after sgd_step with learning rate " << learning_rate << ":\n";
    std::cout << "    W = " << show(network.layers[0].weights.data) << "   (0 - 0.25 * dL/dW)\n";
    std::cout << "    b = " << show(network.layers[0].biases) << "   (0 - 0.25 * dL/db)\n";
    std::cout << "loss after the step:  " << fixed(mlp::network_loss(network, x, target))
              << " (lower: the step went downhill)\n\n";
}

void training_steps() {
    std::cout << "6.2 train_step: forward, loss, backward, update, on the same example\n";
    mlp::Network network = zero_network();
    for (std::size_t step = 1; step <= 5; ++step) {
        const double loss = mlp::train_step(network, {1, 2}, {1, 0}, 0.25);
        std::cout << "    step " << step << ": loss before the update " << fixed(loss) << "\n";
    }
    std::cout << "\n";
}

void shuffled_order(mlp::Rng rng) {  // a copy: the training below gets the same numbers
    std::cout << "6.3 Each epoch visits the four examples once, in a new order:\n";
    for (std::size_t epoch = 1; epoch <= 3; ++epoch) {
        std::vector<std::size_t> order(kXor.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        mlp::shuffle(order, rng);
        std::cout << "    epoch " << epoch << ":";
        for (std::size_t i : order) {
            std::cout << " " << i;
        }
        std::cout << "\n";
    }
    std::cout << "\n";
}

void learn_xor() {
    std::cout << "Learning XOR: sizes 2-3-2 with sigmoid hidden units, learning rate "
              << kLearningRate << ", seed " << kSeed << "\n\n";
    mlp::Rng rng{kSeed};
    mlp::Network network = xor_network(kXorSizes, rng);
    shuffled_order(rng);

    std::cout << "6.4 train for " << kEpochs << " epochs; the mean loss of some of them:\n";
    mlp::train(network, kXor, kLearningRate, kEpochs, rng, [](std::size_t epoch, double loss) {
        if (is_shown(epoch)) {
            std::cout << "    epoch " << std::setw(4) << epoch << "   " << fixed(loss) << "\n";
        }
    });

    std::cout << "\n6.5 What it predicts now:\n";
    for (const mlp::Example& example : kXor) {
        const mlp::Vector p = mlp::softmax(mlp::forward(network, example.input));
        std::cout << "    " << show(example.input) << " -> class " << mlp::argmax(p)
                  << " with probability " << fixed(p[mlp::argmax(p)]) << "   (XOR is "
                  << mlp::argmax(example.target) << ")\n";
    }
    std::cout << "accuracy " << score(network, kXor) << "\n\n";
}

void single_layer() {
    std::cout << "The same training without the hidden layer (sizes 2-2):\n";
    mlp::Rng rng{kSeed};
    mlp::Network network = xor_network({2, 2}, rng);
    const std::vector<double> history = mlp::train(network, kXor, kLearningRate, kEpochs, rng);
    std::cout << "    mean loss after " << kEpochs << " epochs " << fixed(history.back())
              << ", accuracy " << score(network, kXor) << "\n";
    std::cout << "    (answering 50/50 for every input would score ln 2 = 0.6931)\n";
    std::cout << "    no straight line puts (0,1) and (1,0) on one side and (0,0) and (1,1)\n"
              << "    on the other, so one layer can never get all four right.\n\n";
}

// "epoch 221": the first epoch whose mean loss is below `level`, or "never".
std::string first_epoch_below(const std::vector<double>& history, double level) {
    for (std::size_t e = 0; e < history.size(); ++e) {
        if (history[e] < level) {
            return "epoch " + std::to_string(e + 1);
        }
    }
    return "never";
}

// What the network trained with the rate too large makes of each input.
void show_hidden_outputs(mlp::Network& too_large) {
    std::cout << "\nWith rate " << kTooLarge << ", the hidden layer's output for each input:\n";
    for (const mlp::Example& example : kXor) {
        mlp::forward(too_large, example.input);
        std::cout << "    " << show(example.input) << " -> [";
        const mlp::Vector& hidden = too_large.layers[0].a;
        for (std::size_t i = 0; i < hidden.size(); ++i) {
            std::cout << (i ? ", " : "") << fixed(hidden[i]);
        }
        std::cout << "]\n";
    }
}

void learning_rates() {
    std::cout << "6.6 The learning rate, too small and too large (2-3-2, seed " << kSeed
              << ", same start, " << kRateEpochs << " epochs each):\n";
    const std::vector<double> rates = {kTooSmall, kLearningRate, kTooLarge};
    std::vector<std::vector<double>> histories;
    mlp::Network too_large;
    for (double learning_rate : rates) {
        mlp::Rng rng{kSeed};
        mlp::Network network = xor_network(kXorSizes, rng);
        histories.push_back(mlp::train(network, kXor, learning_rate, kRateEpochs, rng));
        too_large = network;  // the last one is kept
    }
    std::cout << "    the mean loss of some epochs:\n";
    std::cout << "    epoch    rate " << rates[0] << "   rate " << rates[1] << "   rate "
              << rates[2] << "\n";
    for (std::size_t epoch : kRateShownEpochs) {
        std::cout << "    " << std::setw(5) << epoch << fixed(histories[0][epoch - 1], 13)
                  << fixed(histories[1][epoch - 1], 10) << fixed(histories[2][epoch - 1], 10)
                  << "\n";
    }
    std::cout << "    below 0.1 from";
    for (const std::vector<double>& history : histories) {
        std::cout << "   " << first_epoch_below(history, 0.1);
    }
    std::cout << "\n";
    show_hidden_outputs(too_large);
}

void tour() {
    std::cout << "Chapter 6: the training loop\n\n";
    one_step();
    training_steps();
    learn_xor();
    single_layer();
    learning_rates();
}

}  // namespace

int main() {
    return mlp::run_tour(6, tour);
}

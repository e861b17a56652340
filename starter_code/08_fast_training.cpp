// Chapter 8 program: the same training three ways, the same weights to the
// last bit, and how long each takes.
//
//   08_fast_training          11 timed runs of each after a warm-up (1 in a Debug build)
//   08_fast_training RUNS     RUNS timed runs of each, 1 to 1000
//
// The three ways: chapter 6's train_step (the reference), this chapter's
// train_step_fast, and a plain loop over flat arrays written for this one
// network, the floor that the general code can be held against. Measure the
// Release build (cmake --preset release); the Debug build checks every index
// and its times mean little. Times are printed, never judged; different
// weights are an error (exit status 1).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "08_fast_training.hpp"
#include "tour.hpp"

namespace {

#ifdef NDEBUG
constexpr int kDefaultRuns = 11;  // enough for a steady median; all of it takes a few seconds
constexpr bool kWarmUp = true;
#else
constexpr int kDefaultRuns = 1;  // the Debug build is many times slower
constexpr bool kWarmUp = false;
#endif

// FNV-1a over the bits of every weight and bias: two trainings that print
// the same fingerprint ended with exactly the same numbers.
std::uint64_t fingerprint(const mlp::Network& network) {
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&hash](double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        for (int shift = 0; shift < 64; shift += 8) {
            hash ^= (bits >> shift) & 0xFFu;
            hash *= 1099511628211ULL;
        }
    };
    for (const mlp::Layer& layer : network.layers) {
        std::for_each(layer.weights.data.begin(), layer.weights.data.end(), mix);
        std::for_each(layer.biases.begin(), layer.biases.end(), mix);
    }
    return hash;
}

// ---------------------------------------------------------------------------
// The floor: the same training written for this one network, a one-hot
// letter into 26 -> hidden ReLU -> 26, on flat arrays, with nothing general
// left: no caches, no shape checks, no new vectors, one log for the loss.
// Every number is computed by the same operations in the same order as
// chapter 6's step, so it must end with the same weights.
// ---------------------------------------------------------------------------

struct FlatNetwork {
    std::size_t hidden = 0;
    std::vector<double> w1, b1, w2, b2;  // W1 (hidden x 26), W2 (26 x hidden), row-major
    std::vector<double> z1, a1, z2, p, grad_a1;
};

FlatNetwork flatten(const mlp::Network& network) {
    FlatNetwork n;
    n.hidden = network.layers[0].weights.rows;
    n.w1 = network.layers[0].weights.data;
    n.b1 = network.layers[0].biases;
    n.w2 = network.layers[1].weights.data;
    n.b2 = network.layers[1].biases;
    n.z1.resize(n.hidden);
    n.a1.resize(n.hidden);
    n.grad_a1.resize(n.hidden);
    n.z2.resize(mlp::kLetterCount);
    n.p.resize(mlp::kLetterCount);
    return n;
}

// Forward for letter k: z1 = W1 column k (times 1) + b1, a1 = relu(z1), then
// z2 = W2 a1 + b2 skipping the a1 that are 0, p = softmax(z2).
void flat_forward(FlatNetwork& n, std::size_t k) {
    const std::size_t in = mlp::kLetterCount;
    for (std::size_t r = 0; r < n.hidden; ++r) {
        n.z1[r] = (0.0 + n.w1[r * in + k] * 1.0) + n.b1[r];
        n.a1[r] = n.z1[r] > 0.0 ? n.z1[r] : 0.0;
    }
    for (std::size_t r = 0; r < mlp::kLetterCount; ++r) {
        double z = 0.0;
        for (std::size_t c = 0; c < n.hidden; ++c) {
            if (n.a1[c] != 0.0) {
                z += n.w2[r * n.hidden + c] * n.a1[c];
            }
        }
        n.z2[r] = z + n.b2[r];
    }
    const double m = *std::max_element(n.z2.begin(), n.z2.end());
    double sum = 0.0;
    for (std::size_t i = 0; i < mlp::kLetterCount; ++i) {
        n.p[i] = std::exp(n.z2[i] - m);
        sum += n.p[i];
    }
    for (double& value : n.p) {
        value /= sum;
    }
}

// One step on letter k; returns the loss before it.
double flat_step(FlatNetwork& n, std::size_t k, double learning_rate) {
    flat_forward(n, k);
    const double loss = -std::log(std::max(n.p[k], mlp::kMinProbability));
    std::fill(n.grad_a1.begin(), n.grad_a1.end(), 0.0);
    for (std::size_t r = 0; r < mlp::kLetterCount; ++r) {
        const double g = n.p[r] - (r == k ? 1.0 : 0.0);  // identity: dL/dz2 = dL/da2
        if (g == 0.0) {
            continue;
        }
        for (std::size_t c = 0; c < n.hidden; ++c) {
            double& w = n.w2[r * n.hidden + c];
            n.grad_a1[c] += w * g;
            w -= learning_rate * (g * n.a1[c]);
        }
        n.b2[r] -= learning_rate * g;
    }
    for (std::size_t r = 0; r < n.hidden; ++r) {
        const double g = n.grad_a1[r] * (n.z1[r] > 0.0 ? 1.0 : 0.0);  // relu'(z1)
        n.w1[r * mlp::kLetterCount + k] -= learning_rate * (g * 1.0);
        n.b1[r] -= learning_rate * g;
    }
    return loss;
}

// Chapter 6's epochs and shuffles around flat_step.
void flat_train(FlatNetwork& n, const mlp::TrainingSettings& settings, mlp::Rng& rng) {
    std::vector<std::size_t> order(mlp::kLetterCount);
    for (std::size_t epoch = 0; epoch < settings.epochs; ++epoch) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        mlp::shuffle(order, rng);
        double total = 0.0;
        for (std::size_t k : order) {
            total += flat_step(n, k, settings.learning_rate);
        }
        if (!std::isfinite(total)) {
            throw std::runtime_error("the plain loop diverged");
        }
    }
}

void unflatten(const FlatNetwork& n, mlp::Network& network) {
    network.layers[0].weights.data = n.w1;
    network.layers[0].biases = n.b1;
    network.layers[1].weights.data = n.w2;
    network.layers[1].biases = n.b2;
}

// ---------------------------------------------------------------------------
// Timing.
// ---------------------------------------------------------------------------

struct Way {
    Way(std::string way_name, std::function<void(mlp::LetterClassifier&, mlp::Rng&)> trainer)
        : name(std::move(way_name)), train(std::move(trainer)) {}
    std::string name;
    std::function<void(mlp::LetterClassifier&, mlp::Rng&)> train;
    std::vector<double> milliseconds;
    std::uint64_t fingerprint = 0;
    std::size_t correct = 0;
};

// One training from the default start, timed.
double train_once(Way& way) {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng);
    const auto start = std::chrono::steady_clock::now();
    way.train(classifier, rng);
    const auto stop = std::chrono::steady_clock::now();
    way.fingerprint = fingerprint(classifier.network);
    way.correct = mlp::evaluate(classifier).correct;
    return std::chrono::duration<double, std::milli>(stop - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

std::string fixed(double value, int width) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << std::setw(width) << value;
    return out.str();
}

std::string hex(std::uint64_t value) {
    std::ostringstream out;
    out << std::hex << std::setw(16) << std::setfill('0') << value;
    return out.str();
}

int parse_runs(int argc, char** argv) {
    if (argc == 1) {
        return kDefaultRuns;
    }
    char* end = nullptr;
    const long value = argc == 2 ? std::strtol(argv[1], &end, 10) : 0;
    if (argc != 2 || *argv[1] == '\0' || *end != '\0' || value < 1 || value > 1000) {
        throw std::invalid_argument("usage: 08_fast_training [RUNS, 1 to 1000; default " +
                                    std::to_string(kDefaultRuns) + "]");
    }
    return static_cast<int>(value);
}

// The three ways to train, each from the default start.
std::vector<Way> three_ways(const mlp::TrainingSettings& settings) {
    std::vector<Way> ways;
    ways.emplace_back("train_step (chapter 6)",
                      [settings](mlp::LetterClassifier& c, mlp::Rng& rng) {
                          mlp::train_classifier(c, settings, rng);
                      });
    ways.emplace_back("train_step_fast (this chapter)",
                      [settings](mlp::LetterClassifier& c, mlp::Rng& rng) {
                          mlp::train_classifier_fast(c, settings, rng);
                      });
    ways.emplace_back("a plain loop on flat arrays",
                      [settings](mlp::LetterClassifier& c, mlp::Rng& rng) {
                          FlatNetwork flat = flatten(c.network);
                          flat_train(flat, settings, rng);
                          unflatten(flat, c.network);
                      });
    return ways;
}

// The weights each way ended with; they must be the same to the last bit.
void show_fingerprints(const std::vector<Way>& ways) {
    std::cout << "  " << std::left << std::setw(34) << "way"
              << "letters  fingerprint of the weights\n";
    for (const Way& way : ways) {
        std::cout << "  " << std::setw(34) << way.name << std::right << std::setw(2) << way.correct
                  << "/26    " << hex(way.fingerprint) << std::left << "\n";
    }
    for (const Way& way : ways) {
        if (way.fingerprint != ways.front().fingerprint) {
            throw std::runtime_error(
                "the three ways trained to different weights: each must "
                "compute chapter 6's numbers to the last bit");
        }
    }
    std::cout << "All three trained to the same weights, to the last bit.\n\n";
}

void show_times(const std::vector<Way>& ways) {
    std::cout << "Milliseconds to train (median, fastest, slowest)"
#ifndef NDEBUG
              << ", in a Debug build: measure the Release build"
#endif
              << ":\n";
    for (const Way& way : ways) {
        const auto [low, high] =
            std::minmax_element(way.milliseconds.begin(), way.milliseconds.end());
        std::cout << "  took " << fixed(median(way.milliseconds), 7) << fixed(*low, 8)
                  << fixed(*high, 8) << "   " << way.name << "\n";
    }
    const double fast = median(ways[1].milliseconds);
    std::cout << "  ratio " << fixed(median(ways[0].milliseconds) / fast, 4)
              << "   chapter 6's step against train_step_fast\n"
              << "  ratio " << fixed(fast / median(ways[2].milliseconds), 4)
              << "   train_step_fast against the plain loop\n";
}

void tour(int runs) {
    const mlp::TrainingSettings settings;
    std::vector<Way> ways = three_ways(settings);
    std::cout << "Chapter 8: fast training\n\n"
              << "The default letter classifier (26 -> " << mlp::kHiddenSize << " ReLU -> 26, "
              << settings.epochs << " epochs, learning rate " << settings.learning_rate << ", seed "
              << mlp::kSeed << "),\ntrained from the same start three ways, " << runs
              << " timed run(s) each" << (kWarmUp ? " after a warm-up" : "")
              << ", taken in turns:\n\n";
    for (Way& way : ways) {
        if (kWarmUp) {
            train_once(way);  // the warm-up: caches, memory, the processor's clock
        }
    }
    for (int run = 0; run < runs; ++run) {
        for (Way& way : ways) {  // in turns, so that a busy moment hits all three alike
            way.milliseconds.push_back(train_once(way));
        }
    }
    show_fingerprints(ways);
    show_times(ways);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 0;
    try {
        runs = parse_runs(argc, argv);
    } catch (const std::invalid_argument& usage) {
        std::cerr << usage.what() << "\n";
        return 2;
    }
    return mlp::run_tour(8, [runs] { tour(runs); });
}

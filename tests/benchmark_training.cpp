// How long training takes: the default letter classifier of chapter 7
// (26 -> 64 ReLU -> 26, 500 epochs of per-example SGD), trained from scratch
// several times with chapter 6's train_step and with chapter 7's
// train_step_fast; prints the median of each, which one slow run cannot
// move, and checks that both steps trained to the same weights, bit for bit
// (exit status 1 if not).
//
//   build/release/tests/benchmark_training [runs]
//
// Measure the Release build: the Debug build checks every index and is
// many times slower. The timing is printed, never asserted.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "07_final_project.hpp"

namespace {

// 11 runs: enough for a steady median; both steps together take about a second.
constexpr int kDefaultRuns = 11;

// FNV-1a over the bits of every weight and bias: two builds that print the
// same fingerprint trained to exactly the same numbers, so a change made for
// speed can prove that it changed nothing else.
std::uint64_t fingerprint(const mlp::Network& network) {
    std::uint64_t hash = 14695981039346656037ULL;
    auto mix = [&hash](double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        for (int shift = 0; shift < 64; shift += 8) {
            hash ^= (bits >> shift) & 0xFFu;
            hash *= 1099511628211ULL;
        }
    };
    for (const mlp::Layer& layer : network.layers) {
        for (double w : layer.weights.data) {
            mix(w);
        }
        for (double b : layer.biases) {
            mix(b);
        }
    }
    return hash;
}

struct Run {
    double milliseconds = 0.0;
    std::size_t correct = 0;
    std::uint64_t fingerprint = 0;
};

// One classifier trained from scratch at the defaults, timed. `step` is the
// training step train_epoch takes for every example: chapter 6's train_step
// (the reference) or chapter 7's train_step_fast (what the program uses).
Run train_once(mlp::TrainStep step) {
    mlp::LetterClassifier classifier = mlp::make_classifier();
    const mlp::Dataset data = mlp::letter_dataset();
    const auto start = std::chrono::steady_clock::now();
    mlp::train(classifier.network, data, classifier.config.learning_rate, classifier.config.epochs,
               classifier.rng, nullptr, step);
    const auto stop = std::chrono::steady_clock::now();
    // Using the result keeps the compiler from skipping the work.
    Run run;
    run.milliseconds = std::chrono::duration<double, std::milli>(stop - start).count();
    run.correct = mlp::evaluate(classifier).correct;
    run.fingerprint = fingerprint(classifier.network);
    return run;
}

struct Timing {
    double median = 0.0;
    double min = 0.0;
    double max = 0.0;
    Run last;
};

// One warm-up run that is not counted, then `runs` timed ones.
Timing measure(mlp::TrainStep step, int runs) {
    Timing timing;
    timing.last = train_once(step);
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        timing.last = train_once(step);
        times.push_back(timing.last.milliseconds);
    }
    std::sort(times.begin(), times.end());
    timing.median = times[times.size() / 2];
    timing.min = times.front();
    timing.max = times.back();
    return timing;
}

std::string hex(std::uint64_t value) {
    std::ostringstream text;
    text << std::hex << std::setw(16) << std::setfill('0') << value;
    return text.str();
}

void print_row(const std::string& name, const Timing& timing) {
    std::cout << std::left << std::setw(30) << name << std::right << std::setw(8) << timing.median
              << std::setw(8) << timing.min << std::setw(8) << timing.max << "   "
              << timing.last.correct << "/26  " << hex(timing.last.fingerprint) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    int runs = kDefaultRuns;
    if (argc == 2) {
        char* end = nullptr;
        const long value = std::strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || value < 1 || value > 1000) {
            std::cerr << "usage: benchmark_training [runs, 1 to 1000; default " << kDefaultRuns
                      << "]\n";
            return 2;
        }
        runs = static_cast<int>(value);
    } else if (argc > 2) {
        std::cerr << "usage: benchmark_training [runs]\n";
        return 2;
    }

    const Timing reference = measure(mlp::train_step, runs);
    const Timing fast = measure(mlp::train_step_fast, runs);

    std::cout << std::fixed << std::setprecision(1);
    std::cout << "Training the default letter classifier (26 -> " << mlp::kHiddenSize
              << " ReLU -> 26, " << mlp::kEpochs << " epochs, learning rate " << mlp::kLearningRate
              << ", seed " << mlp::kSeed << "),\n"
              << runs << " runs of each step after one warm-up run, in milliseconds:\n\n";
    std::cout << std::left << std::setw(30) << "step" << std::right << std::setw(8) << "median"
              << std::setw(8) << "min" << std::setw(8) << "max"
              << "   letters  fingerprint of the weights\n";
    print_row("train_step (chapter 6)", reference);
    print_row("train_step_fast (chapter 7)", fast);
    std::cout << "\ntrain_step_fast, which the program uses, is " << reference.median / fast.median
              << " times as fast";
#ifndef NDEBUG
    std::cout << " (in a Debug build: measure the Release build for a meaningful figure)";
#endif
    std::cout << ".\n";
    if (reference.last.fingerprint != fast.last.fingerprint) {
        std::cout << "The two steps trained to different weights: train_step_fast must give "
                     "chapter 6's numbers to the last bit.\n";
        return 1;
    }
    std::cout << "Both trained to the same weights, to the last bit.\n";
    return 0;
}

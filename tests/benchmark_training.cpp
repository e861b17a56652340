// How long training takes: the default letter classifier of chapter 7
// (26 -> 64 ReLU -> 26, 500 epochs of per-example SGD), trained from scratch
// several times; prints the median, which one slow run cannot move.
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
#include <string>
#include <vector>

#include "07_final_project.hpp"

namespace {

// 11 runs: enough for a steady median, and still well under a second.
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

Run train_once() {
    mlp::LetterClassifier classifier = mlp::make_classifier();
    const auto start = std::chrono::steady_clock::now();
    mlp::train_classifier(classifier);
    const auto stop = std::chrono::steady_clock::now();
    // Using the result keeps the compiler from skipping the work.
    Run run;
    run.milliseconds = std::chrono::duration<double, std::milli>(stop - start).count();
    run.correct = mlp::evaluate(classifier).correct;
    run.fingerprint = fingerprint(classifier.network);
    return run;
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

    Run last = train_once();  // one run to warm the caches, not counted
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        last = train_once();
        times.push_back(last.milliseconds);
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];

    std::cout << std::fixed << std::setprecision(1);
    std::cout << "Training the default letter classifier (26 -> " << mlp::kHiddenSize
              << " ReLU -> 26, " << mlp::kEpochs << " epochs, learning rate " << mlp::kLearningRate
              << ", seed " << mlp::kSeed << ")\n";
    std::cout << "runs:   " << runs << " (after one warm-up run)\n";
    std::cout << "median: " << median << " ms\n";
    std::cout << "min:    " << times.front() << " ms\n";
    std::cout << "max:    " << times.back() << " ms\n";
    std::cout << "letters right after training: " << last.correct << "/26\n";
    std::cout << "fingerprint of the trained weights: " << std::hex << std::setw(16)
              << std::setfill('0') << last.fingerprint << std::dec << "\n";
#ifndef NDEBUG
    std::cout << "(a Debug build: measure the Release build for a meaningful figure)\n";
#endif
    return 0;
}

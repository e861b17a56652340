// Chapter 3: the forward pass.
//
// A layer is many neurons reading the same input: z = W x + b, a = f(z).
// A network is layers in a chain, each reading the previous one's output.
// This chapter also brings the random numbers that start the weights: a
// small generator of our own, so that every compiler gives the same numbers.
//
// Your loop, after each change: cmake --workflow --preset ch03
// (it builds this chapter and runs its tests; lesson.md chapter 3).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "02_single_neuron.hpp"

namespace mlp {

// ---------------------------------------------------------------------------
// Activations a layer can be configured with.
// ---------------------------------------------------------------------------

/// The activation function a layer applies to each of its z values.
enum class Activation { identity, sigmoid, relu };

/// "identity", "sigmoid" or "relu", for printing.
inline std::string activation_name(Activation f) {
    switch (f) {
        case Activation::identity:
            return "identity";
        case Activation::sigmoid:
            return "sigmoid";
        case Activation::relu:
            return "relu";
    }
    return "unknown activation " + std::to_string(static_cast<int>(f));
}

/// f(z) for the activation f: identity gives z, sigmoid gives sigmoid(z),
/// relu gives relu(z). Any other value of f: std::invalid_argument naming
/// activate and the value, such as "activate: unknown activation 42".
/// Exercise: lesson.md 3.2, Choosing an activation
inline double activate(Activation f, double z) {
    // Your code goes here; then delete the two lines below.
    (void)f; (void)z;
    throw NotImplemented("mlp::activate", "03_forward_pass.hpp", "3.2, Choosing an activation");
}

// ---------------------------------------------------------------------------
// Random numbers that are the same on every compiler.
// ---------------------------------------------------------------------------

/// A random number generator: SplitMix64, one 64-bit number of state.
/// Seed it by setting state: Rng rng{42}.
struct Rng {
    std::uint64_t state = 0;
};

/// The next 64-bit random number (SplitMix64). The formula, on unsigned
/// 64-bit integers, where every overflow simply wraps around:
///     state = state + 0x9E3779B97F4A7C15
///     z = state
///     z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
///     z = (z ^ (z >> 27)) * 0x94D049BB133111EB
///     return z ^ (z >> 31)
/// Exercise: lesson.md 3.4, Random numbers of our own
inline std::uint64_t next_u64(Rng& rng) {
    // Your code goes here; then delete the two lines below.
    (void)rng;
    throw NotImplemented("mlp::next_u64", "03_forward_pass.hpp", "3.4, Random numbers of our own");
}

/// A random number between lo (included) and hi (excluded), evenly spread.
/// Take the top 53 bits of next_u64 (a double holds 53 bits exactly),
/// scale them to [0, 1) by multiplying with 2^-53, then map to [lo, hi):
///     u = (next_u64(rng) >> 11) * 2^-53
///     return lo + (hi - lo) * u
/// u itself is always below 1. The last line rounds, and for some lo and hi
/// it can round up to hi when u is within a few 2^-53 of 1: about once in
/// 10^15 draws, too rare to matter here.
/// Exercise: lesson.md 3.4, Random numbers of our own
inline double uniform(Rng& rng, double lo, double hi) {
    // Your code goes here; then delete the two lines below.
    (void)rng; (void)lo; (void)hi;
    throw NotImplemented("mlp::uniform", "03_forward_pass.hpp", "3.4, Random numbers of our own");
}

/// Shuffles `items` in place (Fisher-Yates): for i from n-1 down to 1, pick
/// j = next_u64(rng) % (i + 1) and swap items[i] and items[j]. Every order is
/// equally likely (up to a bias of about n / 2^64, far too small to matter).
/// Exercise: lesson.md 3.4, Random numbers of our own
inline void shuffle(std::vector<std::size_t>& items, Rng& rng) {
    // Your code goes here; then delete the two lines below.
    (void)items; (void)rng;
    throw NotImplemented("mlp::shuffle", "03_forward_pass.hpp", "3.4, Random numbers of our own");
}

// ---------------------------------------------------------------------------
// Layers and networks.
// ---------------------------------------------------------------------------

/// A fully connected layer: `outputs` neurons, each reading all `inputs`.
/// Row r of `weights` holds the weights of neuron r.
struct Layer {
    Matrix weights;  // (out, in)
    Vector biases;   // (out)
    Activation activation = Activation::identity;

    // What the last forward pass computed, kept for the backward pass.
    Vector input;  // x (in)
    Vector z;      // W x + b (out)
    Vector a;      // f(z) (out), the layer's output
};

/// A network: layers in a chain, layer l + 1 reading layer l's output.
struct Network {
    std::vector<Layer> layers;
};

/// A layer with the weights, biases and activation given and nothing
/// cached yet: for the lesson's worked examples, the programs and the tests,
/// where every number must be known. (Training starts from make_layer.)
inline Layer layer_from(Matrix weights, Vector biases, Activation activation) {
    Layer layer;
    layer.weights = std::move(weights);
    layer.biases = std::move(biases);
    layer.activation = activation;
    return layer;
}

/// A new layer with Xavier/Glorot uniform weights and zero biases: every
/// weight drawn with uniform(rng, -limit, limit), limit = sqrt(6 / (in + out)),
/// in row-major order (row 0 first). Zero inputs or outputs, or an
/// activation that is not one of the three: std::invalid_argument naming
/// make_layer.
/// Examples: "make_layer: needs at least one input and one output, got 0
/// inputs and 3 outputs" and "make_layer: unknown activation 42".
/// Exercise: lesson.md 3.3, Starting weights
inline Layer make_layer(std::size_t inputs, std::size_t outputs, Activation activation, Rng& rng) {
    // Your code goes here; then delete the two lines below.
    (void)inputs; (void)outputs; (void)activation; (void)rng;
    throw NotImplemented("mlp::make_layer", "03_forward_pass.hpp", "3.3, Starting weights");
}

/// The layer's forward pass: z = W x + b, then a[i] = f(z[i]) with the
/// layer's activation f. Stores x, z and a in the layer (replacing what an
/// earlier call stored) and returns a.
/// Shapes: W (out, in), x (in), b (out) -> a (out). x of the wrong size:
/// std::invalid_argument naming forward and both shapes.
/// Example: "forward: the layer's weights are (2 x 3) but x is (2)". An
/// unknown activation: activate's std::invalid_argument ("activate: unknown
/// activation 42").
/// Exercise: lesson.md 3.5, A layer's forward pass
inline Vector forward(Layer& layer, const Vector& x) {
    // Your code goes here; then delete the two lines below.
    (void)layer; (void)x;
    throw NotImplemented("mlp::forward", "03_forward_pass.hpp", "3.5, A layer's forward pass");
}

/// A network with the given layer sizes, such as {26, 64, 26}: one layer per
/// consecutive pair (26 -> 64, then 64 -> 26), made with make_layer in that
/// order from the same rng. Every layer but the last uses `hidden`; the last
/// uses `output`. Fewer than two sizes: std::invalid_argument naming
/// make_network; a size of 0 or an unknown activation: make_layer's.
/// Examples: "make_network: needs at least two sizes (inputs and outputs), got
/// 1", and from make_layer "make_layer: needs at least one input and one
/// output, got 2 inputs and 0 outputs" and "make_layer: unknown activation 42".
/// Exercise: lesson.md 3.6, A network of layers
inline Network make_network(const std::vector<std::size_t>& sizes, Activation hidden,
                            Activation output, Rng& rng) {
    // Your code goes here; then delete the two lines below.
    (void)sizes; (void)hidden; (void)output; (void)rng;
    throw NotImplemented("mlp::make_network", "03_forward_pass.hpp", "3.6, A network of layers");
}

/// The network's forward pass: x goes into layer 0, each layer's output
/// into the next, and the last layer's output comes back.
/// Shapes: x (sizes[0]) -> (sizes.back()). A network with no layers:
/// std::invalid_argument; an x of the wrong size: layer 0's forward says so.
/// Examples: "forward: the network has no layers" and "forward: the layer's
/// weights are (2 x 2) but x is (3)".
/// Exercise: lesson.md 3.6, A network of layers
inline Vector forward(Network& network, const Vector& x) {
    // Your code goes here; then delete the two lines below.
    (void)network; (void)x;
    throw NotImplemented("mlp::forward", "03_forward_pass.hpp", "3.6, A network of layers");
}

/// A network's shape, for messages: "26 -> 64 relu -> 26 identity".
inline std::string describe_layers(const Network& network) {
    if (network.layers.empty()) {
        return "(no layers)";
    }
    std::string text = std::to_string(network.layers.front().weights.cols);
    for (const Layer& layer : network.layers) {
        text +=
            " -> " + std::to_string(layer.weights.rows) + " " + activation_name(layer.activation);
    }
    return text;
}

/// How many numbers the network learns: for each layer, out * in weights
/// plus out biases. 26-64-26 gives 26*64 + 64 + 64*26 + 26 = 3,418.
/// Exercise: lesson.md 3.6, A network of layers
inline std::size_t parameter_count(const Network& network) {
    // Your code goes here; then delete the two lines below.
    (void)network;
    throw NotImplemented("mlp::parameter_count", "03_forward_pass.hpp", "3.6, A network of layers");
}

}  // namespace mlp

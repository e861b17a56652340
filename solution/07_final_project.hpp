// Chapter 7: the final project, a letter classifier.
//
// Everything so far, put to work: each of the 26 letters goes in as a
// one-hot vector, a hidden layer of 64 ReLU units reads it, and 26 logits
// come out; softmax turns them into probabilities. Chapter 6's train()
// teaches it to name every letter. Then the trained network goes into a
// small file of its own format (about 14 KB) and comes back out of it,
// checked byte by byte, because a file is input and input is never trusted.
//
// Your loop, after each change: cmake --workflow --preset ch07
// (it builds this chapter and runs its tests; lesson.md chapter 7).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "06_training_loop.hpp"

namespace mlp {

// ---------------------------------------------------------------------------
// The defaults. Each one is stated and justified in lesson section 7.3.
// ---------------------------------------------------------------------------

/// The 26 letters of the English alphabet: 26 inputs and 26 outputs.
constexpr std::size_t kLetterCount = 26;

/// Hidden units: the original tutorial's 64. Plenty for 26 patterns (even 8
/// learn them all), and small enough to train in a blink.
constexpr std::size_t kHiddenSize = 64;

/// Passes over the 26 letters: the original tutorial's 500. Measured at
/// the defaults: every seed from 1 to 20 gives every letter a probability
/// above 0.99 by epoch 110, so 500 leaves a wide margin.
constexpr std::size_t kEpochs = 500;

/// The SGD step size. Measured over seeds 1 to 20: every rate from 0.05 to
/// 0.5 reaches 26/26, the right letter at 0.996 or more; at 1.0 half the
/// seeds fail, and with 8 hidden units 0.5 already fails two. 0.1 stays
/// far from both edges.
constexpr double kLearningRate = 0.1;

/// The seed of the random numbers (starting weights and shuffles). Any
/// number works; this one makes the lesson's transcripts reproducible.
constexpr std::uint64_t kSeed = 7;

/// The largest layer a model file may hold, and the most layers. A loader
/// must bound every size it reads before it allocates by it (lesson 7.7).
constexpr std::size_t kMaxLayerSize = 4096;
constexpr std::size_t kMaxLayers = 16;

/// The largest file a loader reads: far above any model this program makes
/// (26 -> 4096 -> 26 takes 868 KB), and a bound, so that a huge file or an
/// endless one such as /dev/zero gets an error instead of eating all memory.
constexpr std::size_t kMaxModelFileBytes = std::size_t{16} << 20;  // 16 MiB

/// The first four bytes of every model file, and its format's version.
constexpr char kModelMagic[4] = {'M', 'L', 'P', 'F'};
constexpr std::uint32_t kModelVersion = 1;

/// The letters in order, for turning an index into a letter and back.
constexpr char kLowerCase[] = "abcdefghijklmnopqrstuvwxyz";
constexpr char kUpperCase[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// ---------------------------------------------------------------------------
// The types.
// ---------------------------------------------------------------------------

/// The hyper-parameters of a classifier: what you choose, not what it learns.
struct ClassifierConfig {
    std::size_t hidden_size = kHiddenSize;
    std::size_t epochs = kEpochs;
    double learning_rate = kLearningRate;
    std::uint64_t seed = kSeed;
};

/// A letter classifier: 26 -> hidden_size ReLU -> 26 logits.
struct LetterClassifier {
    ClassifierConfig config;
    Network network;
    Rng rng;  // seeded with config.seed; made the weights, then shuffles training
};

/// What the classifier says about one letter.
struct Prediction {
    char letter = '?';     // the most probable letter, 'a' to 'z'
    Vector probabilities;  // (26): probabilities[0] for 'a' ... [25] for 'z'
};

/// One letter and its probability, for a "top 3" list.
struct LetterProbability {
    char letter = '?';
    double probability = 0.0;
};

/// How the classifier does on one letter of the alphabet.
struct LetterResult {
    char letter = '?';        // the letter shown to the network, 'a' to 'z'
    char predicted = '?';     // the letter it answered
    double confidence = 0.0;  // the probability it gave its answer
    bool correct = false;     // predicted == letter
};

/// How the classifier does on the whole alphabet.
struct Evaluation {
    std::vector<LetterResult> letters;  // 26 results, 'a' to 'z'
    std::size_t correct = 0;            // how many letters it got right
    double accuracy = 0.0;              // correct / 26, from 0 to 1
};

/// Thrown when a model file cannot be written, read or trusted. Its message
/// says which file and what is wrong with it.
struct ModelFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

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

/// How a character appears in a message: 'q', or its code if unprintable.
inline std::string describe_character(char c) {
    const int code = static_cast<unsigned char>(c);
    if (code >= 32 && code < 127) {
        return std::string("'") + c + "'";
    }
    return "the character with code " + std::to_string(code);
}

// ---------------------------------------------------------------------------
// Your work: letters in and out.
// ---------------------------------------------------------------------------

/// The position of a letter in the alphabet: 'a' and 'A' give 0, 'b' and
/// 'B' give 1, ..., 'z' and 'Z' give 25. Anything that is not one of those
/// 52 letters: std::invalid_argument naming letter_index and the character
/// (describe_character(c) writes it for you).
/// Exercise: lesson.md 7.1, One-hot letters
inline std::size_t letter_index(char c) {
    for (std::size_t i = 0; i < kLetterCount; ++i) {
        if (c == kLowerCase[i] || c == kUpperCase[i]) {
            return i;
        }
    }
    throw std::invalid_argument("letter_index: " + describe_character(c) +
                                " is not a letter (a to z or A to Z)");
}

/// The letter at a position of the alphabet, always in lower case:
/// 0 gives 'a', 25 gives 'z'. An index of 26 or more: std::invalid_argument.
/// Exercise: lesson.md 7.1, One-hot letters
inline char letter_at(std::size_t index) {
    if (index >= kLetterCount) {
        throw std::invalid_argument("letter_at: index " + std::to_string(index) +
                                    " is outside the alphabet (0 to 25)");
    }
    return kLowerCase[index];
}

/// A letter as the network reads it: 26 zeros with a 1 at the letter's
/// position, so 'c' (or 'C') is [0, 0, 1, 0, ..., 0]. A character that is
/// not a letter: std::invalid_argument naming it.
/// Exercise: lesson.md 7.1, One-hot letters
inline Vector encode_letter(char c) {
    return one_hot(letter_index(c), kLetterCount);
}

/// The training data: one example per letter, 'a' to 'z' in order. Example
/// i has input encode_letter(letter i) and target the same one-hot vector:
/// the network must answer the letter it was shown.
/// Exercise: lesson.md 7.2, The dataset
inline Dataset letter_dataset() {
    Dataset data;
    for (std::size_t i = 0; i < kLetterCount; ++i) {
        data.push_back({encode_letter(letter_at(i)), one_hot(i, kLetterCount)});
    }
    return data;
}

// ---------------------------------------------------------------------------
// Your work: training fast. Chapter 6's training step gives every weight a
// gradient in a new matrix, then walks the weights again to move them. The
// step here computes exactly the same numbers, bit for bit, without that
// matrix and without the work that adds zeros (lesson 7.9).
// ---------------------------------------------------------------------------

/// Chapter 3's forward(layer, x), with the same z and a to the last bit,
/// built another way: z starts at 0 and takes one column of W at a time,
/// z[r] += W(r, c) * x[c], skipping every c where x[c] is 0 (it would add
/// nothing); then z[r] += b[r] and a[r] = f(z[r]). Each z[r] still adds its
/// terms in the order c = 0, 1, 2, ..., as a dot product does, so every
/// rounding is the same. Stores x, z and a in the layer, reusing their
/// memory. x of the wrong size, or biases that do not match W's rows:
/// std::invalid_argument naming forward_in_place and the shapes.
/// Exercise: lesson.md 7.9, Fast enough
inline void forward_in_place(Layer& layer, const Vector& x) {
    const Matrix& w = layer.weights;
    if (x.size() != w.cols || x.empty() || layer.biases.size() != w.rows) {
        throw std::invalid_argument("forward_in_place: the layer's weights are " + shape_of(w) +
                                    " and its biases " + shape_of(layer.biases) + ", but x is " +
                                    shape_of(x));
    }
    layer.input = x;
    layer.z.assign(w.rows, 0.0);
    // W is (out, in), x is (in), z is (out): z += column c of W times x[c]
    for (std::size_t c = 0; c < w.cols; ++c) {
        const double x_c = x[c];
        if (x_c == 0.0) {
            continue;  // a one-hot letter skips 25 of its 26 columns here
        }
        for (std::size_t r = 0; r < w.rows; ++r) {
            layer.z[r] += w(r, c) * x_c;
        }
    }
    layer.a.resize(w.rows);
    for (std::size_t r = 0; r < w.rows; ++r) {
        layer.z[r] += layer.biases[r];
        layer.a[r] = activate(layer.activation, layer.z[r]);
    }
}

/// dL/dz = grad_a (*) f'(z) for a layer after its forward pass, as the
/// first lines of chapter 5's backward compute it. A grad_a that does not
/// match the cached z, or caches that do not match the layer's weights and
/// biases: std::invalid_argument naming `function`.
inline Vector layer_grad_z(const Layer& layer, const Vector& grad_a, const char* function) {
    const Matrix& w = layer.weights;
    if (layer.z.empty() || grad_a.size() != layer.z.size()) {
        throw std::invalid_argument(std::string(function) + ": grad_a is " + shape_of(grad_a) +
                                    " but the layer's cached z is " + shape_of(layer.z) +
                                    " (run forward first)");
    }
    if (layer.z.size() != w.rows || layer.input.size() != w.cols || layer.biases.size() != w.rows) {
        throw std::invalid_argument(std::string(function) + ": the layer's weights are " +
                                    shape_of(w) + " and its biases " + shape_of(layer.biases) +
                                    ", but its cached input is " + shape_of(layer.input) +
                                    " and z " + shape_of(layer.z));
    }
    Vector grad_z(grad_a.size());
    for (std::size_t i = 0; i < grad_a.size(); ++i) {
        grad_z[i] = grad_a[i] * activation_derivative(layer.activation, layer.z[i]);
    }
    return grad_z;
}

/// Chapter 5's backward(layer, grad_a) and chapter 6's sgd_step for one
/// layer, in one pass over W and with the same numbers to the last bit.
/// With grad_z = layer_grad_z(layer, grad_a, "backward_and_step"), for
/// every row r, and every column c of that row:
///     grad_x[c] += W(r, c) * grad_z[r]                 (W before the step)
///     W(r, c)   -= learning_rate * (grad_z[r] * x[c])  (x: the cached input)
/// then b[r] -= learning_rate * grad_z[r]. A row whose grad_z[r] is 0 is
/// skipped: it adds nothing to grad_x and moves nothing. Returns grad_x,
/// the dL/da of the layer before. Shapes: W (out, in), grad_a (out) ->
/// grad_x (in). A grad_a that does not match the cached z:
/// std::invalid_argument naming backward_and_step and both shapes.
/// Exercise: lesson.md 7.9, Fast enough
inline Vector backward_and_step(Layer& layer, const Vector& grad_a, double learning_rate) {
    const Vector grad_z = layer_grad_z(layer, grad_a, "backward_and_step");
    Matrix& w = layer.weights;
    const Vector& x = layer.input;
    Vector grad_x(w.cols, 0.0);
    // W is (out, in), grad_z is (out), x and grad_x are (in)
    for (std::size_t r = 0; r < w.rows; ++r) {
        const double grad_z_r = grad_z[r];
        if (grad_z_r == 0.0) {
            continue;  // a ReLU that was off: nothing flows through it
        }
        for (std::size_t c = 0; c < w.cols; ++c) {
            grad_x[c] += w(r, c) * grad_z_r;               // read the weight first...
            w(r, c) -= learning_rate * (grad_z_r * x[c]);  // ...then move it
        }
        layer.biases[r] -= learning_rate * grad_z_r;
    }
    return grad_x;
}

/// backward_and_step for the first layer, whose dL/dx nobody needs (its
/// input is the data, not another layer), so it computes none. Its update,
/// W(r, c) -= learning_rate * (grad_z[r] * x[c]), runs one column at a time
/// and skips every c where x[c] is 0, which would move nothing: for a
/// one-hot letter, 25 of the 26 columns. Then b[r] -= learning_rate *
/// grad_z[r] for every r. Same numbers as chapter 6 to the last bit; same
/// checks as backward_and_step, naming step_first_layer.
/// Exercise: lesson.md 7.9, Fast enough
inline void step_first_layer(Layer& layer, const Vector& grad_a, double learning_rate) {
    const Vector grad_z = layer_grad_z(layer, grad_a, "step_first_layer");
    Matrix& w = layer.weights;
    const Vector& x = layer.input;
    // W is (out, in), grad_z is (out), x is (in)
    for (std::size_t c = 0; c < w.cols; ++c) {
        const double x_c = x[c];
        if (x_c == 0.0) {
            continue;
        }
        for (std::size_t r = 0; r < w.rows; ++r) {
            w(r, c) -= learning_rate * (grad_z[r] * x_c);
        }
    }
    for (std::size_t r = 0; r < w.rows; ++r) {
        layer.biases[r] -= learning_rate * grad_z[r];
    }
}

/// Chapter 6's train_step, with the same loss, weights and biases to the
/// last bit: forward_in_place through every layer; the loss
/// cross_entropy(softmax(logits), target); grad_a = softmax(logits) -
/// target; then backward_and_step from the last layer down to layer 1,
/// each returning the grad_a of the layer before, and step_first_layer for
/// layer 0. Returns the loss from before the step. A network with no
/// layers: std::invalid_argument; an x or target of the wrong size: the
/// error of forward_in_place or cross_entropy, before any weight moves.
/// Exercise: lesson.md 7.9, Fast enough
inline double train_step_fast(Network& network, const Vector& x, const Vector& target,
                              double learning_rate) {
    if (network.layers.empty()) {
        throw std::invalid_argument("train_step_fast: the network has no layers");
    }
    const Vector* input = &x;
    for (Layer& layer : network.layers) {
        forward_in_place(layer, *input);
        input = &layer.a;  // the next layer reads this one's output
    }
    const Vector p = softmax(network.layers.back().a);
    const double loss = cross_entropy(p, target);
    Vector grad_a = subtract(p, target);  // softmax(logits) - target
    for (std::size_t l = network.layers.size() - 1; l > 0; --l) {
        grad_a = backward_and_step(network.layers[l], grad_a, learning_rate);
    }
    step_first_layer(network.layers[0], grad_a, learning_rate);
    return loss;
}

// ---------------------------------------------------------------------------
// Your work: the classifier.
// ---------------------------------------------------------------------------

/// A new, untrained classifier: rng = Rng{config.seed}, then
/// make_network({26, config.hidden_size, 26}, relu, identity, rng) with that
/// rng, which the classifier keeps for training. A hidden size of 0 or above
/// kMaxLayerSize, or a learning rate that is not a finite number above 0:
/// std::invalid_argument naming make_classifier and the value.
/// Exercise: lesson.md 7.3, The classifier
inline LetterClassifier make_classifier(const ClassifierConfig& config = {}) {
    if (config.hidden_size == 0 || config.hidden_size > kMaxLayerSize) {
        throw std::invalid_argument("make_classifier: the hidden size must be 1 to " +
                                    std::to_string(kMaxLayerSize) + ", got " +
                                    std::to_string(config.hidden_size));
    }
    if (!(config.learning_rate > 0.0) || !std::isfinite(config.learning_rate)) {
        throw std::invalid_argument(
            "make_classifier: the learning rate must be a finite number above 0, got " +
            std::to_string(config.learning_rate));
    }
    LetterClassifier classifier;
    classifier.config = config;
    classifier.rng = Rng{config.seed};
    classifier.network = make_network({kLetterCount, config.hidden_size, kLetterCount},
                                      Activation::relu, Activation::identity, classifier.rng);
    return classifier;
}

/// Trains the classifier on letter_dataset() with chapter 6's train, using
/// its config's learning rate and epochs, its own rng, and the step
/// train_step_fast (lesson 7.9). Chapter 6's train_step gives the same
/// numbers, only more slowly: pass it until you have written
/// train_step_fast. Returns the loss of every epoch; on_epoch (if given)
/// hears about each one as it ends.
/// Exercise: lesson.md 7.3, The classifier
inline std::vector<double> train_classifier(LetterClassifier& classifier,
                                            const EpochCallback& on_epoch = nullptr) {
    return train(classifier.network, letter_dataset(), classifier.config.learning_rate,
                 classifier.config.epochs, classifier.rng, on_epoch, train_step_fast);
}

/// The classifier's answer for one letter (either case): the 26
/// probabilities softmax(forward(network, encode_letter(c))) and the most
/// probable letter, in lower case. A character that is not a letter:
/// std::invalid_argument naming it.
/// Exercise: lesson.md 7.4, Predicting
inline Prediction predict(LetterClassifier& classifier, char c) {
    Prediction prediction;
    prediction.probabilities = softmax(forward(classifier.network, encode_letter(c)));
    prediction.letter = letter_at(argmax(prediction.probabilities));
    return prediction;
}

/// The k most probable letters, most probable first; of two equally
/// probable letters the earlier in the alphabet comes first. probabilities
/// must have 26 numbers and k must be 26 or less: otherwise
/// std::invalid_argument.
/// Exercise: lesson.md 7.4, Predicting
inline std::vector<LetterProbability> top_letters(const Vector& probabilities, std::size_t k) {
    if (probabilities.size() != kLetterCount || k > kLetterCount) {
        throw std::invalid_argument("top_letters: needs 26 probabilities and k <= 26, got " +
                                    shape_of(probabilities) + " and k = " + std::to_string(k));
    }
    std::vector<bool> taken(kLetterCount, false);
    std::vector<LetterProbability> top;
    // k rounds of "find the largest not yet taken"; the strict > keeps the
    // earlier letter on a tie.
    for (std::size_t round = 0; round < k; ++round) {
        std::size_t best = kLetterCount;
        for (std::size_t i = 0; i < kLetterCount; ++i) {
            if (!taken[i] && (best == kLetterCount || probabilities[i] > probabilities[best])) {
                best = i;
            }
        }
        taken[best] = true;
        top.push_back({letter_at(best), probabilities[best]});
    }
    return top;
}

/// The classifier on every letter 'a' to 'z': one LetterResult each (from
/// predict), how many it got right, and the accuracy correct / 26.
/// Exercise: lesson.md 7.5, Evaluating
inline Evaluation evaluate(LetterClassifier& classifier) {
    Evaluation evaluation;
    for (std::size_t i = 0; i < kLetterCount; ++i) {
        const char letter = letter_at(i);
        const Prediction prediction = predict(classifier, letter);
        LetterResult result;
        result.letter = letter;
        result.predicted = prediction.letter;
        result.confidence = prediction.probabilities[letter_index(prediction.letter)];
        result.correct = prediction.letter == letter;
        if (result.correct) {
            ++evaluation.correct;
        }
        evaluation.letters.push_back(result);
    }
    evaluation.accuracy =
        static_cast<double>(evaluation.correct) / static_cast<double>(kLetterCount);
    return evaluation;
}

// ---------------------------------------------------------------------------
// The plumbing of the model file: given to you. Bytes are written one at a
// time, lowest first (little-endian), with shifts and masks, so that the
// file is the same whatever the computer's own byte order.
// ---------------------------------------------------------------------------

static_assert(sizeof(float) == 4 && std::numeric_limits<float>::is_iec559,
              "the model file stores IEEE 754 float32 numbers");

using Bytes = std::vector<std::uint8_t>;

/// Appends a 32-bit unsigned number, lowest byte first.
inline void put_u32(Bytes& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFu));
    }
}

/// Appends a float32: its 32 bits, copied out with memcpy, as a u32.
inline void put_f32(Bytes& out, float value) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    put_u32(out, bits);
}

/// Reads numbers from the front of a block of bytes, one after the other.
struct ByteReader {
    const Bytes& bytes;
    std::size_t at = 0;  // how many bytes have been read
};

/// The next 32-bit unsigned number (lowest byte first). Past the end of the
/// bytes: ModelFileError, never a read out of bounds.
inline std::uint32_t read_u32(ByteReader& reader) {
    if (reader.at > reader.bytes.size() || reader.bytes.size() - reader.at < 4) {
        throw ModelFileError("it ends early: " + std::to_string(reader.bytes.size()) +
                             " bytes, truncated at byte " + std::to_string(reader.at));
    }
    std::uint32_t value = 0;
    for (int k = 0; k < 4; ++k) {
        value |= static_cast<std::uint32_t>(reader.bytes[reader.at + k]) << (8 * k);
    }
    reader.at += 4;
    return value;
}

/// The next float32 (its 32 bits, read as a u32 and copied into a float).
inline float read_f32(ByteReader& reader) {
    const std::uint32_t bits = read_u32(reader);
    float value = 0.0f;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

/// FNV-1a, a 32-bit checksum of the first `count` bytes: start at
/// 2166136261; for each byte, hash = (hash XOR byte) * 16777619, wrapping
/// around at 2^32. One changed bit anywhere changes the result.
inline std::uint32_t fnv1a32(const Bytes& bytes, std::size_t count) {
    std::uint32_t hash = 2166136261u;
    for (std::size_t i = 0; i < count && i < bytes.size(); ++i) {
        hash ^= bytes[i];
        hash *= 16777619u;
    }
    return hash;
}

/// Writes bytes to `path` without ever leaving a half-written file there:
/// they go to "<path>.tmp" first, which is then renamed over `path`. (On
/// Windows a rename onto an existing file fails, so then the old file is
/// removed and the rename tried again.) Any failure: the temporary is
/// removed and ModelFileError says what went wrong.
inline void write_file_atomically(const std::string& path, const Bytes& bytes) {
    // A folder is never replaced, not even an empty one.
    std::error_code unused;
    if (std::filesystem::is_directory(path, unused)) {
        throw ModelFileError(path + ": is a folder; give the model a file name");
    }
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw ModelFileError(
                temporary + ": cannot write it (does its folder exist, and may we write there?)");
        }
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::remove(temporary.c_str());
            throw ModelFileError(temporary + ": cannot write all " + std::to_string(bytes.size()) +
                                 " bytes (is the disk full?)");
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(path.c_str());
        if (std::rename(temporary.c_str(), path.c_str()) != 0) {
            std::remove(temporary.c_str());
            throw ModelFileError(path + ": cannot rename " + temporary + " to it");
        }
    }
}

/// Every byte of a file. A file that cannot be opened: ModelFileError.
inline Bytes read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ModelFileError(path + ": cannot open it (does it exist?)");
    }
    // Read in pieces and stop one piece past the limit: the file's size is
    // input too, and is never trusted.
    Bytes bytes;
    char piece[1 << 16];
    while (in.read(piece, sizeof piece) || in.gcount() > 0) {
        bytes.insert(bytes.end(), piece, piece + in.gcount());
        if (bytes.size() > kMaxModelFileBytes) {
            throw ModelFileError(path + ": it is larger than " +
                                 std::to_string(kMaxModelFileBytes) +
                                 " bytes, far too large to be a model file");
        }
    }
    if (in.bad()) {
        throw ModelFileError(path + ": cannot read it");
    }
    return bytes;
}

// ---------------------------------------------------------------------------
// Your work: the model file. Lesson 7.6 has the byte layout:
//   "MLPF"  version  L  size[0] ... size[L]  activation[0] ... activation[L-1]
//   parameters (float32): layer 0's weights row by row, then its biases, ...
//   checksum: fnv1a32 of every byte before it
// Every number but the parameters is a u32.
// ---------------------------------------------------------------------------

/// The network as the bytes of a model file, in the layout above: the
/// magic, kModelVersion, the number of layers, the L + 1 sizes (inputs of
/// layer 0, then each layer's outputs), each layer's activation as its
/// number in the Activation enum, every parameter as float32 (put_f32 of
/// static_cast<float>), and last fnv1a32 of all the bytes before it.
/// Exercise: lesson.md 7.6, Saving the model
inline Bytes model_bytes(const Network& network) {
    if (network.layers.empty()) {
        throw std::invalid_argument("model_bytes: the network has no layers");
    }
    Bytes out;
    for (char c : kModelMagic) {
        out.push_back(static_cast<std::uint8_t>(c));
    }
    put_u32(out, kModelVersion);
    put_u32(out, static_cast<std::uint32_t>(network.layers.size()));
    put_u32(out, static_cast<std::uint32_t>(network.layers.front().weights.cols));
    for (const Layer& layer : network.layers) {
        put_u32(out, static_cast<std::uint32_t>(layer.weights.rows));
    }
    for (const Layer& layer : network.layers) {
        put_u32(out, static_cast<std::uint32_t>(layer.activation));
    }
    for (const Layer& layer : network.layers) {
        for (double w : layer.weights.data) {
            put_f32(out, static_cast<float>(w));
        }
        for (double b : layer.biases) {
            put_f32(out, static_cast<float>(b));
        }
    }
    put_u32(out, fnv1a32(out, out.size()));
    return out;
}

/// Saves the classifier's network to `path` (model_bytes, then
/// write_file_atomically). Any failure: ModelFileError.
/// Exercise: lesson.md 7.6, Saving the model
inline void save_classifier(const LetterClassifier& classifier, const std::string& path) {
    write_file_atomically(path, model_bytes(classifier.network));
}

/// The network a model file's bytes describe, after checking everything,
/// in this order, and throwing ModelFileError at the first problem, with a
/// message that names it: the file is not "empty"; it starts with the magic
/// (else it is "not a model file"); its "version" is kModelVersion; it has
/// 1 to kMaxLayers layers; every size is 1 to kMaxLayerSize (say the limit,
/// "4096"); every "activation" is a known one; the total length is exactly
/// what those sizes need (checked before allocating anything); the
/// "checksum" matches. Only then are the layers made and filled, each
/// float32 read with read_f32 becoming a double.
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline Network network_from_bytes(const Bytes& bytes) {
    if (bytes.empty()) {
        throw ModelFileError("it is empty");
    }
    if (bytes.size() < 4) {
        throw ModelFileError("it is only " + std::to_string(bytes.size()) +
                             " bytes, too short to be a model file");
    }
    if (std::memcmp(bytes.data(), kModelMagic, 4) != 0) {
        throw ModelFileError("it is not a model file (it does not start with MLPF)");
    }
    ByteReader reader{bytes, 4};
    const std::uint32_t version = read_u32(reader);
    if (version != kModelVersion) {
        throw ModelFileError("it has format version " + std::to_string(version) +
                             "; this program reads version " + std::to_string(kModelVersion));
    }
    const std::size_t layer_count = read_u32(reader);
    if (layer_count == 0 || layer_count > kMaxLayers) {
        throw ModelFileError("it claims " + std::to_string(layer_count) +
                             " layers; a model has 1 to " + std::to_string(kMaxLayers));
    }
    std::vector<std::size_t> sizes;
    for (std::size_t l = 0; l <= layer_count; ++l) {
        const std::size_t size = read_u32(reader);
        if (size == 0 || size > kMaxLayerSize) {
            throw ModelFileError("it claims a layer size of " + std::to_string(size) +
                                 "; sizes are 1 to " + std::to_string(kMaxLayerSize));
        }
        sizes.push_back(size);
    }
    std::vector<Activation> activations;
    for (std::size_t l = 0; l < layer_count; ++l) {
        const std::uint32_t code = read_u32(reader);
        if (code > static_cast<std::uint32_t>(Activation::relu)) {
            throw ModelFileError("it names an unknown activation " + std::to_string(code));
        }
        activations.push_back(static_cast<Activation>(code));
    }
    // Every size is at most kMaxLayerSize, so this cannot overflow.
    std::size_t parameters = 0;
    for (std::size_t l = 0; l < layer_count; ++l) {
        parameters += sizes[l + 1] * sizes[l] + sizes[l + 1];
    }
    const std::size_t expected = reader.at + 4 * parameters + 4;
    if (bytes.size() != expected) {
        throw ModelFileError("it is " + std::to_string(bytes.size()) +
                             " bytes long, but a model of these sizes takes " +
                             std::to_string(expected) +
                             (bytes.size() < expected ? ": it was cut short (truncated)"
                                                      : ": it has extra bytes at the end"));
    }
    const std::size_t checksum_at = bytes.size() - 4;
    ByteReader checksum_reader{bytes, checksum_at};
    if (read_u32(checksum_reader) != fnv1a32(bytes, checksum_at)) {
        throw ModelFileError("its checksum does not match: the file is corrupted");
    }
    Network network;
    for (std::size_t l = 0; l < layer_count; ++l) {
        Layer layer;
        layer.weights = Matrix(sizes[l + 1], sizes[l]);
        for (double& w : layer.weights.data) {
            w = read_f32(reader);
        }
        layer.biases = Vector(sizes[l + 1]);
        for (double& b : layer.biases) {
            b = read_f32(reader);
        }
        layer.activation = activations[l];
        network.layers.push_back(layer);
    }
    return network;
}

/// A classifier from a model file: read_file_bytes(path), then
/// network_from_bytes, then check it is a letter classifier (two layers,
/// 26 -> hidden -> 26, relu then identity). config.hidden_size is the
/// file's hidden size; the rest of config keeps its defaults. Any problem:
/// ModelFileError whose message starts with the path, such as
/// "model.bin: it is empty".
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline LetterClassifier load_classifier(const std::string& path) {
    const Bytes bytes = read_file_bytes(path);
    LetterClassifier classifier;
    try {
        classifier.network = network_from_bytes(bytes);
    } catch (const ModelFileError& error) {
        throw ModelFileError(path + ": " + error.what());
    }
    const std::vector<Layer>& layers = classifier.network.layers;
    if (layers.size() != 2 || layers[0].weights.cols != kLetterCount ||
        layers[1].weights.rows != kLetterCount || layers[0].activation != Activation::relu ||
        layers[1].activation != Activation::identity) {
        throw ModelFileError(
            path + ": it holds a " + describe_layers(classifier.network) +
            " network, not a letter classifier (26 -> hidden relu -> 26 identity)");
    }
    classifier.config.hidden_size = layers[0].weights.rows;
    classifier.rng = Rng{classifier.config.seed};
    return classifier;
}

}  // namespace mlp

// Chapter 7: the final project, a letter classifier.
//
// Everything so far, put to work: each of the 26 letters goes in as a
// one-hot vector, a hidden layer of 64 ReLU units reads it, and 26 logits
// come out; softmax turns them into probabilities. Chapter 6's train() and
// train_step teach it to name every letter. Then the trained network goes
// into a small file of its own format (about 14 KB) and comes back out of
// it, checked byte by byte, because a file is input and input is never
// trusted. (The bytes and the file system underneath are plumbing, given in
// model_file_io.hpp.)
//
// Your loop, after each change: cmake --workflow --preset ch07
// (it builds this chapter and runs its tests; lesson.md chapter 7).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "06_training_loop.hpp"
#include "model_file_io.hpp"

namespace mlp {

// ---------------------------------------------------------------------------
// The defaults. Lesson section 7.3 gives the measurements behind each one.
// ---------------------------------------------------------------------------

/// The 26 letters of the English alphabet: 26 inputs and 26 outputs.
constexpr std::size_t kLetterCount = 26;

/// Hidden units: the original tutorial's 64 (even 8 learn all 26 letters).
constexpr std::size_t kHiddenSize = 64;

/// Passes over the letters: the original tutorial's 500. Every seed from 1
/// to 20 is past a probability of 0.99 on every letter by epoch 110.
constexpr std::size_t kEpochs = 500;

/// The most epochs one training may ask for, 200 times the default: a
/// mistyped --epochs ends at once instead of training for days.
constexpr std::size_t kMaxEpochs = 100000;

/// The SGD step size: 0.05 to 0.5 all reach 26/26 for seeds 1 to 20, and
/// 1.0 fails half of them. 0.1 stays far from both edges.
constexpr double kLearningRate = 0.1;

/// The seed of the starting weights and the shuffles. Any number works;
/// a fixed one makes the lesson's transcripts reproducible.
constexpr std::uint64_t kSeed = 7;

/// The letters in order, for turning an index into a letter and back.
constexpr char kLowerCase[] = "abcdefghijklmnopqrstuvwxyz";
constexpr char kUpperCase[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// ---------------------------------------------------------------------------
// The types.
// ---------------------------------------------------------------------------

/// A letter classifier: 26 -> hidden ReLU -> 26 logits. What it knows is
/// its network, and nothing else: how it was trained is not part of it (a
/// loaded one was trained by settings this program never saw).
struct LetterClassifier {
    Network network;
};

/// How to train a classifier: what you choose, not what it learns. The
/// random numbers are an argument of their own, the Rng make_classifier drew
/// the weights from, so that one seed fixes the start and every shuffle.
struct TrainingSettings {
    std::size_t epochs = kEpochs;
    double learning_rate = kLearningRate;
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

/// How a character appears in a message: 'q', or its code if unprintable,
/// "the character with code 10".
inline std::string describe_character(char c) {
    const int code = static_cast<unsigned char>(c);
    if (code >= 32 && code < 127) {
        return std::string("'") + c + "'";
    }
    return "the character with code " + std::to_string(code);
}

/// Throws std::invalid_argument naming `function` unless hidden_size is 1 to
/// kMaxLayerSize (the largest layer a model file may hold). Example, for the
/// function "make_classifier": "make_classifier: the hidden size must be 1 to
/// 4096, got 0".
inline void require_hidden_size(const std::string& function, std::size_t hidden_size) {
    if (hidden_size == 0 || hidden_size > kMaxLayerSize) {
        throw std::invalid_argument(function + ": the hidden size must be 1 to " +
                                    std::to_string(kMaxLayerSize) + ", got " +
                                    std::to_string(hidden_size));
    }
}

/// Throws std::invalid_argument naming `function` unless epochs is 1 to
/// kMaxEpochs. Example, for the function "train_classifier":
/// "train_classifier: the epochs must be 1 to 100000, got 0".
inline void require_epochs(const std::string& function, std::size_t epochs) {
    if (epochs == 0 || epochs > kMaxEpochs) {
        throw std::invalid_argument(function + ": the epochs must be 1 to " +
                                    std::to_string(kMaxEpochs) + ", got " + std::to_string(epochs));
    }
}

/// Throws std::invalid_argument naming `function` unless the settings can
/// train: require_epochs's check first, then chapter 6's
/// require_learning_rate's.
inline void require_training_settings(const std::string& function,
                                      const TrainingSettings& settings) {
    require_epochs(function, settings.epochs);
    require_learning_rate(function, settings.learning_rate);
}

// ---------------------------------------------------------------------------
// Your work: letters in and out.
// ---------------------------------------------------------------------------

/// The position of a letter in the alphabet: 'a' and 'A' give 0, 'b' and
/// 'B' give 1, ..., 'z' and 'Z' give 25. Anything that is not one of those
/// 52 letters: std::invalid_argument naming it in describe_character's
/// words: "letter_index: '3' is not a letter (a to z or A to Z)".
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
/// 0 gives 'a', 25 gives 'z'. An index of 26 or more: std::invalid_argument,
/// "letter_at: index 26 is outside the alphabet (0 to 25)".
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
// Your work: the classifier.
// ---------------------------------------------------------------------------

/// A new, untrained classifier: make_network({26, hidden_size, 26}, relu,
/// identity, rng), its weights drawn from the caller's rng, which training
/// then goes on using for the shuffles. A hidden size of 0 or above
/// kMaxLayerSize: require_hidden_size's std::invalid_argument.
/// Exercise: lesson.md 7.3, The classifier
inline LetterClassifier make_classifier(Rng& rng, std::size_t hidden_size = kHiddenSize) {
    require_hidden_size("make_classifier", hidden_size);
    LetterClassifier classifier;
    classifier.network = make_network({kLetterCount, hidden_size, kLetterCount}, Activation::relu,
                                      Activation::identity, rng);
    return classifier;
}

/// Trains the classifier on letter_dataset() with chapter 6's train and its
/// own train_step, at the settings' learning rate for the settings' epochs,
/// shuffling with rng. Returns the loss of every epoch; on_epoch (if given)
/// hears about each one as it ends. Settings out of range:
/// require_training_settings's std::invalid_argument, before any training.
/// Exercise: lesson.md 7.3, The classifier
inline std::vector<double> train_classifier(LetterClassifier& classifier,
                                            const TrainingSettings& settings, Rng& rng,
                                            const EpochCallback& on_epoch = nullptr) {
    require_training_settings("train_classifier", settings);
    return train(classifier.network, letter_dataset(), settings.learning_rate, settings.epochs, rng,
                 on_epoch);
}

/// The classifier's answer for one letter (either case): the 26
/// probabilities softmax(forward(network, encode_letter(c))) and the most
/// probable letter, in lower case. A character that is not a letter:
/// letter_index's std::invalid_argument.
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
/// std::invalid_argument, "top_letters: needs 26 probabilities and k <= 26,
/// got (25) and k = 3".
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
// Your work: the model file. Lesson 7.6 has the byte layout:
//   "MLPF"  version  L  size[0] ... size[L]  activation[0] ... activation[L-1]
//   parameters (float32): layer 0's weights row by row, then its biases, ...
//   checksum: fnv1a32 of every byte before it
// Every number but the parameters is a u32. The format's constants
// (kModelMagic, kModelVersion, the bounds), put_u32 and the other byte
// helpers are in model_file_io.hpp.
// ---------------------------------------------------------------------------

/// The network as the bytes of a model file, in the layout above: the sizes
/// are the inputs of layer 0, then each layer's outputs; an activation is
/// its number in the Activation enum; a parameter is put_f32 of
/// static_cast<float>. A network with no layers: std::invalid_argument,
/// "model_bytes: the network has no layers".
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

/// Saves the classifier's network to `path`: model_bytes, then
/// write_file_atomically. Any failure: write_file_atomically's
/// ModelFileError, which names the path and what went wrong.
/// Exercise: lesson.md 7.6, Saving the model
inline void save_classifier(const LetterClassifier& classifier, const std::string& path) {
    write_file_atomically(path, model_bytes(classifier.network));
}

/// The shape a model file's header claims, before any parameter is read.
struct ModelShape {
    std::vector<std::size_t> sizes;       // inputs of layer 0, then each layer's outputs
    std::vector<Activation> activations;  // one per layer
};

/// Reads and checks the first 8 bytes: the file has bytes at all ("it is
/// empty"), at least the magic's 4 ("it is only 3 bytes, too short to be a
/// model file"), starts with the magic ("it is not a model file (it does not
/// start with MLPF)"), and its version is kModelVersion ("it has format
/// version 2; this program reads version 1"). Any problem, read_u32's when
/// the bytes end first: ModelFileError. Afterwards the reader is at byte 8.
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline void read_model_header(ByteReader& reader) {
    const Bytes& bytes = reader.bytes;
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
    reader.at = 4;
    const std::uint32_t version = read_u32(reader);
    if (version != kModelVersion) {
        throw ModelFileError("it has format version " + std::to_string(version) +
                             "; this program reads version " + std::to_string(kModelVersion));
    }
}

/// Reads and checks the layer count L (1 to kMaxLayers: "it claims 0
/// layers; a model has 1 to 16"), the L + 1 sizes (each 1 to kMaxLayerSize:
/// "it claims a layer size of 5000; sizes are 1 to 4096") and the L
/// activations (each a known one: "it names an unknown activation 7").
/// Any problem, read_u32's when the bytes end first: ModelFileError.
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline ModelShape read_model_shape(ByteReader& reader) {
    const std::size_t layer_count = read_u32(reader);
    if (layer_count == 0 || layer_count > kMaxLayers) {
        throw ModelFileError("it claims " + std::to_string(layer_count) +
                             " layers; a model has 1 to " + std::to_string(kMaxLayers));
    }
    ModelShape shape;
    for (std::size_t l = 0; l <= layer_count; ++l) {
        const std::size_t size = read_u32(reader);
        if (size == 0 || size > kMaxLayerSize) {
            throw ModelFileError("it claims a layer size of " + std::to_string(size) +
                                 "; sizes are 1 to " + std::to_string(kMaxLayerSize));
        }
        shape.sizes.push_back(size);
    }
    for (std::size_t l = 0; l < layer_count; ++l) {
        const std::uint32_t code = read_u32(reader);
        if (code > static_cast<std::uint32_t>(Activation::relu)) {
            throw ModelFileError("it names an unknown activation " + std::to_string(code));
        }
        shape.activations.push_back(static_cast<Activation>(code));
    }
    return shape;
}

/// The layers of a model of this shape, in the layout above, each parameter
/// read with read_f32 and kept as a double. A parameter that is not a finite
/// number: ModelFileError, "parameter 7 is not a finite number (NaN or
/// infinity)", counting from 0 across the whole file.
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline Network read_model_layers(ByteReader& reader, const ModelShape& shape) {
    Network network;
    std::size_t index = 0;  // of the parameter, across all layers
    const auto next = [&reader, &index]() {
        const double value = read_f32(reader);
        if (!std::isfinite(value)) {
            throw ModelFileError("parameter " + std::to_string(index) +
                                 " is not a finite number (NaN or infinity)");
        }
        ++index;
        return value;
    };
    for (std::size_t l = 0; l < shape.activations.size(); ++l) {
        Layer layer;
        layer.weights = Matrix(shape.sizes[l + 1], shape.sizes[l]);
        for (double& w : layer.weights.data) {
            w = next();
        }
        layer.biases = Vector(shape.sizes[l + 1]);
        for (double& b : layer.biases) {
            b = next();
        }
        layer.activation = shape.activations[l];
        network.layers.push_back(layer);
    }
    return network;
}

/// The network a model file's bytes describe, checked in this order with a
/// ModelFileError at the first problem: the header (read_model_header's
/// checks), the shape (read_model_shape's), then the total length, exactly
/// model_file_size(shape.sizes), before anything is allocated by those
/// sizes ("it is 100 bytes long, but a model of these sizes takes 13708: it
/// was cut short (truncated)", or "...: it has extra bytes at the end"),
/// then the checksum ("its checksum does not match: the file is
/// corrupted"). Only then are the layers read (read_model_layers's checks).
/// Exercise: lesson.md 7.7, Loading, and trusting nothing
inline Network network_from_bytes(const Bytes& bytes) {
    ByteReader reader{bytes, 0};
    read_model_header(reader);
    const ModelShape shape = read_model_shape(reader);
    const std::size_t expected = model_file_size(shape.sizes);
    if (bytes.size() != expected) {
        throw ModelFileError("it is " + std::to_string(bytes.size()) +
                             " bytes long, but a model of these sizes takes " +
                             std::to_string(expected) +
                             (bytes.size() < expected ? ": it was cut short (truncated)"
                                                      : ": it has extra bytes at the end"));
    }
    ByteReader checksum{bytes, bytes.size() - 4};
    if (read_u32(checksum) != fnv1a32(bytes, bytes.size() - 4)) {
        throw ModelFileError("its checksum does not match: the file is corrupted");
    }
    return read_model_layers(reader, shape);
}

/// A classifier from a model file: read_file_bytes(path), then
/// network_from_bytes, then a check that it is a letter classifier (two
/// layers, 26 -> hidden -> 26, relu then identity). Any problem:
/// ModelFileError whose message starts with the path, once: read_file_bytes's
/// messages already do, and network_from_bytes's get the path and ": " in
/// front, such as "model.bin: it is empty" or "model.bin: it holds a 26 ->
/// 64 relu -> 10 identity network, not a letter classifier".
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
    return classifier;
}

}  // namespace mlp

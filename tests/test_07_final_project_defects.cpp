// Chapter 7 tests, part 4: damaged model files, each refused for the damage
// it has. Every file here is written by the tests' own byte writer and its
// checksum is computed again after the damage (chapter7::with_checksum), so
// a loader that skipped the check the test is named for could not fall back
// on a wrong checksum: only the check itself can refuse the file, and its
// message must say why. Each limit is tried at the limit (the file loads)
// and one past it, at the first, an inner and the last place it applies.
// Then the three readers network_from_bytes is made of, one at a time.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "07_final_project.hpp"
#include "chapter7_helpers.hpp"
#include "tutor.hpp"

using chapter7::append_u32;
using chapter7::crafted_model;
using chapter7::expect_model_error;
using chapter7::model_body;
using chapter7::set_parameter_bits;
using chapter7::set_u32;
using chapter7::TempDir;
using chapter7::with_checksum;
using chapter7::write_bytes;
using mlp::Bytes;
using mlp::Vector;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

constexpr std::uint32_t kRelu = 2;
constexpr std::uint32_t kIdentity = 0;
constexpr std::uint32_t kNaN = 0x7FC00000u;
constexpr std::uint32_t kPlusInfinity = 0x7F800000u;
constexpr std::uint32_t kMinusInfinity = 0xFF800000u;

std::string sizes_text(const std::vector<std::uint32_t>& sizes) {
    std::string text;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        text += (i ? " -> " : "") + std::to_string(sizes[i]);
    }
    return text;
}

// n + 1 sizes of 2 and n layers, relu then identity at the end.
void chain(std::size_t layers, std::vector<std::uint32_t>& sizes,
           std::vector<std::uint32_t>& activations) {
    sizes.assign(layers + 1, 2);
    activations.assign(layers, kRelu);
    activations.back() = kIdentity;
}

// The number of layers a file gave, or a failure naming what it threw.
std::size_t loaded_layers(const Bytes& bytes, const std::string& what) {
    try {
        return mlp::network_from_bytes(bytes).layers.size();
    } catch (const mlp::ModelFileError& error) {
        ADD_FAILURE() << what << " should load, but was refused: \"" << error.what() << "\""
                      << tutor::where("7.7");
    }
    return 0;
}

}  // namespace

// ---------------------------------------------------------------------------
// Layer sizes: 1 to 4096, at every place
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFileDefects, ALayerOfExactly4096LoadsWhereverItIs, "mlp::network_from_bytes",
           "7.7") {
    // 4096 inputs, 4096 hidden units, 4096 outputs: each at the limit itself.
    const std::vector<std::vector<std::uint32_t>> shapes = {
        {4096, 1, 3}, {3, 4096, 1}, {2, 1, 4096}};
    for (const std::vector<std::uint32_t>& sizes : shapes) {
        const std::string what = "a " + sizes_text(sizes) + " model file";
        if (loaded_layers(crafted_model(sizes, {kRelu, kIdentity}), what) == 0) {
            return;
        }
    }
    const mlp::Network network =
        mlp::network_from_bytes(crafted_model({3, 4096, 1}, {kRelu, kIdentity}));
    expect_true(network.layers.size() == 2 && network.layers[0].weights.rows == 4096 &&
                    network.layers[1].weights.cols == 4096,
                "a 3 -> 4096 -> 1 model file should give layers of (4096 x 3) and (1 x 4096)",
                "7.7");
}

TUTOR_TEST(ModelFileDefects, ALayerOf4097IsRefusedWhereverItIs, "mlp::network_from_bytes", "7.7") {
    // Right length, right checksum: only the size check can refuse these.
    const std::vector<std::vector<std::uint32_t>> shapes = {
        {4097, 1, 3}, {3, 4097, 1}, {2, 1, 4097}};
    for (const std::vector<std::uint32_t>& sizes : shapes) {
        const Bytes bytes = crafted_model(sizes, {kRelu, kIdentity});
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {"it claims a layer size of 4097", "sizes are 1 to 4096"},
                           "network_from_bytes of a " + sizes_text(sizes) + " model file", "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, ALayerOfZeroIsRefusedWhereverItIs, "mlp::network_from_bytes", "7.7") {
    const std::vector<std::vector<std::uint32_t>> shapes = {{0, 3, 2}, {3, 0, 2}, {3, 2, 0}};
    for (const std::vector<std::uint32_t>& sizes : shapes) {
        const Bytes bytes = crafted_model(sizes, {kRelu, kIdentity});
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {"it claims a layer size of 0", "sizes are 1 to 4096"},
                           "network_from_bytes of a " + sizes_text(sizes) + " model file", "7.7");
    }
}

// ---------------------------------------------------------------------------
// The layer count: 1 to 16
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFileDefects, OneAndSixteenLayersLoad, "mlp::network_from_bytes", "7.7") {
    for (const std::size_t layers : {std::size_t{1}, std::size_t{16}}) {
        std::vector<std::uint32_t> sizes;
        std::vector<std::uint32_t> activations;
        chain(layers, sizes, activations);
        const std::size_t got =
            loaded_layers(crafted_model(sizes, activations),
                          "a model file of " + std::to_string(layers) + " layers of 2 -> 2");
        expect_true(got == 0 || got == layers,
                    "a model file of " + std::to_string(layers) + " layers gave " +
                        std::to_string(got) + " layers",
                    "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, ZeroAndSeventeenLayersAreRefused, "mlp::network_from_bytes", "7.7") {
    std::vector<std::uint32_t> sizes;
    std::vector<std::uint32_t> activations;
    chain(17, sizes, activations);
    const Bytes seventeen = crafted_model(sizes, activations);
    expect_model_error([&] { mlp::network_from_bytes(seventeen); },
                       {"it claims 17 layers", "a model has 1 to 16"},
                       "network_from_bytes of a model file of 17 layers of 2 -> 2", "7.7");
    // Zero layers: a count of 0 and one size, nothing else, checksum right.
    const Bytes zero = crafted_model({3}, {});
    expect_model_error([&] { mlp::network_from_bytes(zero); },
                       {"it claims 0 layers", "a model has 1 to 16"},
                       "network_from_bytes of a model file of 0 layers", "7.7");
}

TUTOR_TEST(ModelFileDefects, ACountBelowTheLayersThatFollowIsRefused, "mlp::network_from_bytes",
           "7.7") {
    // The count says 2 but three layers follow: read as 2 layers, the sizes
    // and activations shift by one number and the file is longer than such
    // a model. Right checksum.
    Bytes body = model_body({3, 2, 2, 2}, {kRelu, kRelu, kIdentity});
    set_u32(body, 8, 2);
    const Bytes bytes = with_checksum(body);
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {"extra bytes at the end"},
                       "network_from_bytes of a file whose count says 2 layers but holds 3", "7.7");
}

// ---------------------------------------------------------------------------
// Extra and missing bytes, with the checksum computed again
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFileDefects, ExtraBytesAreRefusedEvenUnderARightChecksum, "mlp::network_from_bytes",
           "7.7") {
    // 26 -> 4 -> 26: 32 header bytes + 4 * (4 * 26 + 4 + 26 * 4 + 26) = 4 * 238
    // parameter bytes + 4 checksum bytes = 988. One extra byte makes 989, one
    // extra parameter 992.
    for (const std::size_t extra : {std::size_t{1}, std::size_t{4}}) {
        Bytes body = model_body({26, 4, 26}, {kRelu, kIdentity});
        body.insert(body.end(), extra, 0);
        const Bytes bytes = with_checksum(body);
        const std::string length = "it is " + std::to_string(988 + extra) + " bytes long";
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {length, "takes 988", "extra bytes at the end"},
                           "network_from_bytes of a 26 -> 4 -> 26 file with " +
                               std::to_string(extra) + " extra byte(s) and a right checksum",
                           "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, MissingBytesAreRefusedEvenUnderARightChecksum,
           "mlp::network_from_bytes", "7.7") {
    // The same file, 988 bytes when whole, without its last byte or its last parameter.
    for (const std::size_t missing : {std::size_t{1}, std::size_t{4}}) {
        Bytes body = model_body({26, 4, 26}, {kRelu, kIdentity});
        body.resize(body.size() - missing);
        const Bytes bytes = with_checksum(body);
        const std::string length = "it is " + std::to_string(988 - missing) + " bytes long";
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {length, "takes 988", "cut short (truncated)"},
                           "network_from_bytes of a 26 -> 4 -> 26 file short of " +
                               std::to_string(missing) + " byte(s), with a right checksum",
                           "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, AWholeFileWithOnlyItsChecksumWrongIsRefusedForTheChecksum,
           "mlp::network_from_bytes", "7.7") {
    Bytes bytes = crafted_model({26, 4, 26}, {kRelu, kIdentity});
    bytes.back() ^= 0x80;  // the checksum's last byte, nothing else
    expect_model_error(
        [&] { mlp::network_from_bytes(bytes); }, {"its checksum does not match", "corrupted"},
        "network_from_bytes of a whole file whose checksum is off by one bit", "7.7");
}

// ---------------------------------------------------------------------------
// Parameters that are not numbers, at the first, an inner and the last place
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFileDefects, AParameterThatIsNotAFiniteNumberIsRefusedWhereverItIs,
           "mlp::network_from_bytes", "7.7") {
    // 2 -> 2 -> 2: parameters 0-3 are layer 0's W, 4-5 its b, 6-9 layer 1's
    // W, 10-11 its b. Right checksum every time.
    const std::vector<std::uint32_t> sizes{2, 2, 2};
    const std::pair<std::size_t, std::uint32_t> cases[] = {
        {0, kNaN}, {5, kMinusInfinity}, {6, kPlusInfinity}, {11, kNaN}};
    for (const auto& [index, bits] : cases) {
        Bytes body = model_body(sizes, {kRelu, kIdentity});
        set_parameter_bits(body, sizes, index, bits);
        const Bytes bytes = with_checksum(body);
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {"parameter " + std::to_string(index) + " is not a finite number"},
                           "network_from_bytes of a 2 -> 2 -> 2 file whose parameter " +
                               std::to_string(index) + " is " + (bits == kNaN ? "NaN" : "infinite"),
                           "7.7");
    }
}

// ---------------------------------------------------------------------------
// The header: magic, version, activations
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFileDefects, AMagicWrongInItsFirstOrLastLetterIsRefused, "mlp::network_from_bytes",
           "7.7") {
    for (const std::size_t letter : {std::size_t{0}, std::size_t{3}}) {
        Bytes body = model_body({26, 4, 26}, {kRelu, kIdentity});
        body[letter] = 'X';
        const Bytes bytes = with_checksum(body);
        expect_model_error([&] { mlp::network_from_bytes(bytes); },
                           {"it is not a model file (it does not start with MLPF)"},
                           "network_from_bytes of a file starting with " +
                               std::string(bytes.begin(), bytes.begin() + 4),
                           "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, VersionsZeroAndTwoAreRefused, "mlp::network_from_bytes", "7.7") {
    for (const std::uint32_t version : {0u, 2u}) {
        const Bytes bytes = crafted_model({26, 4, 26}, {kRelu, kIdentity}, version);
        expect_model_error(
            [&] { mlp::network_from_bytes(bytes); },
            {"it has format version " + std::to_string(version), "this program reads version 1"},
            "network_from_bytes of a version " + std::to_string(version) + " file", "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, AnUnknownActivationIsRefusedInTheFirstAndTheLastLayer,
           "mlp::network_from_bytes", "7.7") {
    // 3 is the first code after relu (2).
    const std::vector<std::vector<std::uint32_t>> codes = {{3, kIdentity}, {kRelu, 3}};
    for (const std::vector<std::uint32_t>& activations : codes) {
        const Bytes bytes = crafted_model({26, 4, 26}, activations);
        expect_model_error(
            [&] { mlp::network_from_bytes(bytes); }, {"it names an unknown activation 3"},
            "network_from_bytes of a file whose layer " +
                std::string(activations[0] == 3 ? "0" : "1") + " has the activation code 3",
            "7.7");
    }
}

TUTOR_TEST(ModelFileDefects, FilesTooShortForAHeaderAreRefusedSayingSo, "mlp::network_from_bytes",
           "7.7") {
    expect_model_error([] { mlp::network_from_bytes({}); }, {"it is empty"},
                       "network_from_bytes of no bytes", "7.7");
    expect_model_error(
        [] {
            mlp::network_from_bytes({'M', 'L', 'P'});
        },
        {"it is only 3 bytes, too short to be a model file"}, "network_from_bytes of \"MLP\"",
        "7.7");
    expect_model_error(
        [] {
            mlp::network_from_bytes({'M', 'L', 'P', 'F'});
        },
        {"it ends early: 4 bytes, truncated at byte 4"},
        "network_from_bytes of \"MLPF\" and nothing else", "7.7");
}

// ---------------------------------------------------------------------------
// Through load_classifier, as files
// ---------------------------------------------------------------------------

TUTOR_TRAINING_TEST(ModelFileDefects, TheLargestClassifierTheProgramMakesSavesAndLoads,
                    "mlp::load_classifier", "7.7") {
    // make_classifier accepts a hidden size of 4096, so a model of that size
    // must come back from its own file (868,492 bytes: 140 + 212 * 4096).
    TempDir dir;
    mlp::Rng rng{mlp::kSeed};
    const mlp::LetterClassifier largest = mlp::make_classifier(rng, 4096);
    const std::string path = dir.file("largest.model");
    mlp::save_classifier(largest, path);
    expect_true(std::filesystem::file_size(path) == 868492,
                "the 26 -> 4096 -> 26 model file should be 868,492 bytes", "7.6");
    const mlp::LetterClassifier loaded = mlp::load_classifier(path);
    expect_true(loaded.network.layers.size() == 2 && loaded.network.layers[0].weights.rows == 4096,
                "the 26 -> 4096 -> 26 classifier should load with its 4096 hidden units", "7.7");
}

TUTOR_TEST(ModelFileDefects, AFileOfExactlyTheSizeLimitIsReadAndJudgedByItsContents,
           "mlp::load_classifier", "7.7") {
    // A 26 -> 64 -> 26 header followed by zeros up to exactly 16 MiB: the size
    // limit lets it through, and the length check refuses it.
    TempDir dir;
    const std::string path = dir.file("huge.model");
    Bytes header = {'M', 'L', 'P', 'F'};
    for (const std::uint32_t value : {1u, 2u, 26u, 64u, 26u, kRelu, kIdentity}) {
        append_u32(header, value);
    }
    write_bytes(path, header);
    std::filesystem::resize_file(path, mlp::kMaxModelFileBytes);
    expect_model_error([&] { mlp::load_classifier(path); },
                       {path, "it is 16777216 bytes long", "takes 13708"},
                       "load_classifier of a file of exactly 16 MiB", "7.7");
}

// ---------------------------------------------------------------------------
// The three readers, one at a time
// ---------------------------------------------------------------------------

TUTOR_TEST(ReadModelHeader, ChecksTheMagicAndTheVersionAndMovesToByte8, "mlp::read_model_header",
           "7.7") {
    const Bytes good = crafted_model({26, 4, 26}, {kRelu, kIdentity});
    mlp::ByteReader reader{good, 0};
    mlp::read_model_header(reader);
    expect_true(reader.at == 8,
                "after read_model_header the reader should be at byte 8 (magic and version "
                "read), is at " +
                    std::to_string(reader.at),
                "7.7");
    const Bytes empty;
    mlp::ByteReader none{empty, 0};
    expect_model_error([&] { mlp::read_model_header(none); }, {"it is empty"},
                       "read_model_header of no bytes", "7.7");
    const Bytes three = {'M', 'L', 'P'};
    mlp::ByteReader short_reader{three, 0};
    expect_model_error([&] { mlp::read_model_header(short_reader); },
                       {"it is only 3 bytes, too short to be a model file"},
                       "read_model_header of \"MLP\"", "7.7");
    const Bytes later = crafted_model({26, 4, 26}, {kRelu, kIdentity}, 2);
    mlp::ByteReader newer{later, 0};
    expect_model_error([&] { mlp::read_model_header(newer); },
                       {"it has format version 2", "this program reads version 1"},
                       "read_model_header of a version 2 file", "7.7");
}

TUTOR_TEST(ReadModelShape, ReadsTheCountEverySizeAndEveryActivation, "mlp::read_model_shape",
           "7.7") {
    const Bytes bytes = crafted_model({26, 64, 5, 26}, {kRelu, 1, kIdentity});
    mlp::ByteReader reader{bytes, 8};
    const mlp::ModelShape shape = mlp::read_model_shape(reader);
    expect_true(shape.sizes == std::vector<std::size_t>{26, 64, 5, 26},
                "read_model_shape of a 26 -> 64 -> 5 -> 26 file should give all four sizes, the "
                "last one included",
                "7.7");
    expect_true(shape.activations == std::vector<mlp::Activation>{mlp::Activation::relu,
                                                                  mlp::Activation::sigmoid,
                                                                  mlp::Activation::identity},
                "read_model_shape should give the activations relu, sigmoid, identity", "7.7");
    // count, 4 sizes and 3 activations after byte 8: 8 + 4 * (1 + 4 + 3) = 40
    expect_true(reader.at == 40,
                "after read_model_shape the reader should be at byte 40, the first parameter, "
                "is at " +
                    std::to_string(reader.at),
                "7.7");
}

TUTOR_TEST(ReadModelShape, RefusesACountOrASizeOutOfRange, "mlp::read_model_shape", "7.7") {
    std::vector<std::uint32_t> sizes;
    std::vector<std::uint32_t> activations;
    chain(17, sizes, activations);
    const Bytes seventeen = crafted_model(sizes, activations);
    mlp::ByteReader too_many{seventeen, 8};
    expect_model_error([&] { mlp::read_model_shape(too_many); },
                       {"it claims 17 layers; a model has 1 to 16"},
                       "read_model_shape of a count of 17", "7.7");
    const Bytes last_too_large = crafted_model({2, 3, 4097}, {kRelu, kIdentity});
    mlp::ByteReader last{last_too_large, 8};
    expect_model_error([&] { mlp::read_model_shape(last); },
                       {"it claims a layer size of 4097; sizes are 1 to 4096"},
                       "read_model_shape of 2 -> 3 -> 4097 (the last size too large)", "7.7");
    const Bytes last_unknown = crafted_model({2, 3, 2}, {kRelu, 3});
    mlp::ByteReader unknown{last_unknown, 8};
    expect_model_error([&] { mlp::read_model_shape(unknown); },
                       {"it names an unknown activation 3"},
                       "read_model_shape of a last layer with the activation code 3", "7.7");
}

TUTOR_TEST(ReadModelLayers, ReadsWeightsRowByRowThenBiasesLayerByLayer, "mlp::read_model_layers",
           "7.7") {
    // 2 -> 2 -> 2 with the parameters 1, 2, ..., 12 in file order:
    //   layer 0: W = [[1, 2], [3, 4]], b = [5, 6]; layer 1: W = [[7, 8], [9, 10]], b = [11, 12]
    const std::vector<std::uint32_t> sizes{2, 2, 2};
    Bytes body = model_body(sizes, {kRelu, kIdentity});
    for (std::size_t i = 0; i < 12; ++i) {
        const float value = static_cast<float>(i + 1);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        set_parameter_bits(body, sizes, i, bits);
    }
    mlp::ByteReader reader{body, 32};
    const mlp::ModelShape shape{{2, 2, 2}, {mlp::Activation::relu, mlp::Activation::identity}};
    const mlp::Network network = mlp::read_model_layers(reader, shape);
    if (network.layers.size() != 2) {
        expect_true(false, "read_model_layers of a 2-layer shape should give 2 layers", "7.7");
        return;
    }
    expect_vector_near(network.layers[0].weights.data, {1, 2, 3, 4}, "layer 0's W, row by row",
                       "7.7");
    expect_vector_near(network.layers[0].biases, {5, 6}, "layer 0's b (after its weights)", "7.7");
    expect_vector_near(network.layers[1].weights.data, {7, 8, 9, 10}, "layer 1's W", "7.7");
    expect_vector_near(network.layers[1].biases, {11, 12}, "layer 1's b, the last parameters",
                       "7.7");
    expect_true(network.layers[0].activation == mlp::Activation::relu &&
                    network.layers[1].activation == mlp::Activation::identity,
                "the layers should take the shape's activations, relu then identity", "7.7");
    expect_true(reader.at == 80, "after the 12 parameters the reader should be at byte 80", "7.7");
}

TUTOR_TEST(ReadModelLayers, RefusesTheLastParameterWhenItIsNotANumber, "mlp::read_model_layers",
           "7.7") {
    const std::vector<std::uint32_t> sizes{2, 2, 2};
    Bytes body = model_body(sizes, {kRelu, kIdentity});
    set_parameter_bits(body, sizes, 11, kNaN);
    mlp::ByteReader reader{body, 32};
    const mlp::ModelShape shape{{2, 2, 2}, {mlp::Activation::relu, mlp::Activation::identity}};
    expect_model_error([&] { mlp::read_model_layers(reader, shape); },
                       {"parameter 11 is not a finite number (NaN or infinity)"},
                       "read_model_layers with parameter 11, the last, NaN", "7.7");
}

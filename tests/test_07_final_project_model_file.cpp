// Chapter 7 tests, part 2: the model file, saved and loaded (part 1 is
// test_07_final_project.cpp). The model files these tests craft are written
// byte by byte by the tests' own few lines (and their own checksum), never
// by the code under test.
#include "07_final_project.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "chapter7_helpers.hpp"
#include "tutor.hpp"

using chapter7::append_u32;
using chapter7::crafted_model;
using chapter7::default_classifier;
using chapter7::expect_letter;
using chapter7::expect_model_error;
using chapter7::folder_listing;
using chapter7::our_fnv1a;
using chapter7::quoted;
using chapter7::read_bytes;
using chapter7::TempDir;
using chapter7::write_bytes;
using mlp::Bytes;
using mlp::Vector;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

// ---------------------------------------------------------------------------
// 7.6 Saving the model
// ---------------------------------------------------------------------------

TUTOR_TEST(ModelFile, LayoutOfATinyNetworkByteByByte, "mlp::model_bytes", "7.6") {
    // 2 -> 1 relu -> 2 identity: W1 = [0.5, -2], b1 = [1]; W2 = [[0.1], [1]], b2 = [0, -1].
    mlp::Network tiny;
    mlp::Layer first;
    first.weights = mlp::Matrix(1, 2, {0.5, -2.0});
    first.biases = {1.0};
    first.activation = mlp::Activation::relu;
    mlp::Layer second;
    second.weights = mlp::Matrix(2, 1, {0.1, 1.0});
    second.biases = {0.0, -1.0};
    second.activation = mlp::Activation::identity;
    tiny.layers = {first, second};

    Bytes expected = {
        'M',  'L',  'P',  'F',                           // 0: magic
        1,    0,    0,    0,                             // 4: version 1
        2,    0,    0,    0,                             // 8: 2 layers
        2,    0,    0,    0,    1, 0, 0, 0, 2, 0, 0, 0,  // 12: sizes 2, 1, 2
        2,    0,    0,    0,    0, 0, 0, 0,              // 24: relu (2), identity (0)
        0x00, 0x00, 0x00, 0x3F,  // 32: 0.5f  = 0x3F000000, lowest byte first
        0x00, 0x00, 0x00, 0xC0,  // 36: -2.0f = 0xC0000000
        0x00, 0x00, 0x80, 0x3F,  // 40: 1.0f  = 0x3F800000 (b1)
        0xCD, 0xCC, 0xCC, 0x3D,  // 44: 0.1f  = 0x3DCCCCCD (0.1 rounded to float32)
        0x00, 0x00, 0x80, 0x3F,  // 48: 1.0f
        0x00, 0x00, 0x00, 0x00,  // 52: 0.0f (b2[0])
        0x00, 0x00, 0x80, 0xBF,  // 56: -1.0f = 0xBF800000 (b2[1])
    };
    append_u32(expected, our_fnv1a(expected));  // 60: the checksum of bytes 0 to 59

    const Bytes actual = mlp::model_bytes(tiny);
    if (actual.size() != expected.size()) {
        ADD_FAILURE() << "model_bytes of a 2 -> 1 -> 2 network: expected 64 bytes (32 header + "
                      << "7 parameters x 4 + 4 checksum), got " << actual.size()
                      << tutor::where("7.6");
        return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (actual[i] != expected[i]) {
            const char* field = i < 4    ? "the magic"
                                : i < 8  ? "the version"
                                : i < 12 ? "the layer count"
                                : i < 24 ? "the sizes"
                                : i < 32 ? "the activations"
                                : i < 60 ? "the float32 parameters"
                                         : "the checksum";
            ADD_FAILURE() << "model_bytes of a 2 -> 1 -> 2 network: byte " << i << " (in " << field
                          << ") is " << int{actual[i]} << ", expected " << int{expected[i]}
                          << tutor::where("7.6")
                          << (i >= 32 && i < 60 ? " Hint: lowest byte first, and weights "
                                                  "before biases, layer by layer."
                                                : "");
            return;
        }
    }
}

TUTOR_TEST(ModelFile, DefaultModelIs13708BytesUnder14KB, "mlp::model_bytes", "7.6") {
    const mlp::LetterClassifier classifier = default_classifier();
    // 32 header (magic, version, count, 3 sizes, 2 activations: 8 u32)
    // + 3418 parameters x 4 bytes = 13672 + 4 checksum = 13708
    const std::size_t size = mlp::model_bytes(classifier.network).size();
    expect_near(
        static_cast<double>(size), 13708, "bytes in the default model's file", "7.6",
        {{{27380}, "8 bytes per parameter (32 + 3418 x 8 + 4): store float32, not double."}});
    expect_true(size < 14000, "the default model's file should stay under 14,000 bytes", "7.6");
}

TUTOR_TRAINING_TEST(ModelFile, SaveThenLoadGivesTheSamePredictions,
                    "mlp::save_classifier and load_classifier", "7.7") {
    TempDir dir;
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier trained = mlp::make_classifier(rng);
    mlp::train_classifier(trained, {20, 0.1}, rng);
    const std::string path = dir.file("letters.model");
    mlp::save_classifier(trained, path);
    mlp::LetterClassifier loaded = mlp::load_classifier(path);

    // The file holds float32: every weight comes back as its float32 rounding.
    ASSERT_EQ(loaded.network.layers.size(), 2u) << tutor::where("7.7");
    bool rounded = true;
    for (std::size_t l = 0; l < 2; ++l) {
        const Vector& before = trained.network.layers[l].weights.data;
        const Vector& after = loaded.network.layers[l].weights.data;
        rounded = rounded && before.size() == after.size();
        for (std::size_t i = 0; rounded && i < before.size(); ++i) {
            rounded = after[i] == static_cast<double>(static_cast<float>(before[i]));
        }
    }
    expect_true(rounded,
                "after loading, each weight should be the float32 rounding of the saved one",
                "7.7");
    expect_true(loaded.network.layers[0].weights.rows == 64,
                "the loaded network's hidden layer should have 64 units", "7.7");
    for (char letter = 'a'; letter <= 'z'; ++letter) {
        const mlp::Prediction want = mlp::predict(trained, letter);
        const mlp::Prediction got = mlp::predict(loaded, letter);
        expect_letter(got.letter, want.letter,
                      std::string("the loaded model's answer to ") + quoted(letter), "7.7");
        expect_vector_near(got.probabilities, want.probabilities,
                           std::string("the loaded model's probabilities for ") + quoted(letter),
                           "7.7", {}, 1e-5);
    }
}

TUTOR_TEST(ModelFile, SavingReplacesAnOldFileAndLeavesNothingElse, "mlp::save_classifier", "7.6") {
    TempDir dir;
    const std::string path = dir.file("model.bin");
    write_bytes(path, Bytes(100, 0xAB));  // an old file in the way
    const mlp::LetterClassifier classifier = default_classifier();
    mlp::save_classifier(classifier, path);
    expect_true(std::filesystem::file_size(path) == 13708,
                "save_classifier over an old 100-byte file should leave the 13,708-byte model, "
                "found " +
                    std::to_string(std::filesystem::file_size(path)) + " bytes",
                "7.6");
    expect_true(folder_listing(dir.file("")) == std::vector<std::string>{"model.bin"},
                "save_classifier should leave model.bin and no temporary file beside it", "7.6");
}

TUTOR_TEST(ModelFile, SavingIntoAMissingFolderIsAClearError, "mlp::save_classifier", "7.6") {
    TempDir dir;
    const std::string path = dir.file("no_such_folder") + "/model.bin";
    const mlp::LetterClassifier classifier = default_classifier();
    expect_model_error([&] { mlp::save_classifier(classifier, path); },
                       {"no_such_folder", "cannot write in"},
                       "save_classifier into a folder that does not exist", "7.6");
    expect_true(!std::filesystem::exists(dir.file("no_such_folder")),
                "a failed save should create nothing", "7.6");
}

TUTOR_TEST(ModelFile, SavingOverAFolderIsAClearErrorAndKeepsTheFolder, "mlp::save_classifier",
           "7.6") {
    TempDir dir;
    const std::string path = dir.file("a_folder");
    std::filesystem::create_directory(path);
    const mlp::LetterClassifier classifier = default_classifier();
    expect_model_error([&] { mlp::save_classifier(classifier, path); }, {path, "is a folder"},
                       "save_classifier onto an (empty) folder", "7.6");
    expect_true(std::filesystem::is_directory(path) &&
                    folder_listing(dir.file("")) == std::vector<std::string>{"a_folder"},
                "a failed save must leave the folder as it was and nothing beside it", "7.6");
}

// ---------------------------------------------------------------------------
// 7.7 Loading, and trusting nothing
// ---------------------------------------------------------------------------

TUTOR_TEST(LoadErrors, MissingFileIsAClearError, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("absent.model");
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "no such file"},
                       "load_classifier of a file that does not exist", "7.7");
}

TUTOR_TEST(LoadErrors, EmptyFileIsAClearError, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("empty.model");
    write_bytes(path, {});
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "empty"},
                       "load_classifier of an empty file", "7.7");
}

// The path starts the message once, whoever found the problem: the file
// system (read_file_bytes writes the path itself) or the bytes
// (network_from_bytes does not know it, so load_classifier puts it in front).
TUTOR_TEST(LoadErrors, TheMessageStartsWithThePathOnce, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string absent = dir.file("absent.model");
    const std::string empty = dir.file("empty.model");
    write_bytes(empty, {});
    for (const std::string& path : {absent, empty}) {
        std::string message = "(nothing was thrown)";
        try {
            mlp::load_classifier(path);
        } catch (const mlp::ModelFileError& error) {
            message = error.what();
        }
        const bool starts = message.rfind(path + ": ", 0) == 0;
        const bool again = message.find(path, path.size()) != std::string::npos;
        if (!starts || again) {
            ADD_FAILURE() << "load_classifier(\"" << path << "\") should give a message that "
                          << "starts with \"" << path << ": \" and names the path only there, "
                          << "but it says \"" << message << "\"" << tutor::where("7.7")
                          << (again ? " Hint: read_file_bytes's messages already start with the "
                                      "path; put it in front of network_from_bytes's only."
                                    : "");
        }
    }
}

TUTOR_TEST(LoadErrors, EveryTruncationIsACleanError, "mlp::network_from_bytes", "7.7") {
    TempDir dir;
    const std::string path = dir.file("full.model");
    mlp::save_classifier(default_classifier(), path);
    const Bytes full = read_bytes(path);
    ASSERT_EQ(full.size(), 13708u)
        << "the saved default model should be 13,708 bytes" << tutor::where("7.6");
    // Cut the file's bytes at every length from 0 to 13,707: never a crash,
    // never a model, always a ModelFileError.
    std::size_t clean = 0;
    std::string first_problem;
    for (std::size_t length = 0; length < full.size(); ++length) {
        const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(length));
        try {
            mlp::network_from_bytes(cut);
            if (first_problem.empty()) {
                first_problem = "the first " + std::to_string(length) + " bytes load as a model";
            }
        } catch (const mlp::ModelFileError&) {
            ++clean;
        }
    }
    expect_true(clean == full.size(),
                std::to_string(full.size() - clean) +
                    " truncations of a valid file were not refused with a ModelFileError; " +
                    first_problem,
                "7.7");
    // And a few through load_classifier, as real files on disk, each refused
    // for its own reason (cut from the longest to the shortest, since each
    // cut shortens the same file): 13,707 and 6000 bytes are shorter than the
    // 13,708 their header promises; 31 end inside the activations (the second
    // one starts at byte 28); 3 cannot hold the magic and the version.
    const std::pair<std::size_t, const char*> cuts[] = {
        {13707, "it was cut short (truncated)"},
        {6000, "it is 6000 bytes long, but a model of these sizes takes 13708"},
        {31, "truncated"},
        {3, "it is only 3 bytes, too short to be a model file"}};
    for (const auto& [length, reason] : cuts) {
        std::filesystem::resize_file(path, length);
        expect_model_error(
            [&] { mlp::load_classifier(path); }, {path, reason},
            "load_classifier of the model cut to " + std::to_string(length) + " bytes", "7.7");
    }
}

TUTOR_TEST(LoadErrors, FileLargerThanAnyModelIsRefusedWithoutReadingItAll, "mlp::load_classifier",
           "7.7") {
    TempDir dir;
    const std::string path = dir.file("huge.model");
    write_bytes(path, {});
    // One byte over the limit (a sparse file: it takes no room on disk). A
    // loader that reads whatever it is given would also read /dev/zero forever.
    std::filesystem::resize_file(path, mlp::kMaxModelFileBytes + 1);
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "too large"},
                       "load_classifier of a file of 16 MiB and one byte", "7.7");
}

TUTOR_TEST(LoadErrors, OneFlippedBitFailsTheChecksum, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("flipped.model");
    mlp::save_classifier(default_classifier(), path);
    Bytes bytes = read_bytes(path);
    ASSERT_EQ(bytes.size(), 13708u) << tutor::where("7.6");
    bytes[5000] ^= 0x01;  // one bit of one weight: still a perfectly ordinary float
    write_bytes(path, bytes);
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "its checksum does not match"},
                       "load_classifier of a model with one bit flipped in a weight", "7.7");
}

TUTOR_TEST(LoadErrors, ForeignFileIsNotAModel, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    const std::string text = "These are my notes, not a model.\n";
    write_bytes(path, Bytes(text.begin(), text.end()));
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "not a model file"},
                       "load_classifier of a text file", "7.7");
}

TUTOR_TEST(LoadErrors, NewerFormatVersionIsRefused, "mlp::network_from_bytes", "7.7") {
    // A well-formed file of version 2, with a correct checksum.
    const Bytes bytes = crafted_model({26, 4, 26}, {2, 0}, 2);
    expect_model_error([&] { mlp::network_from_bytes(bytes); },
                       {"it has format version 2", "this program reads version 1"},
                       "network_from_bytes of a version 2 file", "7.7");
}

TUTOR_TEST(LoadErrors, NetworkOfTheWrongShapeIsNotALetterClassifier, "mlp::load_classifier",
           "7.7") {
    // Valid model files, but none of them 26 -> hidden relu -> 26 identity.
    const Bytes small = crafted_model({10, 5, 10}, {2, 0});
    const mlp::Network network = mlp::network_from_bytes(small);
    expect_true(network.layers.size() == 2 && network.layers[0].weights.cols == 10,
                "network_from_bytes should read a valid 10 -> 5 -> 10 file", "7.7");
    struct Shape {
        std::vector<std::uint32_t> sizes;
        std::vector<std::uint32_t> activations;  // 0 identity, 1 sigmoid, 2 relu
        std::string name;
    };
    const std::vector<Shape> shapes = {
        {{10, 5, 10}, {2, 0}, "10 -> 5 relu -> 10 identity"},
        {{10, 5, 26}, {2, 0}, "10 -> 5 relu -> 26 identity (10 inputs)"},
        {{26, 5, 10}, {2, 0}, "26 -> 5 relu -> 10 identity (10 outputs)"},
        {{26, 5, 5, 26}, {2, 2, 0}, "26 -> 5 -> 5 -> 26 (three layers)"},
        {{26, 5, 26}, {2, 1}, "26 -> 5 relu -> 26 sigmoid"},
        {{26, 5, 26}, {1, 0}, "26 -> 5 sigmoid -> 26 identity"},
    };
    TempDir dir;
    const std::string path = dir.file("other.model");
    for (const Shape& shape : shapes) {
        write_bytes(path, crafted_model(shape.sizes, shape.activations));
        expect_model_error([&] { mlp::load_classifier(path); }, {path, "not a letter classifier"},
                           "load_classifier of a " + shape.name + " network", "7.7");
    }
}

TUTOR_TEST(LoadErrors, LayerSizeAboveTheCapIsRefused, "mlp::network_from_bytes", "7.7") {
    // 26 -> 5000 -> 26: the length and the checksum are right, but 5000 is
    // above kMaxLayerSize = 4096.
    const Bytes bytes = crafted_model({26, 5000, 26}, {2, 0});
    expect_model_error([&] { mlp::network_from_bytes(bytes); },
                       {"it claims a layer size of 5000", "sizes are 1 to 4096"},
                       "network_from_bytes of a file claiming a layer of 5000", "7.7");
}

TUTOR_TEST(LoadErrors, HugeClaimedSizeInAShortFileIsACleanError, "mlp::network_from_bytes", "7.7") {
    // A header that claims 26 -> 4294967295 -> 26, and nothing after it.
    Bytes bytes = {'M', 'L', 'P', 'F'};
    append_u32(bytes, 1);
    append_u32(bytes, 2);
    for (std::uint32_t value : {26u, 0xFFFFFFFFu, 26u, 2u, 0u}) {
        append_u32(bytes, value);
    }
    append_u32(bytes, our_fnv1a(bytes));
    expect_model_error(
        [&] { mlp::network_from_bytes(bytes); }, {"it claims a layer size of 4294967295"},
        "network_from_bytes of a 36-byte file claiming a layer of 4294967295", "7.7");
}

TUTOR_TEST(LoadErrors, ExtraBytesAtTheEndAreRefused, "mlp::network_from_bytes", "7.7") {
    // The byte goes before the checksum, and the checksum is computed again:
    // only the length check can refuse this file.
    Bytes body = chapter7::model_body({26, 4, 26}, {2, 0});
    body.push_back(0);
    const Bytes bytes = chapter7::with_checksum(body);
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {"extra bytes at the end"},
                       "network_from_bytes of a valid file with one byte added (and a checksum "
                       "that counts it)",
                       "7.7");
}

TUTOR_TEST(LoadErrors, UnknownActivationIsRefused, "mlp::network_from_bytes", "7.7") {
    // Activation code 7: chapter 3 knows 0 (identity), 1 (sigmoid), 2 (relu).
    const Bytes bytes = crafted_model({26, 4, 26}, {7, 0});
    expect_model_error([&] { mlp::network_from_bytes(bytes); },
                       {"it names an unknown activation 7"},
                       "network_from_bytes of a file naming activation 7", "7.7");
}

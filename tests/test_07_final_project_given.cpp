// Chapter 7 tests, part 3: what the chapter gives the learner rather than
// asks for, tested as if it were an exercise, because the learner's code
// relies on it: the defaults, the shape and character descriptions and the
// checks on the settings (GivenHelpers), and the format, the bytes and the
// files of model_file_io.hpp (GivenFileIo). These tests pass against the
// starter code too: nothing in them is the learner's to write.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "07_final_project.hpp"
#include "chapter7_helpers.hpp"
#include "tutor.hpp"

using chapter7::expect_model_error;
using chapter7::folder_listing;
using chapter7::read_bytes;
using chapter7::TempDir;
using chapter7::write_bytes;
using mlp::Bytes;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;

namespace {

void expect_text(const std::string& actual, const std::string& expected, const std::string& what,
                 const std::string& lesson) {
    expect_true(actual == expected,
                what + ": expected \"" + expected + "\", got \"" + actual + "\"", lesson);
}

std::string hex(std::uint32_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string text = "0x";
    for (int shift = 28; shift >= 0; shift -= 4) {
        text += digits[(value >> shift) & 0xF];
    }
    return text;
}

Bytes bytes_of(const std::string& text) {
    return Bytes(text.begin(), text.end());
}

}  // namespace

// ---------------------------------------------------------------------------
// The defaults and the checks of 07_final_project.hpp
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenHelpers, TheDefaultsAreTheNumbersLesson73Gives, "mlp::kHiddenSize and the others",
           "7.3") {
    expect_true(mlp::kLetterCount == 26 && mlp::kHiddenSize == 64 && mlp::kEpochs == 500 &&
                    mlp::kMaxEpochs == 100000 && mlp::kSeed == 7,
                "the defaults: 26 letters, 64 hidden units, 500 epochs (at most 100,000), seed 7",
                "7.3");
    expect_near(mlp::kLearningRate, 0.1, "kLearningRate", "7.3");
    expect_true(mlp::kMaxLayerSize == 4096 && mlp::kMaxLayers == 16 && mlp::kModelVersion == 1 &&
                    mlp::kMaxModelFileBytes == 16u * 1024u * 1024u,
                "the model file's limits: layers of 1 to 4096, 1 to 16 layers, version 1, files "
                "of at most 16 MiB",
                "7.7");
    const mlp::TrainingSettings settings;
    expect_true(settings.epochs == mlp::kEpochs && settings.learning_rate == mlp::kLearningRate,
                "TrainingSettings{} should hold kEpochs and kLearningRate", "7.3");
}

TUTOR_TEST(GivenHelpers, DescribeLayersWritesEveryLayersSizeAndActivation, "mlp::describe_layers",
           "7.7") {
    mlp::Network network;
    expect_text(mlp::describe_layers(network), "(no layers)", "describe_layers of no layers",
                "7.7");
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(64, 26), Vector(64), mlp::Activation::relu));
    expect_text(mlp::describe_layers(network), "26 -> 64 relu", "describe_layers of one layer",
                "7.7");
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(10, 64), Vector(10), mlp::Activation::sigmoid));
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(26, 10), Vector(26), mlp::Activation::identity));
    expect_text(mlp::describe_layers(network), "26 -> 64 relu -> 10 sigmoid -> 26 identity",
                "describe_layers of three layers (the last one included)", "7.7");
}

TUTOR_TEST(GivenHelpers, DescribeCharacterQuotesWhatPrintsAndGivesTheCodeOfTheRest,
           "mlp::describe_character", "7.1") {
    // Printable ASCII runs from 32 (space) to 126 ('~'); 31, 127 and the
    // bytes above 127 are shown by their code.
    expect_text(mlp::describe_character('q'), "'q'", "describe_character('q')", "7.1");
    expect_text(mlp::describe_character(' '), "' '", "describe_character(' '), code 32", "7.1");
    expect_text(mlp::describe_character('~'), "'~'", "describe_character('~'), code 126", "7.1");
    expect_text(mlp::describe_character('\n'), "the character with code 10",
                "describe_character('\\n')", "7.1");
    expect_text(mlp::describe_character(static_cast<char>(31)), "the character with code 31",
                "describe_character of code 31", "7.1");
    expect_text(mlp::describe_character(static_cast<char>(127)), "the character with code 127",
                "describe_character of code 127", "7.1");
    expect_text(mlp::describe_character(static_cast<char>(200)), "the character with code 200",
                "describe_character of byte 200 (negative as a signed char)", "7.1");
}

TUTOR_TEST(GivenHelpers, RequireHiddenSizeAcceptsOneTo4096, "mlp::require_hidden_size", "7.3") {
    for (const std::size_t fine : {std::size_t{1}, std::size_t{64}, std::size_t{4096}}) {
        mlp::require_hidden_size("make_classifier", fine);  // nothing thrown
    }
    for (const std::size_t refused : {std::size_t{0}, std::size_t{4097}}) {
        expect_invalid_argument([&] { mlp::require_hidden_size("make_classifier", refused); },
                                {"make_classifier", "the hidden size must be 1 to 4096",
                                 "got " + std::to_string(refused)},
                                "require_hidden_size of " + std::to_string(refused), "7.3");
    }
}

TUTOR_TEST(GivenHelpers, RequireEpochsAcceptsOneToKMaxEpochs, "mlp::require_epochs", "7.3") {
    for (const std::size_t fine : {std::size_t{1}, std::size_t{500}, mlp::kMaxEpochs}) {
        mlp::require_epochs("train_classifier", fine);  // nothing thrown
    }
    for (const std::size_t refused : {std::size_t{0}, mlp::kMaxEpochs + 1}) {
        expect_invalid_argument([&] { mlp::require_epochs("train_classifier", refused); },
                                {"train_classifier", "the epochs must be 1 to 100000",
                                 "got " + std::to_string(refused)},
                                "require_epochs of " + std::to_string(refused), "7.3");
    }
}

TUTOR_TEST(GivenHelpers, RequireTrainingSettingsChecksTheEpochsThenTheLearningRate,
           "mlp::require_training_settings", "7.3") {
    mlp::require_training_settings("train_classifier", {1, 0.1});  // nothing thrown
    mlp::require_training_settings("train_classifier", {mlp::kMaxEpochs, 1e-6});
    expect_invalid_argument(
        [] {
            mlp::require_training_settings("train_classifier", {0, std::nan("")});
        },
        {"train_classifier", "the epochs must be 1 to 100000", "got 0"},
        "require_training_settings of 0 epochs and learning rate NaN (the epochs come first)",
        "7.3");
    expect_invalid_argument(
        [] {
            mlp::require_training_settings("train_classifier", {5, -0.5});
        },
        {"train_classifier", "the learning rate must be a finite number above 0"},
        "require_training_settings of 5 epochs and learning rate -0.5", "7.3");
}

TUTOR_TEST(GivenHelpers, TheHelpersLeaveTheirArgumentsAsTheyWere,
           "mlp::describe_layers and require_training_settings", "7.7") {
    mlp::Network network;
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(2, 3, 0.25), Vector{1, 2}, mlp::Activation::relu));
    const mlp::Network& read_only = network;
    const mlp::TrainingSettings settings{7, 0.25};
    mlp::describe_layers(read_only);
    mlp::require_training_settings("train_classifier", settings);
    tutor::expect_vector_near(network.layers[0].weights.data, Vector(6, 0.25),
                              "the weights after describe_layers", "7.7", {}, 0.0);
    tutor::expect_vector_near(network.layers[0].biases, {1, 2}, "the biases after describe_layers",
                              "7.7", {}, 0.0);
    expect_true(settings.epochs == 7 && settings.learning_rate == 0.25,
                "the settings after require_training_settings should be as they were", "7.3");
    const Bytes bytes = bytes_of("foobar");
    mlp::fnv1a32(bytes, bytes.size());
    expect_true(bytes == bytes_of("foobar"), "the bytes after fnv1a32 should be as they were",
                "7.6");
}

// ---------------------------------------------------------------------------
// The bytes of model_file_io.hpp
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenFileIo, ModelFileSizeCountsTheHeaderEveryParameterAndTheChecksum,
           "mlp::model_file_size", "7.6") {
    // 12 (magic, version, count) + 4 per size + 4 per activation + 4 per
    // parameter + 4 (checksum):
    //   26 -> 64 -> 26: 12 + 12 + 8 + 4 * 3418 + 4 = 13708
    //   3 -> 2:         12 + 8 + 4 + 4 * (2 * 3 + 2) + 4 = 60
    //   4096 -> 1 -> 4096: 12 + 12 + 8 + 4 * (4096 + 1 + 4096 + 4096) + 4 = 49192
    //   no sizes at all: 12 + 4 (checksum) = 16, not a wrapped-around count
    expect_near(static_cast<double>(mlp::model_file_size({26, 64, 26})), 13708,
                "model_file_size of 26 -> 64 -> 26", "7.6");
    expect_near(static_cast<double>(mlp::model_file_size({3, 2})), 60, "model_file_size of 3 -> 2",
                "7.6");
    expect_near(static_cast<double>(mlp::model_file_size({})), 16, "model_file_size of no sizes",
                "7.6");
    expect_near(static_cast<double>(mlp::model_file_size({4096, 1, 4096})), 49192,
                "model_file_size of 4096 -> 1 -> 4096", "7.6");
}

TUTOR_TEST(GivenFileIo, PutU32AndPutF32WriteTheLowestByteFirst, "mlp::put_u32 and put_f32", "7.6") {
    Bytes out;
    mlp::put_u32(out, 0x12345678u);
    mlp::put_f32(out, 1.0f);   // 0x3F800000
    mlp::put_f32(out, -2.0f);  // 0xC0000000
    const Bytes expected = {0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0};
    expect_true(out == expected,
                "put_u32(0x12345678), put_f32(1), put_f32(-2) should write 78 56 34 12, "
                "00 00 80 3F, 00 00 00 C0",
                "7.6");
}

TUTOR_TEST(GivenFileIo, ReadU32ReadsWhatPutU32WroteAndMovesOn, "mlp::read_u32 and read_f32",
           "7.7") {
    Bytes bytes;
    mlp::put_u32(bytes, 0xDEADBEEFu);
    mlp::put_f32(bytes, 0.1f);
    mlp::put_u32(bytes, 0x7FC00000u);  // a NaN's bits come back as a NaN
    mlp::ByteReader reader{bytes, 0};
    const std::uint32_t first = mlp::read_u32(reader);
    expect_true(first == 0xDEADBEEFu && reader.at == 4,
                "read_u32 should give 0xdeadbeef and move to byte 4, gave " + hex(first) +
                    " at byte " + std::to_string(reader.at),
                "7.7");
    const float second = mlp::read_f32(reader);
    expect_true(second == 0.1f && reader.at == 8, "read_f32 should give back 0.1f", "7.7");
    expect_true(std::isnan(mlp::read_f32(reader)) && reader.at == 12,
                "read_f32 of the bits 0x7fc00000 should give a NaN", "7.7");
}

TUTOR_TEST(GivenFileIo, ReadU32PastTheEndIsAnErrorNeverARead, "mlp::read_u32", "7.7") {
    const Bytes seven = {1, 2, 3, 4, 5, 6, 7};
    mlp::ByteReader reader{seven, 0};
    mlp::read_u32(reader);  // bytes 0 to 3: fine
    expect_model_error([&] { mlp::read_u32(reader); },
                       {"it ends early: 7 bytes, truncated at byte 4"},
                       "read_u32 with 3 bytes left of 7", "7.7");
    mlp::ByteReader beyond{seven, 100};
    expect_model_error([&] { mlp::read_u32(beyond); }, {"truncated at byte 100"},
                       "read_u32 at byte 100 of 7", "7.7");
    const Bytes four = {1, 0, 0, 0};
    mlp::ByteReader exact{four, 0};
    expect_true(mlp::read_u32(exact) == 1 && exact.at == 4,
                "read_u32 of exactly the last 4 bytes should work", "7.7");
}

TUTOR_TEST(GivenFileIo, Fnv1a32HasTheKnownValuesAndCountsEveryByte, "mlp::fnv1a32", "7.6") {
    // The published FNV-1a values (also computed in Python): "" gives the
    // offset basis 0x811c9dc5, "a" 0xe40c292c, "foobar" 0xbf9cf968.
    const Bytes foobar = bytes_of("foobar");
    const std::pair<Bytes, std::uint32_t> known[] = {
        {Bytes{}, 0x811C9DC5u}, {bytes_of("a"), 0xE40C292Cu}, {foobar, 0xBF9CF968u}};
    for (const auto& [bytes, expected] : known) {
        const std::uint32_t got = mlp::fnv1a32(bytes, bytes.size());
        expect_true(got == expected,
                    "fnv1a32 of \"" + std::string(bytes.begin(), bytes.end()) + "\": expected " +
                        hex(expected) + ", got " + hex(got),
                    "7.6");
    }
    // Only the first `count` bytes count; a count past the end stops at the end.
    expect_true(mlp::fnv1a32(foobar, 1) == 0xE30C2799u,
                "fnv1a32(\"foobar\", 1) should be the checksum of \"f\" alone, 0xe30c2799", "7.6");
    expect_true(mlp::fnv1a32(foobar, 100) == 0xBF9CF968u,
                "fnv1a32(\"foobar\", 100) should stop at the 6th byte", "7.6");
    // The last byte counts too: "foobaR" gives 0x9f9cc708.
    expect_true(mlp::fnv1a32(bytes_of("foobaR"), 6) == 0x9F9CC708u,
                "fnv1a32 of \"foobaR\" should be 0x9f9cc708: the last byte counts", "7.6");
}

// ---------------------------------------------------------------------------
// The files of model_file_io.hpp
// ---------------------------------------------------------------------------

TUTOR_TEST(GivenFileIo, CheckCanSaveRefusesWhatCannotBeAModelFileAndCreatesNothing,
           "mlp::check_can_save", "7.6") {
    TempDir dir;
    mlp::check_can_save(dir.file("new.model"));  // fine, and leaves nothing behind
    write_bytes(dir.file("old.model"), {1, 2, 3});
    mlp::check_can_save(dir.file("old.model"));  // a regular file may be replaced
    expect_true(folder_listing(dir.file("")) == std::vector<std::string>{"old.model"},
                "check_can_save should create nothing that stays", "7.6");
    expect_model_error([] { mlp::check_can_save(""); }, {"the model's file name is empty"},
                       "check_can_save(\"\")", "7.6");
    std::filesystem::create_directory(dir.file("models"));
    expect_model_error([&] { mlp::check_can_save(dir.file("models")); },
                       {dir.file("models"), "is a folder; give the model a file name"},
                       "check_can_save of a folder", "7.6");
    const std::string missing = dir.file("no_such_folder") + "/model.bin";
    expect_model_error([&] { mlp::check_can_save(missing); }, {missing, "cannot write in"},
                       "check_can_save in a folder that does not exist", "7.6");
}

TUTOR_TEST(GivenFileIo, WriteFileAtomicallyWritesEveryByteAndReplacesTheOldFile,
           "mlp::write_file_atomically", "7.6") {
    TempDir dir;
    const std::string path = dir.file("model.bin");
    write_bytes(path, Bytes(1000, 0xAB));
    const Bytes bytes = {'M', 'L', 'P', 'F', 0, 1, 2, 255};
    mlp::write_file_atomically(path, bytes);
    expect_true(read_bytes(path) == bytes,
                "write_file_atomically should leave exactly the 8 bytes given", "7.6");
    expect_true(bytes == Bytes{'M', 'L', 'P', 'F', 0, 1, 2, 255},
                "write_file_atomically should leave the bytes it was given as they were", "7.6");
    expect_true(folder_listing(dir.file("")) == std::vector<std::string>{"model.bin"},
                "write_file_atomically should leave model.bin and no temporary file", "7.6");
}

TUTOR_TEST(GivenFileIo, ReadFileBytesReadsUpToTheLimitAndNotOneByteMore, "mlp::read_file_bytes",
           "7.7") {
    TempDir dir;
    const std::string path = dir.file("big.bin");
    write_bytes(path, {});
    std::filesystem::resize_file(path, mlp::kMaxModelFileBytes);  // exactly 16 MiB, all zeros
    const Bytes bytes = mlp::read_file_bytes(path);
    expect_true(bytes.size() == mlp::kMaxModelFileBytes,
                "read_file_bytes of a file of exactly kMaxModelFileBytes (16 MiB) should read "
                "it all, read " +
                    std::to_string(bytes.size()) + " bytes",
                "7.7");
    std::filesystem::resize_file(path, mlp::kMaxModelFileBytes + 1);
    expect_model_error([&] { mlp::read_file_bytes(path); },
                       {path, "it is larger than 16777216 bytes"},
                       "read_file_bytes of a file of 16 MiB and one byte", "7.7");
}

TUTOR_TEST(GivenFileIo, ReadFileBytesNamesWhatIsWrongWithThePath, "mlp::read_file_bytes", "7.7") {
    TempDir dir;
    const std::string empty = dir.file("empty.bin");
    write_bytes(empty, {});
    expect_true(mlp::read_file_bytes(empty).empty(),
                "read_file_bytes of an empty file gives no "
                "bytes (network_from_bytes says it is empty)",
                "7.7");
    expect_model_error([] { mlp::read_file_bytes(""); }, {"the model's file name is empty"},
                       "read_file_bytes(\"\")", "7.7");
    const std::string missing = dir.file("absent.bin");
    expect_model_error([&] { mlp::read_file_bytes(missing); }, {missing, "no such file"},
                       "read_file_bytes of a file that does not exist", "7.7");
    expect_model_error([&] { mlp::read_file_bytes(dir.file("")); },
                       {"is not a regular file (a folder, a device or a pipe)"},
                       "read_file_bytes of a folder", "7.7");
}

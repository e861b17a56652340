// Chapter 7 tests: the letter classifier and its model file.
// Expected numbers are worked out by hand in the comments beside them; the
// model files these tests craft are written byte by byte by the tests' own
// few lines (and their own checksum), not by the code under test.
#include "07_final_project.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "tutor.hpp"

using mlp::Bytes;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// ---------------------------------------------------------------------------
// Helpers of the tests' own.
// ---------------------------------------------------------------------------

std::string quoted(char c) {
    return std::string("'") + c + "'";
}

void expect_letter(char actual, char expected, const std::string& what, const std::string& lesson,
                   const std::string& hint = "") {
    if (actual != expected) {
        std::string message = what + ": expected " + quoted(expected) + ", got " + quoted(actual);
        if (!hint.empty()) {
            message += tutor::where(lesson) + " Hint: " + hint;
        } else {
            message += tutor::where(lesson);
        }
        ADD_FAILURE() << message;
    }
}

// `call` must throw mlp::ModelFileError whose message mentions every word
// of `mentions`. A stub's NotImplemented passes through untouched; any other
// exception (std::bad_alloc from trusting a size in the file, say) fails.
void expect_model_error(const std::function<void()>& call, const std::vector<std::string>& mentions,
                        const std::string& what, const std::string& lesson) {
    try {
        call();
    } catch (const mlp::ModelFileError& error) {
        const std::string message = error.what();
        for (const std::string& word : mentions) {
            if (message.find(word) == std::string::npos) {
                ADD_FAILURE() << what << ": the ModelFileError should mention \"" << word
                              << "\", but it says \"" << message << "\"" << tutor::where(lesson);
                return;
            }
        }
        return;
    } catch (const mlp::NotImplemented&) {
        throw;
    } catch (const std::length_error& error) {
        ADD_FAILURE() << what << ": std::length_error (\"" << error.what()
                      << "\") instead of a ModelFileError" << tutor::where(lesson)
                      << " Hint: was something allocated by a size read from the file before "
                         "that size was checked?";
        return;
    } catch (const std::bad_alloc&) {
        ADD_FAILURE() << what << ": std::bad_alloc instead of a ModelFileError"
                      << tutor::where(lesson)
                      << " Hint: was something allocated by a size read from the file before "
                         "that size was checked?";
        return;
    } catch (const std::exception& error) {
        ADD_FAILURE() << what << ": expected a ModelFileError, got another exception: \""
                      << error.what() << "\"" << tutor::where(lesson);
        return;
    }
    ADD_FAILURE() << what << ": expected a ModelFileError, but nothing was thrown"
                  << tutor::where(lesson);
}

// Our own little-endian writer and FNV-1a, to craft model files.
void append_u32(Bytes& out, std::uint32_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 16) & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 24) & 0xFF));
}

std::uint32_t our_fnv1a(const Bytes& bytes) {
    std::uint32_t hash = 2166136261u;
    for (std::uint8_t byte : bytes) {
        hash = (hash ^ byte) * 16777619u;
    }
    return hash;
}

// A model file with these sizes and activation codes, every parameter 0.5f
// (bytes 00 00 00 3F), and a correct checksum.
Bytes crafted_model(const std::vector<std::uint32_t>& sizes,
                    const std::vector<std::uint32_t>& activations, std::uint32_t version = 1) {
    Bytes out = {'M', 'L', 'P', 'F'};
    append_u32(out, version);
    append_u32(out, static_cast<std::uint32_t>(activations.size()));
    for (std::uint32_t size : sizes) {
        append_u32(out, size);
    }
    for (std::uint32_t code : activations) {
        append_u32(out, code);
    }
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const std::size_t parameters = std::size_t{sizes[l + 1]} * sizes[l] + sizes[l + 1];
        for (std::size_t i = 0; i < parameters; ++i) {
            append_u32(out, 0x3F000000u);  // 0.5f
        }
    }
    append_u32(out, our_fnv1a(out));
    return out;
}

// A folder of its own under the system's temporary folder, removed with
// everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
        const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("mlp_ch07_" + std::string(test->name()) + "_" + std::to_string(ticks) + "_" +
                 std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const {
        return (path_ / name).string();
    }

private:
    std::filesystem::path path_;
};

void write_bytes(const std::string& path, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

Bytes read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A hand-built classifier: hidden layer = the 26 x 26 identity (each letter
// lights its own hidden unit), ReLU; output logit r = 3 when hidden unit c
// is lit and answer(c) = r. So letter c gets logit 3 at answer(c) and 0
// elsewhere: probability e^3 / (e^3 + 25) = 20.0855 / 45.0855 = 0.44550 for
// answer(c), and 1 / 45.0855 = 0.022180 for each other letter.
constexpr double kHandTop = 0.4454984523619502;
constexpr double kHandOther = 0.02218006190552199;

mlp::LetterClassifier hand_built(const std::function<std::size_t(std::size_t)>& answer) {
    mlp::Layer hidden;
    hidden.weights = mlp::Matrix(26, 26, 0.0);
    for (std::size_t i = 0; i < 26; ++i) {
        hidden.weights(i, i) = 1.0;
    }
    hidden.biases = Vector(26, 0.0);
    hidden.activation = mlp::Activation::relu;
    mlp::Layer output;
    output.weights = mlp::Matrix(26, 26, 0.0);
    for (std::size_t c = 0; c < 26; ++c) {
        output.weights(answer(c), c) = 3.0;
    }
    output.biases = Vector(26, 0.0);
    output.activation = mlp::Activation::identity;
    mlp::LetterClassifier classifier;
    classifier.config.hidden_size = 26;
    classifier.network.layers = {hidden, output};
    return classifier;
}

// A vector of 26 numbers: `rest` everywhere, `top` at one index.
Vector spike(std::size_t index, double top, double rest) {
    Vector v(26, rest);
    v[index] = top;
    return v;
}

}  // namespace

// ---------------------------------------------------------------------------
// 7.1 One-hot letters
// ---------------------------------------------------------------------------

TUTOR_TEST(OneHot, EncodeLetterPutsTheOneAtTheLettersPlace, "mlp::encode_letter", "7.1") {
    // 'a' is letter 0, 'c' letter 2, 'z' letter 25: a 1 there, 0 elsewhere.
    expect_vector_near(mlp::encode_letter('a'), spike(0, 1, 0), "encode_letter('a')", "7.1");
    expect_vector_near(mlp::encode_letter('c'), spike(2, 1, 0), "encode_letter('c')", "7.1",
                       {{spike(3, 1, 0), "the 1 is one place late: 'a' is position 0, not 1."},
                        {spike(1, 1, 0), "the 1 is one place early: 'c' - 'a' is 2."}});
    expect_vector_near(mlp::encode_letter('z'), spike(25, 1, 0), "encode_letter('z')", "7.1");
}

TUTOR_TEST(OneHot, UpperCaseLettersGiveTheSameCodeAsLowerCase, "mlp::encode_letter", "7.1") {
    // 'A' is letter 0 like 'a'; 'Q' is letter 16 like 'q'; 'Z' is 25.
    expect_vector_near(mlp::encode_letter('A'), spike(0, 1, 0), "encode_letter('A')", "7.1");
    expect_vector_near(mlp::encode_letter('Q'), spike(16, 1, 0), "encode_letter('Q')", "7.1");
    expect_true(mlp::letter_index('Z') == 25,
                "letter_index('Z') should be 25, like letter_index('z'), got " +
                    std::to_string(mlp::letter_index('Z')),
                "7.1");
}

TUTOR_TEST(OneHot, NonLettersAreRejectedNamingTheCharacter, "mlp::encode_letter", "7.1") {
    // The neighbours of the letters in ASCII: '@' before 'A', '[' after 'Z',
    // '`' before 'a', '{' after 'z'; and a digit, a space, a dot.
    for (char c : {'7', ' ', '.', '@', '[', '`', '{'}) {
        expect_invalid_argument([c] { mlp::encode_letter(c); }, {quoted(c), "not a letter"},
                                "encode_letter(" + quoted(c) + ")", "7.1");
    }
}

TUTOR_TEST(OneHot, LetterAtGivesLowerCaseLetters, "mlp::letter_at", "7.1") {
    expect_letter(mlp::letter_at(0), 'a', "letter_at(0)", "7.1",
                  "answers come back in lower case.");
    expect_letter(mlp::letter_at(25), 'z', "letter_at(25)", "7.1");
    expect_invalid_argument([] { mlp::letter_at(26); }, {"letter_at", "26"}, "letter_at(26)",
                            "7.1");
}

// ---------------------------------------------------------------------------
// 7.2 The dataset
// ---------------------------------------------------------------------------

TUTOR_TEST(Dataset, HasOneExamplePerLetterThatAnswersItself, "mlp::letter_dataset", "7.2") {
    const mlp::Dataset data = mlp::letter_dataset();
    ASSERT_EQ(data.size(), 26u) << "letter_dataset should have one example per letter"
                                << tutor::where("7.2");
    // Example i: input one-hot i ('a' + i), target the same letter.
    for (std::size_t i = 0; i < 26; ++i) {
        const std::string name = "letter_dataset()[" + std::to_string(i) + "]";
        expect_vector_near(data[i].input, spike(i, 1, 0), name + ".input", "7.2");
        expect_vector_near(data[i].target, spike(i, 1, 0), name + ".target", "7.2",
                           {{spike((i + 1) % 26, 1, 0),
                             "the target is the next letter: it should be the letter itself."}});
        if (testing::Test::HasFailure()) {
            break;  // one wrong example says it; 26 would bury it
        }
    }
}

// ---------------------------------------------------------------------------
// 7.3 The classifier
// ---------------------------------------------------------------------------

TUTOR_TEST(Classifier, DefaultsMake26To64ReluTo26With3418Parameters, "mlp::make_classifier",
           "7.3") {
    const mlp::LetterClassifier classifier = mlp::make_classifier();
    const mlp::Network& network = classifier.network;
    ASSERT_EQ(network.layers.size(), 2u)
        << "make_classifier() should make two layers" << tutor::where("7.3");
    const mlp::Layer& hidden = network.layers[0];
    const mlp::Layer& output = network.layers[1];
    expect_true(
        hidden.weights.rows == 64 && hidden.weights.cols == 26,
        "the hidden layer's weights should be (64 x 26), are " + mlp::shape_of(hidden.weights),
        "7.3");
    expect_true(
        output.weights.rows == 26 && output.weights.cols == 64,
        "the output layer's weights should be (26 x 64), are " + mlp::shape_of(output.weights),
        "7.3");
    expect_true(hidden.activation == mlp::Activation::relu,
                "the hidden layer should use relu, uses " + mlp::activation_name(hidden.activation),
                "7.3");
    expect_true(output.activation == mlp::Activation::identity,
                "the output layer should give plain logits (identity), uses " +
                    mlp::activation_name(output.activation) +
                    ". A sigmoid under the softmax caps the confidence near 10%",
                "7.3");
    // 26*64 + 64 + 64*26 + 26 = 1664 + 64 + 1664 + 26 = 3418
    expect_near(static_cast<double>(mlp::parameter_count(network)), 3418,
                "parameter_count(make_classifier().network)", "7.3");
}

TUTOR_TEST(Classifier, HiddenSizeComesFromTheConfig, "mlp::make_classifier", "7.3") {
    mlp::ClassifierConfig config;
    config.hidden_size = 8;
    const mlp::LetterClassifier classifier = mlp::make_classifier(config);
    ASSERT_EQ(classifier.network.layers.size(), 2u) << tutor::where("7.3");
    // 26*8 + 8 + 8*26 + 26 = 208 + 8 + 208 + 26 = 450
    expect_near(static_cast<double>(mlp::parameter_count(classifier.network)), 450,
                "parameters of a classifier with hidden_size 8", "7.3",
                {{{3418}, "the hidden size is always 64: use config.hidden_size."}});
    expect_true(classifier.network.layers[0].weights.rows == 8,
                "the hidden layer of hidden_size 8 should have 8 rows, has " +
                    std::to_string(classifier.network.layers[0].weights.rows),
                "7.3");
}

TUTOR_TEST(Classifier, TheSeedDecidesTheStartingWeights, "mlp::make_classifier", "7.3") {
    mlp::ClassifierConfig config;
    config.seed = 1;
    const mlp::LetterClassifier first = mlp::make_classifier(config);
    const mlp::LetterClassifier again = mlp::make_classifier(config);
    config.seed = 2;
    const mlp::LetterClassifier other = mlp::make_classifier(config);
    ASSERT_EQ(first.network.layers.size(), 2u) << tutor::where("7.3");
    const Vector& w1 = first.network.layers[0].weights.data;
    expect_true(w1 == again.network.layers[0].weights.data,
                "two classifiers of seed 1 should start with the same weights", "7.3");
    expect_true(w1 != other.network.layers[0].weights.data,
                "seeds 1 and 2 should give different starting weights: use config.seed", "7.3");
    // Xavier limit of the hidden layer: sqrt(6 / (26 + 64)) = sqrt(0.0667) = 0.258
    bool inside = true;
    bool all_zero = true;
    for (double w : w1) {
        inside = inside && std::abs(w) <= 0.2582;
        all_zero = all_zero && w == 0.0;
    }
    expect_true(inside && !all_zero,
                "the hidden weights should be random within +-0.258 (make_network does that)",
                "7.3");
}

TUTOR_TEST(Classifier, BadConfigIsRejected, "mlp::make_classifier", "7.3") {
    mlp::ClassifierConfig no_hidden;
    no_hidden.hidden_size = 0;
    expect_invalid_argument([&] { mlp::make_classifier(no_hidden); }, {"make_classifier", "0"},
                            "make_classifier with hidden_size 0", "7.3");
    mlp::ClassifierConfig huge;
    huge.hidden_size = 5000;
    expect_invalid_argument([&] { mlp::make_classifier(huge); }, {"make_classifier", "5000"},
                            "make_classifier with hidden_size 5000 (above 4096)", "7.3");
    mlp::ClassifierConfig not_a_rate;
    not_a_rate.learning_rate = std::nan("");
    expect_invalid_argument([&] { mlp::make_classifier(not_a_rate); }, {"make_classifier"},
                            "make_classifier with learning_rate NaN", "7.3");
    mlp::ClassifierConfig zero_rate;
    zero_rate.learning_rate = 0.0;
    expect_invalid_argument([&] { mlp::make_classifier(zero_rate); }, {"make_classifier"},
                            "make_classifier with learning_rate 0", "7.3");
}

TUTOR_TRAINING_TEST(Training, ReportsEveryEpochAndTheLossFalls, "mlp::train_classifier", "7.3") {
    mlp::ClassifierConfig config;
    config.epochs = 20;
    mlp::LetterClassifier classifier = mlp::make_classifier(config);
    std::vector<std::size_t> heard;
    const std::vector<double> losses = mlp::train_classifier(
        classifier, [&](std::size_t epoch, double) { heard.push_back(epoch); });
    ASSERT_EQ(losses.size(), 20u) << "train_classifier with 20 epochs should return 20 losses"
                                  << tutor::where("7.3");
    expect_true(heard.size() == 20 && heard.front() == 1 && heard.back() == 20,
                "on_epoch should hear about epochs 1 to 20, one call each", "7.3");
    // Before any learning every letter gets about 1/26: loss ln 26 = 3.26.
    expect_true(
        losses.front() > 2.5 && losses.front() < 4.0,
        "the first epoch's loss should be near ln 26 = 3.26, got " + tutor::show(losses.front()),
        "7.3");
    expect_true(losses.back() < 0.5 * losses.front(),
                "after 20 epochs at learning rate 0.1 the loss should have at least halved: " +
                    tutor::show(losses.front()) + " -> " + tutor::show(losses.back()),
                "7.3");
}

// Every seed from 1 to 20, at the default settings, names every letter with
// probability above 0.99. One ctest entry per seed, so they run in parallel.
class LearnsEveryLetter : public testing::TestWithParam<std::uint64_t> {};

TEST_P(LearnsEveryLetter, AtTheDefaultSettings) {
    tutor::run({"mlp::train_classifier", "7.3", tutor::Budget::training}, [&] {
        mlp::ClassifierConfig config;
        config.seed = GetParam();
        mlp::LetterClassifier classifier = mlp::make_classifier(config);
        mlp::train_classifier(classifier);
        const mlp::Evaluation evaluation = mlp::evaluate(classifier);
        const std::string run = "seed " + std::to_string(GetParam()) + ", 500 epochs";
        expect_near(static_cast<double>(evaluation.correct), 26,
                    "letters right after training (" + run + ")", "7.5");
        ASSERT_EQ(evaluation.letters.size(), 26u) << tutor::where("7.5");
        for (const mlp::LetterResult& result : evaluation.letters) {
            expect_true(result.correct && result.confidence > 0.99,
                        run + ": letter " + quoted(result.letter) + " got " +
                            quoted(result.predicted) + " at " + tutor::show(result.confidence) +
                            "; expected itself above 0.99",
                        "7.5");
        }
    });
}

INSTANTIATE_TEST_SUITE_P(Seeds, LearnsEveryLetter, testing::Range<std::uint64_t>(1, 21),
                         [](const testing::TestParamInfo<std::uint64_t>& seed) {
                             return "Seed" + std::to_string(seed.param);
                         });

// ---------------------------------------------------------------------------
// 7.4 Predicting
// ---------------------------------------------------------------------------

TUTOR_TEST(Predict, AnswersTheNetworksMostProbableLetterInLowerCase, "mlp::predict", "7.4") {
    // A hand-built network that answers the next letter: 'c' -> 'd', 'z' -> 'a'.
    mlp::LetterClassifier next = hand_built([](std::size_t c) { return (c + 1) % 26; });
    const mlp::Prediction lower = mlp::predict(next, 'c');
    expect_letter(lower.letter, 'd', "predict of 'c' by the next-letter network", "7.4");
    expect_vector_near(lower.probabilities, spike(3, kHandTop, kHandOther),
                       "probabilities for 'c' (e^3 / (e^3 + 25) at 'd')", "7.4", {}, 1e-9);
    const mlp::Prediction upper = mlp::predict(next, 'C');
    expect_letter(upper.letter, 'd', "predict of 'C' by the next-letter network", "7.4",
                  "the answer is always a lower-case letter, whatever the case of the input.");
    expect_letter(mlp::predict(next, 'z').letter, 'a', "predict of 'z' by the next-letter network",
                  "7.4");
}

TUTOR_TEST(Predict, RejectsANonLetter, "mlp::predict", "7.4") {
    mlp::LetterClassifier next = hand_built([](std::size_t c) { return (c + 1) % 26; });
    expect_invalid_argument([&] { mlp::predict(next, '3'); }, {"'3'"}, "predict of '3'", "7.4");
}

TUTOR_TEST(TopLetters, OrdersByProbabilityAndBreaksTiesAlphabetically, "mlp::top_letters", "7.4") {
    // 'e' 0.5, then 'b' and 'x' tie at 0.2 ('b' first), then 0.1 / 23 each.
    Vector p(26, 0.1 / 23);
    p[4] = 0.5;
    p[1] = 0.2;
    p[23] = 0.2;
    const std::vector<mlp::LetterProbability> top = mlp::top_letters(p, 3);
    ASSERT_EQ(top.size(), 3u) << "top_letters(p, 3) should give 3 letters" << tutor::where("7.4");
    expect_letter(top[0].letter, 'e', "top_letters(p, 3)[0]", "7.4");
    expect_near(top[0].probability, 0.5, "top_letters(p, 3)[0].probability", "7.4");
    expect_letter(top[1].letter, 'b', "top_letters(p, 3)[1] (ties with 'x')", "7.4",
                  "of two equal probabilities the earlier letter comes first.");
    expect_letter(top[2].letter, 'x', "top_letters(p, 3)[2]", "7.4");
}

TUTOR_TEST(TopLetters, RejectsKAbove26AndTheWrongNumberOfProbabilities, "mlp::top_letters", "7.4") {
    expect_invalid_argument([] { mlp::top_letters(Vector(26, 1.0 / 26), 27); }, {"top_letters"},
                            "top_letters with k = 27", "7.4");
    expect_invalid_argument([] { mlp::top_letters(Vector(25, 0.04), 3); }, {"top_letters", "(25)"},
                            "top_letters of 25 probabilities", "7.4");
}

// ---------------------------------------------------------------------------
// 7.5 Evaluating
// ---------------------------------------------------------------------------

TUTOR_TEST(Evaluate, CountsTheLettersAHandBuiltNetworkGetsRight, "mlp::evaluate", "7.5") {
    // 'a' to 'm' answer themselves; 'n' to 'z' all answer 'a': 13 of 26.
    mlp::LetterClassifier half = hand_built([](std::size_t c) { return c < 13 ? c : 0; });
    const mlp::Evaluation evaluation = mlp::evaluate(half);
    ASSERT_EQ(evaluation.letters.size(), 26u)
        << "evaluate should give one result per letter" << tutor::where("7.5");
    expect_near(static_cast<double>(evaluation.correct), 13, "evaluate(half).correct", "7.5");
    expect_near(evaluation.accuracy, 0.5, "evaluate(half).accuracy (13 / 26)", "7.5",
                {{{13}, "accuracy is a fraction from 0 to 1: divide by 26."}});
    const mlp::LetterResult& c = evaluation.letters[2];
    expect_letter(c.letter, 'c', "evaluate(half).letters[2].letter", "7.5");
    expect_true(c.predicted == 'c' && c.correct, "'c' should be answered 'c' and count as correct",
                "7.5");
    const mlp::LetterResult& n = evaluation.letters[13];
    expect_letter(n.predicted, 'a', "evaluate(half).letters[13].predicted ('n')", "7.5");
    expect_true(!n.correct, "'n' answered 'a' should not count as correct", "7.5");
    // The confidence is the probability of the answer: e^3 / (e^3 + 25).
    expect_near(n.confidence, kHandTop, "confidence of the answer to 'n'", "7.5",
                {{{kHandOther},
                  "that is the probability of 'n' itself; the confidence is the "
                  "probability of the answer."}});
}

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
    const mlp::LetterClassifier classifier = mlp::make_classifier();
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
    mlp::ClassifierConfig config;
    config.epochs = 20;
    mlp::LetterClassifier trained = mlp::make_classifier(config);
    mlp::train_classifier(trained);
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
    expect_true(loaded.config.hidden_size == 64, "the loaded hidden size should be 64", "7.7");
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

TUTOR_TEST(ModelFile, SavingReplacesAnOldFileAndLeavesNoTemporary, "mlp::save_classifier", "7.6") {
    TempDir dir;
    const std::string path = dir.file("model.bin");
    write_bytes(path, Bytes(100, 0xAB));  // an old file in the way
    const mlp::LetterClassifier classifier = mlp::make_classifier();
    mlp::save_classifier(classifier, path);
    expect_true(std::filesystem::file_size(path) == 13708,
                "save_classifier over an old 100-byte file should leave the 13,708-byte model, "
                "found " +
                    std::to_string(std::filesystem::file_size(path)) + " bytes",
                "7.6");
    expect_true(!std::filesystem::exists(path + ".tmp"),
                "save_classifier should leave no " + path + ".tmp behind", "7.6");
}

TUTOR_TEST(ModelFile, SavingIntoAMissingFolderIsAClearError, "mlp::save_classifier", "7.6") {
    TempDir dir;
    const std::string path = dir.file("no_such_folder") + "/model.bin";
    const mlp::LetterClassifier classifier = mlp::make_classifier();
    expect_model_error([&] { mlp::save_classifier(classifier, path); }, {"no_such_folder"},
                       "save_classifier into a folder that does not exist", "7.6");
    expect_true(!std::filesystem::exists(dir.file("no_such_folder")),
                "a failed save should create nothing", "7.6");
}

TUTOR_TEST(ModelFile, SavingOverAFolderIsAClearErrorAndKeepsTheFolder, "mlp::save_classifier",
           "7.6") {
    TempDir dir;
    const std::string path = dir.file("a_folder");
    std::filesystem::create_directory(path);
    const mlp::LetterClassifier classifier = mlp::make_classifier();
    expect_model_error([&] { mlp::save_classifier(classifier, path); }, {path, "folder"},
                       "save_classifier onto an (empty) folder", "7.6");
    expect_true(std::filesystem::is_directory(path) && !std::filesystem::exists(path + ".tmp"),
                "a failed save must leave the folder as it was and no .tmp behind", "7.6");
}

// ---------------------------------------------------------------------------
// 7.7 Loading, and trusting nothing
// ---------------------------------------------------------------------------

TUTOR_TEST(LoadErrors, MissingFileIsAClearError, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("absent.model");
    expect_model_error([&] { mlp::load_classifier(path); }, {path},
                       "load_classifier of a file that does not exist", "7.7");
}

TUTOR_TEST(LoadErrors, EmptyFileIsAClearError, "mlp::load_classifier", "7.7") {
    TempDir dir;
    const std::string path = dir.file("empty.model");
    write_bytes(path, {});
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "empty"},
                       "load_classifier of an empty file", "7.7");
}

TUTOR_TEST(LoadErrors, EveryTruncationIsACleanError, "mlp::network_from_bytes", "7.7") {
    TempDir dir;
    const std::string path = dir.file("full.model");
    mlp::save_classifier(mlp::make_classifier(), path);
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
    // And a few through load_classifier, as real files on disk.
    for (std::size_t length :
         {std::size_t{3}, std::size_t{31}, std::size_t{6000}, full.size() - 1}) {
        std::filesystem::resize_file(path, length);
        expect_model_error(
            [&] { mlp::load_classifier(path); }, {path},
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
    mlp::save_classifier(mlp::make_classifier(), path);
    Bytes bytes = read_bytes(path);
    ASSERT_EQ(bytes.size(), 13708u) << tutor::where("7.6");
    bytes[5000] ^= 0x01;  // one bit of one weight: still a perfectly ordinary float
    write_bytes(path, bytes);
    expect_model_error([&] { mlp::load_classifier(path); }, {path, "checksum"},
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
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {"version"},
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
        expect_model_error([&] { mlp::load_classifier(path); }, {path},
                           "load_classifier of a " + shape.name + " network", "7.7");
    }
}

TUTOR_TEST(LoadErrors, LayerSizeAboveTheCapIsRefused, "mlp::network_from_bytes", "7.7") {
    // 26 -> 5000 -> 26: the length and the checksum are right, but 5000 is
    // above kMaxLayerSize = 4096.
    const Bytes bytes = crafted_model({26, 5000, 26}, {2, 0});
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {"4096"},
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
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {},
                       "network_from_bytes of a 36-byte file claiming a layer of 4294967295",
                       "7.7");
}

TUTOR_TEST(LoadErrors, ExtraBytesAtTheEndAreRefused, "mlp::network_from_bytes", "7.7") {
    Bytes bytes = crafted_model({26, 4, 26}, {2, 0});
    bytes.push_back(0);
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {},
                       "network_from_bytes of a valid file with one byte added", "7.7");
}

TUTOR_TEST(LoadErrors, UnknownActivationIsRefused, "mlp::network_from_bytes", "7.7") {
    // Activation code 7: chapter 3 knows 0 (identity), 1 (sigmoid), 2 (relu).
    const Bytes bytes = crafted_model({26, 4, 26}, {7, 0});
    expect_model_error([&] { mlp::network_from_bytes(bytes); }, {"activation"},
                       "network_from_bytes of a file naming activation 7", "7.7");
}

// ---------------------------------------------------------------------------
// 7.9 Fast enough: the same numbers as chapters 3, 5 and 6, bit for bit
// ---------------------------------------------------------------------------

namespace {

mlp::Layer layer_of(mlp::Matrix weights, Vector biases, mlp::Activation activation) {
    mlp::Layer layer;
    layer.weights = std::move(weights);
    layer.biases = std::move(biases);
    layer.activation = activation;
    return layer;
}

// Every weight and bias of a network, layer after layer, weights first.
Vector parameters(const mlp::Network& network) {
    Vector all;
    for (const mlp::Layer& layer : network.layers) {
        all.insert(all.end(), layer.weights.data.begin(), layer.weights.data.end());
        all.insert(all.end(), layer.biases.begin(), layer.biases.end());
    }
    return all;
}

// 17 significant digits: enough to show two doubles that differ in the last bit.
std::string exact(double x) {
    std::ostringstream out;
    out.precision(17);
    out << x;
    return out.str();
}

// "" when both networks hold exactly the same numbers; otherwise which
// parameter is the first to differ, with both values in full.
std::string first_difference(const mlp::Network& fast, const mlp::Network& reference) {
    const Vector a = parameters(fast);
    const Vector b = parameters(reference);
    if (a.size() != b.size()) {
        return "the networks have " + std::to_string(a.size()) + " and " +
               std::to_string(b.size()) + " parameters";
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i])) {
            return "parameter " + std::to_string(i) + " (weights first, layer by layer) is " +
                   exact(a[i]) + " but chapters 5 and 6 make it " + exact(b[i]);
        }
    }
    return "";
}

// What to say when the fast code is close to chapters 3 to 6 but not equal.
const char* const kForwardBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: each z[r] starts "
    "at 0, adds W(r, c) * x[c] for c = 0, 1, 2, ... and adds b[r] last, as chapter 3's "
    "add(matvec(W, x), b) does. (The reference is your own chapter 3, and the build must use "
    "-ffp-contract=off, as the project's presets do.)";
const char* const kStepBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: chapter 6 "
    "multiplies grad_z[r] * x[c] first (that product is dL/dW) and then the learning rate, and "
    "dL/dx adds W(r, c) * grad_z[r] for r = 0, 1, 2, ... (The reference is your own chapters 5 "
    "and 6, and the build must use -ffp-contract=off, as the project's presets do.)";
const char* const kLastBitsHint =
    " Hint: if only the last digits differ, the order of the arithmetic does: chapter 6 "
    "multiplies grad_z[r] * x[c] first (that product is dL/dW) and then the learning rate, and "
    "each z[r] adds its terms in the order c = 0, 1, 2, ... and b[r] last. (The reference is "
    "your own chapters 3 to 6, and the build must use -ffp-contract=off, as the project's "
    "presets do.)";

// n numbers drawn evenly from [-1, 1), every third one set to exactly 0.
Vector random_with_zeros(mlp::Rng& rng, std::size_t n) {
    Vector v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = i % 3 == 1 ? 0.0 : mlp::uniform(rng, -1.0, 1.0);
    }
    return v;
}

// The first parameter where two layers differ, or "" when they are equal.
std::string layer_difference(const mlp::Layer& fast, const mlp::Layer& reference) {
    mlp::Network a;
    a.layers.push_back(fast);
    mlp::Network b;
    b.layers.push_back(reference);
    return first_difference(a, b);
}

}  // namespace

TUTOR_TEST(FastForward, GivesWxPlusBThroughTheActivation, "mlp::forward_in_place", "7.9") {
    // W = [[1, 2, 3], [-4, 5, -6]], b = [1.5, 1], ReLU, x = [2, 0, -1]:
    //   z0 = 1*2 + 2*0 + 3*(-1) + 1.5 = 0.5    a0 = 0.5
    //   z1 = -4*2 + 5*0 + (-6)*(-1) + 1 = -1   a1 = 0
    mlp::Layer layer =
        layer_of(mlp::Matrix(2, 3, {1, 2, 3, -4, 5, -6}), {1.5, 1}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {2, 0, -1});
    expect_vector_near(
        layer.z, {0.5, -1},
        "z after forward_in_place(W = [[1, 2, 3], [-4, 5, -6]], b = [1.5, 1], "
        "x = [2, 0, -1])",
        "7.9",
        {{{-1, -2}, "that is W x without b: add the biases after the columns."},
         {{1.5, 1}, "only the biases: skip the columns whose x[c] is 0, not the others."}});
    expect_vector_near(layer.a, {0.5, 0}, "a (ReLU of z) after forward_in_place", "7.9",
                       {{{0.5, -1}, "a is z: apply the layer's activation."}});
    expect_vector_near(layer.input, {2, 0, -1}, "the cached input after forward_in_place", "7.9");
}

TUTOR_TEST(FastForward, ReplacesTheCachesOfTheLastCall, "mlp::forward_in_place", "7.9") {
    // After x = [2, 0, -1] (z = [0.5, -1]), x = [0, 1, 0] gives
    // z = column 1 + b = [2 + 1.5, 5 + 1] = [3.5, 6] and a = [3.5, 6].
    mlp::Layer layer =
        layer_of(mlp::Matrix(2, 3, {1, 2, 3, -4, 5, -6}), {1.5, 1}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {2, 0, -1});
    mlp::forward_in_place(layer, {0, 1, 0});
    expect_vector_near(
        layer.z, {3.5, 6}, "z after forward_in_place with x = [0, 1, 0], second call", "7.9",
        {{{4, 5}, "that is this call's z plus the last call's: start z at 0 every call."}});
    expect_vector_near(layer.a, {3.5, 6}, "a after the second call", "7.9");
    expect_vector_near(layer.input, {0, 1, 0}, "the cached input after the second call", "7.9");
}

TUTOR_TEST(FastForward, SameNumbersAsChapter3ToTheLastBit, "mlp::forward_in_place", "7.9") {
    // Awkward numbers, zeros among the inputs, every activation: z and a
    // must equal chapter 3's forward exactly, not just nearly.
    for (mlp::Activation f :
         {mlp::Activation::identity, mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{11 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(7, 5, f, rng);
        for (double& b : fast.biases) {
            b = mlp::uniform(rng, -0.5, 0.5);
        }
        mlp::Layer reference = fast;
        const Vector x = {0.1, 0, -0.7, 1.0 / 3.0, 0, 2.5, -1e-3};
        mlp::forward_in_place(fast, x);
        mlp::forward(reference, x);
        const std::string layer =
            "forward_in_place of a 7 -> 5 " + mlp::activation_name(f) + " layer";
        if (fast.z.size() != 5 || fast.a.size() != 5) {
            ADD_FAILURE() << layer << ": z and a should hold 5 numbers, they hold " << fast.z.size()
                          << " and " << fast.a.size() << tutor::where("7.9");
            continue;
        }
        for (std::size_t r = 0; r < 5; ++r) {
            if (!(fast.z[r] == reference.z[r]) || !(fast.a[r] == reference.a[r])) {
                ADD_FAILURE() << layer << ": z[" << r << "] = " << exact(fast.z[r]) << " and a["
                              << r << "] = " << exact(fast.a[r])
                              << ", but chapter 3's forward gives " << exact(reference.z[r])
                              << " and " << exact(reference.a[r]) << tutor::where("7.9")
                              << kForwardBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(FastForward, RejectsAnInputOrBiasesOfTheWrongSize, "mlp::forward_in_place", "7.9") {
    mlp::Layer layer = layer_of(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::forward_in_place(layer, {1, 2});
        },
        {"forward_in_place", "(2 x 3)", "(2)"}, "forward_in_place of x (2) through W (2 x 3)",
        "7.9");
    mlp::Layer short_biases = layer_of(mlp::Matrix(2, 3, 0.0), {0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::forward_in_place(short_biases, {1, 2, 3});
        },
        {"forward_in_place", "(2 x 3)", "(1)"},
        "forward_in_place through W (2 x 3) with biases (1)", "7.9");
}

TUTOR_TEST(BackwardAndStep, MovesEveryParameterAndReturnsDxFromTheWeightsBeforeTheStep,
           "mlp::backward_and_step", "7.9") {
    // W = [[1, 2], [3, 4]], b = [0, 0], identity, x = [1, 2]; grad_a = [1, -1],
    // learning rate 0.5. grad_z = grad_a (identity: f' = 1).
    //   grad_x = W^T grad_z = [1*1 + 3*(-1), 2*1 + 4*(-1)] = [-2, -2]
    //   W -= 0.5 * outer([1, -1], [1, 2]) -> [[0.5, 1], [3.5, 5]]
    //   b -= 0.5 * [1, -1]               -> [-0.5, 0.5]
    mlp::Layer layer = layer_of(mlp::Matrix(2, 2, {1, 2, 3, 4}), {0, 0}, mlp::Activation::identity);
    mlp::forward_in_place(layer, {1, 2});
    const Vector grad_x = mlp::backward_and_step(layer, {1, -1}, 0.5);
    expect_vector_near(
        grad_x, {-2, -2}, "dL/dx from backward_and_step(W = [[1, 2], [3, 4]], grad_a = [1, -1])",
        "7.9",
        {{{-3, -4},
          "that is W^T grad_z with the weights after the step: read each weight for dL/dx "
          "before moving it."},
         {{-1, -1}, "that is W grad_z: dL/dx needs W^T, column c of W against grad_z."}});
    expect_vector_near(layer.weights.data, {0.5, 1, 3.5, 5},
                       "W after backward_and_step(lr 0.5), row by row", "7.9",
                       {{{1.5, 3, 2.5, 3}, "the weights moved uphill: subtract the step."},
                        {{1, 2, 3, 4}, "the weights did not move."}});
    expect_vector_near(layer.biases, {-0.5, 0.5}, "b after backward_and_step(lr 0.5)", "7.9",
                       {{{0, 0}, "the biases never moved: b[r] -= learning_rate * grad_z[r]."},
                        {{0.5, -0.5}, "the biases moved uphill: subtract the step."}});
}

TUTOR_TEST(BackwardAndStep, AUnitThatWasOffPassesNothingBackAndDoesNotMove,
           "mlp::backward_and_step", "7.9") {
    // W = [[1, 2], [3, 4]], b = [0, -20], ReLU, x = [1, 2]: z = [5, -9], so
    // f'(z) = [1, 0]. grad_a = [1, 1], learning rate 0.5: grad_z = [1, 0].
    //   grad_x = [1, 2]          (row 0 only)
    //   W row 0 -= 0.5 * [1, 2] -> [0.5, 1]; row 1 stays [3, 4]
    //   b -> [-0.5, -20]
    mlp::Layer layer = layer_of(mlp::Matrix(2, 2, {1, 2, 3, 4}), {0, -20}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {1, 2});
    const Vector grad_x = mlp::backward_and_step(layer, {1, 1}, 0.5);
    const std::string hint = "that ignores f'(z): multiply grad_a by the activation's slope at z.";
    expect_vector_near(grad_x, {1, 2}, "dL/dx through a ReLU layer whose second unit was off",
                       "7.9", {{{4, 6}, hint}});
    expect_vector_near(layer.weights.data, {0.5, 1, 3, 4},
                       "W after backward_and_step, the second unit off", "7.9",
                       {{{0.5, 1, 2.5, 3}, hint}});
    expect_vector_near(layer.biases, {-0.5, -20}, "b after backward_and_step, the second unit off",
                       "7.9", {{{-0.5, -20.5}, hint}});
}

TUTOR_TEST(BackwardAndStep, SameNumbersAsChapters5And6ToTheLastBit, "mlp::backward_and_step",
           "7.9") {
    // 30 random inputs and gradients (a third of the numbers exactly 0)
    // through a 6 -> 5 layer: dL/dx must equal chapter 5's backward, and the
    // weights and biases chapter 6's sgd_step, exactly.
    for (mlp::Activation f : {mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{21 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(6, 5, f, rng);
        mlp::Network reference;
        reference.layers.push_back(fast);
        for (int example = 1; example <= 30; ++example) {
            const Vector x = random_with_zeros(rng, 6);
            const Vector grad_a = random_with_zeros(rng, 5);
            mlp::forward_in_place(fast, x);
            mlp::forward(reference.layers[0], x);
            const Vector grad_x = mlp::backward_and_step(fast, grad_a, 0.7);
            const mlp::LayerGradients gradients = mlp::backward(reference.layers[0], grad_a);
            mlp::sgd_step(reference, {gradients}, 0.7);
            const std::string where = "backward_and_step on a 6 -> 5 " + mlp::activation_name(f) +
                                      " layer, example " + std::to_string(example);
            if (grad_x != gradients.input) {
                ADD_FAILURE() << where << ": dL/dx " << tutor::show(grad_x)
                              << " but chapter 5's backward gives " << tutor::show(gradients.input)
                              << tutor::where("7.9") << kStepBitsHint;
                break;
            }
            const std::string difference = layer_difference(fast, reference.layers[0]);
            if (!difference.empty()) {
                ADD_FAILURE() << where << ": " << difference << tutor::where("7.9")
                              << kStepBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(BackwardAndStep, RejectsAGradientThatDoesNotMatchTheLayer, "mlp::backward_and_step",
           "7.9") {
    mlp::Layer layer = layer_of(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::backward_and_step(layer, {1, 1}, 0.1);
        },
        {"backward_and_step"}, "backward_and_step before any forward pass", "7.9");
    mlp::forward_in_place(layer, {1, 2, 3});
    expect_invalid_argument(
        [&] {
            mlp::backward_and_step(layer, {1, 1, 1}, 0.1);
        },
        {"backward_and_step", "(3)", "(2)"},
        "backward_and_step with grad_a (3) for a layer of 2 outputs", "7.9");
}

TUTOR_TEST(StepFirstLayer, MovesTheWeightsOfTheInputsThatWereNotZeroAndEveryBias,
           "mlp::step_first_layer", "7.9") {
    // W = [[1, 2, 3], [4, 5, 6]], b = [0, 0], identity, x = [0, 2, 0];
    // grad_a = [1, -1], learning rate 0.25: W(r, c) -= 0.25 * grad_z[r] * x[c]
    // moves column 1 only: W(0, 1) = 2 - 0.25 * 2 = 1.5, W(1, 1) = 5 + 0.5 = 5.5;
    // b = [-0.25, 0.25].
    mlp::Layer layer =
        layer_of(mlp::Matrix(2, 3, {1, 2, 3, 4, 5, 6}), {0, 0}, mlp::Activation::identity);
    mlp::forward_in_place(layer, {0, 2, 0});
    mlp::step_first_layer(layer, {1, -1}, 0.25);
    expect_vector_near(layer.weights.data, {1, 1.5, 3, 4, 5.5, 6},
                       "W after step_first_layer(x = [0, 2, 0], grad_a = [1, -1], lr 0.25)", "7.9",
                       {{{1, 2.5, 3, 4, 4.5, 6}, "the weights moved uphill: subtract the step."},
                        {{1, 2, 3, 4, 5, 6}, "the weights did not move."}});
    expect_vector_near(layer.biases, {-0.25, 0.25}, "b after step_first_layer(lr 0.25)", "7.9",
                       {{{0, 0}, "the biases never moved: b[r] -= learning_rate * grad_z[r]."}});
}

TUTOR_TEST(StepFirstLayer, SameNumbersAsChapters5And6ToTheLastBit, "mlp::step_first_layer", "7.9") {
    // As for backward_and_step, with inputs that are not one-hot: 30 random
    // inputs (a third of them exactly 0) and gradients through a 6 -> 5 layer.
    for (mlp::Activation f : {mlp::Activation::sigmoid, mlp::Activation::relu}) {
        mlp::Rng rng{31 + static_cast<std::uint64_t>(f)};
        mlp::Layer fast = mlp::make_layer(6, 5, f, rng);
        mlp::Network reference;
        reference.layers.push_back(fast);
        for (int example = 1; example <= 30; ++example) {
            const Vector x = random_with_zeros(rng, 6);
            const Vector grad_a = random_with_zeros(rng, 5);
            mlp::forward_in_place(fast, x);
            mlp::forward(reference.layers[0], x);
            mlp::step_first_layer(fast, grad_a, 0.7);
            mlp::sgd_step(reference, {mlp::backward(reference.layers[0], grad_a)}, 0.7);
            const std::string difference = layer_difference(fast, reference.layers[0]);
            if (!difference.empty()) {
                ADD_FAILURE() << "step_first_layer on a 6 -> 5 " << mlp::activation_name(f)
                              << " layer, example " << example << ": " << difference
                              << tutor::where("7.9") << kStepBitsHint;
                break;
            }
        }
    }
}

TUTOR_TEST(StepFirstLayer, RejectsAGradientThatDoesNotMatchTheLayer, "mlp::step_first_layer",
           "7.9") {
    mlp::Layer layer = layer_of(mlp::Matrix(2, 3, 0.0), {0, 0}, mlp::Activation::relu);
    mlp::forward_in_place(layer, {1, 2, 3});
    expect_invalid_argument(
        [&] {
            mlp::step_first_layer(layer, {1, 1, 1}, 0.1);
        },
        {"step_first_layer", "(3)", "(2)"},
        "step_first_layer with grad_a (3) for a layer of 2 outputs", "7.9");
}

TUTOR_TEST(TrainStepFast, OneStepWorkedByHand, "mlp::train_step_fast", "7.9") {
    // Chapter 6's example: one layer 2 -> 2, all 0; x = [1, 2], target [1, 0].
    //   p = [0.5, 0.5], loss = ln 2 = 0.6931471806, grad_z = p - t = [-0.5, 0.5]
    //   W -= 0.25 * outer([-0.5, 0.5], [1, 2]) -> [[0.125, 0.25], [-0.125, -0.25]]
    //   b -= 0.25 * [-0.5, 0.5]                -> [0.125, -0.125]
    mlp::Network network;
    network.layers.push_back(layer_of(mlp::Matrix(2, 2, 0.0), {0, 0}, mlp::Activation::identity));
    const double loss = mlp::train_step_fast(network, {1, 2}, {1, 0}, 0.25);
    expect_near(loss, 0.6931471806, "train_step_fast's loss (W = 0, x = [1, 2], target [1, 0])",
                "7.9", {}, 1e-9);
    expect_vector_near(network.layers[0].weights.data, {0.125, 0.25, -0.125, -0.25},
                       "W after train_step_fast(W = 0, x = [1, 2], target [1, 0], lr 0.25)", "7.9",
                       {{{-0.125, -0.25, 0.125, 0.25},
                         "the weights moved uphill: the gradient at the logits is p - target."}});
    expect_vector_near(network.layers[0].biases, {0.125, -0.125},
                       "b after train_step_fast(lr 0.25)", "7.9");
}

TUTOR_TEST(TrainStepFast, SameLossesAndParametersAsChapter6ToTheLastBit, "mlp::train_step_fast",
           "7.9") {
    // Two networks, each stepped with train_step_fast and its copy with
    // chapter 6's train_step, example after example: every loss and every
    // parameter must come out exactly equal.
    struct Case {
        std::string name;
        std::vector<std::size_t> sizes;
        mlp::Activation hidden;
        std::vector<std::pair<Vector, Vector>> examples;
    };
    const std::vector<Case> cases = {
        {"3 -> 4 sigmoid -> 2 -> 2",
         {3, 4, 2, 2},
         mlp::Activation::sigmoid,
         {{{0.5, 0, -1.25}, {1, 0}}, {{0, 0, 2}, {0, 1}}, {{1.0 / 3.0, -0.1, 0.7}, {0.25, 0.75}}}},
        {"26 -> 64 relu -> 26, letters",
         {26, 64, 26},
         mlp::Activation::relu,
         {{mlp::one_hot(3, 26), mlp::one_hot(3, 26)},
          {mlp::one_hot(17, 26), mlp::one_hot(17, 26)},
          {mlp::one_hot(3, 26), mlp::one_hot(3, 26)}}},
    };
    for (const Case& c : cases) {
        mlp::Rng rng{5};
        mlp::Network fast = mlp::make_network(c.sizes, c.hidden, mlp::Activation::identity, rng);
        mlp::Network reference = fast;
        for (std::size_t i = 0; i < c.examples.size(); ++i) {
            const auto& [x, target] = c.examples[i];
            const double fast_loss = mlp::train_step_fast(fast, x, target, 0.3);
            const double reference_loss = mlp::train_step(reference, x, target, 0.3);
            const std::string where = c.name + ", step " + std::to_string(i + 1);
            if (!(fast_loss == reference_loss)) {
                ADD_FAILURE() << where << ": train_step_fast's loss is " << exact(fast_loss)
                              << " but chapter 6's train_step gives " << exact(reference_loss)
                              << tutor::where("7.9");
                return;
            }
            const std::string difference = first_difference(fast, reference);
            if (!difference.empty()) {
                ADD_FAILURE() << where << ": " << difference << tutor::where("7.9")
                              << kLastBitsHint;
                return;
            }
        }
    }
}

TUTOR_TEST(TrainStepFast, BadInputIsRejectedBeforeAnyWeightMoves, "mlp::train_step_fast", "7.9") {
    mlp::Network empty;
    expect_invalid_argument([&] { mlp::train_step_fast(empty, {1}, {1}, 0.1); },
                            {"train_step_fast"}, "train_step_fast on a network with no layers",
                            "7.9");
    mlp::Rng rng{2};
    mlp::Network network =
        mlp::make_network({2, 3, 2}, mlp::Activation::relu, mlp::Activation::identity, rng);
    const Vector before = parameters(network);
    expect_invalid_argument(
        [&] {
            mlp::train_step_fast(network, {1, 2}, {1, 0, 0}, 0.1);
        },
        {}, "train_step_fast with a target of 3 numbers for 2 outputs", "7.9");
    expect_invalid_argument(
        [&] {
            mlp::train_step_fast(network, {1, 2, 3}, {1, 0}, 0.1);
        },
        {}, "train_step_fast with an input of 3 numbers for 2 inputs", "7.9");
    expect_vector_near(parameters(network), before,
                       "the parameters after train_step_fast refused its input (they must not "
                       "have moved)",
                       "7.9");
}

TUTOR_TRAINING_TEST(Training, TheClassifierTrainsToTheWeightsChapter6Gives, "mlp::train_classifier",
                    "7.9") {
    // train_classifier (train_step_fast) and chapter 6's train with its own
    // train_step, from the same start and the same seed: the same network,
    // bit for bit, after 40 epochs.
    mlp::ClassifierConfig config;
    config.hidden_size = 16;
    config.epochs = 40;
    mlp::LetterClassifier classifier = mlp::make_classifier(config);
    mlp::Network reference = classifier.network;
    mlp::Rng reference_rng = classifier.rng;
    const std::vector<double> losses = mlp::train_classifier(classifier);
    const std::vector<double> reference_losses = mlp::train(
        reference, mlp::letter_dataset(), config.learning_rate, config.epochs, reference_rng);
    const std::string difference = first_difference(classifier.network, reference);
    if (!difference.empty()) {
        ADD_FAILURE() << "after train_classifier (40 epochs, 16 hidden units) against chapter 6's "
                         "train: "
                      << difference << tutor::where("7.9") << kLastBitsHint;
    }
    expect_true(losses == reference_losses,
                "train_classifier's losses differ from chapter 6's train's", "7.9");
}

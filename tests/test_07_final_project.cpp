// Chapter 7 tests, part 1: letters, the dataset, the classifier, training,
// predicting and evaluating (part 2, the model file, is
// test_07_final_project_model_file.cpp). Expected numbers are worked out by
// hand in the comments beside them.
#include "07_final_project.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "chapter7_helpers.hpp"
#include "tutor.hpp"

using chapter7::expect_letter;
using chapter7::hand_built;
using chapter7::kHandOther;
using chapter7::kHandTop;
using chapter7::quoted;
using chapter7::spike;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

// ---------------------------------------------------------------------------
// 7.1 One-hot letters
// ---------------------------------------------------------------------------

TUTOR_TEST(OneHot, LetterIndexCountsFromZeroInEitherCase, "mlp::letter_index", "7.1") {
    // 'a' is position 0, 'b' 1, 'q' 16, 'z' 25; a capital has the position of
    // its small letter.
    const std::pair<char, std::size_t> positions[] = {{'a', 0}, {'b', 1}, {'q', 16}, {'z', 25},
                                                      {'A', 0}, {'B', 1}, {'Q', 16}, {'Z', 25}};
    for (const auto& [letter, position] : positions) {
        const std::size_t got = mlp::letter_index(letter);
        expect_true(got == position,
                    "letter_index(" + quoted(letter) + ") should be " + std::to_string(position) +
                        ", got " + std::to_string(got),
                    "7.1");
    }
}

TUTOR_TEST(OneHot, LetterIndexRefusesEverythingButTheLettersNamingIt, "mlp::letter_index", "7.1") {
    // The neighbours of the letters in ASCII ('@' before 'A', '[' after 'Z',
    // '`' before 'a', '{' after 'z'), a digit, a space, and a newline, which
    // has no face of its own and is named by its code.
    for (char c : {'3', ' ', '@', '[', '`', '{'}) {
        expect_invalid_argument([c] { mlp::letter_index(c); },
                                {"letter_index", quoted(c), "is not a letter (a to z or A to Z)"},
                                "letter_index(" + quoted(c) + ")", "7.1");
    }
    expect_invalid_argument([] { mlp::letter_index('\n'); },
                            {"letter_index", "the character with code 10", "is not a letter"},
                            "letter_index('\\n')", "7.1");
}

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
    expect_vector_near(mlp::encode_letter('Z'), spike(25, 1, 0), "encode_letter('Z')", "7.1");
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
    expect_invalid_argument([] { mlp::letter_at(26); },
                            {"letter_at", "index 26 is outside the alphabet (0 to 25)"},
                            "letter_at(26)", "7.1");
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
    mlp::Rng rng{mlp::kSeed};
    const mlp::LetterClassifier classifier = mlp::make_classifier(rng);  // the default hidden size
    const mlp::Network& network = classifier.network;
    ASSERT_EQ(network.layers.size(), 2u)
        << "make_classifier(rng) should make two layers" << tutor::where("7.3");
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
                "parameter_count(make_classifier(rng).network)", "7.3");
}

TUTOR_TEST(Classifier, HiddenSizeComesFromTheArgument, "mlp::make_classifier", "7.3") {
    mlp::Rng rng{mlp::kSeed};
    const mlp::LetterClassifier classifier = mlp::make_classifier(rng, 8);
    ASSERT_EQ(classifier.network.layers.size(), 2u) << tutor::where("7.3");
    // 26*8 + 8 + 8*26 + 26 = 208 + 8 + 208 + 26 = 450
    expect_near(static_cast<double>(mlp::parameter_count(classifier.network)), 450,
                "parameters of a classifier with hidden_size 8", "7.3",
                {{{3418}, "the hidden size is always 64: use the hidden_size argument."}});
    expect_true(classifier.network.layers[0].weights.rows == 8,
                "the hidden layer of hidden_size 8 should have 8 rows, has " +
                    std::to_string(classifier.network.layers[0].weights.rows),
                "7.3");
}

TUTOR_TEST(Classifier, TheRngDecidesTheStartingWeights, "mlp::make_classifier", "7.3") {
    mlp::Rng one{1};
    mlp::Rng one_again{1};
    mlp::Rng two{2};
    const mlp::LetterClassifier first = mlp::make_classifier(one);
    const mlp::LetterClassifier again = mlp::make_classifier(one_again);
    const mlp::LetterClassifier other = mlp::make_classifier(two);
    ASSERT_EQ(first.network.layers.size(), 2u) << tutor::where("7.3");
    const Vector& w1 = first.network.layers[0].weights.data;
    expect_true(w1 == again.network.layers[0].weights.data,
                "two classifiers made from Rng{1} should start with the same weights", "7.3");
    expect_true(w1 != other.network.layers[0].weights.data,
                "Rng{1} and Rng{2} should give different starting weights: draw them from the rng "
                "you are given",
                "7.3");
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
    // The rng has moved on by exactly the 3,418 - 90 = 3,328 weights drawn
    // (biases start at 0): a fresh Rng{1} advanced that far is where it is now.
    mlp::Rng fresh{1};
    for (int k = 0; k < 3328; ++k) {
        mlp::next_u64(fresh);
    }
    expect_true(one.state == fresh.state,
                "make_classifier should draw the weights from the rng it is given, leaving it "
                "ready for the shuffles (one draw per weight, none for the biases)",
                "7.3");
}

TUTOR_TEST(Classifier, HiddenSizesOutsideOneTo4096AreRejected, "mlp::make_classifier", "7.3") {
    mlp::Rng rng{mlp::kSeed};
    expect_invalid_argument([&] { mlp::make_classifier(rng, 0); },
                            {"make_classifier", "the hidden size must be 1 to 4096", "got 0"},
                            "make_classifier with hidden_size 0", "7.3");
    expect_invalid_argument([&] { mlp::make_classifier(rng, 4097); },
                            {"make_classifier", "the hidden size must be 1 to 4096", "got 4097"},
                            "make_classifier with hidden_size 4097 (one above 4096)", "7.3");
    // 4096 itself is allowed: the largest layer a model file may hold.
    mlp::Rng other{mlp::kSeed};
    expect_true(mlp::make_classifier(other, 4096).network.layers[0].weights.rows == 4096,
                "make_classifier with hidden_size 4096, the limit itself, should work", "7.3");
}

TUTOR_TEST(Classifier, TrainingSettingsOutOfRangeAreRejected, "mlp::train_classifier", "7.3") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 2);
    const mlp::Network before = classifier.network;
    const auto refused = [&](mlp::TrainingSettings settings, const std::string& reason,
                             const std::string& what) {
        expect_invalid_argument([&] { mlp::train_classifier(classifier, settings, rng); },
                                {"train_classifier", reason}, what, "7.3");
    };
    refused({0, 0.1}, "the epochs must be 1 to 100000, got 0", "train_classifier with 0 epochs");
    refused({mlp::kMaxEpochs + 1, 0.1}, "the epochs must be 1 to 100000, got 100001",
            "train_classifier with 100,001 epochs");
    refused({5, 0.0}, "the learning rate must be a finite number above 0, got 0",
            "train_classifier with learning rate 0");
    refused({5, std::nan("")}, "the learning rate must be a finite number above 0, got NaN",
            "train_classifier with learning rate NaN");
    expect_true(classifier.network.layers[0].weights.data == before.layers[0].weights.data,
                "a refused training must not change any weight", "7.3");
}

TUTOR_TRAINING_TEST(Training, ReportsEveryEpochAndTheLossFalls, "mlp::train_classifier", "7.3") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng);
    mlp::TrainingSettings settings;
    settings.epochs = 20;
    std::vector<std::size_t> heard;
    const std::vector<double> losses = mlp::train_classifier(
        classifier, settings, rng, [&](std::size_t epoch, double) { heard.push_back(epoch); });
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

TUTOR_TRAINING_TEST(Training, TheDefaultSettingsAre500EpochsAtRateOneTenth, "mlp::train_classifier",
                    "7.3") {
    const mlp::TrainingSettings settings;  // the defaults the program trains with
    expect_true(
        settings.epochs == 500,
        "TrainingSettings' default epochs should be 500, is " + std::to_string(settings.epochs),
        "7.3");
    expect_near(settings.learning_rate, 0.1, "TrainingSettings' default learning rate", "7.3");
    // Trained with them, the same classifier as chapter 6's train gives.
    mlp::Rng rng{3};
    mlp::Rng same{3};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 8);
    mlp::LetterClassifier reference = mlp::make_classifier(same, 8);
    const std::vector<double> losses = mlp::train_classifier(classifier, settings, rng);
    const std::vector<double> expected =
        mlp::train(reference.network, mlp::letter_dataset(), 0.1, 500, same);
    expect_true(losses == expected && classifier.network.layers[1].weights.data ==
                                          reference.network.layers[1].weights.data,
                "train_classifier with the default settings should be chapter 6's train on "
                "letter_dataset() at rate 0.1 for 500 epochs, with the rng it is given",
                "7.3");
}

// Every seed from 1 to 20, at the default settings, names every letter with
// probability above 0.99. One ctest entry per seed, so they run in parallel.
class LearnsEveryLetter : public testing::TestWithParam<std::uint64_t> {};

TEST_P(LearnsEveryLetter, AtTheDefaultSettings) {
    tutor::run({"mlp::train_classifier", "7.3", tutor::Budget::training}, [&] {
        mlp::Rng rng{GetParam()};
        mlp::LetterClassifier classifier = mlp::make_classifier(rng);
        mlp::train_classifier(classifier, mlp::TrainingSettings{}, rng);
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
    expect_invalid_argument([&] { mlp::predict(next, '3'); }, {"'3'", "is not a letter"},
                            "predict of '3'", "7.4");
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
    expect_invalid_argument([] { mlp::top_letters(Vector(26, 1.0 / 26), 27); },
                            {"top_letters", "needs 26 probabilities and k <= 26", "k = 27"},
                            "top_letters with k = 27", "7.4");
    expect_invalid_argument([] { mlp::top_letters(Vector(25, 0.04), 3); },
                            {"top_letters", "needs 26 probabilities", "(25)"},
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

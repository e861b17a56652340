// Chapter 7 tests, part 5: the edges of the classifier. Inputs that must come
// out of a call as they went in (probabilities, settings, networks, bytes,
// files, shapes, and a classifier that only predicts); the letter that
// matters first, inside and last; the smallest classifier and training.
// Expected values are worked out in the comments.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "07_final_project.hpp"
#include "chapter7_helpers.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

using chapter7::crafted_model;
using chapter7::expect_letter;
using chapter7::hand_built;
using chapter7::read_bytes;
using chapter7::spike;
using chapter7::TempDir;
using mlp::Bytes;
using mlp::Vector;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::parameters;

namespace {

// 26 probabilities: 0.3 at `first`, 0.2 at `second`, the rest 0.5 / 24 each.
Vector two_peaks(std::size_t first, std::size_t second) {
    Vector p(26, 0.5 / 24);
    p[first] = 0.3;
    p[second] = 0.2;
    return p;
}

}  // namespace

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, TopLettersLeavesTheProbabilitiesAsTheyWere, "mlp::top_letters", "7.4") {
    const Vector p = two_peaks(4, 1);
    mlp::top_letters(p, 3);
    expect_vector_near(p, two_peaks(4, 1),
                       "the probabilities after top_letters(p, 3): find the largest without "
                       "sorting or marking p itself",
                       "7.4", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, TrainClassifierLeavesTheSettingsAsTheyWere, "mlp::train_classifier",
           "7.3") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 4);
    const mlp::TrainingSettings settings{3, 0.1};
    mlp::train_classifier(classifier, settings, rng);
    expect_true(settings.epochs == 3 && settings.learning_rate == 0.1,
                "the settings {3 epochs, rate 0.1} after train_classifier should be as they "
                "were, are {" +
                    std::to_string(settings.epochs) + ", " + tutor::show(settings.learning_rate) +
                    "}",
                "7.3");
}

TUTOR_TEST(InputsUnchanged, PredictAndEvaluateLeaveTheWeightsAsTheyWere, "mlp::evaluate", "7.5") {
    mlp::LetterClassifier next = hand_built([](std::size_t c) { return (c + 1) % 26; });
    const Vector before = parameters(next.network);
    mlp::predict(next, 'q');
    mlp::evaluate(next);
    expect_vector_near(parameters(next.network), before,
                       "the weights and biases after predict and evaluate (they read the "
                       "network, they never train it)",
                       "7.5", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, ModelBytesAndSaveClassifierLeaveTheNetworkAsItWas, "mlp::model_bytes",
           "7.6") {
    // Weights that float32 cannot hold exactly (0.1, 1/3): a save that
    // rounds them in place would show here.
    mlp::LetterClassifier classifier = hand_built([](std::size_t c) { return c; });
    classifier.network.layers[0].weights(0, 0) = 0.1;
    classifier.network.layers[1].biases[25] = 1.0 / 3.0;
    const Vector before = parameters(classifier.network);
    const mlp::LetterClassifier& read_only = classifier;
    mlp::model_bytes(read_only.network);
    TempDir dir;
    mlp::save_classifier(read_only, dir.file("model.bin"));
    expect_vector_near(parameters(classifier.network), before,
                       "the network after model_bytes and save_classifier: every weight exactly "
                       "as it was (round a copy to float32, never the network)",
                       "7.6", {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, LoadingLeavesTheBytesAndTheFileAsTheyWere, "mlp::network_from_bytes",
           "7.7") {
    const Bytes bytes = crafted_model({26, 3, 26}, {2, 0});
    const Bytes copy = bytes;
    mlp::network_from_bytes(bytes);
    expect_true(bytes == copy, "the bytes after network_from_bytes should be as they were", "7.7");
    TempDir dir;
    const std::string path = dir.file("model.bin");
    chapter7::write_bytes(path, bytes);
    mlp::load_classifier(path);
    expect_true(read_bytes(path) == copy,
                "the model file after load_classifier should be as it was", "7.7");
}

TUTOR_TEST(InputsUnchanged, ReadModelLayersLeavesTheShapeAsItWas, "mlp::read_model_layers", "7.7") {
    const Bytes bytes = crafted_model({3, 2, 4}, {2, 1});
    mlp::ByteReader reader{bytes, 12 + 4 * 3 + 4 * 2};
    const mlp::ModelShape shape{{3, 2, 4}, {mlp::Activation::relu, mlp::Activation::sigmoid}};
    mlp::read_model_layers(reader, shape);
    expect_true(shape.sizes == std::vector<std::size_t>{3, 2, 4} &&
                    shape.activations == std::vector<mlp::Activation>{mlp::Activation::relu,
                                                                      mlp::Activation::sigmoid},
                "the shape after read_model_layers should be as it was", "7.7");
}

// ---------------------------------------------------------------------------
// The letter that matters first, inside and last
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, TopLettersFindsTheTopAtAAndAtZ, "mlp::top_letters", "7.4") {
    // 'a' (index 0) at 0.3 and 'z' (index 25) at 0.2, then the others tie, so
    // the third is the earliest of them, 'b'; and the other way round.
    const std::vector<mlp::LetterProbability> first = mlp::top_letters(two_peaks(0, 25), 3);
    const std::vector<mlp::LetterProbability> last = mlp::top_letters(two_peaks(25, 0), 3);
    if (first.size() != 3 || last.size() != 3) {
        expect_true(false, "top_letters(p, 3) should give 3 letters", "7.4");
        return;
    }
    expect_letter(first[0].letter, 'a', "top_letters with 'a' most probable: first", "7.4",
                  "the first letter was never a candidate: look at every index from 0.");
    expect_letter(first[1].letter, 'z', "top_letters with 'z' second: second", "7.4",
                  "the last letter was never a candidate: look at every index up to 25.");
    expect_letter(first[2].letter, 'b', "top_letters of the tied rest: the earliest, 'b'", "7.4");
    expect_letter(last[0].letter, 'z', "top_letters with 'z' most probable: first", "7.4");
    expect_letter(last[1].letter, 'a', "top_letters with 'a' second: second", "7.4");
    expect_near(last[0].probability, 0.3, "top_letters: the probability of 'z'", "7.4");
}

TUTOR_TEST(Positions, TopLettersGivesAllTwentySixOrNone, "mlp::top_letters", "7.4") {
    // k = 26: every letter, most probable first; here p rises with the index,
    // so the order is z, y, ..., a. k = 0: none.
    Vector p(26);
    for (std::size_t i = 0; i < 26; ++i) {
        p[i] = static_cast<double>(i + 1) / 351.0;  // 1 + 2 + ... + 26 = 351
    }
    const std::vector<mlp::LetterProbability> all = mlp::top_letters(p, 26);
    std::string letters;
    for (const mlp::LetterProbability& entry : all) {
        letters += entry.letter;
    }
    expect_true(letters == "zyxwvutsrqponmlkjihgfedcba",
                "top_letters(p, 26) with p rising from 'a' to 'z' should give z to a, gave \"" +
                    letters + "\"",
                "7.4");
    expect_true(mlp::top_letters(p, 0).empty(), "top_letters(p, 0) should give no letters", "7.4");
}

TUTOR_TEST(Positions, EvaluateCountsTheFirstAndTheLastLetter, "mlp::evaluate", "7.5") {
    // Every letter answers itself except one, first 'a' (answering 'b'), then
    // 'z' (answering 'y'): 25 of 26 either way, and that letter not correct.
    const struct {
        std::size_t wrong;
        std::size_t answer;
    } cases[] = {{0, 1}, {25, 24}};
    for (const auto& c : cases) {
        mlp::LetterClassifier classifier =
            hand_built([&](std::size_t i) { return i == c.wrong ? c.answer : i; });
        const mlp::Evaluation evaluation = mlp::evaluate(classifier);
        const std::string letter(1, mlp::kLowerCase[c.wrong]);
        expect_near(static_cast<double>(evaluation.correct), 25,
                    "evaluate of a classifier wrong only about '" + letter + "': letters right",
                    "7.5");
        if (evaluation.letters.size() == 26) {
            expect_true(!evaluation.letters[c.wrong].correct &&
                            evaluation.letters[c.wrong].predicted == mlp::kLowerCase[c.answer],
                        "evaluate: '" + letter + "' should be answered '" +
                            std::string(1, mlp::kLowerCase[c.answer]) +
                            "' and not count as "
                            "correct",
                        "7.5");
        }
    }
}

TUTOR_TEST(Positions, PredictAnswersAAndZ, "mlp::predict", "7.4") {
    // The classifier that answers each letter itself: 'a' and 'Z' come back
    // as 'a' and 'z', with e^3 / (e^3 + 25) on the answer.
    mlp::LetterClassifier same = hand_built([](std::size_t c) { return c; });
    expect_letter(mlp::predict(same, 'a').letter, 'a', "predict of 'a'", "7.4");
    const mlp::Prediction z = mlp::predict(same, 'Z');
    expect_letter(z.letter, 'z', "predict of 'Z'", "7.4");
    expect_vector_near(z.probabilities, spike(25, chapter7::kHandTop, chapter7::kHandOther),
                       "the probabilities predict gives for 'Z'", "7.4");
}

// ---------------------------------------------------------------------------
// The smallest classifier and training
// ---------------------------------------------------------------------------

TUTOR_TEST(SmallestShapes, AClassifierOfOneHiddenUnitIsAllowed, "mlp::make_classifier", "7.3") {
    // 26 -> 1 -> 26: 26 * 1 + 1 + 1 * 26 + 26 = 79 parameters.
    mlp::Rng rng{mlp::kSeed};
    const mlp::LetterClassifier tiny = mlp::make_classifier(rng, 1);
    expect_near(static_cast<double>(mlp::parameter_count(tiny.network)), 79,
                "parameters of make_classifier(rng, 1)", "7.3");
}

TUTOR_TEST(SmallestShapes, OneEpochOfTrainingGivesOneLoss, "mlp::train_classifier", "7.3") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 4);
    std::vector<std::size_t> heard;
    const std::vector<double> losses = mlp::train_classifier(
        classifier, {1, 0.1}, rng, [&](std::size_t epoch, double) { heard.push_back(epoch); });
    expect_true(losses.size() == 1 && heard == std::vector<std::size_t>{1},
                "train_classifier with 1 epoch should give 1 loss and report epoch 1, gave " +
                    std::to_string(losses.size()) + " losses",
                "7.3");
}

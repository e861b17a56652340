// Chapter 9 tests, part 2: a test set that shares nothing with the training
// set, training and testing, the letters it confuses (part 1, pictures and
// noise, is test_09_letters_never_seen.cpp).
//
// Expected pictures are drawn by hand in this file, row by row, from the
// font in the lesson; shifts are worked out by hand or by this file's own
// few lines (own_shift); the flipped pixels by chapter 3's shuffle, the
// training by chapter 6's train and the accuracies by chapter 6's accuracy,
// never by the code under test.
#include "09_letters_never_seen.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chapter9_helpers.hpp"
#include "tutor.hpp"

using namespace chapter9;  // the hand-drawn pictures and the tests' own helpers

using mlp::Dataset;
using mlp::GlyphNoise;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

// ---------------------------------------------------------------------------
// 9.4 Train and test: unseen_glyphs
// ---------------------------------------------------------------------------

TUTOR_TEST(UnseenGlyphs, NeverReturnsAPictureOfTheTrainingSet, "mlp::unseen_glyphs", "9.4") {
    // One flip and no shift leave only 63 pictures of each letter, so a
    // training set of 20 per letter covers about a quarter of them, and a
    // test set drawn without checking would repeat several.
    const GlyphNoise one_flip{1, 0};
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(20, one_flip, train_rng);
    Rng test_rng{2};
    const Dataset test = mlp::unseen_glyphs(20, one_flip, test_rng, seen);
    expect_near(static_cast<double>(test.size()), 520, "unseen_glyphs(20 per letter).size()",
                "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        for (std::size_t j = 0; j < seen.size(); ++j) {
            if (test[k].input == seen[j].input) {
                ADD_FAILURE() << "unseen_glyphs(20 per letter, 1 flip): test picture " << k
                              << " is training picture " << j << " (" << rows_of(test[k].input)
                              << "); a test picture must be one the network never trained on"
                              << tutor::where("9.4");
                return;
            }
        }
    }
}

TUTOR_TEST(UnseenGlyphs, DrawsAgainUntilThePictureIsNew, "mlp::unseen_glyphs", "9.4") {
    // No flips and a shift of up to 1: 9 possible pictures of each letter.
    // The "training set" holds 8 of them, all but the one moved left and up,
    // so every test picture must be that one: most draws are thrown away.
    Dataset seen;
    for (std::size_t letter = 0; letter < 26; ++letter) {
        const Vector clean = mlp::glyph_picture(letter);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (dx != -1 || dy != -1) {
                    seen.push_back({own_shift(clean, dx, dy), mlp::one_hot(letter, 26)});
                }
            }
        }
    }
    Rng rng{6};
    const Dataset test = mlp::unseen_glyphs(2, GlyphNoise{0, 1}, rng, seen);
    expect_near(static_cast<double>(test.size()), 52, "unseen_glyphs(2 per letter).size()", "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        const Vector expected = own_shift(mlp::glyph_picture(k % 26), -1, -1);
        if (test[k].input != expected) {
            ADD_FAILURE() << "unseen_glyphs with 8 of the 9 shifts of every letter already seen: "
                             "test picture "
                          << k << " (" << letter_name(k % 26) << ") should be the one shift not "
                          << "seen, moved left and up, " << rows_of(expected) << ", got "
                          << rows_of(test[k].input) << tutor::where("9.4")
                          << " Hint: a picture found among the training inputs is thrown away "
                             "and drawn again, as many times as it takes.";
            return;
        }
    }
}

TUTOR_TEST(UnseenGlyphs, LabelsEveryPictureWithItsLetterInOrder, "mlp::unseen_glyphs", "9.4") {
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(1, GlyphNoise{}, train_rng);
    Rng rng{2};
    const Dataset test = mlp::unseen_glyphs(3, GlyphNoise{}, rng, seen);
    expect_near(static_cast<double>(test.size()), 78, "unseen_glyphs(3 per letter).size()", "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        if (test[k].target != mlp::one_hot(k % 26, 26)) {
            ADD_FAILURE() << "unseen_glyphs(3 per letter): example " << k
                          << " should be labelled one_hot(" << k % 26 << ", 26), a "
                          << letter_name(k % 26) << "; its target's largest entry is at "
                          << largest(test[k].target) << tutor::where("9.4");
            return;
        }
    }
}

TUTOR_TEST(UnseenGlyphs, GivesUpWhenEveryPictureHasBeenSeen, "mlp::unseen_glyphs", "9.4") {
    // No noise at all: the only picture of each letter is its clean one,
    // and the training set holds all 26. There is nothing unseen to draw.
    Dataset seen;
    for (std::size_t letter = 0; letter < 26; ++letter) {
        seen.push_back({mlp::glyph_picture(letter), mlp::one_hot(letter, 26)});
    }
    Rng rng{1};
    expect_invalid_argument(
        [&] {
            mlp::unseen_glyphs(1, GlyphNoise{0, 0}, rng, seen);
        },
        {"unseen_glyphs"},
        "unseen_glyphs without noise, every clean letter already seen (it "
        "must stop after kMaxSeenDraws draws, not search for ever)",
        "9.4");
}

TUTOR_TEST(UnseenGlyphs, LeavesTheTrainingSetUnchanged, "mlp::unseen_glyphs", "9.4") {
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(2, GlyphNoise{}, train_rng);
    const Dataset copy = seen;
    Rng rng{2};
    mlp::unseen_glyphs(2, GlyphNoise{}, rng, seen);
    bool unchanged = seen.size() == copy.size();
    for (std::size_t k = 0; unchanged && k < seen.size(); ++k) {
        unchanged = seen[k].input == copy[k].input && seen[k].target == copy[k].target;
    }
    expect_true(unchanged, "unseen_glyphs changed the training set it was given", "9.4");
}

TUTOR_TEST(UnseenGlyphs, RejectsZeroPicturesPerLetter, "mlp::unseen_glyphs", "9.4") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::unseen_glyphs(0, GlyphNoise{}, rng, Dataset{}); },
                            {"unseen_glyphs", "0"}, "unseen_glyphs(0 per letter)", "9.4");
}

TUTOR_TEST(Split, TheDefaultTrainingAndTestSetsShareNoPicture, "mlp::unseen_glyphs", "9.4") {
    const mlp::GlyphExperiment experiment = mlp::make_glyph_experiment();
    expect_near(static_cast<double>(experiment.train_set.size()), 26.0 * mlp::kGlyphTrainPerLetter,
                "training pictures at the defaults", "9.4");
    expect_near(static_cast<double>(experiment.test_set.size()), 26.0 * mlp::kGlyphTestPerLetter,
                "test pictures at the defaults", "9.4");
    std::size_t shared = 0;
    for (const mlp::Example& test : experiment.test_set) {
        for (const mlp::Example& train : experiment.train_set) {
            shared += test.input == train.input ? 1 : 0;
        }
    }
    expect_near(static_cast<double>(shared), 0,
                "pairs of a test picture and a training picture with the same pixels", "9.4");
}

// ---------------------------------------------------------------------------
// 9.5 Train versus test: train_and_test
// ---------------------------------------------------------------------------

namespace {

// A small experiment for the tests of train_and_test: 2 pictures per
// letter to train on, 1 to test on, 8 hidden units.
struct Small {
    Dataset train_set = random_pictures(52, 11);
    Dataset test_set = random_pictures(26, 12);
    Network network = pixel_network(8, 13);
};

}  // namespace

TUTOR_TEST(TrainAndTest, TrainsExactlyAsChapter6sTrainOnTheTrainingSetOnly, "mlp::train_and_test",
           "9.5") {
    Small small;
    Network own = small.network;
    Rng own_rng{14};
    const std::vector<double> losses = mlp::train(own, small.train_set, 0.05, 3, own_rng);

    Rng rng{14};
    const mlp::GlyphHistory history =
        mlp::train_and_test(small.network, small.train_set, small.test_set, 0.05, 3, rng);
    expect_vector_near(history.loss, losses,
                       "the epoch losses of train_and_test(lr 0.05, 3 epochs), against chapter "
                       "6's train with the same rng",
                       "9.5", {}, 0.0);
    expect_vector_near(parameters(small.network), parameters(own),
                       "the weights after train_and_test, against chapter 6's train on the "
                       "training set alone (they must be equal: the test set is never trained on)",
                       "9.5", {}, 0.0);
}

TUTOR_TEST(TrainAndTest, MeasuresBothSetsAfterEveryEpoch, "mlp::train_and_test", "9.5") {
    // The independent route: chapter 6's train, with chapter 6's accuracy
    // measured after each epoch.
    Small small;
    Network own = small.network;
    Rng own_rng{15};
    Vector train_accuracy;
    Vector test_accuracy;
    mlp::train(own, small.train_set, 0.05, 4, own_rng, [&](std::size_t, double) {
        train_accuracy.push_back(mlp::accuracy(own, small.train_set));
        test_accuracy.push_back(mlp::accuracy(own, small.test_set));
    });

    Rng rng{15};
    const mlp::GlyphHistory history =
        mlp::train_and_test(small.network, small.train_set, small.test_set, 0.05, 4, rng);
    expect_vector_near(history.train_accuracy, train_accuracy,
                       "accuracy on the training set after each of 4 epochs", "9.5",
                       {{test_accuracy, "that is the test set's accuracy: the two are swapped."}});
    expect_vector_near(history.test_accuracy, test_accuracy,
                       "accuracy on the test set after each of 4 epochs", "9.5",
                       {{train_accuracy,
                         "that is the training set's accuracy: measure the test set with "
                         "accuracy(network, test_set)."}});
    expect_near(static_cast<double>(history.loss.size()), 4, "history.loss.size() after 4 epochs",
                "9.5");
}

TUTOR_TEST(TrainAndTest, RejectsAnEmptyTestSetBeforeTraining, "mlp::train_and_test", "9.5") {
    Small small;
    const Vector before = parameters(small.network);
    Rng rng{1};
    expect_invalid_argument(
        [&] { mlp::train_and_test(small.network, small.train_set, Dataset{}, 0.05, 2, rng); },
        {"train_and_test"}, "train_and_test with an empty test set", "9.5");
    expect_vector_near(parameters(small.network), before,
                       "the weights after train_and_test refused an empty test set (check before "
                       "training)",
                       "9.5", {}, 0.0);
}

// Every seed from 1 to 10, at the default settings, recognises at least 90%
// of letters it has never seen. One ctest entry per seed, so they run in
// parallel; each takes about a second in the debug build.
class RecognisesUnseenLetters : public testing::TestWithParam<std::uint64_t> {};

TEST_P(RecognisesUnseenLetters, AtTheDefaultSettings) {
    tutor::run({"mlp::noisy_glyphs", "9.5", tutor::Budget::training}, [&] {
        mlp::GlyphSettings settings;
        settings.seed = GetParam();
        settings.test_seed = 1000 + GetParam();  // a seed of its own for the test pictures
        mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
        mlp::train(experiment.network, experiment.train_set, mlp::kGlyphLearningRate,
                   mlp::kGlyphEpochs, experiment.rng);
        const double test = mlp::accuracy(experiment.network, experiment.test_set);
        expect_true(test >= 0.9,
                    "seed " + std::to_string(GetParam()) + ": accuracy on " +
                        std::to_string(experiment.test_set.size()) +
                        " test pictures it never trained on is " + tutor::show(test) +
                        ", expected at least 0.9 (every seed from 1 to 10 gives 0.96 or more)",
                    "9.5");
    });
}

INSTANTIATE_TEST_SUITE_P(Seeds, RecognisesUnseenLetters, testing::Range<std::uint64_t>(1, 11),
                         [](const testing::TestParamInfo<std::uint64_t>& seed) {
                             return "Seed" + std::to_string(seed.param);
                         });

TUTOR_TRAINING_TEST(Overfitting, OnePicturePerLetterIsLearnedByHeartNotRecognised,
                    "mlp::noisy_glyphs", "9.8") {
    // One training picture per letter, trained for the default run's 2,600
    // steps: every training picture right, and clearly fewer test pictures
    // (seed 1: 81%; seeds 1 to 10 all stay below 86%).
    mlp::GlyphSettings settings;
    settings.train_per_letter = 1;
    mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
    mlp::train(experiment.network, experiment.train_set, mlp::kGlyphLearningRate, 100,
               experiment.rng);
    const double train = mlp::accuracy(experiment.network, experiment.train_set);
    const double test = mlp::accuracy(experiment.network, experiment.test_set);
    expect_near(train, 1.0, "accuracy on the 26 training pictures after 100 epochs", "9.8");
    expect_true(test < 0.9 && test > 0.5,
                "accuracy on the test pictures after training on one picture per letter is " +
                    tutor::show(test) + ", expected between 0.5 and 0.9 (81% in lesson 9.8)",
                "9.8");
}

// ---------------------------------------------------------------------------
// 9.6 Which letters it confuses: confusion_counts
// ---------------------------------------------------------------------------

TUTOR_TEST(ConfusionCounts, CountsEachTrueLetterAgainstItsAnswer, "mlp::confusion_counts", "9.6") {
    // A network that reads B as C and every other letter as itself, on the
    // examples A, B, B, C: A -> A once, B -> C twice, C -> C once.
    Network b_as_c = answering([](std::size_t i) { return i == 1 ? std::size_t{2} : i; });
    const Dataset data = {{mlp::one_hot(0, 26), mlp::one_hot(0, 26)},
                          {mlp::one_hot(1, 26), mlp::one_hot(1, 26)},
                          {mlp::one_hot(1, 26), mlp::one_hot(1, 26)},
                          {mlp::one_hot(2, 26), mlp::one_hot(2, 26)}};
    const Matrix counts = mlp::confusion_counts(b_as_c, data);
    if (counts.rows != 26 || counts.cols != 26 || counts.data.size() != 676) {
        ADD_FAILURE() << "confusion_counts should give a (26 x 26) matrix, got (" << counts.rows
                      << " x " << counts.cols << ")" << tutor::where("9.6");
        return;
    }
    expect_near(counts(0, 0), 1, "counts(A, A): A answered A", "9.6");
    expect_near(counts(1, 2), 2, "counts(B, C): B answered C", "9.6",
                {{{0},
                  "row is the true letter, column the answer: counts(true, answer). Is it "
                  "the wrong way round?"}});
    expect_near(counts(2, 1), 0, "counts(C, B): no C was answered B", "9.6",
                {{{2}, "that is counts(answer, true): the row is the true letter."}});
    expect_near(counts(2, 2), 1, "counts(C, C): C answered C", "9.6");
    expect_near(counts(1, 1), 0, "counts(B, B): B was never answered B", "9.6");
}

TUTOR_TEST(ConfusionCounts, AddUpToTheExamplesAndTheDiagonalIsTheAccuracy, "mlp::confusion_counts",
           "9.6") {
    Network network = pixel_network(8, 21);
    const Dataset data = random_pictures(104, 22);
    const Matrix counts = mlp::confusion_counts(network, data);
    double total = 0.0;
    for (double c : counts.data) {
        total += c;
    }
    double right = 0.0;
    for (std::size_t i = 0; i < 26 && i * 27 < counts.data.size(); ++i) {
        right += counts.data[i * 27];  // element (i, i) of a (26 x 26) matrix
    }
    expect_near(total, 104, "the sum of all confusion counts for 104 examples", "9.6");
    expect_near(right / 104.0, mlp::accuracy(network, data),
                "the diagonal's sum / 104, against chapter 6's accuracy on the same examples",
                "9.6");
}

TUTOR_TEST(ConfusionCounts, RejectsAnEmptyDatasetAndOutputsThatAreNotLetters,
           "mlp::confusion_counts", "9.6") {
    Network letters = pixel_network(8, 1);
    expect_invalid_argument([&] { mlp::confusion_counts(letters, Dataset{}); },
                            {"confusion_counts"}, "confusion_counts of an empty dataset", "9.6");
    Rng rng{2};
    Network three =
        mlp::make_network({63, 4, 3}, mlp::Activation::relu, mlp::Activation::identity, rng);
    const Dataset data = {{Vector(63, 0.0), mlp::one_hot(0, 3)}};
    expect_invalid_argument([&] { mlp::confusion_counts(three, data); },
                            {"confusion_counts", "(3)"},
                            "confusion_counts of a network with 3 outputs", "9.6");
}

// Chapter 3 tests: activations, our own random numbers, Xavier initialisation,
// layers, networks and the cached forward pass.
//
// Expected values are worked out by hand in the comments. The random numbers
// were computed independently, with a few lines of Python that implement
// SplitMix64 from its published formula on Python's unbounded integers
// (masked to 64 bits), never with the code under test. For seed 0 they agree
// with the reference outputs published with SplitMix64.
#include "03_forward_pass.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Activation;
using mlp::Layer;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::example_network;

namespace {

std::string hex(std::uint64_t value) {
    char text[32];
    std::snprintf(text, sizeof text, "0x%016llx", static_cast<unsigned long long>(value));
    return text;
}

// The layer of lesson section 3.5: 2 neurons reading 3 inputs.
//   W = [0.5, -1,  2]    b = [-0.5]
//       [1,    1, -1]        [-1  ]
Layer example_layer(Activation activation) {
    return mlp::layer_from(Matrix(2, 3,
                                  {0.5, -1, 2,  //
                                   1, 1, -1}),
                           {-0.5, -1}, activation);
}

// A double with all 17 significant digits, for numbers that must be exact.
std::string exact(double x) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", x);
    return text;
}

std::vector<double> as_doubles(const std::vector<std::size_t>& items) {
    return std::vector<double>(items.begin(), items.end());
}

// The first uniform(rng, 0, 1) numbers for seed 42, (next_u64 >> 11) * 2^-53,
// computed in Python (17 digits, so each is the exact double).
const double kU42[] = {0.7415648787718233,  0.1599103928769201,  0.27860113025513866,
                       0.34419071652363753, 0.03803016854024621, 0.8682280765465323,
                       0.21840519371218436, 0.8006318767135033,  0.3399310389170206};

}  // namespace

// ---------------------------------------------------------------------------
// 3.2 Choosing an activation
// ---------------------------------------------------------------------------

TUTOR_TEST(Activate, IdentityReturnsZUnchanged, "mlp::activate", "3.2") {
    // identity(z) = z, negative numbers included
    expect_near(mlp::activate(Activation::identity, -2.5), -2.5, "activate(identity, -2.5)", "3.2",
                {{{0}, "0 is relu(-2.5): identity leaves z as it is."}});
    expect_near(mlp::activate(Activation::identity, 3.0), 3.0, "activate(identity, 3)", "3.2");
}

TUTOR_TEST(Activate, SigmoidAndReluGiveTheirChapterTwoValues, "mlp::activate", "3.2") {
    // sigmoid(2) = 1 / (1 + e^-2) = 0.8807970779778823; relu(-2) = 0; relu(3) = 3
    expect_near(mlp::activate(Activation::sigmoid, 2.0), 0.8807970779778823, "activate(sigmoid, 2)",
                "3.2", {{{2}, "2 is relu(2) or identity(2): the sigmoid case must call sigmoid."}});
    expect_near(mlp::activate(Activation::relu, -2.0), 0.0, "activate(relu, -2)", "3.2",
                {{{-2}, "-2 is identity(-2): the relu case must call relu."},
                 {{-0.02}, "-0.02 is the leaky ReLU: chapter 2's relu gives 0 for z < 0."},
                 {{0.11920292202211755}, "that is sigmoid(-2): the relu case must call relu."}});
    expect_near(mlp::activate(Activation::relu, 3.0), 3.0, "activate(relu, 3)", "3.2");
}

// ---------------------------------------------------------------------------
// 3.4 Random numbers of our own
// ---------------------------------------------------------------------------

TUTOR_TEST(Rng, FirstNumbersForSeedZeroArePinned, "mlp::next_u64", "3.4") {
    // SplitMix64's published first outputs for seed 0 (also computed in Python).
    const std::uint64_t expected[] = {0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
                                      0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL};
    Rng rng{0};
    for (int k = 0; k < 4; ++k) {
        const std::uint64_t got = mlp::next_u64(rng);
        expect_true(got == expected[k],
                    "next_u64 draw " + std::to_string(k + 1) + " for seed 0: expected " +
                        hex(expected[k]) + ", got " + hex(got) +
                        ". Check each constant and shift of the SplitMix64 formula",
                    "3.4");
        if (k == 0) {
            // state = 0 + 0x9E3779B97F4A7C15 after one draw
            expect_true(rng.state == 0x9E3779B97F4A7C15ULL,
                        "rng.state after one draw from seed 0: expected 0x9e3779b97f4a7c15, got " +
                            hex(rng.state) + ". Each draw adds 0x9E3779B97F4A7C15 to the state",
                        "3.4");
        }
    }
}

TUTOR_TEST(Rng, FirstNumbersForSeed42ArePinned, "mlp::next_u64", "3.4") {
    // A different seed, a different sequence (computed in Python).
    const std::uint64_t expected[] = {0xbdd732262feb6e95ULL, 0x28efe333b266f103ULL,
                                      0x47526757130f9f52ULL, 0x581ce1ff0e4ae394ULL};
    Rng rng{42};
    for (int k = 0; k < 4; ++k) {
        const std::uint64_t got = mlp::next_u64(rng);
        expect_true(got == expected[k],
                    "next_u64 draw " + std::to_string(k + 1) + " for seed 42: expected " +
                        hex(expected[k]) + ", got " + hex(got) +
                        (got == 0xe220a8397b1dcdafULL
                             ? ". That is seed 0's first number: is rng.state ignored?"
                             : ". Check each constant and shift of the SplitMix64 formula"),
                    "3.4");
    }
}

TUTOR_TEST(Uniform, FirstNumbersForSeed42ArePinned, "mlp::uniform", "3.4") {
    // u = (next_u64 >> 11) * 2^-53, then lo + (hi - lo) * u with lo = -1, hi = 1:
    // -1 + 2 * 0.7415648787718233 = 0.4831297575436466, and so on.
    Rng rng{42};
    Vector got;
    for (int k = 0; k < 4; ++k) {
        got.push_back(mlp::uniform(rng, -1.0, 1.0));
    }
    expect_vector_near(
        got, {0.4831297575436466, -0.6801792142461598, -0.4427977394897227, -0.31161856695272494},
        "the first four uniform(rng, -1, 1) for seed 42", "3.4",
        {{{kU42[0], kU42[1], kU42[2], kU42[3]},
          "those are in [0, 1): map them to [lo, hi) with lo + (hi - lo) * u."}},
        1e-15);
}

TUTOR_TEST(Uniform, StaysInsideLoHiAndCoversIt, "mlp::uniform", "3.4") {
    // 10,000 draws from [2, 5): none below 2, none at or above 5, some close
    // to each end, and a mean close to the middle, 3.5.
    Rng rng{5};
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    double sum = 0.0;
    const int draws = 10000;
    for (int k = 0; k < draws; ++k) {
        const double u = mlp::uniform(rng, 2.0, 5.0);
        low = std::min(low, u);
        high = std::max(high, u);
        sum += u;
    }
    if (low < 2.0 || high >= 5.0) {
        expect_true(false,
                    "uniform(rng, 2, 5) over 10,000 draws ranged from " + tutor::show(low) +
                        " to " + tutor::show(high) + "; every draw must lie in [2, 5)",
                    "3.4");
        return;
    }
    expect_true(low < 2.01 && high > 4.99,
                "uniform(rng, 2, 5) over 10,000 draws ranged only from " + tutor::show(low) +
                    " to " + tutor::show(high) + "; the draws should cover all of [2, 5)",
                "3.4");
    expect_near(sum / draws, 3.5, "the mean of 10,000 uniform(rng, 2, 5)", "3.4", {}, 0.05);
}

TUTOR_TEST(Uniform, NeverReachesHiEvenForTheLargestDraw, "mlp::uniform", "3.4") {
    // Running SplitMix64 backwards (in Python) gives the states whose next
    // number is 2^64 - 1 (all ones) and 0. The top 53 bits of all ones are
    // 2^53 - 1, and (2^53 - 1) * 2^-53 = 1 - 2^-53, just below 1.
    Rng largest{0x31628af67b2131abULL};
    const double top = mlp::uniform(largest, 0.0, 1.0);
    const double just_below_one = 1.0 - std::ldexp(1.0, -53);  // 0.99999999999999989
    if (top >= 1.0) {
        expect_true(false,
                    "uniform(rng, 0, 1) for the draw 2^64 - 1 gave " + exact(top) +
                        ", which is hi: converting all 64 bits to a double rounds up to 2^64. "
                        "Take the top 53 bits (next_u64(rng) >> 11) and multiply by 2^-53",
                    "3.4");
    } else {
        expect_true(top == just_below_one,
                    "uniform(rng, 0, 1) for the draw 2^64 - 1: expected 1 - 2^-53 = " +
                        exact(just_below_one) + ", got " + exact(top),
                    "3.4");
    }
    Rng smallest{0x61c8864680b583ebULL};
    const double bottom = mlp::uniform(smallest, 2.0, 5.0);
    expect_true(bottom == 2.0,
                "uniform(rng, 2, 5) for the draw 0: expected exactly lo = 2, got " + exact(bottom),
                "3.4");
}

TUTOR_TEST(Shuffle, OrderIsPinnedForTwoSeeds, "mlp::shuffle", "3.4") {
    // Fisher-Yates from i = 5 down to 1, j = next_u64 % (i + 1), worked in Python.
    std::vector<std::size_t> items{0, 1, 2, 3, 4, 5};
    Rng rng{42};
    mlp::shuffle(items, rng);
    expect_vector_near(
        as_doubles(items), {4, 3, 0, 2, 5, 1}, "shuffle([0, 1, 2, 3, 4, 5]) with seed 42", "3.4",
        {{{0, 1, 2, 3, 4, 5}, "nothing moved: swap items[i] and items[j] in the loop."},
         {{1, 2, 4, 0, 5, 3}, "j = next % i never lets an item stay: use j = next % (i + 1)."},
         {{1, 2, 0, 4, 3, 5}, "the last item never moved: start the loop at i = n - 1."},
         {{3, 4, 0, 2, 5, 1}, "the loop stopped at i = 2: run it down to i = 1."},
         {{1, 2, 4, 3, 0, 5}, "that is front-to-back; run i from n - 1 down to 1."},
         {{0, 4, 5, 3, 1, 2}, "the first item never moved: run i from n - 1 down to 1."},
         {{2, 5, 3, 0, 4, 1}, "j = next % n for every i gives a biased shuffle: use % (i + 1)."}});
    std::vector<std::size_t> again{0, 1, 2, 3, 4, 5};
    Rng other{7};
    mlp::shuffle(again, other);
    expect_vector_near(as_doubles(again), {1, 5, 0, 2, 4, 3},
                       "shuffle([0, 1, 2, 3, 4, 5]) with seed 7", "3.4",
                       {{{4, 3, 0, 2, 5, 1}, "that is seed 42's order: is the rng ignored?"}});
}

TUTOR_TEST(Shuffle, KeepsEveryItemExactlyOnce, "mlp::shuffle", "3.4") {
    // A shuffle only reorders: sorted again, the items are the ones that went in.
    Rng rng{3};
    for (const std::size_t n : {0, 1, 2, 3, 10, 100}) {
        std::vector<std::size_t> items;
        for (std::size_t i = 0; i < n; ++i) {
            items.push_back(1000 + i);  // values unlike their indices
        }
        const std::vector<std::size_t> original = items;
        mlp::shuffle(items, rng);
        std::vector<std::size_t> sorted = items;
        std::sort(sorted.begin(), sorted.end());
        expect_true(sorted == original,
                    "shuffle of " + std::to_string(n) +
                        " items lost or duplicated some (sorted, they should be 1000, 1001, ... " +
                        std::to_string(999 + n) + "): swap items[i] and items[j], do not copy",
                    "3.4");
    }
}

TUTOR_TEST(Shuffle, EveryItemCanLandAnywhere, "mlp::shuffle", "3.4") {
    // 2,000 shuffles of 5 items: each item should land in each of the 5
    // places about 2000 / 5 = 400 times. Between 300 and 500 is fine.
    const std::size_t n = 5;
    const int rounds = 2000;
    std::vector<std::vector<int>> count(n, std::vector<int>(n, 0));  // count[item][place]
    Rng rng{11};
    for (int k = 0; k < rounds; ++k) {
        std::vector<std::size_t> items{0, 1, 2, 3, 4};
        mlp::shuffle(items, rng);
        for (std::size_t place = 0; place < n; ++place) {
            if (items[place] < n) {
                ++count[items[place]][place];
            }
        }
    }
    if (count[n - 1][n - 1] == rounds) {
        expect_true(false,
                    "the last item never left the last place in 2,000 shuffles: start at i = n - 1",
                    "3.4");
        return;
    }
    if (count[0][0] == rounds) {
        expect_true(false,
                    "the first item never left the first place in 2,000 shuffles: let j be 0 too, "
                    "and run i down to 1",
                    "3.4");
        return;
    }
    for (std::size_t item = 0; item < n; ++item) {
        for (std::size_t place = 0; place < n; ++place) {
            const int c = count[item][place];
            if (c < 300 || c > 500) {
                expect_true(false,
                            "item " + std::to_string(item) + " landed in place " +
                                std::to_string(place) + " in " + std::to_string(c) +
                                " of 2,000 shuffles, expected about 400 (every place equally "
                                "likely)" +
                                (item == place && c == 0
                                     ? ": with j = next % i no item can stay put; use % (i + 1)"
                                     : ""),
                            "3.4");
                return;
            }
        }
    }
}

TUTOR_TEST(Shuffle, CanGiveAllTwentyFourOrdersOfFourItems, "mlp::shuffle", "3.4") {
    // 4 items have 4 * 3 * 2 * 1 = 24 orders; 2,400 shuffles should see each
    // about 100 times, and certainly at least once.
    std::map<std::vector<std::size_t>, int> seen;
    Rng rng{21};
    for (int k = 0; k < 2400; ++k) {
        std::vector<std::size_t> items{0, 1, 2, 3};
        mlp::shuffle(items, rng);
        ++seen[items];
    }
    expect_true(seen.size() == 24,
                "2,400 shuffles of [0, 1, 2, 3] gave " + std::to_string(seen.size()) +
                    " different orders, expected all 24",
                "3.4");
}

// ---------------------------------------------------------------------------
// 3.3 Starting weights
// ---------------------------------------------------------------------------

TUTOR_TEST(MakeLayer, HasOneRowPerOutputAndZeroBiases, "mlp::make_layer", "3.3") {
    Rng rng{1};
    const Layer layer = mlp::make_layer(3, 2, Activation::relu, rng);
    // 3 inputs, 2 outputs: W is (out, in) = (2 x 3), b is (2), all zero
    expect_true(
        layer.weights.rows == 2 && layer.weights.cols == 3 && layer.weights.data.size() == 6,
        "make_layer(3 inputs, 2 outputs): W should be (2 x 3), one row per output, got " +
            mlp::shape_of(layer.weights),
        "3.3");
    expect_vector_near(layer.biases, {0, 0}, "make_layer(3, 2).biases", "3.3");
    expect_true(layer.activation == Activation::relu,
                "make_layer(3, 2, relu): the layer's activation should be relu, got " +
                    mlp::activation_name(layer.activation),
                "3.3");
}

TUTOR_TEST(MakeLayer, FirstWeightsForSeed42ArePinned, "mlp::make_layer", "3.3") {
    // limit = sqrt(6 / (2 + 3)) = 1.0954451150103321; each weight is
    // -limit + 2 * limit * u for the next u of seed 42, row 0 first.
    Rng rng{42};
    const Layer layer = mlp::make_layer(2, 3, Activation::identity, rng);
    const double limit = std::sqrt(6.0 / 5.0);
    std::vector<double> expected;
    std::vector<double> if_limit_one;       // uniform(rng, -1, 1)
    std::vector<double> if_no_square_root;  // limit = 6 / (2 + 3) = 1.2
    for (int k = 0; k < 6; ++k) {
        expected.push_back(-limit + 2.0 * limit * kU42[k]);
        if_limit_one.push_back(-1.0 + 2.0 * kU42[k]);
        if_no_square_root.push_back(-1.2 + 2.4 * kU42[k]);
    }
    // 0.5292421328173138, -0.7450989975775218, -0.48506062066163436,
    // -0.3413610369148826, -1.0121251903094675, 0.8067472953250989
    expect_matrix_near(
        layer.weights, 3, 2, expected, "make_layer(2, 3) weights for seed 42", "3.3",
        {{{0, 0, 0, 0, 0, 0}, "every weight is 0: draw each with uniform(rng, -limit, limit)."},
         {if_limit_one, "those are uniform(rng, -1, 1): the range is +-sqrt(6 / (in + out))."},
         {if_no_square_root, "limit = 6 / (in + out) misses the square root."}},
        1e-12);
}

TUTOR_TEST(MakeLayer, WeightsStayWithinTheXavierLimit, "mlp::make_layer", "3.3") {
    // 26 inputs, 64 outputs: limit = sqrt(6 / (26 + 64)) = sqrt(1 / 15) = 0.2582
    Rng rng{1};
    const Layer layer = mlp::make_layer(26, 64, Activation::relu, rng);
    const double limit = std::sqrt(6.0 / 90.0);
    for (const double w : layer.weights.data) {
        if (std::abs(w) > limit) {
            expect_true(false,
                        "make_layer(26, 64) drew the weight " + tutor::show(w) + ", outside +-" +
                            tutor::show(limit) +
                            " = +-sqrt(6 / (26 + 64)): start weights this large saturate the "
                            "activations",
                        "3.3");
            return;
        }
    }
    expect_true(layer.weights.data.size() == 64 * 26,
                "make_layer(26, 64) should have 64 * 26 = 1664 weights, got " +
                    std::to_string(layer.weights.data.size()),
                "3.3");
}

TUTOR_TEST(MakeLayer, WeightsDifferAndFillTheXavierRange, "mlp::make_layer", "3.3") {
    // 1664 weights drawn evenly from [-0.258, 0.258): they are not all equal
    // (equal weights never become different: the symmetry problem) and some
    // come within 10% of each end (a limit that is too small fails this).
    Rng rng{1};
    const Layer layer = mlp::make_layer(26, 64, Activation::relu, rng);
    const double limit = std::sqrt(6.0 / 90.0);
    const auto [low, high] =
        std::minmax_element(layer.weights.data.begin(), layer.weights.data.end());
    if (low == layer.weights.data.end()) {
        expect_true(false, "make_layer(26, 64) made no weights at all", "3.3");
        return;
    }
    expect_true(*low != *high,
                "every weight of make_layer(26, 64) is " + tutor::show(*low) +
                    ": neurons that start equal stay equal. Draw each with uniform(rng, -limit, "
                    "limit)",
                "3.3");
    expect_true(*low<-0.9 * limit&& * high> 0.9 * limit,
                "make_layer(26, 64) weights range only from " + tutor::show(*low) + " to " +
                    tutor::show(*high) + "; they should fill +-" + tutor::show(limit) +
                    " = +-sqrt(6 / (in + out)). Is the limit computed right?",
                "3.3");
}

TUTOR_TEST(MakeLayer, SameSeedSameWeightsOtherSeedOtherWeights, "mlp::make_layer", "3.3") {
    Rng first{7};
    Rng second{7};
    Rng third{8};
    const Layer a = mlp::make_layer(4, 3, Activation::sigmoid, first);
    const Layer b = mlp::make_layer(4, 3, Activation::sigmoid, second);
    const Layer c = mlp::make_layer(4, 3, Activation::sigmoid, third);
    expect_true(a.weights.data == b.weights.data,
                "make_layer(4, 3) twice with seed 7 gave different weights: draw every weight "
                "from the rng you are given, and nothing else",
                "3.3");
    expect_true(a.weights.data != c.weights.data,
                "make_layer(4, 3) gave the same weights for seeds 7 and 8: the rng passed in is "
                "being ignored",
                "3.3");
}

// ---------------------------------------------------------------------------
// 3.5 A layer's forward pass
// ---------------------------------------------------------------------------

TUTOR_TEST(LayerForward, ComputesWxPlusBThenTheActivation, "mlp::forward", "3.5") {
    Layer layer = example_layer(Activation::relu);
    // row 0: 0.5*1 - 1*2 + 2*3 - 0.5 = 0.5 - 2 + 6 - 0.5 = 4
    // row 1: 1*1 + 1*2 - 1*3 - 1    = 1 + 2 - 3 - 1     = -1
    // a = relu(z) = [4, 0]
    expect_vector_near(mlp::forward(layer, {1, 2, 3}), {4, 0},
                       "forward(relu layer W = [[0.5, -1, 2], [1, 1, -1]], b = [-0.5, -1]; "
                       "x = [1, 2, 3])",
                       "3.5",
                       {{{4.5, 0}, "that is relu(W x): the biases were forgotten."},
                        {{4, -1}, "that is z itself: apply the layer's activation to each z."}});
}

TUTOR_TEST(LayerForward, AppliesTheActivationItWasGiven, "mlp::forward", "3.5") {
    // z = [4, -1] for all three (see the test above); only f differs.
    Layer identity = example_layer(Activation::identity);
    Layer sigmoid = example_layer(Activation::sigmoid);
    Layer relu = example_layer(Activation::relu);
    const Vector x{1, 2, 3};
    expect_vector_near(mlp::forward(identity, x), {4, -1}, "forward(identity layer, [1, 2, 3])",
                       "3.5", {{{4, 0}, "that is relu: use the layer's own activation."}});
    // sigmoid(4) = 1 / (1 + e^-4) = 0.9820137900379085; sigmoid(-1) = 0.2689414213699951
    expect_vector_near(mlp::forward(sigmoid, x), {0.9820137900379085, 0.2689414213699951},
                       "forward(sigmoid layer, [1, 2, 3])", "3.5",
                       {{{4, 0}, "that is relu: use the layer's own activation."},
                        {{4, -1}, "that is z: apply the layer's activation."}});
    expect_vector_near(mlp::forward(relu, x), {4, 0}, "forward(relu layer, [1, 2, 3])", "3.5",
                       {{{4, -1}, "that is z: apply the layer's activation."}});
}

TUTOR_TEST(LayerForward, KeepsItsInputZAndA, "mlp::forward", "3.5") {
    Layer layer = example_layer(Activation::relu);
    const Vector returned = mlp::forward(layer, {1, 2, 3});
    expect_vector_near(layer.input, {1, 2, 3}, "layer.input after forward(layer, [1, 2, 3])",
                       "3.5");
    expect_vector_near(layer.z, {4, -1}, "layer.z after forward(layer, [1, 2, 3])", "3.5",
                       {{{4, 0}, "that is a: z holds W x + b, before the activation."}});
    expect_vector_near(layer.a, {4, 0}, "layer.a after forward(layer, [1, 2, 3])", "3.5",
                       {{{4, -1}, "that is z: a holds f(z)."}});
    expect_vector_near(returned, layer.a, "forward's return value against layer.a", "3.5");
}

TUTOR_TEST(LayerForward, SecondForwardReplacesTheCache, "mlp::forward", "3.5") {
    Layer layer = example_layer(Activation::relu);
    mlp::forward(layer, {1, 2, 3});
    mlp::forward(layer, {0, 0, 1});
    // z = [2 - 0.5, -1 - 1] = [1.5, -2]; a = [1.5, 0]
    expect_vector_near(layer.input, {0, 0, 1}, "layer.input after a second forward with [0, 0, 1]",
                       "3.5",
                       {{{1, 2, 3}, "still the first call's input: store x on every call."},
                        {{1, 2, 3, 0, 0, 1}, "appended to the old input: replace it instead."}});
    expect_vector_near(layer.z, {1.5, -2}, "layer.z after a second forward with [0, 0, 1]", "3.5",
                       {{{4, -1}, "still the first call's z: store z on every call."},
                        {{4, -1, 1.5, -2}, "appended to the old z: replace it instead."}});
    expect_vector_near(layer.a, {1.5, 0}, "layer.a after a second forward with [0, 0, 1]", "3.5",
                       {{{4, 0}, "still the first call's a: store a on every call."},
                        {{4, 0, 1.5, 0}, "appended to the old a: replace it instead."}});
}

// ---------------------------------------------------------------------------
// 3.6 A network of layers
// ---------------------------------------------------------------------------

TUTOR_TEST(MakeNetwork, MakesOneLayerPerPairOfSizes, "mlp::make_network", "3.6") {
    Rng rng{1};
    const Network network =
        mlp::make_network({26, 64, 26}, Activation::relu, Activation::identity, rng);
    expect_true(network.layers.size() == 2,
                "make_network({26, 64, 26}) should make 2 layers (26 -> 64, 64 -> 26), got " +
                    std::to_string(network.layers.size()),
                "3.6");
    if (network.layers.size() != 2) {
        return;
    }
    expect_true(network.layers[0].weights.rows == 64 && network.layers[0].weights.cols == 26,
                "layer 0 of {26, 64, 26} should have W (64 x 26), got " +
                    mlp::shape_of(network.layers[0].weights),
                "3.6");
    expect_true(network.layers[1].weights.rows == 26 && network.layers[1].weights.cols == 64,
                "layer 1 of {26, 64, 26} should have W (26 x 64), got " +
                    mlp::shape_of(network.layers[1].weights),
                "3.6");
}

TUTOR_TEST(MakeNetwork, HiddenLayersGetHiddenAndTheLastGetsOutput, "mlp::make_network", "3.6") {
    Rng rng{1};
    const Network network =
        mlp::make_network({2, 3, 3, 1}, Activation::sigmoid, Activation::identity, rng);
    const Activation expected[] = {Activation::sigmoid, Activation::sigmoid, Activation::identity};
    expect_true(network.layers.size() == 3,
                "make_network({2, 3, 3, 1}) should make 3 layers, got " +
                    std::to_string(network.layers.size()),
                "3.6");
    for (std::size_t l = 0; l < network.layers.size() && l < 3; ++l) {
        const Activation got = network.layers[l].activation;
        expect_true(got == expected[l],
                    "make_network({2, 3, 3, 1}, hidden = sigmoid, output = identity): layer " +
                        std::to_string(l) + " should use " + mlp::activation_name(expected[l]) +
                        ", got " + mlp::activation_name(got) +
                        (l == 2 ? " (the last layer uses `output`, not `hidden`)" : ""),
                    "3.6");
    }
}

TUTOR_TEST(MakeNetwork, DrawsTheLayersInOrderFromOneRng, "mlp::make_network", "3.6") {
    // Layer 0 (2 -> 3) takes seed 42's numbers 1-6, layer 1 (3 -> 1) numbers 7-9:
    // limits sqrt(6 / 5) and sqrt(6 / 4) = 1.224744871391589.
    Rng rng{42};
    const Network network =
        mlp::make_network({2, 3, 1}, Activation::relu, Activation::identity, rng);
    expect_true(network.layers.size() == 2,
                "make_network({2, 3, 1}) should make 2 layers, got " +
                    std::to_string(network.layers.size()),
                "3.6");
    if (network.layers.size() != 2) {
        return;
    }
    const double limit0 = std::sqrt(6.0 / 5.0);
    const double limit1 = std::sqrt(6.0 / 4.0);
    std::vector<double> first;
    for (int k = 0; k < 6; ++k) {
        first.push_back(-limit0 + 2.0 * limit0 * kU42[k]);
    }
    std::vector<double> second;
    std::vector<double> second_if_restarted;
    for (int k = 0; k < 3; ++k) {
        second.push_back(-limit1 + 2.0 * limit1 * kU42[6 + k]);
        second_if_restarted.push_back(-limit1 + 2.0 * limit1 * kU42[k]);
    }
    // -0.6897635896230203, 0.7363946983633833, -0.39208727831071777
    expect_matrix_near(network.layers[0].weights, 3, 2, first,
                       "layer 0 weights of make_network({2, 3, 1}) for seed 42", "3.6", {}, 1e-12);
    expect_matrix_near(network.layers[1].weights, 1, 3, second,
                       "layer 1 weights of make_network({2, 3, 1}) for seed 42", "3.6",
                       {{second_if_restarted,
                         "layer 1 started from seed 42 again: pass the same rng by reference "
                         "(Rng&) to every make_layer, never a copy."}},
                       1e-12);
}

TUTOR_TEST(NetworkForward, FeedsEachLayerThePreviousLayersOutput, "mlp::forward", "3.6") {
    Network network = example_network();
    // layer 0: z = [1*2 + 2*1 + 0, -1*2 + 1*1 + 0.5] = [4, -0.5]; a = relu(z) = [4, 0]
    // layer 1 reads [4, 0]: z = [4 - 0 - 5, 2 + 0 + 1] = [-1, 3]; identity: [-1, 3]
    expect_vector_near(
        mlp::forward(network, {2, 1}), {-1, 3},
        "forward(2 -> 2 relu -> 2 identity network, x = [2, 1])", "3.6",
        {{{-4, 4}, "layer 1 read x instead of layer 0's output: chain the layers."},
         {{0, 3}, "the output layer applied relu: each layer uses its own activation."},
         {{-0.5, 2}, "layer 0's relu was skipped: each layer applies its activation."},
         {{4, 0}, "that is layer 0's output: return the last layer's."},
         {{4, 2}, "the biases were forgotten."}});
}

TUTOR_TEST(NetworkForward, LeavesEveryLayersCacheFilled, "mlp::forward", "3.6") {
    Network network = example_network();
    mlp::forward(network, {2, 1});
    // Worked in the test above: layer 0 saw [2, 1], layer 1 saw layer 0's a = [4, 0].
    expect_vector_near(network.layers[0].input, {2, 1}, "layer 0's input", "3.6");
    expect_vector_near(network.layers[0].z, {4, -0.5}, "layer 0's z", "3.6");
    expect_vector_near(network.layers[0].a, {4, 0}, "layer 0's a", "3.6");
    expect_vector_near(network.layers[1].input, {4, 0}, "layer 1's input", "3.6",
                       {{{2, 1}, "layer 1 read x: it must read layer 0's output."}});
    expect_vector_near(network.layers[1].z, {-1, 3}, "layer 1's z", "3.6");
    expect_vector_near(network.layers[1].a, {-1, 3}, "layer 1's a", "3.6");
}

TUTOR_TEST(ParameterCount, Of26_64_26Is3418, "mlp::parameter_count", "3.6") {
    // 26*64 + 64 weights and biases, then 64*26 + 26: 1664 + 64 + 1664 + 26 = 3418
    Rng rng{1};
    const Network network =
        mlp::make_network({26, 64, 26}, Activation::relu, Activation::identity, rng);
    expect_near(
        static_cast<double>(mlp::parameter_count(network)), 3418.0,
        "parameter_count of a 26-64-26 network", "3.6",
        {{{3328}, "3328 counts only the weights: add one bias per output neuron."},
         {{90}, "90 counts only the biases: add out * in weights per layer."},
         {{3444}, "3444 counts a bias for the input layer too: biases belong to outputs."}});
}

TUTOR_TEST(ParameterCount, CountsEveryWeightAndBiasOfEachLayer, "mlp::parameter_count", "3.6") {
    // Hand-built 2 -> 3 -> 1: (3*2 + 3) + (1*3 + 1) = 9 + 4 = 13
    Network network;
    network.layers.push_back(mlp::layer_from(Matrix(3, 2, 0.5), {0, 0, 0}, Activation::relu));
    network.layers.push_back(mlp::layer_from(Matrix(1, 3, 0.5), {0}, Activation::identity));
    expect_near(static_cast<double>(mlp::parameter_count(network)), 13.0,
                "parameter_count of a hand-built 2-3-1 network", "3.6",
                {{{9}, "9 counts only the weights: add one bias per output neuron."},
                 {{4}, "4 counts only the biases: add out * in weights per layer."}});
}

// ---------------------------------------------------------------------------
// Shape errors and unknown activations
// ---------------------------------------------------------------------------

TUTOR_TEST(ShapeErrors, ActivateRejectsAnUnknownActivation, "mlp::activate", "3.2") {
    expect_invalid_argument([] { mlp::activate(static_cast<Activation>(42), 1.0); },
                            {"activate", "unknown activation 42"},
                            "activate with the activation 42", "3.2");
}

TUTOR_TEST(ShapeErrors, LayerForwardRejectsAnInputOfTheWrongSize, "mlp::forward", "3.5") {
    Layer layer = example_layer(Activation::relu);
    expect_invalid_argument(
        [&] {
            mlp::forward(layer, {1, 2});
        },
        {"forward", "(2 x 3)", "but x is (2)"}, "forward of a (2 x 3) layer on an input of 2",
        "3.5");
    expect_invalid_argument(
        [&] {
            mlp::forward(layer, {1, 2, 3, 4});
        },
        {"forward", "(2 x 3)", "but x is (4)"}, "forward of a (2 x 3) layer on an input of 4",
        "3.5");
}

TUTOR_TEST(ShapeErrors, LayerForwardRejectsAnEmptyInput, "mlp::forward", "3.5") {
    Layer layer = example_layer(Activation::relu);
    expect_invalid_argument([&] { mlp::forward(layer, {}); },
                            {"forward", "(2 x 3)", "but x is (0)"},
                            "forward of a (2 x 3) layer on an empty input", "3.5");
}

TUTOR_TEST(ShapeErrors, LayerForwardRejectsAnUnknownActivation, "mlp::forward", "3.5") {
    Layer layer = example_layer(static_cast<Activation>(42));
    expect_invalid_argument(
        [&] {
            mlp::forward(layer, {1, 2, 3});
        },
        {"activate", "unknown activation 42"}, "forward of a layer whose activation is 42", "3.5");
}

TUTOR_TEST(ShapeErrors, NetworkForwardRejectsAnInputOfTheWrongSize, "mlp::forward", "3.6") {
    Network network = example_network();
    expect_invalid_argument(
        [&] {
            mlp::forward(network, {1, 2, 3});
        },
        {"forward", "(2 x 2)", "but x is (3)"}, "forward of a 2-2-2 network on an input of 3",
        "3.6");
}

TUTOR_TEST(ShapeErrors, NetworkForwardRejectsANetworkWithNoLayers, "mlp::forward", "3.6") {
    Network empty;
    expect_invalid_argument(
        [&] {
            mlp::forward(empty, {1, 2});
        },
        {"forward", "no layers"}, "forward of a network with no layers", "3.6");
}

TUTOR_TEST(ShapeErrors, MakeLayerRejectsZeroSizes, "mlp::make_layer", "3.3") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::make_layer(0, 3, Activation::relu, rng); },
                            {"make_layer", "at least one input", "0 inputs", "3 outputs"},
                            "make_layer(0 inputs, 3 outputs)", "3.3");
    expect_invalid_argument([&] { mlp::make_layer(2, 0, Activation::relu, rng); },
                            {"make_layer", "at least one input", "2 inputs", "0 outputs"},
                            "make_layer(2 inputs, 0 outputs)", "3.3");
}

TUTOR_TEST(ShapeErrors, MakeLayerRejectsAnUnknownActivation, "mlp::make_layer", "3.3") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::make_layer(2, 3, static_cast<Activation>(42), rng); },
                            {"make_layer", "unknown activation 42"},
                            "make_layer with the activation 42", "3.3");
}

TUTOR_TEST(ShapeErrors, MakeNetworkRejectsFewerThanTwoSizes, "mlp::make_network", "3.6") {
    Rng rng{1};
    expect_invalid_argument(
        [&] { mlp::make_network({26}, Activation::relu, Activation::identity, rng); },
        {"make_network", "at least two sizes", "got 1"}, "make_network({26})", "3.6");
    expect_invalid_argument(
        [&] { mlp::make_network({}, Activation::relu, Activation::identity, rng); },
        {"make_network", "at least two sizes", "got 0"}, "make_network({})", "3.6");
}

TUTOR_TEST(ShapeErrors, MakeNetworkPassesOnMakeLayersErrors, "mlp::make_network", "3.6") {
    Rng rng{1};
    expect_invalid_argument(
        [&] {
            mlp::make_network({2, 0, 1}, Activation::relu, Activation::identity, rng);
        },
        {"make_layer", "at least one input", "2 inputs", "0 outputs"}, "make_network({2, 0, 1})",
        "3.6");
    expect_invalid_argument(
        [&] {
            mlp::make_network({2, 3, 1}, Activation::relu, static_cast<Activation>(42), rng);
        },
        {"make_layer", "unknown activation 42"},
        "make_network({2, 3, 1}) with the output activation 42", "3.6");
}

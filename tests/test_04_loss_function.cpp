// Chapter 4 tests: softmax, cross-entropy, MSE, the gradient at the logits.
// Every expected value below is worked out by hand in the comment beside it,
// except the gradient check, which takes its expected values from centered
// differences of the loss computed right here in the test.
//
// Numbers used more than once:
//     e = 2.718281828459045, e^2 = 7.3890560989306495
//     1 + e + e^2 = 11.107337927389695
//     softmax([1, 2, 3]) = [1, e, e^2] / 11.107337927389695
//                        = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219]
#include "04_loss_function.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "tutor.hpp"
#include "worked_examples.hpp"

using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;
using worked::kSoftmaxOfOneTwoThree;

namespace {

bool all_finite(const Vector& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

// NaN and infinity compare unequal to every number, so no tutor::Hint can
// match them. This chapter's classic mistakes (e^1000, ln 0, 0 * ln 0)
// produce exactly those, so they get their own hint here.
void expect_finite_near(double actual, double expected, const std::string& what,
                        const std::string& lesson, const std::string& not_finite_hint,
                        const std::vector<tutor::Hint>& hints = {}) {
    if (!std::isfinite(actual)) {
        expect_true(false,
                    what + ": expected " + tutor::show(expected) + ", got " + tutor::show(actual) +
                        ". Hint: " + not_finite_hint,
                    lesson);
        return;
    }
    expect_near(actual, expected, what, lesson, hints);
}

void expect_finite_vector_near(const Vector& actual, const Vector& expected,
                               const std::string& what, const std::string& lesson,
                               const std::string& not_finite_hint,
                               const std::vector<tutor::Hint>& hints = {}) {
    if (!all_finite(actual)) {
        expect_true(false,
                    what + ": expected " + tutor::show(expected) + ", got " + tutor::show(actual) +
                        ". Hint: " + not_finite_hint,
                    lesson);
        return;
    }
    expect_vector_near(actual, expected, what, lesson, hints);
}

}  // namespace

// ---------------------------------------------------------------------------
// 4.1 Softmax
// ---------------------------------------------------------------------------

TUTOR_TEST(Softmax, OfOneTwoThreeByHand, "mlp::softmax", "4.1") {
    // e^z = [e, e^2, e^3]; dividing by their sum, e (1 + e + e^2), gives
    // [1, e, e^2] / (1 + e + e^2) = [1, 2.718281828459045, 7.3890560989306495] / 11.107337927389695
    expect_vector_near(
        mlp::softmax({1, 2, 3}), kSoftmaxOfOneTwoThree, "softmax([1, 2, 3])", "4.1",
        {{{1.0 / 6, 2.0 / 6, 3.0 / 6},
          "that is z / (sum of z); softmax divides e^z[i] by the sum of all the e^z[j]."},
         {{0.1353352832366127, 0.36787944117144233, 1},
          "those are e^(z[i] - max) before the division: divide each by their sum."},
         {{2.718281828459045, 7.3890560989306495, 20.085536923187664},
          "those are e^z[i]: divide each by their sum so that they add up to 1."}});
}

TUTOR_TEST(Softmax, ProbabilitiesLieBetweenZeroAndOneAndSumToOne, "mlp::softmax", "4.1") {
    for (const Vector& z :
         {Vector{0.5, -1.5, 3.0, 2.0}, Vector{42}, Vector{-3, -3, -3, 10, -7}, Vector(26, 0.0)}) {
        const Vector p = mlp::softmax(z);
        expect_true(p.size() == z.size(),
                    "softmax(" + tutor::show(z) + ") must give one probability per logit, got " +
                        tutor::show(p),
                    "4.1");
        double sum = 0.0;
        bool in_range = true;
        for (double value : p) {
            sum += value;
            in_range = in_range && value >= 0.0 && value <= 1.0;
        }
        expect_true(in_range,
                    "softmax(" + tutor::show(z) + ") = " + tutor::show(p) +
                        ": every probability must lie between 0 and 1",
                    "4.1");
        // the probabilities of all the classes add up to 1, whatever z is
        expect_near(sum, 1.0, "the sum of softmax(" + tutor::show(z) + ")", "4.1");
    }
}

TUTOR_TEST(Softmax, EqualLogitsShareTheProbabilityEqually, "mlp::softmax", "4.1") {
    // 26 equal logits: each e^(z - max) is e^0 = 1, the sum is 26, p = 1/26.
    const double one_26th = 0.038461538461538464;  // 1 / 26
    expect_vector_near(mlp::softmax(Vector(26, 0.0)), Vector(26, one_26th), "softmax of 26 zeros",
                       "4.1");
    expect_vector_near(mlp::softmax(Vector(26, 5.0)), Vector(26, one_26th), "softmax of 26 fives",
                       "4.1");
}

TUTOR_TEST(Softmax, AddingTheSameNumberToEveryLogitChangesNothing, "mlp::softmax", "4.1") {
    // e^(z[i] + c) / sum e^(z[j] + c) = e^c e^z[i] / (e^c sum e^z[j]): e^c cancels,
    // so [101, 102, 103] and [-99, -98, -97] give softmax([1, 2, 3]).
    expect_vector_near(mlp::softmax({101, 102, 103}), kSoftmaxOfOneTwoThree,
                       "softmax([101, 102, 103])", "4.1");
    expect_vector_near(mlp::softmax({-99, -98, -97}), kSoftmaxOfOneTwoThree,
                       "softmax([-99, -98, -97])", "4.1");
}

TUTOR_TEST(Softmax, SubtractsTheMaxSoLargeLogitsDoNotOverflow, "mlp::softmax", "4.1") {
    // [1000, 999, 998] - 1000 = [0, -1, -2]: softmax([3, 2, 1]), the hand values reversed.
    // Without the subtraction, e^1000 overflows to inf and inf / inf is NaN.
    expect_finite_vector_near(
        mlp::softmax({1000, 999, 998}),
        {0.6652409557748219, 0.24472847105479764, 0.09003057317038046}, "softmax([1000, 999, 998])",
        "4.1",
        "e^1000 overflows to inf, and inf / inf is NaN: subtract the largest logit from every "
        "logit before calling std::exp.");
}

TUTOR_TEST(Softmax, SubtractsTheMaxSoLargeNegativeLogitsDoNotVanish, "mlp::softmax", "4.1") {
    // [-1000, -999, -998] + 998 = [-2, -1, 0]: softmax([1, 2, 3]) again.
    // Without the subtraction every e^z underflows to 0, and 0 / 0 is NaN.
    expect_finite_vector_near(
        mlp::softmax({-1000, -999, -998}), kSoftmaxOfOneTwoThree, "softmax([-1000, -999, -998])",
        "4.1",
        "e^-1000 underflows to 0, and 0 / 0 is NaN: subtract the largest logit from every logit "
        "before calling std::exp.");
}

TUTOR_TEST(Softmax, HandlesASpreadOfMoreThanAThousand, "mlp::softmax", "4.1") {
    // [-1000, 0, 1000] - 1000 = [-2000, -1000, 0]: e^-2000 and e^-1000 are 0 in
    // a double, e^0 = 1, so p = [0, 0, 1]. Subtracting the smallest logit
    // instead gives [0, 1000, 2000], and e^1000 is inf.
    expect_finite_vector_near(
        mlp::softmax({-1000, 0, 1000}), {0, 0, 1}, "softmax([-1000, 0, 1000])", "4.1",
        "subtract the LARGEST logit, not the smallest (nor none): then every exponent is at most "
        "0 and every e^(z - max) is at most 1, so nothing overflows.");
}

TUTOR_TEST(Argmax, ReturnsTheIndexOfTheLargestElement, "mlp::argmax", "4.1") {
    // [3, 9, 4, 1]: the largest is 9, at index 1.
    expect_near(static_cast<double>(mlp::argmax({3, 9, 4, 1})), 1.0, "argmax([3, 9, 4, 1])", "4.1",
                {{{9}, "9 is the largest value; argmax returns where it is, its index."}});
    // [-3, -1, -2]: every element is negative; the largest is -1, at index 1.
    expect_near(static_cast<double>(mlp::argmax({-3, -1, -2})), 1.0, "argmax([-3, -1, -2])", "4.1",
                {{{0},
                  "start the search from element 0 of v, not from the value 0: every element "
                  "here is below 0."}});
}

TUTOR_TEST(Argmax, TheFirstOfTiedMaximaWins, "mlp::argmax", "4.1") {
    // [2, 5, 1, 5]: 5 appears at index 1 and at index 3; the first wins.
    expect_near(static_cast<double>(mlp::argmax({2, 5, 1, 5})), 1.0, "argmax([2, 5, 1, 5])", "4.1",
                {{{3},
                  "3 is the last of the tied maxima; keep the first (replace the best only "
                  "when a later element is strictly larger: >, not >=)."},
                 {{5}, "5 is the largest value; argmax returns its index."}});
}

// ---------------------------------------------------------------------------
// 4.2 Cross-entropy
// ---------------------------------------------------------------------------

TUTOR_TEST(OneHot, PutsASingleOneAtTheIndex, "mlp::one_hot", "4.2") {
    // class 2 of 5: indices 0 1 2 3 4 -> [0, 0, 1, 0, 0]
    expect_vector_near(mlp::one_hot(2, 5), {0, 0, 1, 0, 0}, "one_hot(2, 5)", "4.2",
                       {{{0, 1, 0, 0, 0}, "indices count from 0: index 2 is the third place."},
                        {{0, 0, 0, 1, 0}, "the 1 is one place too far right."}});
    expect_vector_near(mlp::one_hot(0, 1), {1}, "one_hot(0, 1)", "4.2");
}

TUTOR_TEST(CrossEntropy, OfAPerfectPredictionIsZero, "mlp::cross_entropy", "4.2") {
    // The true class has probability 1: -ln(1) = 0.
    expect_near(mlp::cross_entropy({0, 1, 0}, std::size_t{1}), 0.0,
                "cross_entropy([0, 1, 0], class 1)", "4.2");
    // One-hot: -(0 ln 0 + 1 ln 1 + 0 ln 0), where 0 ln(floored 0) = 0.
    expect_finite_near(mlp::cross_entropy({0, 1, 0}, {0, 1, 0}), 0.0,
                       "cross_entropy([0, 1, 0], [0, 1, 0])", "4.2",
                       "0 * ln(0) is 0 * (-inf) = NaN: floor every p at kMinProbability before "
                       "the log.");
}

TUTOR_TEST(CrossEntropy, OfAConfidentWrongPredictionIsLarge, "mlp::cross_entropy", "4.2") {
    // The true class 0 got 0.01: -ln(0.01) = 2 ln(10) = 4.605170185988091.
    const std::vector<tutor::Hint> hints{
        {{6.643856189774724}, "that is -log2(0.01); cross-entropy uses the natural log, std::log."},
        {{-4.605170185988091}, "the loss came out negative: L = -ln p, do not forget the minus."}};
    expect_near(mlp::cross_entropy({0.01, 0.98, 0.01}, std::size_t{0}), 4.605170185988091,
                "cross_entropy([0.01, 0.98, 0.01], class 0)", "4.2", hints);
    expect_near(mlp::cross_entropy({0.01, 0.98, 0.01}, {1, 0, 0}), 4.605170185988091,
                "cross_entropy([0.01, 0.98, 0.01], [1, 0, 0])", "4.2", hints);
}

TUTOR_TEST(CrossEntropy, AgainstAOneHotTargetIsMinusTheLogOfTheTrueClass, "mlp::cross_entropy",
           "4.2") {
    // -(0 ln 0.25 + 1 ln 0.5 + 0 ln 0.25) = -ln 0.5 = ln 2 = 0.6931471805599453
    expect_near(mlp::cross_entropy({0.25, 0.5, 0.25}, {0, 1, 0}), 0.6931471805599453,
                "cross_entropy([0.25, 0.5, 0.25], [0, 1, 0])", "4.2",
                {{{1}, "that is -log2(0.5); use the natural log, std::log."},
                 {{-0.6931471805599453}, "the minus sign is missing: L = -(sum of t ln p)."},
                 {{3.4657359027997265},
                  "that is -(ln 0.25 + ln 0.5 + ln 0.25): multiply each log by its target."}});
}

TUTOR_TEST(CrossEntropy, WeighsEachLogByItsTarget, "mlp::cross_entropy", "4.2") {
    // A target that is not one-hot: -(0.5 ln 0.25 + 0.5 ln 0.5 + 0 ln 0.25)
    //   = 0.5 * 1.3862943611198906 + 0.5 * 0.6931471805599453 = 1.0397207708399179
    expect_near(mlp::cross_entropy({0.25, 0.5, 0.25}, {0.5, 0.5, 0}), 1.0397207708399179,
                "cross_entropy([0.25, 0.5, 0.25], [0.5, 0.5, 0])", "4.2",
                {{{1.5}, "that is log2; use the natural log, std::log."},
                 {{-1.0397207708399179}, "the minus sign is missing: L = -(sum of t ln p)."}});
}

TUTOR_TEST(CrossEntropy, WithAClassIndexIsMinusTheLogOfThatProbability, "mlp::cross_entropy",
           "4.2") {
    // class 0: -ln 0.25 = ln 4 = 1.3862943611198906;  class 1: -ln 0.5 = ln 2 = 0.6931471805599453
    expect_near(
        mlp::cross_entropy({0.25, 0.5, 0.25}, std::size_t{0}), 1.3862943611198906,
        "cross_entropy([0.25, 0.5, 0.25], class 0)", "4.2",
        {{{2}, "that is -log2(0.25); use the natural log, std::log."},
         {{-1.3862943611198906}, "the minus sign is missing: L = -ln p[k]."},
         {{0.6931471805599453}, "that is -ln p[1]: use p[k] for class k, counting from 0."}});
    expect_near(mlp::cross_entropy({0.25, 0.5, 0.25}, std::size_t{1}), 0.6931471805599453,
                "cross_entropy([0.25, 0.5, 0.25], class 1)", "4.2",
                {{{1}, "that is -log2(0.5); use the natural log, std::log."},
                 {{-0.6931471805599453}, "the minus sign is missing: L = -ln p[k]."}});
}

TUTOR_TEST(CrossEntropy, OfAUniformGuessOver26ClassesIsLn26, "mlp::cross_entropy", "4.2") {
    // An untrained network spreads its bet: p = 1/26 for every letter, so
    // L = -ln(1/26) = ln 26 = 3.258096538021482, whatever the true letter.
    expect_near(mlp::cross_entropy(Vector(26, 1.0 / 26), std::size_t{7}), 3.258096538021482,
                "cross_entropy(26 times 1/26, class 7)", "4.2",
                {{{4.700439718141092}, "that is log2(26); use the natural log, std::log."},
                 {{-3.258096538021482}, "the minus sign is missing: L = -ln p[k]."}});
}

TUTOR_TEST(CrossEntropy, AZeroProbabilityForTheTrueClassGivesALargeFiniteLoss, "mlp::cross_entropy",
           "4.2") {
    // p = 0 is floored at kMinProbability = 1e-12: -ln(1e-12) = 12 ln 10 = 27.631021115928547
    const std::string hint =
        "ln(0) is minus infinity: floor p at kMinProbability, std::max(p, kMinProbability), "
        "before the log.";
    const std::vector<tutor::Hint> hints{
        {{39.86313713864835}, "that is -log2(1e-12); use the natural log, std::log."},
        {{-27.631021115928547}, "the minus sign is missing: L = -ln p."}};
    expect_finite_near(mlp::cross_entropy({0, 1}, std::size_t{0}), 27.631021115928547,
                       "cross_entropy([0, 1], class 0)", "4.2", hint, hints);
    expect_finite_near(mlp::cross_entropy({0, 1}, {1, 0}), 27.631021115928547,
                       "cross_entropy([0, 1], [1, 0])", "4.2", hint, hints);
}

TUTOR_TEST(CrossEntropy, AZeroProbabilityForAnotherClassAddsNothing, "mlp::cross_entropy", "4.2") {
    // -(0 ln 0 + 1 ln 0.5 + 0 ln 0.5): the zero's term is 0 * ln(1e-12) = 0, so L = ln 2.
    expect_finite_near(
        mlp::cross_entropy({0, 0.5, 0.5}, {0, 1, 0}), 0.6931471805599453,
        "cross_entropy([0, 0.5, 0.5], [0, 1, 0])", "4.2",
        "0 * ln(0) is 0 * (-inf) = NaN: floor every p at kMinProbability before "
        "the log, not only the true class's.",
        {{{1}, "that is -log2(0.5); use the natural log, std::log."},
         {{-0.6931471805599453}, "the minus sign is missing: L = -(sum of t ln p)."}});
}

// ---------------------------------------------------------------------------
// 4.3 The gradient at the logits
// ---------------------------------------------------------------------------

TUTOR_TEST(SoftmaxCrossEntropyGradient, IsSoftmaxMinusTheTarget,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    // Four equal logits: softmax = [0.25, 0.25, 0.25, 0.25]; minus the target [0, 0, 1, 0]
    // gives [0.25, 0.25, -0.75, 0.25].
    expect_vector_near(
        mlp::softmax_cross_entropy_gradient({1, 1, 1, 1}, {0, 0, 1, 0}), {0.25, 0.25, -0.75, 0.25},
        "softmax_cross_entropy_gradient([1, 1, 1, 1], [0, 0, 1, 0])", "4.3",
        {{{-0.25, -0.25, 0.75, -0.25},
          "the sign is reversed: the gradient is softmax(z) - target, not target - softmax(z)."},
         {{0.25, 0.25, 0.25, 0.25}, "that is softmax(z) alone: subtract the target."},
         {{1, 1, 0, 1}, "that is z - target: take the softmax of z first."}});
}

TUTOR_TEST(SoftmaxCrossEntropyGradient, StaysFiniteForLargeLogits,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    // softmax([1000, 0]) = [1, e^-1000] = [1, 0] in a double; minus [0, 1] gives [1, -1].
    expect_finite_vector_near(mlp::softmax_cross_entropy_gradient({1000, 0}, {0, 1}), {1, -1},
                              "softmax_cross_entropy_gradient([1000, 0], [0, 1])", "4.3",
                              "e^1000 is inf: compute the gradient from softmax(z), and make "
                              "softmax subtract the largest logit (lesson.md 4.1).",
                              {{{-1, 1},
                                "the sign is reversed: the gradient is softmax(z) - target, not "
                                "target - softmax(z)."}});
}

TUTOR_TEST(SoftmaxCrossEntropyGradient, AgreesWithFiniteDifferencesOfTheLoss,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    const Vector z{0.5, -1.2, 2.0, 0.3};
    const Vector target{0, 1, 0, 0};
    const Vector analytic = mlp::softmax_cross_entropy_gradient(z, target);

    // The independent route: nudge one logit by h up and down and watch the loss,
    //     dL/dz[i] ~ (L(z + h e_i) - L(z - h e_i)) / (2 h),   L(z) = cross_entropy(softmax(z), t).
    // The error of this estimate is about h^2 = 1e-10, far below the tolerance.
    const double h = 1e-5;
    Vector numeric(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) {
        Vector up = z;
        Vector down = z;
        up[i] += h;
        down[i] -= h;
        numeric[i] = (mlp::cross_entropy(mlp::softmax(up), target) -
                      mlp::cross_entropy(mlp::softmax(down), target)) /
                     (2.0 * h);
    }

    expect_true(analytic.size() == z.size(),
                "softmax_cross_entropy_gradient gave " + tutor::show(analytic) +
                    ", but it needs one number per logit (4)",
                "4.3");
    if (analytic.size() != z.size()) {
        return;
    }
    // Guard: a gradient of all zeros would agree with a broken check.
    double largest = 0.0;
    for (double g : analytic) {
        largest = std::max(largest, std::abs(g));
    }
    expect_true(largest > 1e-3,
                "softmax_cross_entropy_gradient(" + tutor::show(z) + ", " + tutor::show(target) +
                    ") is all zero (or nearly): " + tutor::show(analytic),
                "4.3");
    // Relative error, component by component; name the first that disagrees.
    for (std::size_t i = 0; i < z.size(); ++i) {
        const double scale = std::max(std::abs(analytic[i]), std::abs(numeric[i]));
        const double relative_error =
            scale == 0.0 ? 0.0 : std::abs(analytic[i] - numeric[i]) / scale;
        if (!(relative_error < 1e-6)) {
            std::string hint =
                " Hint: the differences use your softmax and cross_entropy: if their tests fail "
                "too, fix those first.";
            if (std::abs(analytic[i] + numeric[i]) < 1e-6 * scale) {
                hint =
                    " Hint: exactly the negative: the gradient is softmax(z) - target, not "
                    "target - softmax(z) (unless cross_entropy has lost its minus sign: see its "
                    "tests).";
            }
            expect_true(false,
                        "dL/dz[" + std::to_string(i) + "] for z = " + tutor::show(z) +
                            ", target = " + tutor::show(target) +
                            ": softmax_cross_entropy_gradient gave " + tutor::show(analytic[i]) +
                            ", centered differences of cross_entropy(softmax(z)) give " +
                            tutor::show(numeric[i]) + " (relative error " +
                            tutor::show(relative_error) + ", should be below 1e-6)." + hint,
                        "4.3");
            return;
        }
    }
}

// ---------------------------------------------------------------------------
// 4.4 Mean squared error
// ---------------------------------------------------------------------------

TUTOR_TEST(Mse, IsTheMeanOfTheSquaredDifferences, "mlp::mse", "4.4") {
    // y - t = [1-1, 0-2, 5-2] = [0, -2, 3]; squared [0, 4, 9]; sum 13; mean 13 / 3.
    // (The sum 13, the mean absolute error 5/3 and the plain mean 1/3 all differ.)
    expect_near(mlp::mse({1, 0, 5}, {1, 2, 2}), 4.333333333333333, "mse([1, 0, 5], [1, 2, 2])",
                "4.4",
                {{{13}, "13 is the sum of the squares: divide by n = 3 for the mean."},
                 {{1.6666666666666667},
                  "5/3 is the mean absolute error |y - t|: square each difference instead."},
                 {{5}, "5 is the sum of |y - t|: square each difference, then take the mean."},
                 {{0.3333333333333333},
                  "1/3 is the mean of y - t, where -2 and 3 partly cancel: square each "
                  "difference first."},
                 {{6.5}, "6.5 is 13 / 2: divide by n = 3, not n - 1."}});
}

TUTOR_TEST(MseDerivative, IsTwiceTheDifferenceOverN, "mlp::mse_derivative", "4.4") {
    // dL/dy[i] = 2 (y[i] - t[i]) / n = 2 * [0, -2, 3] / 3 = [0, -4/3, 2]
    expect_vector_near(
        mlp::mse_derivative({1, 0, 5}, {1, 2, 2}), {0, -1.3333333333333333, 2},
        "mse_derivative([1, 0, 5], [1, 2, 2])", "4.4",
        {{{0, -0.6666666666666666, 1},
          "half the expected value: the 2 from differentiating the square is missing."},
         {{0, -4, 6}, "n times the expected value: the mean's 1/n is missing."},
         {{0, -2, 3}, "that is y - t: both the 2 and the 1/n are missing."},
         {{0, 1.3333333333333333, -2}, "the sign is reversed: it is y - t, not t - y."}});
}

// ---------------------------------------------------------------------------
// 4.5 The loss of a network
// ---------------------------------------------------------------------------

TUTOR_TEST(NetworkLoss, OfAHandSetNetworkIsCrossEntropyOfTheSoftmaxOfItsLogits, "mlp::network_loss",
           "4.5") {
    // Logits [1, 2, 3] (see mlp::worked_example_network), target class 0:
    // L = -ln(1 / (1 + e + e^2)) = ln 11.107337927389695 = 2.40760596444438
    mlp::Network network = mlp::worked_example_network();
    expect_near(
        mlp::network_loss(network, {1, 2}, {1, 0, 0}), 2.40760596444438,
        "network_loss(hand-set network, x = [1, 2], target = [1, 0, 0])", "4.5",
        {{{0},
          "0 is -ln(1), the logit 1 taken as a probability: put the logits through "
          "softmax first."},
         {{0.40760596444438013}, "that is the loss of class 2: use the target given."},
         {{3.4734411853185976},
          "that is log2(11.107...): cross_entropy must use the natural log (4.2)."},
         {{-2.40760596444438}, "the loss came out negative: see cross_entropy's minus (4.2)."}});
}

TUTOR_TEST(NetworkLoss, RunsTheForwardPassSoEveryLayerHoldsFreshValues, "mlp::network_loss",
           "4.5") {
    // After the call, the layers hold what this forward pass computed (hidden a = [1, 0],
    // logits z = [1, 2, 3]), ready for backward in chapter 5.
    mlp::Network network = mlp::worked_example_network();
    mlp::network_loss(network, {1, 2}, {1, 0, 0});
    expect_vector_near(network.layers[0].a, {1, 0}, "the hidden layer's a after network_loss",
                       "4.5");
    expect_vector_near(network.layers[1].z, {1, 2, 3}, "the output layer's z after network_loss",
                       "4.5");
}

// ---------------------------------------------------------------------------
// Shape errors: std::invalid_argument naming the function and the shapes.
// ---------------------------------------------------------------------------

TUTOR_TEST(ShapeErrors, SoftmaxRejectsAnEmptyVector, "mlp::softmax", "4.1") {
    expect_invalid_argument([] { mlp::softmax({}); }, {"softmax", "non-empty", "(0)"},
                            "softmax of an empty vector", "4.1");
}

TUTOR_TEST(ShapeErrors, ArgmaxRejectsAnEmptyVector, "mlp::argmax", "4.1") {
    expect_invalid_argument([] { mlp::argmax({}); }, {"argmax", "non-empty", "(0)"},
                            "argmax of an empty vector", "4.1");
}

TUTOR_TEST(ShapeErrors, CrossEntropyRejectsVectorsOfDifferentSizes, "mlp::cross_entropy", "4.2") {
    expect_invalid_argument(
        [] {
            mlp::cross_entropy(Vector{0.2, 0.3, 0.5}, Vector{0, 1});
        },
        {"cross_entropy", "same size", "(3)", "(2)"},
        "cross_entropy of 3 probabilities and a target of 2", "4.2");
}

TUTOR_TEST(ShapeErrors, CrossEntropyRejectsEmptyVectors, "mlp::cross_entropy", "4.2") {
    expect_invalid_argument([] { mlp::cross_entropy(Vector{}, Vector{}); },
                            {"cross_entropy", "non-empty", "(0)"},
                            "cross_entropy of two empty vectors", "4.2");
}

TUTOR_TEST(ShapeErrors, CrossEntropyRejectsAClassOutsideTheProbabilities, "mlp::cross_entropy",
           "4.2") {
    const Vector p{0.2, 0.3, 0.5};
    expect_invalid_argument([&] { mlp::cross_entropy(p, std::size_t{7}); },
                            {"cross_entropy", "class 7 is outside probabilities of shape (3)"},
                            "cross_entropy of 3 probabilities, class 7", "4.2");
    // Classes of 3 probabilities are 0, 1, 2: class 3 is one past the end.
    expect_invalid_argument([&] { mlp::cross_entropy(p, std::size_t{3}); },
                            {"cross_entropy", "class 3 is outside", "(3)"},
                            "cross_entropy of 3 probabilities, class 3", "4.2");
    expect_invalid_argument([] { mlp::cross_entropy(Vector{}, std::size_t{0}); },
                            {"cross_entropy", "class 0 is outside", "(0)"},
                            "cross_entropy of no probabilities, class 0", "4.2");
}

TUTOR_TEST(ShapeErrors, OneHotRejectsAnIndexOutsideTheVector, "mlp::one_hot", "4.2") {
    expect_invalid_argument([] { mlp::one_hot(7, 5); },
                            {"one_hot", "index 7 is outside a vector of size 5"}, "one_hot(7, 5)",
                            "4.2");
    // A vector of 5 has indices 0 to 4: index 5 is one past the end.
    expect_invalid_argument([] { mlp::one_hot(5, 5); },
                            {"one_hot", "index 5 is outside a vector of size 5"}, "one_hot(5, 5)",
                            "4.2");
    expect_invalid_argument([] { mlp::one_hot(0, 0); },
                            {"one_hot", "index 0 is outside a vector of size 0"}, "one_hot(0, 0)",
                            "4.2");
}

TUTOR_TEST(ShapeErrors, SoftmaxCrossEntropyGradientRejectsVectorsOfDifferentSizes,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    expect_invalid_argument(
        [] {
            mlp::softmax_cross_entropy_gradient({1, 2, 3, 4}, {0, 1, 0});
        },
        {"softmax_cross_entropy_gradient", "same size", "(4)", "(3)"},
        "softmax_cross_entropy_gradient of 4 logits and a target of 3", "4.3");
}

TUTOR_TEST(ShapeErrors, SoftmaxCrossEntropyGradientRejectsEmptyVectors,
           "mlp::softmax_cross_entropy_gradient", "4.3") {
    expect_invalid_argument([] { mlp::softmax_cross_entropy_gradient({}, {}); },
                            {"softmax_cross_entropy_gradient", "non-empty", "(0)"},
                            "softmax_cross_entropy_gradient of two empty vectors", "4.3");
}

TUTOR_TEST(ShapeErrors, MseRejectsVectorsOfDifferentSizes, "mlp::mse", "4.4") {
    expect_invalid_argument(
        [] {
            mlp::mse({1, 2, 3}, {1, 2});
        },
        {"mse", "same size", "(3)", "(2)"}, "mse of sizes 3 and 2", "4.4");
}

TUTOR_TEST(ShapeErrors, MseRejectsEmptyVectors, "mlp::mse", "4.4") {
    expect_invalid_argument([] { mlp::mse({}, {}); }, {"mse", "non-empty", "(0)"},
                            "mse of two empty vectors", "4.4");
}

TUTOR_TEST(ShapeErrors, MseDerivativeRejectsVectorsOfDifferentSizes, "mlp::mse_derivative", "4.4") {
    expect_invalid_argument(
        [] {
            mlp::mse_derivative({1, 2}, {1, 2, 3});
        },
        {"mse_derivative", "same size", "(2)", "(3)"}, "mse_derivative of sizes 2 and 3", "4.4");
}

TUTOR_TEST(ShapeErrors, MseDerivativeRejectsEmptyVectors, "mlp::mse_derivative", "4.4") {
    expect_invalid_argument([] { mlp::mse_derivative({}, {}); },
                            {"mse_derivative", "non-empty", "(0)"},
                            "mse_derivative of two empty vectors", "4.4");
}

TUTOR_TEST(ShapeErrors, NetworkLossRejectsATargetOfTheWrongSize, "mlp::network_loss", "4.5") {
    // The hand-set network gives 3 logits; a target of 2 cannot be compared with them.
    mlp::Network network = mlp::worked_example_network();
    expect_invalid_argument(
        [&] {
            mlp::network_loss(network, {1, 2}, {1, 0});
        },
        {"cross_entropy", "same size", "(3)", "(2)"},
        "network_loss with 3 logits and a target of 2", "4.5");
}

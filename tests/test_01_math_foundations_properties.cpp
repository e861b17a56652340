// Chapter 1 tests, part 2: every operation against its definition on random
// inputs. Each test draws 200 sets of shapes (1 to 7 along each side, so a
// loop that stops one short or starts one late has nowhere to hide) and
// numbers, and compares the answer with the definition written out here as
// the plainest loop. A failure names the seed that drew its inputs.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "01_math_foundations.hpp"
#include "random_inputs.hpp"
#include "tutor.hpp"

using mlp::Matrix;
using mlp::Vector;
using random_inputs::draw;
using random_inputs::draw_matrix;
using random_inputs::draw_size;
using random_inputs::draw_vector;
using random_inputs::Draws;
using random_inputs::kSeeds;
using random_inputs::seed_words;

namespace {

constexpr std::size_t kLargest = 7;   // the longest side drawn
constexpr double kTolerance = 1e-12;  // sums of a few products agree far closer

std::string shape(std::size_t rows, std::size_t cols) {
    return "(" + std::to_string(rows) + " x " + std::to_string(cols) + ")";
}

// Reports the first case that disagrees; returns false then, so the caller
// stops (one clear message, not two hundred).
bool vectors_agree(const Vector& got, const Vector& expected, const std::string& what,
                   const std::string& lesson) {
    if (tutor::close(got, expected, kTolerance)) {
        return true;
    }
    tutor::expect_vector_near(got, expected, what, lesson, {}, kTolerance);
    return false;
}

bool matrices_agree(const Matrix& got, const Matrix& expected, const std::string& what,
                    const std::string& lesson) {
    if (got.rows == expected.rows && got.cols == expected.cols &&
        tutor::close(got.data, expected.data, kTolerance)) {
        return true;
    }
    tutor::expect_matrix_near(got, expected.rows, expected.cols, expected.data, what, lesson, {},
                              kTolerance);
    return false;
}

}  // namespace

TUTOR_TEST(RandomInputs, AddIsTheSumOfEachPair, "mlp::add", "1.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const Vector a = draw_vector(draws, n);
        const Vector b = draw_vector(draws, n);
        Vector expected(n);
        for (std::size_t i = 0; i < n; ++i) {
            expected[i] = a[i] + b[i];
        }
        if (!vectors_agree(mlp::add(a, b), expected,
                           "add(a, b) of " + tutor::show(a) + " and " + tutor::show(b) + ", " +
                               seed_words(seed),
                           "1.2")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, SubtractIsTheDifferenceOfEachPair, "mlp::subtract", "1.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const Vector a = draw_vector(draws, n);
        const Vector b = draw_vector(draws, n);
        Vector expected(n);
        for (std::size_t i = 0; i < n; ++i) {
            expected[i] = a[i] - b[i];
        }
        if (!vectors_agree(mlp::subtract(a, b), expected,
                           "subtract(a, b) of " + tutor::show(a) + " and " + tutor::show(b) + ", " +
                               seed_words(seed),
                           "1.2")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, ScaleMultipliesEachNumber, "mlp::scale", "1.2") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const Vector v = draw_vector(draws, n);
        const double s = draw(draws, -3.0, 3.0);
        Vector expected(n);
        for (std::size_t i = 0; i < n; ++i) {
            expected[i] = s * v[i];
        }
        if (!vectors_agree(
                mlp::scale(v, s), expected,
                "scale(" + tutor::show(v) + ", " + tutor::show(s) + "), " + seed_words(seed),
                "1.2")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, DotAddsUpEveryPairsProduct, "mlp::dot", "1.3") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const Vector a = draw_vector(draws, n);
        const Vector b = draw_vector(draws, n);
        double expected = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            expected += a[i] * b[i];
        }
        const double got = mlp::dot(a, b);
        if (!tutor::close(got, expected, kTolerance)) {
            tutor::expect_near(
                got, expected,
                "dot(" + tutor::show(a) + ", " + tutor::show(b) + "), " + seed_words(seed), "1.3",
                {{{expected - a[n - 1] * b[n - 1]}, "the last pair was left out: loop to i < n."},
                 {{expected - a[0] * b[0]}, "the first pair was left out: start at i = 0."}},
                kTolerance);
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, HadamardMultipliesEachPair, "mlp::hadamard", "1.3") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const Vector a = draw_vector(draws, n);
        const Vector b = draw_vector(draws, n);
        Vector expected(n);
        for (std::size_t i = 0; i < n; ++i) {
            expected[i] = a[i] * b[i];
        }
        if (!vectors_agree(
                mlp::hadamard(a, b), expected,
                "hadamard(" + tutor::show(a) + ", " + tutor::show(b) + "), " + seed_words(seed),
                "1.3")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, TransposeMovesEveryElementFromRCToCR, "mlp::transpose", "1.5") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t rows = draw_size(draws, 1, kLargest);
        const std::size_t cols = draw_size(draws, 1, kLargest);
        const Matrix m = draw_matrix(draws, rows, cols);
        // By the definition: T(c, r) = M(r, c), T is (cols x rows).
        Matrix expected(cols, rows);
        for (std::size_t r = 0; r < rows; ++r) {
            for (std::size_t c = 0; c < cols; ++c) {
                expected.data[c * rows + r] = m.data[r * cols + c];
            }
        }
        if (!matrices_agree(mlp::transpose(m), expected,
                            "transpose of a random " + shape(rows, cols) + " matrix " +
                                mlp::show(m) + ", " + seed_words(seed),
                            "1.5")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MatvecTakesOneDotProductPerRow, "mlp::matvec", "1.6") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t out = draw_size(draws, 1, kLargest);
        const std::size_t in = draw_size(draws, 1, kLargest);
        const Matrix w = draw_matrix(draws, out, in);
        const Vector x = draw_vector(draws, in);
        // y[r] = sum over c of W(r, c) x[c]
        Vector expected(out, 0.0);
        for (std::size_t r = 0; r < out; ++r) {
            for (std::size_t c = 0; c < in; ++c) {
                expected[r] += w.data[r * in + c] * x[c];
            }
        }
        if (!vectors_agree(mlp::matvec(w, x), expected,
                           "matvec of a random " + shape(out, in) + " W = " + mlp::show(w) +
                               " and x = " + tutor::show(x) + ", " + seed_words(seed),
                           "1.6")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MatmulPairsRowsOfAWithColumnsOfB, "mlp::matmul", "1.7") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t n = draw_size(draws, 1, kLargest);
        const std::size_t k = draw_size(draws, 1, kLargest);
        const std::size_t m = draw_size(draws, 1, kLargest);
        const Matrix a = draw_matrix(draws, n, k);
        const Matrix b = draw_matrix(draws, k, m);
        // The triple loop: C(i, j) = sum over p of A(i, p) B(p, j)
        Matrix expected(n, m);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < m; ++j) {
                for (std::size_t p = 0; p < k; ++p) {
                    expected.data[i * m + j] += a.data[i * k + p] * b.data[p * m + j];
                }
            }
        }
        if (!matrices_agree(mlp::matmul(a, b), expected,
                            "matmul of a random " + shape(n, k) + " A = " + mlp::show(a) + " and " +
                                shape(k, m) + " B = " + mlp::show(b) + ", " + seed_words(seed),
                            "1.7")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, OuterMultipliesEveryPairOfOneFromEach, "mlp::outer", "1.8") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const Vector u = draw_vector(draws, draw_size(draws, 1, kLargest));
        const Vector v = draw_vector(draws, draw_size(draws, 1, kLargest));
        Matrix expected(u.size(), v.size());
        for (std::size_t r = 0; r < u.size(); ++r) {
            for (std::size_t c = 0; c < v.size(); ++c) {
                expected.data[r * v.size() + c] = u[r] * v[c];
            }
        }
        if (!matrices_agree(
                mlp::outer(u, v), expected,
                "outer(" + tutor::show(u) + ", " + tutor::show(v) + "), " + seed_words(seed),
                "1.8")) {
            return;
        }
    }
}

TUTOR_TEST(RandomInputs, MismatchedShapesAreRefusedNamingBoth, "mlp::matvec and matmul", "1.6") {
    // A column count and a size that differ by 1 to 3, either way round.
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        Draws draws{seed};
        const std::size_t rows = draw_size(draws, 1, kLargest);
        const std::size_t cols = draw_size(draws, 1, kLargest);
        const std::size_t gap = draw_size(draws, 1, 3);
        const bool wider = random_inputs::next_bits(draws) % 2 == 0 || cols <= gap;
        const std::size_t other = wider ? cols + gap : cols - gap;
        const Matrix w = draw_matrix(draws, rows, cols);
        const Vector x = draw_vector(draws, other);
        const Matrix b = draw_matrix(draws, other, 2);
        const std::string w_shape = shape(rows, cols);
        const std::string x_shape = "(" + std::to_string(other) + ")";
        tutor::expect_invalid_argument([&] { mlp::matvec(w, x); },
                                       {"matvec", w_shape, x_shape, "column count"},
                                       "matvec of a " + w_shape + " W and an x of " +
                                           std::to_string(other) + ", " + seed_words(seed),
                                       "1.6");
        tutor::expect_invalid_argument(
            [&] { mlp::matmul(w, b); }, {"matmul", w_shape, shape(other, 2), "row count"},
            "matmul of " + w_shape + " and " + shape(other, 2) + ", " + seed_words(seed), "1.7");
        if (testing::Test::HasFailure()) {
            return;
        }
    }
}

// Chapter 1 tests: vectors, matrices, dot product.
// Every expected value below is worked out by hand in the comment beside it.
#include "01_math_foundations.hpp"

#include <gtest/gtest.h>

#include "tutor.hpp"

using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_vector_near;

TUTOR_TEST(Vectors, AddSumsElementByElement, "mlp::add", "1.2") {
    const Vector a{1, 2, 3};
    const Vector b{4, 5, 6};
    // [1+4, 2+5, 3+6]
    expect_vector_near(mlp::add(a, b), {5, 7, 9}, "add([1, 2, 3], [4, 5, 6])", "1.2");
    expect_vector_near(a, {1, 2, 3}, "add must leave its input a unchanged", "1.2");
    expect_vector_near(b, {4, 5, 6}, "add must leave its input b unchanged", "1.2");
}

TUTOR_TEST(Vectors, SubtractTakesTheSecondFromTheFirst, "mlp::subtract", "1.2") {
    // [5-4, 7-5, 9-6]; the order matters.
    expect_vector_near(mlp::subtract({5, 7, 9}, {4, 5, 6}), {1, 2, 3},
                       "subtract([5, 7, 9], [4, 5, 6])", "1.2",
                       {{{-1, -2, -3}, "that is b - a; subtract(a, b) is a - b."}});
}

TUTOR_TEST(Vectors, ScaleMultipliesEveryElement, "mlp::scale", "1.2") {
    // 2 * [1, -2, 3] and 0.5 * [1, -2, 3]
    expect_vector_near(mlp::scale({1, -2, 3}, 2.0), {2, -4, 6}, "scale([1, -2, 3], 2)", "1.2");
    expect_vector_near(mlp::scale({1, -2, 3}, 0.5), {0.5, -1, 1.5}, "scale([1, -2, 3], 0.5)",
                       "1.2");
}

TUTOR_TEST(DotProduct, OfOneTwoThreeAndFourFiveSixIs32, "mlp::dot", "1.3") {
    // 1*4 + 2*5 + 3*6 = 4 + 10 + 18 = 32
    expect_near(mlp::dot({1, 2, 3}, {4, 5, 6}), 32.0, "dot([1, 2, 3], [4, 5, 6])", "1.3",
                {{{14}, "14 is 1*4 + 2*5: the last pair was left out (loop to i < n)."},
                 {{21}, "21 is 1+2+3 + 4+5+6: multiply the pairs, then add."}});
}

TUTOR_TEST(DotProduct, IsOneNeuronsWeightedSum, "mlp::dot", "1.3") {
    // weights [0.5, -1, 2], inputs [2, 1, 0.5]: 1 - 1 + 1 = 1
    expect_near(mlp::dot({0.5, -1, 2}, {2, 1, 0.5}), 1.0, "dot([0.5, -1, 2], [2, 1, 0.5])", "1.3");
}

TUTOR_TEST(DotProduct, HadamardMultipliesElementByElement, "mlp::hadamard", "1.3") {
    // [1*4, 2*5, 3*6]: a vector, not a sum
    expect_vector_near(mlp::hadamard({1, 2, 3}, {4, 5, 6}), {4, 10, 18},
                       "hadamard([1, 2, 3], [4, 5, 6])", "1.3");
}

TUTOR_TEST(Matrices, TransposeOfANonSquareMatrixSwapsRowsAndColumns, "mlp::transpose", "1.5") {
    const Matrix m(2, 3,
                   {1, 2, 3,  //
                    4, 5, 6});
    // (2 x 3) becomes (3 x 2): row r of the result is column r of m.
    expect_matrix_near(mlp::transpose(m), 3, 2, {1, 4, 2, 5, 3, 6}, "transpose([[1,2,3],[4,5,6]])",
                       "1.5");
    expect_matrix_near(m, 2, 3, {1, 2, 3, 4, 5, 6}, "transpose must leave its input unchanged",
                       "1.5");
}

TUTOR_TEST(Matrices, MatvecTakesOneDotProductPerRow, "mlp::matvec", "1.6") {
    const Matrix w(2, 3,
                   {1, 2, 3,  //
                    4, 5, 6});
    // row 0: 1*1 + 2*2 + 3*3 = 14;  row 1: 4*1 + 5*2 + 6*3 = 32
    expect_vector_near(mlp::matvec(w, {1, 2, 3}), {14, 32}, "matvec([[1,2,3],[4,5,6]], [1, 2, 3])",
                       "1.6");
}

TUTOR_TEST(Matrices, MatvecReadsEachRowNotEachColumn, "mlp::matvec", "1.6") {
    const Matrix w(2, 2,
                   {1, 2,  //
                    3, 4});
    // rows: [1*5 + 2*6, 3*5 + 4*6] = [17, 39]; columns would give [23, 34].
    expect_vector_near(mlp::matvec(w, {5, 6}), {17, 39}, "matvec([[1,2],[3,4]], [5, 6])", "1.6",
                       {{{23, 34}, "that is W transposed times x: y[r] uses row r, W(r, c)."}});
}

TUTOR_TEST(Matrices, MatmulOfNonSquareMatrices, "mlp::matmul", "1.7") {
    const Matrix a(2, 3,
                   {1, 2, 3,  //
                    4, 5, 6});
    const Matrix b(3, 2,
                   {7, 8,   //
                    9, 10,  //
                    11, 12});
    // C(0,0) = 1*7 + 2*9 + 3*11 = 58     C(0,1) = 1*8 + 2*10 + 3*12 = 64
    // C(1,0) = 4*7 + 5*9 + 6*11 = 139    C(1,1) = 4*8 + 5*10 + 6*12 = 154
    expect_matrix_near(mlp::matmul(a, b), 2, 2, {58, 64, 139, 154}, "matmul((2 x 3), (3 x 2))",
                       "1.7");
}

TUTOR_TEST(Matrices, MatmulResultHasARowsAndBColumns, "mlp::matmul", "1.7") {
    const Matrix a(2, 3,
                   {1, 2, 3,  //
                    4, 5, 6});
    const Matrix b(3, 4,
                   {1, 0, 0, 1,  //
                    0, 1, 0, 1,  //
                    0, 0, 1, 1});
    // (2 x 3) times (3 x 4) is (2 x 4); the last column of B adds a row up.
    expect_matrix_near(mlp::matmul(a, b), 2, 4, {1, 2, 3, 6, 4, 5, 6, 15},
                       "matmul((2 x 3), (3 x 4))", "1.7");
}

TUTOR_TEST(Matrices, OuterProductPairsEveryElement, "mlp::outer", "1.8") {
    // u = [1, 2], v = [3, 4, 5]: M(r, c) = u[r] * v[c], a (2 x 3) matrix
    expect_matrix_near(mlp::outer({1, 2}, {3, 4, 5}), 2, 3, {3, 4, 5, 6, 8, 10},
                       "outer([1, 2], [3, 4, 5])", "1.8",
                       {{{3, 6, 4, 8, 5, 10}, "that is outer(v, u) stored the other way round."}});
}

TUTOR_TEST(ShapeErrors, VectorsOfDifferentSizesAreRejected, "mlp::add, subtract, dot and hadamard",
           "1.2") {
    const Vector three{1, 2, 3};
    const Vector two{1, 2};
    expect_invalid_argument([&] { mlp::add(three, two); }, {"add", "same size", "(3)", "(2)"},
                            "add of sizes 3 and 2", "1.2");
    expect_invalid_argument([&] { mlp::subtract(three, two); },
                            {"subtract", "same size", "(3)", "(2)"}, "subtract of sizes 3 and 2",
                            "1.2");
    expect_invalid_argument([&] { mlp::dot(three, two); }, {"dot", "same size", "(3)", "(2)"},
                            "dot of sizes 3 and 2", "1.3");
    expect_invalid_argument([&] { mlp::hadamard(two, three); },
                            {"hadamard", "same size", "(2)", "(3)"}, "hadamard of sizes 2 and 3",
                            "1.3");
}

TUTOR_TEST(ShapeErrors, EmptyVectorsAreRejected, "mlp::add, dot, scale and outer", "1.2") {
    const Vector empty;
    expect_invalid_argument([&] { mlp::add(empty, empty); }, {"add", "non-empty", "(0)"},
                            "add of two empty vectors", "1.2");
    expect_invalid_argument([&] { mlp::dot(empty, empty); }, {"dot", "non-empty", "(0)"},
                            "dot of two empty vectors", "1.3");
    expect_invalid_argument([&] { mlp::scale(empty, 2.0); }, {"scale", "non-empty", "(0)"},
                            "scale of an empty vector", "1.2");
    expect_invalid_argument(
        [&] {
            mlp::outer(empty, {1, 2});
        },
        {"outer", "non-empty", "(0)", "(2)"}, "outer of an empty vector", "1.8");
}

TUTOR_TEST(ShapeErrors, MatvecNeedsAsManyColumnsAsTheVectorHasNumbers, "mlp::matvec", "1.6") {
    const Matrix w(2, 3, 1.0);
    expect_invalid_argument(
        [&] {
            mlp::matvec(w, {1, 2});
        },
        {"matvec", "(2 x 3)", "(2)", "column count must equal"},
        "matvec of a (2 x 3) matrix and a vector of 2", "1.6");
    expect_invalid_argument(
        [&] {
            mlp::matvec(w, {1, 2, 3, 4});
        },
        {"matvec", "(2 x 3)", "(4)", "column count must equal"},
        "matvec of a (2 x 3) matrix and a vector of 4", "1.6");
}

TUTOR_TEST(ShapeErrors, MatmulNeedsMatchingInnerSizes, "mlp::matmul", "1.7") {
    const Matrix a(2, 3, 1.0);
    const Matrix b(2, 4, 1.0);
    expect_invalid_argument(
        [&] { mlp::matmul(a, b); },
        {"matmul", "(2 x 3)", "(2 x 4)", "column count must equal B's row count"},
        "matmul of (2 x 3) and (2 x 4)", "1.7");
}

TUTOR_TEST(ShapeErrors, EmptyMatricesAreRejected, "mlp::transpose, matvec and matmul", "1.5") {
    const Matrix empty;
    const Matrix some(2, 2, 1.0);
    expect_invalid_argument([&] { mlp::transpose(empty); }, {"transpose", "non-empty", "(0 x 0)"},
                            "transpose of an empty matrix", "1.5");
    expect_invalid_argument([&] { mlp::matvec(empty, {}); }, {"matvec", "non-empty", "(0 x 0)"},
                            "matvec of an empty matrix", "1.6");
    expect_invalid_argument([&] { mlp::matmul(empty, some); }, {"matmul", "non-empty", "(0 x 0)"},
                            "matmul of an empty matrix", "1.7");
}

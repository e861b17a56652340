// Chapter 1 tests, part 3: the edges. Inputs that must come out of a call as
// they went in (every argument is a const&, and a const_cast or an alias can
// still change it); the element that matters at the first, an inner and the
// last position; and the smallest shapes, 1 (which works) and 0 (which is
// refused as empty). Expected values are worked out in the comments.
#include <gtest/gtest.h>

#include <string>

#include "01_math_foundations.hpp"
#include "tutor.hpp"

using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_vector_near;

namespace {

const std::string kWroteIntoInput =
    "that is the result: it was written into the input (through a const_cast or a reference "
    "to it). Return a new value and leave the arguments alone.";

}  // namespace

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, SubtractLeavesBothVectorsAsTheyWere, "mlp::subtract", "1.2") {
    const Vector a{5, 7, 9};
    const Vector b{4, 5, 6};
    mlp::subtract(a, b);  // [1, 2, 3]
    expect_vector_near(a, {5, 7, 9}, "a after subtract(a = [5, 7, 9], b = [4, 5, 6])", "1.2",
                       {{{1, 2, 3}, kWroteIntoInput}});
    expect_vector_near(b, {4, 5, 6}, "b after subtract(a = [5, 7, 9], b = [4, 5, 6])", "1.2",
                       {{{1, 2, 3}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, ScaleLeavesItsVectorAsItWas, "mlp::scale", "1.2") {
    const Vector v{1, -2, 3};
    mlp::scale(v, 2.0);  // [2, -4, 6]
    expect_vector_near(v, {1, -2, 3}, "v after scale(v = [1, -2, 3], 2)", "1.2",
                       {{{2, -4, 6}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, DotLeavesBothVectorsAsTheyWere, "mlp::dot", "1.3") {
    const Vector a{1, 2, 3};
    const Vector b{4, 5, 6};
    mlp::dot(a, b);  // 32
    expect_vector_near(
        a, {1, 2, 3}, "a after dot(a = [1, 2, 3], b = [4, 5, 6])", "1.3",
        {{{4, 10, 18}, "the products were stored in a: sum them in a local double."}});
    expect_vector_near(
        b, {4, 5, 6}, "b after dot(a = [1, 2, 3], b = [4, 5, 6])", "1.3",
        {{{4, 10, 18}, "the products were stored in b: sum them in a local double."}});
}

TUTOR_TEST(InputsUnchanged, HadamardLeavesBothVectorsAsTheyWere, "mlp::hadamard", "1.3") {
    const Vector a{1, 2, 3};
    const Vector b{4, 5, 6};
    mlp::hadamard(a, b);  // [4, 10, 18]
    expect_vector_near(a, {1, 2, 3}, "a after hadamard(a = [1, 2, 3], b = [4, 5, 6])", "1.3",
                       {{{4, 10, 18}, kWroteIntoInput}});
    expect_vector_near(b, {4, 5, 6}, "b after hadamard(a = [1, 2, 3], b = [4, 5, 6])", "1.3",
                       {{{4, 10, 18}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, MatvecLeavesWAndXAsTheyWere, "mlp::matvec", "1.6") {
    const Matrix w(2, 3,
                   {1, 2, 3,  //
                    4, 5, 6});
    const Vector x{1, 0, -1};
    mlp::matvec(w, x);  // [1 - 3, 4 - 6] = [-2, -2]
    expect_matrix_near(w, 2, 3, {1, 2, 3, 4, 5, 6},
                       "W after matvec(W = [[1, 2, 3], [4, 5, 6]], x = [1, 0, -1])", "1.6");
    expect_vector_near(x, {1, 0, -1}, "x after matvec(W = [[1, 2, 3], [4, 5, 6]], x = [1, 0, -1])",
                       "1.6", {{{-2, -2}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, MatmulLeavesAAndBAsTheyWere, "mlp::matmul", "1.7") {
    const Matrix a(2, 2,
                   {1, 2,  //
                    3, 4});
    const Matrix b(2, 2,
                   {0, 1,  //
                    1, 0});
    mlp::matmul(a, b);  // A with its columns swapped: [[2, 1], [4, 3]]
    expect_matrix_near(a, 2, 2, {1, 2, 3, 4},
                       "A after matmul(A = [[1, 2], [3, 4]], B = [[0, 1], [1, 0]])", "1.7",
                       {{{2, 1, 4, 3}, kWroteIntoInput}});
    expect_matrix_near(b, 2, 2, {0, 1, 1, 0},
                       "B after matmul(A = [[1, 2], [3, 4]], B = [[0, 1], [1, 0]])", "1.7",
                       {{{2, 1, 4, 3}, kWroteIntoInput}});
}

TUTOR_TEST(InputsUnchanged, OuterLeavesBothVectorsAsTheyWere, "mlp::outer", "1.8") {
    const Vector u{1, 2};
    const Vector v{3, 4, 5};
    mlp::outer(u, v);
    expect_vector_near(u, {1, 2}, "u after outer(u = [1, 2], v = [3, 4, 5])", "1.8");
    expect_vector_near(v, {3, 4, 5}, "v after outer(u = [1, 2], v = [3, 4, 5])", "1.8");
}

TUTOR_TEST(InputsUnchanged, AddOfAVectorAndItselfDoublesIt, "mlp::add", "1.2") {
    // One vector passed as both arguments: c[i] = a[i] + a[i], and a stays.
    const Vector a{1, -2, 0.5};
    expect_vector_near(mlp::add(a, a), {2, -4, 1}, "add(a, a) for a = [1, -2, 0.5]", "1.2");
    expect_vector_near(a, {1, -2, 0.5}, "a after add(a, a)", "1.2",
                       {{{2, -4, 1}, kWroteIntoInput}});
}

// ---------------------------------------------------------------------------
// The element that matters at the first, an inner and the last position
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, DotCountsThePairAtEveryPosition, "mlp::dot", "1.3") {
    // A one-hot vector picks one number out: dot(e_i, v) = v[i].
    const Vector v{3, 5, 7, 11, 13};
    for (const std::size_t i : {0, 2, 4}) {
        Vector e(5, 0.0);
        e[i] = 1.0;
        expect_near(
            mlp::dot(e, v), v[i],
            "dot of the one-hot vector at position " + std::to_string(i) + " and [3, 5, 7, 11, 13]",
            "1.3",
            {{{0},
              "the pair at this position was left out: loop over every i from 0 to "
              "n - 1."}});
        expect_near(
            mlp::dot(v, e), v[i],
            "dot of [3, 5, 7, 11, 13] and the one-hot vector at position " + std::to_string(i),
            "1.3",
            {{{0},
              "the pair at this position was left out: loop over every i from 0 to "
              "n - 1."}});
    }
}

TUTOR_TEST(Positions, MatvecReadsTheFirstAnInnerAndTheLastColumn, "mlp::matvec", "1.6") {
    const Matrix w(3, 4,
                   {1, 2, 3, 4,  //
                    5, 6, 7, 8,  //
                    9, 10, 11, 12});
    // W times the one-hot vector e_c is column c of W.
    const Vector columns[] = {{1, 5, 9}, {3, 7, 11}, {4, 8, 12}};
    const std::size_t picked[] = {0, 2, 3};
    for (int k = 0; k < 3; ++k) {
        Vector e(4, 0.0);
        e[picked[k]] = 1.0;
        expect_vector_near(mlp::matvec(w, e), columns[k],
                           "matvec of W = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]] and the "
                           "one-hot x at position " +
                               std::to_string(picked[k]) + " (column " + std::to_string(picked[k]) +
                               " of W)",
                           "1.6",
                           {{{0, 0, 0},
                             "this column never took part: loop c over every column, 0 to "
                             "cols - 1."}});
    }
}

TUTOR_TEST(Positions, MatmulReadsTheFirstAndTheLastInnerIndex, "mlp::matmul", "1.7") {
    // Row 0 of A is one-hot at k = 0 and row 1 at k = 2, the last: so row 0
    // of C is row 0 of B, and row 1 of C is row 2 of B.
    const Matrix a(2, 3,
                   {1, 0, 0,  //
                    0, 0, 1});
    const Matrix b(3, 4,
                   {1, 2, 3, 4,  //
                    5, 6, 7, 8,  //
                    9, 10, 11, 12});
    expect_matrix_near(mlp::matmul(a, b), 2, 4, {1, 2, 3, 4, 9, 10, 11, 12},
                       "matmul of A = [[1, 0, 0], [0, 0, 1]] and a (3 x 4) B: rows 0 and 2 of B",
                       "1.7",
                       {{{1, 2, 3, 4, 0, 0, 0, 0},
                         "the last inner index k = 2 was left out: sum k over 0 to A's column "
                         "count - 1."},
                        {{1, 2, 3, 0, 9, 10, 11, 0},
                         "C's last column was never filled: loop j over all of B's columns."}});
}

// ---------------------------------------------------------------------------
// The smallest shapes: 1 works, 0 is refused as empty
// ---------------------------------------------------------------------------

TUTOR_TEST(SmallestShapes, OneNumberAndOneByOneMatricesWork, "mlp::add, dot, matvec and matmul",
           "1.2") {
    const Vector two{2};
    const Vector three{3};
    const Matrix m(1, 1, Vector{2});
    expect_vector_near(mlp::add(two, three), {5}, "add([2], [3])", "1.2");
    expect_near(mlp::dot(two, three), 6.0, "dot([2], [3])", "1.3");
    expect_vector_near(mlp::matvec(m, three), {6}, "matvec([[2]], [3])", "1.6");
    expect_matrix_near(mlp::matmul(m, m), 1, 1, {4}, "matmul([[2]], [[2]])", "1.7");
    expect_matrix_near(mlp::transpose(m), 1, 1, {2}, "transpose([[2]])", "1.5");
    expect_matrix_near(mlp::outer(two, three), 1, 1, {6}, "outer([2], [3])", "1.8");
}

TUTOR_TEST(SmallestShapes, AMatrixWithOneSideZeroIsRefusedAsEmpty,
           "mlp::transpose, matvec and matmul", "1.5") {
    // (2 x 0) has no numbers, though it has two rows: as empty as (0 x 0).
    const Matrix no_columns(2, 0);
    const Matrix no_rows(0, 3);
    const Matrix some(2, 2, 1.0);
    const Vector empty;
    expect_invalid_argument([&] { mlp::transpose(no_columns); },
                            {"transpose", "non-empty", "(2 x 0)"}, "transpose of a (2 x 0) matrix",
                            "1.5");
    expect_invalid_argument([&] { mlp::transpose(no_rows); }, {"transpose", "non-empty", "(0 x 3)"},
                            "transpose of a (0 x 3) matrix", "1.5");
    expect_invalid_argument([&] { mlp::matvec(no_columns, empty); },
                            {"matvec", "non-empty", "(2 x 0)"},
                            "matvec of a (2 x 0) matrix and an empty x (their sizes match, but "
                            "there is nothing to multiply)",
                            "1.6");
    expect_invalid_argument([&] { mlp::matmul(no_columns, no_rows); },
                            {"matmul", "non-empty", "(2 x 0)"},
                            "matmul of (2 x 0) and (0 x 3) (the inner sizes match)", "1.7");
    expect_invalid_argument([&] { mlp::matmul(some, Matrix()); },
                            {"matmul", "non-empty", "(0 x 0)"},
                            "matmul of (2 x 2) and an empty B (B is checked as well as A)", "1.7");
}

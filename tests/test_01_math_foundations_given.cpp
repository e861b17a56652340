// Chapter 1 tests, part 4: the plumbing the chapter gives the learner
// (Matrix, shape_of, show, the require_ checks, NotImplemented), tested as
// if it were an exercise, because every chapter leans on it. These tests
// pass against the starter code too: nothing here is the learner's to write.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "01_math_foundations.hpp"
#include "tutor.hpp"

using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_matrix_near;
using tutor::expect_near;
using tutor::expect_true;

namespace {

void expect_text(const std::string& actual, const std::string& expected, const std::string& what,
                 const std::string& lesson) {
    expect_true(actual == expected,
                what + ": expected \"" + expected + "\", got \"" + actual + "\"", lesson);
}

// The message of the exception `call` throws, or "" when it throws none of type E.
template <class E, class Call>
std::string message_of(Call&& call) {
    try {
        call();
    } catch (const E& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TUTOR_TEST(GivenHelpers, MatrixStartsFilledAndKeepsItsNumbersRowByRow, "mlp::Matrix", "1.4") {
    const Matrix zeros(2, 3);  // the default fill is 0
    expect_matrix_near(zeros, 2, 3, {0, 0, 0, 0, 0, 0}, "Matrix(2, 3)", "1.4");
    expect_matrix_near(Matrix(2, 3, 1.5), 2, 3, {1.5, 1.5, 1.5, 1.5, 1.5, 1.5}, "Matrix(2, 3, 1.5)",
                       "1.4");
    const Matrix m(2, 3, Vector{1, 2, 3, 4, 5, 6});
    // Row-major: (r, c) is data[r * 3 + c]; (1, 0) is the 4th number, (1, 2) the last.
    expect_near(m(0, 0), 1, "Matrix(2, 3, {1, ..., 6})(0, 0)", "1.4");
    expect_near(m(0, 2), 3, "Matrix(2, 3, {1, ..., 6})(0, 2)", "1.4");
    expect_near(m(1, 0), 4, "Matrix(2, 3, {1, ..., 6})(1, 0)", "1.4");
    expect_near(m(1, 2), 6, "Matrix(2, 3, {1, ..., 6})(1, 2)", "1.4");
}

TUTOR_TEST(GivenHelpers, MatrixRefusesTheWrongNumberOfValues, "mlp::Matrix", "1.4") {
    for (const std::size_t count : {5, 7, 0}) {
        const std::string message =
            message_of<std::invalid_argument>([&] { Matrix(2, 3, Vector(count, 1.0)); });
        const std::string expected = "Matrix: 2 x 3 needs 6 values, got " + std::to_string(count);
        expect_text(
            message, expected,
            "the std::invalid_argument of Matrix(2, 3, " + std::to_string(count) + " values)",
            "1.4");
    }
}

TUTOR_TEST(GivenHelpers, MatrixElementAccessChecksItsBoundsInTheDebugBuild, "mlp::Matrix", "1.4") {
    Matrix m(2, 3, 0.0);
    m(1, 2) = 7.0;  // the last element: row 1, column 2
    expect_near(m.data[5], 7.0, "m(1, 2) = 7 on a (2 x 3) matrix writes data[1 * 3 + 2]", "1.4");
#ifndef NDEBUG
    // One past the last row, one past the last column: refused, both named.
    expect_text(message_of<std::out_of_range>([&] { m(2, 0); }),
                "Matrix: element (2, 0) is outside a 2 x 3 matrix", "m(2, 0) of a (2 x 3) matrix",
                "1.4");
    expect_text(message_of<std::out_of_range>([&] { m(0, 3); }),
                "Matrix: element (0, 3) is outside a 2 x 3 matrix", "m(0, 3) of a (2 x 3) matrix",
                "1.4");
    const Matrix& read_only = m;
    expect_text(message_of<std::out_of_range>([&] { read_only(1, 3); }),
                "Matrix: element (1, 3) is outside a 2 x 3 matrix",
                "reading (1, 3) of a const (2 x 3) matrix", "1.4");
#endif
}

TUTOR_TEST(GivenHelpers, ShapeOfNamesSizesInParentheses, "mlp::shape_of", "1.4") {
    expect_text(mlp::shape_of(Vector{1, 2, 3}), "(3)", "shape_of a vector of 3", "1.4");
    expect_text(mlp::shape_of(Vector{}), "(0)", "shape_of an empty vector", "1.4");
    expect_text(mlp::shape_of(Matrix(2, 3)), "(2 x 3)", "shape_of a (2 x 3) matrix", "1.4");
    expect_text(mlp::shape_of(Matrix()), "(0 x 0)", "shape_of an empty matrix", "1.4");
}

TUTOR_TEST(GivenHelpers, ShowPrintsSixSignificantDigitsByDefault, "mlp::show", "1.1") {
    // 1/3 = 0.333333333...: six significant digits unless told otherwise.
    expect_text(mlp::show(1.0 / 3.0), "0.333333", "show(1 / 3)", "1.1");
    expect_text(mlp::show(1.0 / 3.0, 3), "0.333", "show(1 / 3, 3 digits)", "1.1");
    expect_text(mlp::show(2.5), "2.5", "show(2.5)", "1.1");
    expect_text(mlp::show(1234567.0), "1.23457e+06", "show(1234567)", "1.1");
    // The same text on every platform: NaN spelled out, -0 shown as 0.
    expect_text(mlp::show(std::numeric_limits<double>::quiet_NaN()), "NaN", "show(NaN)", "1.1");
    expect_text(mlp::show(-0.0), "0", "show(-0)", "1.1");
    expect_text(mlp::show(-1.5), "-1.5", "show(-1.5)", "1.1");
}

TUTOR_TEST(GivenHelpers, ShowPrintsVectorsAndMatricesRowByRow, "mlp::show and show_rows", "1.1") {
    expect_text(mlp::show(Vector{1, 2.5, -3}), "[1, 2.5, -3]", "show([1, 2.5, -3])", "1.1");
    expect_text(mlp::show(Vector{}), "[]", "show of an empty vector", "1.1");
    expect_text(mlp::show(Vector{1.0 / 3.0, 2}, 2), "[0.33, 2]", "show([1/3, 2], 2 digits)", "1.1");
    const Matrix m(2, 3, Vector{1, 2, 3, 4, 5, 6});
    expect_text(mlp::show(m), "[[1, 2, 3], [4, 5, 6]]", "show of a (2 x 3) matrix", "1.1");
    expect_text(mlp::show_rows(m, "  "), "  [1, 2, 3]\n  [4, 5, 6]\n",
                "show_rows of a (2 x 3) matrix, indented by two spaces", "1.1");
    // Each of them shows six significant digits unless told otherwise.
    const Matrix third(1, 2, Vector{1.0 / 3.0, 2});
    expect_text(mlp::show(Vector{1.0 / 3.0}), "[0.333333]", "show([1/3])", "1.1");
    expect_text(mlp::show(third), "[[0.333333, 2]]", "show of the matrix [[1/3, 2]]", "1.1");
    expect_text(mlp::show_rows(third, ""), "[0.333333, 2]\n", "show_rows of [[1/3, 2]]", "1.1");
}

TUTOR_TEST(GivenHelpers, RequireSameSizeAcceptsOnlyTwoNonEmptyVectorsOfOneSize,
           "mlp::require_same_size", "1.1") {
    const Vector one{1};
    const Vector two{1, 2};
    const Vector three{1, 2, 3};
    const Vector empty;
    mlp::require_same_size("add", three, three);  // fine: nothing thrown
    mlp::require_same_size("add", one, one);
    expect_invalid_argument([&] { mlp::require_same_size("add", three, two); },
                            {"add", "non-empty vectors of the same size", "(3)", "(2)"},
                            "require_same_size of sizes 3 and 2", "1.1");
    expect_invalid_argument([&] { mlp::require_same_size("add", empty, two); },
                            {"add", "non-empty", "(0)", "(2)"},
                            "require_same_size of sizes 0 and 2", "1.1");
    expect_invalid_argument([&] { mlp::require_same_size("add", two, empty); },
                            {"add", "non-empty", "(2)", "(0)"},
                            "require_same_size of sizes 2 and 0", "1.1");
    expect_invalid_argument(
        [&] { mlp::require_same_size("add", empty, empty); }, {"add", "non-empty", "(0)"},
        "require_same_size of two empty vectors (the same size, but empty)", "1.1");
}

TUTOR_TEST(GivenHelpers, RequireNotEmptyRefusesAVectorOrMatrixWithoutNumbers,
           "mlp::require_not_empty", "1.1") {
    mlp::require_not_empty("scale", Vector{4});  // one number is enough
    mlp::require_not_empty("matvec", Matrix(1, 1));
    expect_invalid_argument([&] { mlp::require_not_empty("scale", Vector{}); },
                            {"scale", "non-empty vector", "(0)"},
                            "require_not_empty of an empty vector", "1.1");
    expect_invalid_argument([&] { mlp::require_not_empty("matvec", Matrix(0, 3)); },
                            {"matvec", "non-empty matrix", "(0 x 3)"},
                            "require_not_empty of a (0 x 3) matrix", "1.1");
    expect_invalid_argument([&] { mlp::require_not_empty("matvec", Matrix(3, 0)); },
                            {"matvec", "non-empty matrix", "(3 x 0)"},
                            "require_not_empty of a (3 x 0) matrix", "1.1");
}

TUTOR_TEST(GivenHelpers, NotImplementedNamesTheFunctionTheFileAndTheSection, "mlp::NotImplemented",
           "1.1") {
    const mlp::NotImplemented stub("mlp::dot", "01_math_foundations.hpp", "1.3");
    const std::string text = stub.what();
    // Compared piece by piece, so that a failure message does not itself
    // read like a stub's line.
    expect_true(text.rfind("not implemented yet: ", 0) == 0,
                "a NotImplemented message should start with the words the test runner looks for",
                "1.1");
    expect_true(text.find("mlp::dot in 01_math_foundations.hpp") != std::string::npos &&
                    text.find("(read lesson.md section 1.3)") != std::string::npos,
                "a NotImplemented message should name the function, its file and the lesson "
                "section to read",
                "1.1");
}

TUTOR_TEST(GivenHelpers, TheHelpersLeaveTheirArgumentsAsTheyWere,
           "mlp::shape_of, show, show_rows, require_same_size and require_not_empty", "1.1") {
    const Vector v{1.0 / 3.0, -2};
    const Vector w{4, 5};
    const Matrix m(1, 2, Vector{0.5, 7});
    mlp::shape_of(v);
    mlp::shape_of(m);
    mlp::show(v);
    mlp::show(m);
    mlp::show_rows(m, "  ");
    mlp::require_same_size("add", v, w);
    mlp::require_not_empty("scale", v);
    mlp::require_not_empty("matvec", m);
    tutor::expect_vector_near(v, {1.0 / 3.0, -2}, "v after the helpers", "1.1", {}, 0.0);
    tutor::expect_vector_near(w, {4, 5}, "w after require_same_size", "1.1", {}, 0.0);
    expect_matrix_near(m, 1, 2, {0.5, 7}, "m after the helpers", "1.1", {}, 0.0);
}

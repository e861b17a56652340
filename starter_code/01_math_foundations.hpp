// Chapter 1: math foundations.
//
// Vectors, matrices and the handful of operations a neural network is made
// of: add, subtract, scale, dot, element-wise multiply, transpose,
// matrix x vector, matrix x matrix and the outer product.
//
// Every function checks the shapes it is given and throws
// std::invalid_argument naming itself and both shapes when they do not fit.
// No function modifies its inputs: each one returns a new value.
//
// Your loop, after each change: cmake --workflow --preset ch01
// (it builds this chapter and runs its tests; lesson.md chapter 1).
#pragma once

#include <cmath>
#include <cstddef>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mlp {

// ---------------------------------------------------------------------------
// The plumbing: given to you, used by every chapter.
// ---------------------------------------------------------------------------

/// Thrown by a function of the starter code that you have not written yet.
/// Its message names the function, its file and the lesson section to read.
struct NotImplemented : std::logic_error {
    NotImplemented(const std::string& function, const std::string& file, const std::string& section)
        : std::logic_error("not implemented yet: " + function + " in " + file +
                           " (read lesson.md section " + section + ")") {}
};

/// A vector of numbers: inputs, biases, activations, gradients.
using Vector = std::vector<double>;

/// A matrix stored the way every numerical library stores one: all its
/// numbers in one flat block, row after row (row-major). Element (r, c)
/// lives at data[r * cols + c]. Lesson section 1.4 explains why.
struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> data;  // rows * cols numbers, row after row

    Matrix() = default;

    /// A rows x cols matrix with every element set to `fill`.
    Matrix(std::size_t row_count, std::size_t col_count, double fill = 0.0)
        : rows(row_count), cols(col_count), data(row_count * col_count, fill) {}

    /// A rows x cols matrix from its numbers in row-major order:
    /// Matrix(2, 3, {1, 2, 3,
    ///               4, 5, 6}).
    /// Any other count of numbers: std::invalid_argument, such as
    /// "Matrix: 2 x 3 needs 6 values, got 5".
    Matrix(std::size_t row_count, std::size_t col_count, std::vector<double> values)
        : rows(row_count), cols(col_count), data(std::move(values)) {
        if (data.size() != rows * cols) {
            throw std::invalid_argument(
                "Matrix: " + std::to_string(rows) + " x " + std::to_string(cols) + " needs " +
                std::to_string(rows * cols) + " values, got " + std::to_string(data.size()));
        }
    }

    /// Element (r, c). The debug build checks the bounds, so an off-by-one
    /// stops right here instead of reading a neighbour's number:
    /// std::out_of_range, "Matrix: element (2, 0) is outside a 2 x 3 matrix".
    double& operator()(std::size_t r, std::size_t c) {
        check_bounds(r, c);
        return data[r * cols + c];
    }
    double operator()(std::size_t r, std::size_t c) const {
        check_bounds(r, c);
        return data[r * cols + c];
    }

private:
    void check_bounds([[maybe_unused]] std::size_t r, [[maybe_unused]] std::size_t c) const {
#ifndef NDEBUG
        if (r >= rows || c >= cols) {
            throw std::out_of_range("Matrix: element (" + std::to_string(r) + ", " +
                                    std::to_string(c) + ") is outside a " + std::to_string(rows) +
                                    " x " + std::to_string(cols) + " matrix");
        }
#endif
    }
};

/// "(3)" for a vector of 3 numbers; error messages use it.
inline std::string shape_of(const Vector& v) {
    return "(" + std::to_string(v.size()) + ")";
}

/// "(2 x 3)" for a matrix of 2 rows and 3 columns.
inline std::string shape_of(const Matrix& m) {
    return "(" + std::to_string(m.rows) + " x " + std::to_string(m.cols) + ")";
}

/// A number as the chapter programs print it: `digits` significant digits,
/// with NaN spelled out and -0 printed as 0 (a sign that means nothing here),
/// so that every platform prints the same text.
inline std::string show(double x, int digits = 6) {
    if (std::isnan(x)) {
        return "NaN";
    }
    std::ostringstream out;
    out << std::setprecision(digits) << (x == 0.0 ? 0.0 : x);
    return out.str();
}

/// A vector as [1, 2.5, -3].
inline std::string show(const Vector& v, int digits = 6) {
    std::string text = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        text += (i ? ", " : "") + show(v[i], digits);
    }
    return text + "]";
}

/// A matrix as its rows: [[1, 2, 3], [4, 5, 6]].
inline std::string show(const Matrix& m, int digits = 6) {
    std::string text = "[";
    for (std::size_t r = 0; r < m.rows; ++r) {
        const Vector row(m.data.begin() + static_cast<std::ptrdiff_t>(r * m.cols),
                         m.data.begin() + static_cast<std::ptrdiff_t>((r + 1) * m.cols));
        text += (r ? ", " : "") + show(row, digits);
    }
    return text + "]";
}

/// A matrix one row to a line, each line starting with `indent`.
inline std::string show_rows(const Matrix& m, const std::string& indent, int digits = 6) {
    std::string text;
    for (std::size_t r = 0; r < m.rows; ++r) {
        const Vector row(m.data.begin() + static_cast<std::ptrdiff_t>(r * m.cols),
                         m.data.begin() + static_cast<std::ptrdiff_t>((r + 1) * m.cols));
        text += indent + show(row, digits) + "\n";
    }
    return text;
}

/// Throws std::invalid_argument naming `function` unless a and b have the
/// same, non-zero size. Example, for the function "add": "add: needs two
/// non-empty vectors of the same size, got (3) and (2)".
inline void require_same_size(const std::string& function, const Vector& a, const Vector& b) {
    if (a.empty() || b.empty() || a.size() != b.size()) {
        throw std::invalid_argument(function +
                                    ": needs two non-empty vectors of the same size, got " +
                                    shape_of(a) + " and " + shape_of(b));
    }
}

/// Throws std::invalid_argument naming `function` if v is empty.
/// Example, for the function "scale": "scale: needs a non-empty vector, got (0)".
inline void require_not_empty(const std::string& function, const Vector& v) {
    if (v.empty()) {
        throw std::invalid_argument(function + ": needs a non-empty vector, got " + shape_of(v));
    }
}

/// Throws std::invalid_argument naming `function` if m has no elements.
/// Example, for the function "matvec": "matvec: needs a non-empty matrix, got
/// (0 x 3)".
inline void require_not_empty(const std::string& function, const Matrix& m) {
    if (m.rows == 0 || m.cols == 0) {
        throw std::invalid_argument(function + ": needs a non-empty matrix, got " + shape_of(m));
    }
}

// ---------------------------------------------------------------------------
// Your work: the operations. Each one says its shapes and its formula.
// ---------------------------------------------------------------------------

/// Element-wise sum: c[i] = a[i] + b[i].
/// Shapes: a (n), b (n) -> c (n). Different sizes or an empty vector:
/// std::invalid_argument (require_same_size does that check for you).
/// Example: "add: needs two non-empty vectors of the same size, got (3) and (2)".
/// Exercise: lesson.md 1.2, Vectors
inline Vector add(const Vector& a, const Vector& b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::add", "01_math_foundations.hpp", "1.2, Vectors");
}

/// Element-wise difference: c[i] = a[i] - b[i].
/// Shapes: a (n), b (n) -> c (n). Same checks as add.
/// Example: "subtract: needs two non-empty vectors of the same size, got (3) and (2)".
/// Exercise: lesson.md 1.2, Vectors
inline Vector subtract(const Vector& a, const Vector& b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::subtract", "01_math_foundations.hpp", "1.2, Vectors");
}

/// Every element times one number: c[i] = s * v[i].
/// Shapes: v (n) -> c (n). An empty v: std::invalid_argument.
/// Example: "scale: needs a non-empty vector, got (0)".
/// Exercise: lesson.md 1.2, Vectors
inline Vector scale(const Vector& v, double s) {
    // Your code goes here; then delete the two lines below.
    (void)v; (void)s;
    throw NotImplemented("mlp::scale", "01_math_foundations.hpp", "1.2, Vectors");
}

/// The dot product: a . b = a[0]*b[0] + a[1]*b[1] + ... + a[n-1]*b[n-1].
/// Shapes: a (n), b (n) -> one number. Same checks as add.
/// Example: "dot: needs two non-empty vectors of the same size, got (3) and (2)".
/// Exercise: lesson.md 1.3, The dot product
inline double dot(const Vector& a, const Vector& b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::dot", "01_math_foundations.hpp", "1.3, The dot product");
}

/// The element-wise (Hadamard) product: c[i] = a[i] * b[i].
/// Shapes: a (n), b (n) -> c (n). Same checks as add.
/// Example: "hadamard: needs two non-empty vectors of the same size, got (2) and (3)".
/// Exercise: lesson.md 1.3, The dot product
inline Vector hadamard(const Vector& a, const Vector& b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::hadamard", "01_math_foundations.hpp", "1.3, The dot product");
}

/// The transpose: rows become columns, T(c, r) = M(r, c).
/// Shapes: M (rows, cols) -> T (cols, rows). An empty M: std::invalid_argument.
/// Example: "transpose: needs a non-empty matrix, got (0 x 0)".
/// Exercise: lesson.md 1.5, Transpose
inline Matrix transpose(const Matrix& m) {
    // Your code goes here; then delete the two lines below.
    (void)m;
    throw NotImplemented("mlp::transpose", "01_math_foundations.hpp", "1.5, Transpose");
}

/// Matrix times vector: y[r] = W(r, 0)*x[0] + ... + W(r, in-1)*x[in-1],
/// one dot product per row of W.
/// Shapes: W (out, in), x (in) -> y (out). W's column count must equal x's
/// size, and neither may be empty: otherwise std::invalid_argument naming
/// both shapes.
/// Examples: "matvec: W is (2 x 3) but x is (2); W's column count must equal
/// x's size" and "matvec: needs a non-empty matrix, got (0 x 0)".
/// Exercise: lesson.md 1.6, Matrix times vector
inline Vector matvec(const Matrix& w, const Vector& x) {
    // Your code goes here; then delete the two lines below.
    (void)w; (void)x;
    throw NotImplemented("mlp::matvec", "01_math_foundations.hpp", "1.6, Matrix times vector");
}

/// Matrix times matrix: C(i, j) = A(i, 0)*B(0, j) + ... + A(i, k-1)*B(k-1, j).
/// Shapes: A (n, k), B (k, m) -> C (n, m). A's column count must equal B's
/// row count, and neither may be empty: otherwise std::invalid_argument.
/// Examples: "matmul: A is (2 x 3) but B is (2 x 4); A's column count must
/// equal B's row count" and "matmul: needs a non-empty matrix, got (0 x 0)".
/// Exercise: lesson.md 1.7, Matrix times matrix
inline Matrix matmul(const Matrix& a, const Matrix& b) {
    // Your code goes here; then delete the two lines below.
    (void)a; (void)b;
    throw NotImplemented("mlp::matmul", "01_math_foundations.hpp", "1.7, Matrix times matrix");
}

/// The outer product: M(r, c) = u[r] * v[c]. Every pair of one number of
/// u and one of v; chapter 5 builds each weight gradient this way.
/// Shapes: u (n), v (m) -> M (n, m). An empty u or v: std::invalid_argument.
/// Example: "outer: needs two non-empty vectors, got (0) and (3)".
/// Exercise: lesson.md 1.8, The outer product
inline Matrix outer(const Vector& u, const Vector& v) {
    // Your code goes here; then delete the two lines below.
    (void)u; (void)v;
    throw NotImplemented("mlp::outer", "01_math_foundations.hpp", "1.8, The outer product");
}

}  // namespace mlp

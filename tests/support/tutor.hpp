// Assertions that fail like a tutor talks: what went in, what was expected,
// what came back, where to read, and, for the classic mistakes, a hint.
//
//   tutor::expect_near(dot(a, b), 32.0, "dot([1, 2, 3], [4, 5, 6])", "1.3");
//
// fails with one line:
//
//   dot([1, 2, 3], [4, 5, 6]): expected 32, got 31 (lesson.md 1.3)
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tutor {

// ---------------------------------------------------------------------------
// What a test is about. Every chapter test is declared with TUTOR_TEST, which
// names the function under test and its lesson section:
//
//   TUTOR_TEST(Shuffle, IsAPermutation, "mlp::shuffle", "3.4") { ... }
//
// so that a hang, a crash or an exception that escapes the test is reported
// in one line that names them (tutor_main.cpp does the reporting).
// ---------------------------------------------------------------------------

/// How long a test may run before the watchdog stops it: a unit test gets
/// MLP_TEST_SECONDS (10 unless the build or the environment says otherwise),
/// a test that trains a network kTrainingBudgetFactor times as long.
enum class Budget { unit, training };
constexpr int kTrainingBudgetFactor = 6;

/// The exit status of a test the watchdog stopped.
constexpr int kTimedOutExitCode = 124;

struct Topic {
    const char* function;  // "mlp::shuffle"
    const char* section;   // "3.4"
    Budget budget = Budget::unit;
};

/// Runs one test's checks under the watchdog; an exception that escapes them
/// becomes one failure line naming its type, the function and the section.
void run(const Topic& topic, const std::function<void()>& checks);

/// The line for an exception that escaped a test about `topic`.
std::string escaped_exception(const Topic& topic, const std::exception& error);

/// An exception's type in words: "std::out_of_range", "mlp::ModelFileError".
std::string exception_type(const std::exception& error);

#define TUTOR_TEST_WITH_BUDGET(suite, name, function, section, budget)      \
    static void suite##_##name##_checks();                                  \
    TEST(suite, name) {                                                     \
        ::tutor::run({function, section, budget}, suite##_##name##_checks); \
    }                                                                       \
    static void suite##_##name##_checks()

/// A test of `function`, explained in lesson section `section`.
#define TUTOR_TEST(suite, name, function, section) \
    TUTOR_TEST_WITH_BUDGET(suite, name, function, section, ::tutor::Budget::unit)

/// The same, for a test that trains a network: it gets a longer budget.
#define TUTOR_TRAINING_TEST(suite, name, function, section) \
    TUTOR_TEST_WITH_BUDGET(suite, name, function, section, ::tutor::Budget::training)

/// A wrong answer a classic mistake gives, and what to say when it comes.
struct Hint {
    std::vector<double> value;
    std::string says;
};

inline std::string show(double x) {
    std::ostringstream out;
    out.precision(10);
    out << x;
    return out.str();
}

inline std::string show(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        s += (i ? ", " : "") + show(v[i]);
    }
    return s + "]";
}

/// A matrix as rows: "[[1, 2], [3, 4]] (2 x 2)".
template <class MatrixT>
std::string show_matrix(const MatrixT& m) {
    std::string s = "[";
    for (std::size_t r = 0; r < m.rows; ++r) {
        std::vector<double> row;
        for (std::size_t c = 0; c < m.cols && r * m.cols + c < m.data.size(); ++c) {
            row.push_back(m.data[r * m.cols + c]);
        }
        s += (r ? ", " : "") + show(row);
    }
    return s + "] (" + std::to_string(m.rows) + " x " + std::to_string(m.cols) + ")";
}

/// |a - e| <= tolerance * max(1, |e|): absolute near zero, relative beyond.
inline bool close(double actual, double expected, double tolerance) {
    if (std::isnan(actual) || std::isnan(expected)) {
        return false;
    }
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

inline bool close(const std::vector<double>& actual, const std::vector<double>& expected,
                  double tolerance) {
    if (actual.size() != expected.size()) {
        return false;
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (!close(actual[i], expected[i], tolerance)) {
            return false;
        }
    }
    return true;
}

inline std::string hint_for(const std::vector<double>& actual, const std::vector<Hint>& hints,
                            double tolerance) {
    for (const Hint& hint : hints) {
        if (close(actual, hint.value, tolerance)) {
            return " Hint: " + hint.says;
        }
    }
    return "";
}

inline std::string where(const std::string& lesson) {
    return " (lesson.md " + lesson + ")";
}

inline void expect_near(double actual, double expected, const std::string& what,
                        const std::string& lesson, const std::vector<Hint>& hints = {},
                        double tolerance = 1e-9) {
    if (!close(actual, expected, tolerance)) {
        ADD_FAILURE() << what << ": expected " << show(expected) << ", got " << show(actual)
                      << where(lesson) << hint_for({actual}, hints, tolerance);
    }
}

inline void expect_vector_near(const std::vector<double>& actual,
                               const std::vector<double>& expected, const std::string& what,
                               const std::string& lesson, const std::vector<Hint>& hints = {},
                               double tolerance = 1e-9) {
    if (!close(actual, expected, tolerance)) {
        ADD_FAILURE() << what << ": expected " << show(expected) << ", got " << show(actual)
                      << where(lesson) << hint_for(actual, hints, tolerance);
    }
}

/// Checks the shape and every element; `expected` is row-major.
template <class MatrixT>
void expect_matrix_near(const MatrixT& actual, std::size_t rows, std::size_t cols,
                        const std::vector<double>& expected, const std::string& what,
                        const std::string& lesson, const std::vector<Hint>& hints = {},
                        double tolerance = 1e-9) {
    const bool shape_ok =
        actual.rows == rows && actual.cols == cols && actual.data.size() == rows * cols;
    if (!shape_ok || !close(actual.data, expected, tolerance)) {
        MatrixT want;
        want.rows = rows;
        want.cols = cols;
        want.data = expected;
        ADD_FAILURE() << what << ": expected " << show_matrix(want) << ", got "
                      << show_matrix(actual) << where(lesson)
                      << hint_for(actual.data, hints, tolerance);
    }
}

inline void expect_true(bool condition, const std::string& what, const std::string& lesson) {
    if (!condition) {
        ADD_FAILURE() << what << where(lesson);
    }
}

/// `call` must throw std::invalid_argument whose message contains every one
/// of `mentions` (the function's name and both shapes, say).
template <class Call>
void expect_invalid_argument(Call&& call, const std::vector<std::string>& mentions,
                             const std::string& what, const std::string& lesson) {
    try {
        call();
    } catch (const std::invalid_argument& error) {
        const std::string message = error.what();
        for (const std::string& word : mentions) {
            if (message.find(word) == std::string::npos) {
                ADD_FAILURE() << what << ": the std::invalid_argument message should mention \""
                              << word << "\", but it says \"" << message << "\"" << where(lesson);
                return;
            }
        }
        return;
    } catch (const std::exception& other) {
        const std::string message = other.what();
        if (message.rfind("not implemented yet:", 0) == 0) {
            throw;  // a stub: its own line says which function to write
        }
        ADD_FAILURE() << what << ": expected std::invalid_argument, but " << exception_type(other)
                      << " was thrown: \"" << message << "\"" << where(lesson);
        return;
    }
    ADD_FAILURE() << what << ": expected std::invalid_argument, but nothing was thrown"
                  << where(lesson);
}

}  // namespace tutor

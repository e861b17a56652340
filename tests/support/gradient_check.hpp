// The gradient check the chapter 5 suites share: the slopes of the loss by
// centered differences and a relative error, written here independently of
// the chapter's own numerical_gradients and relative_error, so that the
// check does not trust the code it checks. It compares every tensor
// backward returns (each layer's dL/dW and dL/db, and the first layer's
// dL/dx), refuses to pass on gradients that are all zero, and names the
// first parameter that disagrees.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "05_backpropagation.hpp"
#include "tutor.hpp"

namespace gradient_check {

using mlp::Activation;
using mlp::LayerGradients;
using mlp::Matrix;
using mlp::Vector;

constexpr double kStep = 1e-5;       // h of the centered differences
constexpr double kTolerance = 1e-6;  // the largest relative error accepted
// Centered differences in double carry a noise of about 1e-11 (the loss's
// rounding divided by 2h), which makes the relative error of a slope near
// 1e-6 meaningless. So the relative error divides by at least kFloor: a
// slope of 1e-5 may be off by 1e-10, a slope above 1e-4 by a millionth of
// itself. A correct backward agrees to about 1e-8.
constexpr double kFloor = 1e-4;

/// The slope of the loss along one number: (L(w + h) - L(w - h)) / (2 h),
/// with the number put back afterwards. `number` is a weight, a bias or an
/// element of x itself.
inline double centered_slope(mlp::Network& network, const Vector& x, const Vector& target,
                             double& number) {
    const double saved = number;
    number = saved + kStep;
    const double plus = mlp::network_loss(network, x, target);
    number = saved - kStep;
    const double minus = mlp::network_loss(network, x, target);
    number = saved;
    return (plus - minus) / (2.0 * kStep);
}

struct Slopes {
    std::vector<Matrix> weights;  // one (out, in) matrix per layer
    std::vector<Vector> biases;   // one (out) vector per layer
    Vector input;                 // dL/dx of the first layer
};

inline Slopes centered_differences(mlp::Network& network, const Vector& x, const Vector& target) {
    Slopes slopes;
    for (mlp::Layer& layer : network.layers) {
        Matrix w(layer.weights.rows, layer.weights.cols);
        for (std::size_t i = 0; i < layer.weights.data.size(); ++i) {
            w.data[i] = centered_slope(network, x, target, layer.weights.data[i]);
        }
        Vector b(layer.biases.size());
        for (std::size_t i = 0; i < layer.biases.size(); ++i) {
            b[i] = centered_slope(network, x, target, layer.biases[i]);
        }
        slopes.weights.push_back(w);
        slopes.biases.push_back(b);
    }
    Vector nudged = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        slopes.input.push_back(centered_slope(network, nudged, target, nudged[i]));
    }
    return slopes;
}

/// |a - b| / max(|a|, |b|, floor), and 0 when both are 0. A floor above 0
/// keeps the rounding noise of a slope near 0 (about 1e-11) from counting.
inline double relative_difference(double a, double b, double floor = 0.0) {
    const double scale = std::max({std::abs(a), std::abs(b), floor});
    return scale == 0.0 ? 0.0 : std::abs(a - b) / scale;
}

/// A guess at the mistake behind one wrong gradient, from how it compares.
inline std::string mismatch_hint(double analytic, double numeric) {
    if (analytic == 0.0) {
        return " Hint: backward gives exactly 0 where the loss does change: is this gradient"
               " computed at all (a bias gradient forgotten, a layer skipped)?";
    }
    const double ratio = analytic / numeric;
    if (std::abs(ratio + 1.0) < 1e-4) {
        return " Hint: the opposite sign: is the output gradient target - softmax instead of"
               " softmax(z) - target?";
    }
    if (std::abs(ratio - 2.0) < 1e-4) {
        return " Hint: exactly twice the slope: is it counted twice, or added to what an"
               " earlier call returned?";
    }
    return "";
}

inline std::string parameter_name(std::size_t layer, const std::string& tensor, std::size_t r,
                                  std::size_t c) {
    return "layer " + std::to_string(layer) + " " + tensor + "(" + std::to_string(r) +
           (tensor == "W" ? ", " + std::to_string(c) : std::string()) + ")";
}

/// Compares every gradient with its slope and reports the first that
/// disagrees, adding `hint` to that message. Returns false on a failure.
inline bool gradients_match(const std::vector<LayerGradients>& analytic, const Slopes& numeric,
                            const std::string& what, const std::string& hint = "",
                            double floor = kFloor) {
    const std::size_t layers = numeric.weights.size();
    if (analytic.size() != layers) {
        ADD_FAILURE() << what << ": backward returned " << analytic.size() << " LayerGradients for "
                      << layers << " layers (lesson.md 5.3)";
        return false;
    }
    bool any_analytic = false;
    bool any_numeric = false;
    for (std::size_t l = 0; l < layers; ++l) {
        const Matrix& want = numeric.weights[l];
        const Matrix& got = analytic[l].weights;
        if (got.rows != want.rows || got.cols != want.cols || got.data.size() != want.data.size()) {
            const bool transposed = got.rows == want.cols && got.cols == want.rows;
            ADD_FAILURE() << what << ": layer " << l << "'s dL/dW is " << mlp::shape_of(got)
                          << " but its W is " << mlp::shape_of(want) << " (lesson.md 5.2)"
                          << (transposed ? " Hint: dL/dW has W's shape (out, in): it is "
                                           "outer(dL/dz, x), not outer(x, dL/dz)."
                                         : "");
            return false;
        }
        if (analytic[l].biases.size() != numeric.biases[l].size()) {
            ADD_FAILURE() << what << ": layer " << l << "'s dL/db is "
                          << mlp::shape_of(analytic[l].biases) << " but its b is "
                          << mlp::shape_of(numeric.biases[l]) << " (lesson.md 5.2)";
            return false;
        }
        for (std::size_t i = 0; i < got.data.size(); ++i) {
            any_analytic = any_analytic || got.data[i] != 0.0;
            any_numeric = any_numeric || want.data[i] != 0.0;
        }
        for (std::size_t i = 0; i < numeric.biases[l].size(); ++i) {
            any_analytic = any_analytic || analytic[l].biases[i] != 0.0;
            any_numeric = any_numeric || numeric.biases[l][i] != 0.0;
        }
    }
    // The guard: a check of zeros against zeros would prove nothing.
    if (!any_numeric) {
        ADD_FAILURE() << what << ": the loss does not change with any parameter, so this check"
                      << " would prove nothing; the test's network is broken (lesson.md 5.4)";
        return false;
    }
    if (!any_analytic) {
        ADD_FAILURE() << what << ": every gradient backward returned is 0, but the loss does"
                      << " change with the parameters (lesson.md 5.3)" << hint;
        return false;
    }
    const auto disagree = [&](const std::string& name, double a, double n) {
        const double error = relative_difference(a, n, floor);
        if (error <= kTolerance) {
            return false;
        }
        ADD_FAILURE() << what << ": first disagreement at " << name << ": backward gives "
                      << tutor::show(a) << ", centered differences give " << tutor::show(n)
                      << ", relative error " << tutor::show(error) << " (should be below "
                      << tutor::show(kTolerance) << ")" << tutor::where("5.4")
                      << mismatch_hint(a, n) << hint;
        return true;
    };
    for (std::size_t l = 0; l < layers; ++l) {
        const Matrix& want = numeric.weights[l];
        const Matrix& got = analytic[l].weights;
        for (std::size_t i = 0; i < got.data.size(); ++i) {
            if (disagree(parameter_name(l, "W", i / got.cols, i % got.cols), got.data[i],
                         want.data[i])) {
                return false;
            }
        }
        for (std::size_t i = 0; i < want.rows; ++i) {
            if (disagree(parameter_name(l, "b", i, 0), analytic[l].biases[i],
                         numeric.biases[l][i])) {
                return false;
            }
        }
    }
    const Vector& input = analytic.front().input;
    if (input.size() != numeric.input.size()) {
        ADD_FAILURE() << what << ": layer 0's dL/dx is " << mlp::shape_of(input) << " but x is "
                      << mlp::shape_of(numeric.input) << " (lesson.md 5.2)";
        return false;
    }
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (disagree("layer 0 dL/dx[" + std::to_string(i) + "]", input[i], numeric.input[i])) {
            return false;
        }
    }
    return true;
}

/// "3-5-4 network, relu hidden, sigmoid output".
inline std::string network_name(const std::vector<std::size_t>& sizes, Activation hidden,
                                Activation output) {
    std::string name;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        name += (i ? "-" : "") + std::to_string(sizes[i]);
    }
    if (sizes.size() > 2) {
        name += " network, " + mlp::activation_name(hidden) + " hidden, ";
    } else {
        name += " network (one layer), ";
    }
    return name + mlp::activation_name(output) + " output";
}

/// What to say when a network whose output layer is not the identity fails:
/// there, a and z of the output layer differ.
inline std::string output_hint(Activation output) {
    if (output == Activation::identity) {
        return "";
    }
    return " Hint: the output layer here is " + mlp::activation_name(output) +
           ", so its a = f(z) and its z differ: the logits are the output layer's a (what "
           "forward returns), backward starts from softmax(a) - target, and every f' is taken "
           "at that layer's cached z.";
}

/// Backward against centered differences for one network and example.
/// Returns false (after one message) on a failure.
inline bool check_example(mlp::Network& network, const Vector& x, const Vector& target,
                          const std::string& what, const std::string& hint, double floor = kFloor) {
    mlp::network_loss(network, x, target);  // the forward pass backward needs
    const std::vector<LayerGradients> analytic = mlp::backward(network, target);
    const Slopes numeric = centered_differences(network, x, target);
    return gradients_match(analytic, numeric, what, hint, floor);
}

/// The gradient check on networks of the given sizes and activations, for
/// each seed and two inputs: one with a one-hot target, one with a
/// spread-out target. The inputs stay away from 0 (0.25 to 1 in size), and
/// the biases are drawn too, so that they are checked away from 0.
inline void check_gradients(const std::vector<std::size_t>& sizes, Activation hidden,
                            Activation output, const std::vector<std::uint64_t>& seeds) {
    const std::string name = network_name(sizes, hidden, output);
    const std::size_t outputs = sizes.back();
    for (const std::uint64_t seed : seeds) {
        mlp::Rng rng{seed};
        mlp::Network network = mlp::make_network(sizes, hidden, output, rng);
        for (mlp::Layer& layer : network.layers) {
            for (double& b : layer.biases) {
                b = mlp::uniform(rng, -0.5, 0.5);  // biases away from 0 are checked too
            }
        }
        for (int example = 0; example < 2; ++example) {
            Vector x(sizes.front());
            for (std::size_t i = 0; i < x.size(); ++i) {
                x[i] = (i % 2 == 0 ? 1.0 : -1.0) * mlp::uniform(rng, 0.25, 1.0);
            }
            // One-hot at seed % outputs, or 1, 2, 3, ... normalised to sum to 1.
            Vector target(outputs, 0.0);
            if (example == 0) {
                target[seed % outputs] = 1.0;
            } else {
                const double total = static_cast<double>(outputs * (outputs + 1) / 2);
                for (std::size_t i = 0; i < outputs; ++i) {
                    target[i] = static_cast<double>(i + 1) / total;
                }
            }
            const std::string what = "gradient check on a " + name + ", seed " +
                                     std::to_string(seed) + ", x = " + tutor::show(x) +
                                     ", target = " + tutor::show(target);
            if (!check_example(network, x, target, what, output_hint(output))) {
                return;  // one clear message, not a page of them
            }
        }
    }
}

}  // namespace gradient_check

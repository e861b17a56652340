// Chapter 8 (optional): fast training.
//
// Chapter 6's training step is the reference: clear, one idea per function,
// gradients as values. It is also slow, for two reasons a profile shows: it
// builds every gradient as a new matrix and then walks the weights a second
// time to move them, and most of its work adds zeros (a one-hot letter has
// 25 zeros among its 26 inputs). This chapter writes a second step that
// computes exactly the same numbers, bit for bit, without the matrices and
// without the zeros, and proves it against chapter 6 with ==, never with a
// tolerance. Nothing in chapters 1 to 7 changes, and nothing there needs it.
//
// Your loop, after each change: cmake --workflow --preset ch08
// (it builds this chapter and runs its tests; lesson.md chapter 8).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "07_final_project.hpp"

namespace mlp {

/// Chapter 3's forward(layer, x), with the same z and a to the last bit,
/// built another way: z starts at 0 and takes one column of W at a time,
/// z[r] += W(r, c) * x[c], skipping every c where x[c] is 0 (it would add
/// nothing); then z[r] += b[r] and a[r] = f(z[r]). Each z[r] still adds its
/// terms in the order c = 0, 1, 2, ..., as a dot product does, so every
/// rounding is the same. Stores x, z and a in the layer, reusing their
/// memory. x of the wrong size, or biases that do not match W's rows:
/// std::invalid_argument naming the shapes, such as "forward_in_place: the
/// layer's weights are (2 x 3) and its biases (2), but x is (2)".
/// Exercise: lesson.md 8.2, Forward without the zeros
inline void forward_in_place(Layer& layer, const Vector& x) {
    const Matrix& w = layer.weights;
    if (x.size() != w.cols || x.empty() || layer.biases.size() != w.rows) {
        throw std::invalid_argument("forward_in_place: the layer's weights are " + shape_of(w) +
                                    " and its biases " + shape_of(layer.biases) + ", but x is " +
                                    shape_of(x));
    }
    layer.input = x;
    layer.z.assign(w.rows, 0.0);
    // W is (out, in), x is (in), z is (out): z += column c of W times x[c]
    for (std::size_t c = 0; c < w.cols; ++c) {
        const double x_c = x[c];
        if (x_c == 0.0) {
            continue;  // a one-hot letter skips 25 of its 26 columns here
        }
        for (std::size_t r = 0; r < w.rows; ++r) {
            layer.z[r] += w(r, c) * x_c;
        }
    }
    layer.a.resize(w.rows);
    for (std::size_t r = 0; r < w.rows; ++r) {
        layer.z[r] += layer.biases[r];
        layer.a[r] = activate(layer.activation, layer.z[r]);
    }
}

/// Throws std::invalid_argument naming `function` unless the layer's cached
/// input has one number per column of W (and its biases one per row): the
/// fast steps read it to move each weight. Example, for the function
/// "backward_and_step" (or "step_first_layer"): "backward_and_step: the
/// layer's weights are (2 x 3) and its biases (2), but its cached input is
/// (0) (run forward_in_place first)".
inline void require_cached_input(const std::string& function, const Layer& layer) {
    if (layer.input.size() != layer.weights.cols || layer.biases.size() != layer.weights.rows) {
        throw std::invalid_argument(function + ": the layer's weights are " +
                                    shape_of(layer.weights) + " and its biases " +
                                    shape_of(layer.biases) + ", but its cached input is " +
                                    shape_of(layer.input) + " (run forward_in_place first)");
    }
}

/// Chapter 5's backward(layer, grad_a) and chapter 6's sgd_step for one
/// layer, in one pass over W and with the same numbers to the last bit.
/// With grad_z = activation_backward(layer, grad_a) (chapter 5's dL/dz),
/// for every row r, and every column c of that row:
///     grad_x[c] += W(r, c) * grad_z[r]                 (W before the step)
///     W(r, c)   -= learning_rate * (grad_z[r] * x[c])  (x: the cached input)
/// then b[r] -= learning_rate * grad_z[r]. A row whose grad_z[r] is 0 is
/// skipped: it adds nothing to grad_x and moves nothing. Returns grad_x,
/// the dL/da of the layer before. Shapes: W (out, in), grad_a (out) ->
/// grad_x (in). A grad_a that does not match the cached z:
/// activation_backward's std::invalid_argument ("activation_backward:
/// grad_a is (3) but the layer's cached z is (2) (run forward first)");
/// caches that do not fit the layer: require_cached_input's ("backward_and_step:
/// the layer's weights are (2 x 3) and its biases (2), but its cached input
/// is (0) (run forward_in_place first)").
/// Exercise: lesson.md 8.3, Backward and the step in one pass
inline Vector backward_and_step(Layer& layer, const Vector& grad_a, double learning_rate) {
    const Vector grad_z = activation_backward(layer, grad_a);  // dL/dz (out)
    require_cached_input("backward_and_step", layer);
    Matrix& w = layer.weights;
    const Vector& x = layer.input;
    Vector grad_x(w.cols, 0.0);
    // W is (out, in), grad_z is (out), x and grad_x are (in)
    for (std::size_t r = 0; r < w.rows; ++r) {
        const double grad_z_r = grad_z[r];
        if (grad_z_r == 0.0) {
            continue;  // a ReLU that was off: nothing flows through it
        }
        for (std::size_t c = 0; c < w.cols; ++c) {
            grad_x[c] += w(r, c) * grad_z_r;               // read the weight first...
            w(r, c) -= learning_rate * (grad_z_r * x[c]);  // ...then move it
        }
        layer.biases[r] -= learning_rate * grad_z_r;
    }
    return grad_x;
}

/// backward_and_step for the first layer, whose dL/dx nobody needs (its
/// input is the data, not another layer), so it computes none. Its update,
/// W(r, c) -= learning_rate * (grad_z[r] * x[c]), runs one column at a time
/// and skips every c where x[c] is 0, which would move nothing: for a
/// one-hot letter, 25 of the 26 columns. Then b[r] -= learning_rate *
/// grad_z[r] for every r. Same numbers as chapter 6 to the last bit; the
/// same checks as backward_and_step ("activation_backward: grad_a is (3)
/// but the layer's cached z is (2) (run forward first)").
/// Exercise: lesson.md 8.3, Backward and the step in one pass
inline void step_first_layer(Layer& layer, const Vector& grad_a, double learning_rate) {
    const Vector grad_z = activation_backward(layer, grad_a);  // dL/dz (out)
    require_cached_input("step_first_layer", layer);
    Matrix& w = layer.weights;
    const Vector& x = layer.input;
    // W is (out, in), grad_z is (out), x is (in)
    for (std::size_t c = 0; c < w.cols; ++c) {
        const double x_c = x[c];
        if (x_c == 0.0) {
            continue;
        }
        for (std::size_t r = 0; r < w.rows; ++r) {
            w(r, c) -= learning_rate * (grad_z[r] * x_c);
        }
    }
    for (std::size_t r = 0; r < w.rows; ++r) {
        layer.biases[r] -= learning_rate * grad_z[r];
    }
}

/// Chapter 6's train_step, with the same loss, weights and biases to the
/// last bit: forward_in_place through every layer; the loss
/// cross_entropy(softmax(logits), target); grad_a = softmax(logits) -
/// target; then backward_and_step from the last layer down to layer 1,
/// each returning the grad_a of the layer before, and step_first_layer for
/// layer 0. Returns the loss from before the step. A network with no
/// layers: std::invalid_argument, "train_step_fast: the network has no
/// layers"; an x or target of the wrong size: the error of forward_in_place
/// or cross_entropy, before any weight moves ("forward_in_place: the layer's
/// weights are (3 x 2) and its biases (3), but x is (3)" or "cross_entropy:
/// needs two non-empty vectors of the same size, got (2) and (3)").
/// Exercise: lesson.md 8.4, The fast step
inline double train_step_fast(Network& network, const Vector& x, const Vector& target,
                              double learning_rate) {
    if (network.layers.empty()) {
        throw std::invalid_argument("train_step_fast: the network has no layers");
    }
    const Vector* input = &x;
    for (Layer& layer : network.layers) {
        forward_in_place(layer, *input);
        input = &layer.a;  // the next layer reads this one's output
    }
    const Vector p = softmax(network.layers.back().a);
    const double loss = cross_entropy(p, target);
    Vector grad_a = subtract(p, target);  // softmax(logits) - target
    for (std::size_t l = network.layers.size() - 1; l > 0; --l) {
        grad_a = backward_and_step(network.layers[l], grad_a, learning_rate);
    }
    step_first_layer(network.layers[0], grad_a, learning_rate);
    return loss;
}

/// Chapter 7's train_classifier with train_step_fast as chapter 6's step:
/// the same checks ("train_classifier_fast: the epochs must be 1 to 100000,
/// got 0" or "train_classifier_fast: the learning rate must be a finite
/// number above 0, got -1"), the same losses, the same weights to the last
/// bit, sooner.
/// Exercise: lesson.md 8.4, The fast step
inline std::vector<double> train_classifier_fast(LetterClassifier& classifier,
                                                 const TrainingSettings& settings, Rng& rng,
                                                 const EpochCallback& on_epoch = nullptr) {
    require_training_settings("train_classifier_fast", settings);
    return train(classifier.network, letter_dataset(), settings.learning_rate, settings.epochs, rng,
                 on_epoch, train_step_fast);
}

}  // namespace mlp

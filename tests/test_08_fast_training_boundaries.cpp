// Chapter 8 tests, part 2: the edges of the fast step. Inputs that must come
// out of a call as they went in, and an x that is the layer's own cached a;
// the input or gradient that matters at the first, an inner and the last
// place; a 1 x 1 layer; refusals checked for their reason; and the given
// require_cached_input (GivenHelpers: it passes against the starter code
// too). Expected values are worked out in the comments.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "08_fast_training.hpp"
#include "tutor.hpp"

using mlp::Activation;
using mlp::Layer;
using mlp::Matrix;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// W = [[1, 2, 3], [4, 5, 6]], b = [0.5, -0.5], identity: z = W x + b.
Layer two_by_three() {
    return mlp::layer_from(Matrix(2, 3, {1, 2, 3, 4, 5, 6}), {0.5, -0.5}, Activation::identity);
}

}  // namespace

// ---------------------------------------------------------------------------
// Inputs come out as they went in
// ---------------------------------------------------------------------------

TUTOR_TEST(InputsUnchanged, ForwardInPlaceLeavesXAsItWas, "mlp::forward_in_place", "8.2") {
    Layer layer = two_by_three();
    const Vector x{1, 0, -1};
    mlp::forward_in_place(layer, x);  // z = [1 - 3 + 0.5, 4 - 6 - 0.5] = [-1.5, -2.5]
    expect_vector_near(x, {1, 0, -1}, "x after forward_in_place(layer, x = [1, 0, -1])", "8.2", {},
                       0.0);
    expect_vector_near(layer.weights.data, {1, 2, 3, 4, 5, 6}, "W after forward_in_place", "8.2",
                       {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, BackwardAndStepAndStepFirstLayerLeaveGradAAsItWas,
           "mlp::backward_and_step and step_first_layer", "8.3") {
    Layer layer = two_by_three();
    const Vector grad_a{1, -1};
    mlp::forward_in_place(layer, {1, 1, 1});
    mlp::backward_and_step(layer, grad_a, 0.1);
    expect_vector_near(grad_a, {1, -1}, "grad_a after backward_and_step(layer, [1, -1], 0.1)",
                       "8.3", {}, 0.0);
    mlp::forward_in_place(layer, {1, 1, 1});
    mlp::step_first_layer(layer, grad_a, 0.1);
    expect_vector_near(grad_a, {1, -1}, "grad_a after step_first_layer(layer, [1, -1], 0.1)", "8.3",
                       {}, 0.0);
}

TUTOR_TEST(InputsUnchanged, TrainStepFastLeavesTheExampleAsItWas, "mlp::train_step_fast", "8.4") {
    mlp::Network network;
    network.layers.push_back(mlp::layer_from(Matrix(2, 2, 0.0), {0, 0}, Activation::identity));
    const Vector x{1, 2};
    const Vector target{1, 0};
    mlp::train_step_fast(network, x, target, 0.25);
    expect_vector_near(x, {1, 2}, "x after train_step_fast", "8.4", {}, 0.0);
    expect_vector_near(
        target, {1, 0}, "the target after train_step_fast", "8.4",
        {{{-0.5, 0.5}, "the target holds p - target: compute the gradient in a new vector."}}, 0.0);
}

TUTOR_TEST(InputsUnchanged, TrainClassifierFastLeavesTheSettingsAsTheyWere,
           "mlp::train_classifier_fast", "8.4") {
    mlp::Rng rng{mlp::kSeed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, 4);
    const mlp::TrainingSettings settings{2, 0.1};
    mlp::train_classifier_fast(classifier, settings, rng);
    expect_true(settings.epochs == 2 && settings.learning_rate == 0.1,
                "the settings {2 epochs, rate 0.1} after train_classifier_fast should be as they "
                "were",
                "8.4");
}

TUTOR_TEST(InputsUnchanged, ForwardInPlaceReadsXBeforeItOverwritesTheCaches,
           "mlp::forward_in_place", "8.2") {
    // x may be the layer's own cached a (chapter 8's step hands each layer the
    // a of the one before; here, for a square layer, its own). Identity
    // W = [[1, 2], [3, 4]], b = [0.5, -0.5]: x = [1, 1] gives a = [3.5, 6.5];
    // then x = that a gives z = [3.5 + 13 + 0.5, 10.5 + 26 - 0.5] = [17, 36].
    Layer layer = mlp::layer_from(Matrix(2, 2, {1, 2, 3, 4}), {0.5, -0.5}, Activation::identity);
    mlp::forward_in_place(layer, {1, 1});
    mlp::forward_in_place(layer, layer.a);
    expect_vector_near(layer.z, {17, 36},
                       "z after forward_in_place(layer, layer.a) with a = [3.5, 6.5]", "8.2",
                       {{{0.5, -0.5},
                         "only the biases: x was cleared before it was read (it is the layer's "
                         "own a). Read x into z before resetting or resizing a."}});
    expect_vector_near(layer.input, {3.5, 6.5},
                       "the cached input after forward_in_place(layer, "
                       "layer.a)",
                       "8.2");
}

// ---------------------------------------------------------------------------
// The number that matters at the first, an inner and the last place
// ---------------------------------------------------------------------------

TUTOR_TEST(Positions, ForwardInPlaceReadsTheFirstAnInnerAndTheLastColumn, "mlp::forward_in_place",
           "8.2") {
    // x one-hot at c: z = column c of W + b.
    const std::size_t picked[] = {0, 1, 2};
    const Vector expected[] = {{1.5, 3.5}, {2.5, 4.5}, {3.5, 5.5}};
    for (int k = 0; k < 3; ++k) {
        Layer layer = two_by_three();
        Vector x(3, 0.0);
        x[picked[k]] = 1.0;
        mlp::forward_in_place(layer, x);
        expect_vector_near(
            layer.z, expected[k],
            "z after forward_in_place of W = [[1, 2, 3], [4, 5, 6]], b = [0.5, "
            "-0.5] on the one-hot x at " +
                std::to_string(picked[k]),
            "8.2", {{{0.5, -0.5}, "only the biases: the column whose x[c] is not 0 was skipped."}});
    }
}

TUTOR_TEST(Positions, StepFirstLayerMovesTheColumnOfTheLastInput, "mlp::step_first_layer", "8.3") {
    // x = [0, 0, 2]: only column 2, the last, moves. grad_a = [1, -1]
    // (identity), lr 0.5: W(0, 2) = 3 - 0.5 * 1 * 2 = 2, W(1, 2) = 6 + 1 = 7;
    // b = [0.5 - 0.5, -0.5 + 0.5] = [0, 0].
    Layer layer = two_by_three();
    mlp::forward_in_place(layer, {0, 0, 2});
    mlp::step_first_layer(layer, {1, -1}, 0.5);
    expect_vector_near(
        layer.weights.data, {1, 2, 2, 4, 5, 7},
        "W after step_first_layer with x = [0, 0, 2], grad_a = [1, -1], lr 0.5", "8.3",
        {{{1, 2, 3, 4, 5, 6}, "nothing moved: the last column, whose x is 2, must move."}});
    expect_vector_near(layer.biases, {0, 0}, "b after step_first_layer", "8.3");
}

TUTOR_TEST(Positions, BackwardAndStepMovesTheLastRowAndReturnsItsWeights, "mlp::backward_and_step",
           "8.3") {
    // grad_a = [0, 1]: only row 1, the last, takes part. x = [1, 2, 3], lr 0.5:
    //   grad_x = row 1 of W before the step = [4, 5, 6]
    //   row 1 -= 0.5 * 1 * [1, 2, 3] -> [3.5, 4, 4.5]; b[1] = -0.5 - 0.5 = -1
    Layer layer = two_by_three();
    mlp::forward_in_place(layer, {1, 2, 3});
    const Vector grad_x = mlp::backward_and_step(layer, {0, 1}, 0.5);
    expect_vector_near(grad_x, {4, 5, 6}, "dL/dx from backward_and_step with grad_a = [0, 1]",
                       "8.3",
                       {{{0, 0, 0}, "the last row was skipped: visit every row up to out - 1."}});
    expect_vector_near(layer.weights.data, {1, 2, 3, 3.5, 4, 4.5},
                       "W after backward_and_step with grad_a = [0, 1], lr 0.5", "8.3");
    expect_vector_near(layer.biases, {0.5, -1}, "b after backward_and_step", "8.3");
}

TUTOR_TEST(SmallestShapes, AOneByOneLayerStepsLikeChapter6, "mlp::backward_and_step", "8.3") {
    // W = [[2]], b = [1], identity, x = [3]: z = 7. grad_a = [0.5], lr 0.1:
    //   grad_x = [2 * 0.5] = [1]; W = 2 - 0.1 * 0.5 * 3 = 1.85; b = 1 - 0.05 = 0.95
    Layer layer = mlp::layer_from(Matrix(1, 1, Vector{2}), {1}, Activation::identity);
    mlp::forward_in_place(layer, {3});
    expect_vector_near(layer.z, {7}, "z of the (1 x 1) layer W = [[2]], b = [1], x = [3]", "8.2");
    const Vector grad_x = mlp::backward_and_step(layer, {0.5}, 0.1);
    expect_vector_near(grad_x, {1}, "dL/dx of the (1 x 1) layer", "8.3");
    expect_vector_near(layer.weights.data, {1.85}, "W of the (1 x 1) layer after the step", "8.3");
    expect_vector_near(layer.biases, {0.95}, "b of the (1 x 1) layer after the step", "8.3");
}

// ---------------------------------------------------------------------------
// Refusals, each for its reason
// ---------------------------------------------------------------------------

TUTOR_TEST(BackwardAndStep, RefusesACachedInputThatDoesNotFitTheLayer, "mlp::backward_and_step",
           "8.3") {
    // z matches grad_a, so activation_backward lets it through; the cached
    // input does not match W's columns, which require_cached_input refuses.
    Layer layer = two_by_three();
    mlp::forward_in_place(layer, {1, 2, 3});
    layer.input.pop_back();
    const Vector before = layer.weights.data;
    expect_invalid_argument(
        [&] {
            mlp::backward_and_step(layer, {1, 1}, 0.1);
        },
        {"backward_and_step", "the layer's weights are (2 x 3)", "its cached input is (2)",
         "run forward_in_place first"},
        "backward_and_step with a cached input of 2 for a (2 x 3) layer", "8.3");
    expect_vector_near(layer.weights.data, before,
                       "W after backward_and_step refused its caches (nothing may move)", "8.3");
}

TUTOR_TEST(GivenHelpers, RequireCachedInputAcceptsOnlyCachesThatFitTheLayer,
           "mlp::require_cached_input", "8.3") {
    Layer layer = two_by_three();
    layer.input = {1, 2, 3};
    const Layer& read_only = layer;
    mlp::require_cached_input("backward_and_step", read_only);  // fits: nothing thrown
    expect_vector_near(layer.input, {1, 2, 3}, "the cached input after require_cached_input", "8.3",
                       {}, 0.0);
    expect_vector_near(layer.weights.data, {1, 2, 3, 4, 5, 6}, "W after require_cached_input",
                       "8.3", {}, 0.0);
    Layer no_input = two_by_three();
    expect_invalid_argument([&] { mlp::require_cached_input("backward_and_step", no_input); },
                            {"backward_and_step",
                             "the layer's weights are (2 x 3) and its biases "
                             "(2), but its cached input is (0)",
                             "run forward_in_place first"},
                            "require_cached_input of a layer that ran no forward pass", "8.3");
    Layer short_biases = two_by_three();
    short_biases.input = {1, 2, 3};
    short_biases.biases = {0.5};
    expect_invalid_argument([&] { mlp::require_cached_input("step_first_layer", short_biases); },
                            {"step_first_layer", "its biases (1)"},
                            "require_cached_input of a (2 x 3) layer with 1 bias", "8.3");
}

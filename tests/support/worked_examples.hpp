// The small networks and numbers worked out by hand that tests in more than
// one file use, and the way those tests read a network's numbers. Each is
// worked out once, here; a test that uses one says which of these numbers it
// checks.
#pragma once

#include "03_forward_pass.hpp"

namespace worked {

/// softmax([1, 2, 3]) = [1, e, e^2] / (1 + e + e^2).
inline const mlp::Vector kSoftmaxOfOneTwoThree{0.09003057317038046, 0.24472847105479764,
                                               0.6652409557748219};

/// The network of lesson section 3.6: 2 -> 2 (relu) -> 2 (identity).
///   W1 = [ 1, 2]   b1 = [0  ]      W2 = [1,   -1]   b2 = [-5]
///        [-1, 1]        [0.5]           [0.5,  2]        [ 1]
/// Forward x = [2, 1]: z1 = [4, -0.5], a1 = [4, 0], z2 = [-1, 3].
inline mlp::Network example_network() {
    mlp::Network network;
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2,
                                                         {1, 2,  //
                                                          -1, 1}),
                                             {0, 0.5}, mlp::Activation::relu));
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2,
                                                         {1, -1,  //
                                                          0.5, 2}),
                                             {-5, 1}, mlp::Activation::identity));
    return network;
}

/// The input and target of the two networks below: x = [1, 2], class 0.
inline const mlp::Vector kHandInput{1.0, 2.0};
inline const mlp::Vector kHandTarget{1.0, 0.0};

/// The 2-2-2 network of chapter 5's tests, with numbers chosen so that every
/// step can be done by hand:
///   layer 0 (relu):     W = [[1, -1], [0.5, 0.5]], b = [0, 0]
///   layer 1 (identity): W = [[1, 2], [3, 0]],      b = [0, 3]
/// Forward x = [1, 2]:
///   z0 = [1 - 2, 0.5 + 1] = [-1, 1.5]      a0 = relu(z0) = [0, 1.5]
///   z1 = [0 + 3 + 0, 0 + 0 + 3] = [3, 3]   (the logits, equal on purpose)
///   softmax(z1) = [0.5, 0.5]; with target [1, 0], dL/dz1 = [-0.5, 0.5]
/// Backward:
///   layer 1: dL/dW = outer([-0.5, 0.5], a0 = [0, 1.5]) = [[0, -0.75], [0, 0.75]]
///            dL/db = [-0.5, 0.5]
///            dL/dx = W1^T [-0.5, 0.5] = [1*-0.5 + 3*0.5, 2*-0.5 + 0*0.5] = [1, -1]
///   layer 0: dL/dz = [1, -1] (*) relu'([-1, 1.5]) = [1*0, -1*1] = [0, -1]
///            dL/dW = outer([0, -1], x = [1, 2]) = [[0, 0], [-1, -2]]
///            dL/db = [0, -1]
///            dL/dx = W0^T [0, -1] = [1*0 + 0.5*-1, -1*0 + 0.5*-1] = [-0.5, -0.5]
inline mlp::Network hand_network() {
    mlp::Network network;
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2,
                                                         {1.0, -1.0,  //
                                                          0.5, 0.5}),
                                             {0.0, 0.0}, mlp::Activation::relu));
    network.layers.push_back(mlp::layer_from(mlp::Matrix(2, 2,
                                                         {1.0, 2.0,  //
                                                          3.0, 0.0}),
                                             {0.0, 3.0}, mlp::Activation::identity));
    return network;
}

/// One identity layer, 2 inputs -> 2 logits, every weight and bias 0. For
/// x = [1, 2] and target [1, 0]:
///   z = [0, 0], p = softmax(z) = [0.5, 0.5], loss = -ln 0.5 = ln 2 = 0.6931471806
///   dL/dz = p - t = [-0.5, 0.5]
///   dL/dW = outer([-0.5, 0.5], [1, 2]) = [[-0.5, -1], [0.5, 1]],  dL/db = [-0.5, 0.5]
/// (the loss is ln(e^z0 + e^z1) - z0, so near 0 the slope in b0 is -0.5), and
/// an SGD step with learning rate lr makes W = lr * [[0.5, 1], [-0.5, -1]] and
/// b = lr * [0.5, -0.5].
inline mlp::Network zero_network() {
    mlp::Network network;
    network.layers.push_back(
        mlp::layer_from(mlp::Matrix(2, 2, 0.0), {0, 0}, mlp::Activation::identity));
    return network;
}

/// Every weight and bias of a network, weights first (row by row), layer
/// after layer: for comparing two networks number by number.
inline mlp::Vector parameters(const mlp::Network& network) {
    mlp::Vector all;
    for (const mlp::Layer& layer : network.layers) {
        all.insert(all.end(), layer.weights.data.begin(), layer.weights.data.end());
        all.insert(all.end(), layer.biases.begin(), layer.biases.end());
    }
    return all;
}

}  // namespace worked

// A libFuzzer target for chapter 7's loader: every input is a would-be model
// file. network_from_bytes must either return a network whose shapes agree
// with what it read, or throw ModelFileError; anything else (another
// exception, a crash, a read out of bounds that AddressSanitizer sees,
// undefined behaviour) is a finding.
//
// Built only with Clang and -DMLP_FUZZ=ON (cmake/Fuzz.cmake); CI runs it for
// about a minute, starting from saved models.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "07_final_project.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const mlp::Bytes bytes(data, data + size);
    try {
        const mlp::Network network = mlp::network_from_bytes(bytes);
        // Accepted: then the shapes must chain, and the bytes must be exactly
        // what model_bytes writes for it.
        for (std::size_t l = 0; l < network.layers.size(); ++l) {
            const mlp::Layer& layer = network.layers[l];
            if (layer.weights.data.size() != layer.weights.rows * layer.weights.cols ||
                layer.biases.size() != layer.weights.rows ||
                (l > 0 && layer.weights.cols != network.layers[l - 1].weights.rows)) {
                std::abort();
            }
        }
        if (mlp::model_bytes(network) != bytes) {
            std::abort();
        }
    } catch (const mlp::ModelFileError&) {
        // refused, as it should be
    }
    return 0;
}

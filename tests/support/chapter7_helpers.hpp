// Helpers the chapter 7 suites share (test_07_final_project.cpp and
// test_07_final_project_model_file.cpp): crafting model files with the
// tests' own byte writer and checksum (never with the code under test), a
// throw-away folder, and a hand-built classifier whose every probability is
// worked out by hand.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "07_final_project.hpp"
#include "tutor.hpp"

namespace chapter7 {

using mlp::Bytes;
using mlp::Vector;

inline std::string quoted(char c) {
    return std::string("'") + c + "'";
}

inline void expect_letter(char actual, char expected, const std::string& what,
                          const std::string& lesson, const std::string& hint = "") {
    if (actual != expected) {
        std::string message = what + ": expected " + quoted(expected) + ", got " + quoted(actual);
        if (!hint.empty()) {
            message += tutor::where(lesson) + " Hint: " + hint;
        } else {
            message += tutor::where(lesson);
        }
        ADD_FAILURE() << message;
    }
}

// `call` must throw mlp::ModelFileError whose message mentions every word
// of `mentions`. A stub's NotImplemented passes through untouched; any other
// exception (std::bad_alloc from trusting a size in the file, say) fails.
inline void expect_model_error(const std::function<void()>& call,
                               const std::vector<std::string>& mentions, const std::string& what,
                               const std::string& lesson) {
    try {
        call();
    } catch (const mlp::ModelFileError& error) {
        const std::string message = error.what();
        for (const std::string& word : mentions) {
            if (message.find(word) == std::string::npos) {
                ADD_FAILURE() << what << ": the ModelFileError should mention \"" << word
                              << "\", but it says \"" << message << "\"" << tutor::where(lesson);
                return;
            }
        }
        return;
    } catch (const mlp::NotImplemented&) {
        throw;
    } catch (const std::length_error& error) {
        ADD_FAILURE() << what << ": std::length_error (\"" << error.what()
                      << "\") instead of a ModelFileError" << tutor::where(lesson)
                      << " Hint: was something allocated by a size read from the file before "
                         "that size was checked?";
        return;
    } catch (const std::bad_alloc&) {
        ADD_FAILURE() << what << ": std::bad_alloc instead of a ModelFileError"
                      << tutor::where(lesson)
                      << " Hint: was something allocated by a size read from the file before "
                         "that size was checked?";
        return;
    } catch (const std::exception& error) {
        ADD_FAILURE() << what << ": expected a ModelFileError, got another exception: \""
                      << error.what() << "\"" << tutor::where(lesson);
        return;
    }
    ADD_FAILURE() << what << ": expected a ModelFileError, but nothing was thrown"
                  << tutor::where(lesson);
}

// Our own little-endian writer and FNV-1a, to craft model files.
inline void append_u32(Bytes& out, std::uint32_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 16) & 0xFF));
    out.push_back(static_cast<std::uint8_t>((value >> 24) & 0xFF));
}

inline std::uint32_t our_fnv1a(const Bytes& bytes) {
    std::uint32_t hash = 2166136261u;
    for (std::uint8_t byte : bytes) {
        hash = (hash ^ byte) * 16777619u;
    }
    return hash;
}

// The bytes of a model file up to its checksum: the magic, the version, the
// layer count (activations.size()), the sizes, the activation codes, and
// every parameter 0.5f (bytes 00 00 00 3F).
inline Bytes model_body(const std::vector<std::uint32_t>& sizes,
                        const std::vector<std::uint32_t>& activations, std::uint32_t version = 1) {
    Bytes out = {'M', 'L', 'P', 'F'};
    append_u32(out, version);
    append_u32(out, static_cast<std::uint32_t>(activations.size()));
    for (std::uint32_t size : sizes) {
        append_u32(out, size);
    }
    for (std::uint32_t code : activations) {
        append_u32(out, code);
    }
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const std::size_t parameters = std::size_t{sizes[l + 1]} * sizes[l] + sizes[l + 1];
        for (std::size_t i = 0; i < parameters; ++i) {
            append_u32(out, 0x3F000000u);  // 0.5f
        }
    }
    return out;
}

// The body followed by its own checksum (our FNV-1a of every byte of it), so
// that whatever else is wrong with the body, the checksum is right.
inline Bytes with_checksum(Bytes body) {
    append_u32(body, our_fnv1a(body));
    return body;
}

// A model file with these sizes and activation codes, every parameter 0.5f,
// and a correct checksum.
inline Bytes crafted_model(const std::vector<std::uint32_t>& sizes,
                           const std::vector<std::uint32_t>& activations,
                           std::uint32_t version = 1) {
    return with_checksum(model_body(sizes, activations, version));
}

// Where parameter `index` (counting from 0 across the whole file) starts in
// a body made by model_body for these sizes.
inline std::size_t parameter_offset(const std::vector<std::uint32_t>& sizes, std::size_t index) {
    return 12 + 4 * sizes.size() + 4 * (sizes.size() - 1) + 4 * index;
}

// Writes a u32 over the four bytes at `at` of a body.
inline void set_u32(Bytes& body, std::size_t at, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) {
        body[at + static_cast<std::size_t>(k)] =
            static_cast<std::uint8_t>((value >> (8 * k)) & 0xFF);
    }
}

// Writes a float32's 32 bits over parameter `index` of a body.
inline void set_parameter_bits(Bytes& body, const std::vector<std::uint32_t>& sizes,
                               std::size_t index, std::uint32_t bits) {
    set_u32(body, parameter_offset(sizes, index), bits);
}

// A folder of its own under the system's temporary folder, removed with
// everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
        const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("mlp_ch07_" + std::string(test->name()) + "_" + std::to_string(ticks) + "_" +
                 std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const {
        return (path_ / name).string();
    }

private:
    std::filesystem::path path_;
};

inline void write_bytes(const std::string& path, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

inline Bytes read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A hand-built classifier: hidden layer = the 26 x 26 identity (each letter
// lights its own hidden unit), ReLU; output logit r = 3 when hidden unit c
// is lit and answer(c) = r. So letter c gets logit 3 at answer(c) and 0
// elsewhere: probability e^3 / (e^3 + 25) = 20.0855 / 45.0855 = 0.44550 for
// answer(c), and 1 / 45.0855 = 0.022180 for each other letter.
inline constexpr double kHandTop = 0.4454984523619502;
inline constexpr double kHandOther = 0.02218006190552199;

inline mlp::LetterClassifier hand_built(const std::function<std::size_t(std::size_t)>& answer) {
    mlp::Layer hidden;
    hidden.weights = mlp::Matrix(26, 26, 0.0);
    for (std::size_t i = 0; i < 26; ++i) {
        hidden.weights(i, i) = 1.0;
    }
    hidden.biases = Vector(26, 0.0);
    hidden.activation = mlp::Activation::relu;
    mlp::Layer output;
    output.weights = mlp::Matrix(26, 26, 0.0);
    for (std::size_t c = 0; c < 26; ++c) {
        output.weights(answer(c), c) = 3.0;
    }
    output.biases = Vector(26, 0.0);
    output.activation = mlp::Activation::identity;
    mlp::LetterClassifier classifier;
    classifier.network.layers = {hidden, output};
    return classifier;
}

// A vector of 26 numbers: `rest` everywhere, `top` at one index.
inline Vector spike(std::size_t index, double top, double rest) {
    Vector v(26, rest);
    v[index] = top;
    return v;
}

/// A classifier made as the program makes it: Rng{kSeed}, the default size.
inline mlp::LetterClassifier default_classifier() {
    mlp::Rng rng{mlp::kSeed};
    return mlp::make_classifier(rng);
}

/// The names in a folder, sorted: what a save left behind.
inline std::vector<std::string> folder_listing(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace chapter7

// Helpers the chapter 9 suites share (test_09_letters_never_seen.cpp and
// test_09_letters_never_seen_test_set.cpp): pictures drawn by hand, the
// tests' own shift, and small networks and datasets whose every number the
// tests know.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "09_letters_never_seen.hpp"
#include "tutor.hpp"
#include "worked_examples.hpp"

namespace chapter9 {

using mlp::Dataset;
using mlp::GlyphNoise;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;

// ---------------------------------------------------------------------------
// Pictures drawn by hand: 9 rows of 7 pixels, '#' for 1 and '.' for 0.
// ---------------------------------------------------------------------------

inline Vector picture(std::initializer_list<const char*> rows) {
    Vector pixels;
    for (const char* row : rows) {
        for (const char* p = row; *p != '\0'; ++p) {
            pixels.push_back(*p == '#' ? 1.0 : 0.0);
        }
    }
    EXPECT_EQ(pixels.size(), 63u) << "a hand-drawn picture in this test is not 7 x 9";
    return pixels;
}

// "..###../.#...#./...": a picture in one line, rows separated by '/'.
inline std::string rows_of(const Vector& pixels) {
    if (pixels.size() != 63) {
        return "a vector of " + std::to_string(pixels.size()) + " numbers, not 63 pixels";
    }
    std::string text;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        if (i > 0 && i % 7 == 0) {
            text += '/';
        }
        text += pixels[i] == 1.0 ? '#' : pixels[i] == 0.0 ? '.' : '?';
    }
    return text;
}

struct PictureHint {
    Vector pixels;
    std::string says;
};

inline void expect_picture(const Vector& actual, const Vector& expected, const std::string& what,
                           const std::string& lesson, const std::vector<PictureHint>& hints = {}) {
    if (actual == expected) {
        return;
    }
    std::string message = what + ": expected " + rows_of(expected) + ", got " + rows_of(actual) +
                          tutor::where(lesson);
    for (const PictureHint& hint : hints) {
        if (actual == hint.pixels) {
            message += " Hint: " + hint.says;
            break;
        }
    }
    ADD_FAILURE() << message;
}

// The letters this file draws by hand (from the font in lesson 9.1).
inline const Vector kA = picture({".......",  //
                                  "..###..",  //
                                  ".#...#.",  //
                                  ".#...#.",  //
                                  ".#####.",  //
                                  ".#...#.",  //
                                  ".#...#.",  //
                                  ".#...#.",  //
                                  "......."});
inline const Vector kJ = picture({".......",  //
                                  "...###.",  //
                                  "....#..",  //
                                  "....#..",  //
                                  "....#..",  //
                                  "....#..",  //
                                  ".#..#..",  //
                                  "..##...",  //
                                  "......."});
inline const Vector kL = picture({".......",  //
                                  ".#.....",  //
                                  ".#.....",  //
                                  ".#.....",  //
                                  ".#.....",  //
                                  ".#.....",  //
                                  ".#.....",  //
                                  ".#####.",  //
                                  "......."});
inline const Vector kZ = picture({".......",  //
                                  ".#####.",  //
                                  ".....#.",  //
                                  "....#..",  //
                                  "...#...",  //
                                  "..#....",  //
                                  ".#.....",  //
                                  ".#####.",  //
                                  "......."});

// The same picture moved dx right and dy down, pixels pushed out lost: this
// file's own route to a shift, for comparing with the code under test.
inline Vector own_shift(const Vector& pixels, int dx, int dy) {
    Vector out(63, 0.0);
    for (int r = 0; r < 9; ++r) {
        for (int c = 0; c < 7; ++c) {
            const int from_r = r - dy;
            const int from_c = c - dx;
            if (from_r >= 0 && from_r < 9 && from_c >= 0 && from_c < 7) {
                out[static_cast<std::size_t>(r * 7 + c)] =
                    pixels[static_cast<std::size_t>(from_r * 7 + from_c)];
            }
        }
    }
    return out;
}

// The same picture mirrored left to right, and read column by column: what
// two classic mistakes in glyph_picture give.
inline Vector mirrored(const Vector& pixels) {
    Vector out(63, 0.0);
    for (std::size_t r = 0; r < 9; ++r) {
        for (std::size_t c = 0; c < 7; ++c) {
            out[r * 7 + c] = pixels[r * 7 + (6 - c)];
        }
    }
    return out;
}

inline std::size_t pixels_apart(const Vector& a, const Vector& b) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        count += a[i] != b[i] ? 1 : 0;
    }
    return count;
}

inline std::size_t ink(const Vector& pixels) {
    std::size_t count = 0;
    for (double p : pixels) {
        count += p == 1.0 ? 1 : 0;
    }
    return count;
}

inline std::string letter_name(std::size_t letter) {
    return std::string(1, static_cast<char>('A' + letter));
}

// The index of the largest number (the first on a tie): this file's own argmax.
inline std::size_t largest(const Vector& v) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i) {
        best = v[i] > v[best] ? i : best;
    }
    return best;
}

using worked::parameters;

// n random pictures of ink and paper (chapter 3's generator), each labelled
// with the letter (k % 26).
inline Dataset random_pictures(std::size_t n, std::uint64_t seed) {
    Rng rng{seed};
    Dataset data;
    for (std::size_t k = 0; k < n; ++k) {
        Vector pixels(63);
        for (double& p : pixels) {
            p = mlp::uniform(rng, 0.0, 1.0) < 0.3 ? 1.0 : 0.0;
        }
        data.push_back({pixels, mlp::one_hot(k % 26, 26)});
    }
    return data;
}

inline Network pixel_network(std::size_t hidden, std::uint64_t seed) {
    Rng rng{seed};
    return mlp::make_network({63, hidden, 26}, mlp::Activation::relu, mlp::Activation::identity,
                             rng);
}

// A one-layer network 26 -> 26 with no activation whose output for a
// one-hot input at i is a one-hot at answer(i): W(answer(i), i) = 1.
template <class Answer>
inline Network answering(Answer answer) {
    mlp::Layer layer;
    layer.weights = Matrix(26, 26, 0.0);
    for (std::size_t i = 0; i < 26; ++i) {
        layer.weights(answer(i), i) = 1.0;
    }
    layer.biases = Vector(26, 0.0);
    layer.activation = mlp::Activation::identity;
    Network network;
    network.layers.push_back(layer);
    return network;
}

}  // namespace chapter9

// Chapter 9 tests: pictures of letters, noise, a training set and a test set
// that share nothing, and a network that recognises letters it has never
// seen.
//
// Expected pictures are drawn by hand in this file, row by row, from the
// font in the lesson; shifts are worked out by hand or by this file's own
// few lines (own_shift); the flipped pixels by chapter 3's shuffle, the
// training by chapter 6's train and the accuracies by chapter 6's accuracy,
// never by the code under test.
#include "09_letters_never_seen.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tutor.hpp"

using mlp::Dataset;
using mlp::GlyphNoise;
using mlp::Matrix;
using mlp::Network;
using mlp::Rng;
using mlp::Vector;
using tutor::expect_invalid_argument;
using tutor::expect_near;
using tutor::expect_true;
using tutor::expect_vector_near;

namespace {

// ---------------------------------------------------------------------------
// Pictures drawn by hand: 9 rows of 7 pixels, '#' for 1 and '.' for 0.
// ---------------------------------------------------------------------------

Vector picture(std::initializer_list<const char*> rows) {
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
std::string rows_of(const Vector& pixels) {
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

void expect_picture(const Vector& actual, const Vector& expected, const std::string& what,
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
const Vector kA = picture({".......",  //
                           "..###..",  //
                           ".#...#.",  //
                           ".#...#.",  //
                           ".#####.",  //
                           ".#...#.",  //
                           ".#...#.",  //
                           ".#...#.",  //
                           "......."});
const Vector kJ = picture({".......",  //
                           "...###.",  //
                           "....#..",  //
                           "....#..",  //
                           "....#..",  //
                           "....#..",  //
                           ".#..#..",  //
                           "..##...",  //
                           "......."});
const Vector kL = picture({".......",  //
                           ".#.....",  //
                           ".#.....",  //
                           ".#.....",  //
                           ".#.....",  //
                           ".#.....",  //
                           ".#.....",  //
                           ".#####.",  //
                           "......."});
const Vector kZ = picture({".......",  //
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
Vector own_shift(const Vector& pixels, int dx, int dy) {
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
Vector mirrored(const Vector& pixels) {
    Vector out(63, 0.0);
    for (std::size_t r = 0; r < 9; ++r) {
        for (std::size_t c = 0; c < 7; ++c) {
            out[r * 7 + c] = pixels[r * 7 + (6 - c)];
        }
    }
    return out;
}

std::size_t pixels_apart(const Vector& a, const Vector& b) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        count += a[i] != b[i] ? 1 : 0;
    }
    return count;
}

std::size_t ink(const Vector& pixels) {
    std::size_t count = 0;
    for (double p : pixels) {
        count += p == 1.0 ? 1 : 0;
    }
    return count;
}

std::string letter_name(std::size_t letter) {
    return std::string(1, static_cast<char>('A' + letter));
}

// The index of the largest number (the first on a tie): this file's own argmax.
std::size_t largest(const Vector& v) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i) {
        best = v[i] > v[best] ? i : best;
    }
    return best;
}

// Every weight and bias of a network, in order.
Vector parameters_of(const Network& network) {
    Vector p;
    for (const mlp::Layer& layer : network.layers) {
        p.insert(p.end(), layer.weights.data.begin(), layer.weights.data.end());
        p.insert(p.end(), layer.biases.begin(), layer.biases.end());
    }
    return p;
}

// n random pictures of ink and paper (chapter 3's generator), each labelled
// with the letter (k % 26).
Dataset random_pictures(std::size_t n, std::uint64_t seed) {
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

Network pixel_network(std::size_t hidden, std::uint64_t seed) {
    Rng rng{seed};
    return mlp::make_network({63, hidden, 26}, mlp::Activation::relu, mlp::Activation::identity,
                             rng);
}

// A one-layer network 26 -> 26 with no activation whose output for a
// one-hot input at i is a one-hot at answer(i): W(answer(i), i) = 1.
template <class Answer>
Network answering(Answer answer) {
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

}  // namespace

// ---------------------------------------------------------------------------
// 9.1 Pictures of letters: glyph_picture
// ---------------------------------------------------------------------------

TUTOR_TEST(GlyphPicture, AIsDrawnInTheMiddleOfItsFrame, "mlp::glyph_picture", "9.1") {
    expect_picture(mlp::glyph_picture(0), kA, "glyph_picture(0), the letter A", "9.1",
                   {{own_shift(kA, -1, -1),
                     "the glyph sits in the top-left corner: add the margin of 1 to its row and "
                     "its column."},
                    {own_shift(kA, 1, 1),
                     "the glyph sits one pixel too far right and down: add the margin once."}});
}

TUTOR_TEST(GlyphPicture, JAndZAreNeitherMirroredNorTurned, "mlp::glyph_picture", "9.1") {
    // J and Z look different in a mirror, so they catch a column read from
    // the wrong end.
    expect_picture(
        mlp::glyph_picture(9), kJ, "glyph_picture(9), the letter J", "9.1",
        {{mirrored(kJ), "that is J in a mirror: column 0 of the glyph is its leftmost pixel."}});
    expect_picture(
        mlp::glyph_picture(25), kZ, "glyph_picture(25), the letter Z", "9.1",
        {{mirrored(kZ), "that is Z in a mirror: column 0 of the glyph is its leftmost pixel."},
         {kA, "that is A: letter 25 is Z, the last of the 26."}});
}

TUTOR_TEST(GlyphPicture, LHasElevenPixelsOfInk, "mlp::glyph_picture", "9.1") {
    // L is 6 pixels down its left side and 5 along the bottom: 11.
    const Vector l = mlp::glyph_picture(11);
    expect_near(static_cast<double>(ink(l)), 11, "pixels of ink in glyph_picture(11), the L",
                "9.1");
    expect_picture(l, kL, "glyph_picture(11), the letter L", "9.1",
                   {{mirrored(kL), "that is L in a mirror."}});
}

TUTOR_TEST(GlyphPicture, EveryLetterHasAnEmptyMarginAndAPictureOfItsOwn, "mlp::glyph_picture",
           "9.1") {
    std::set<Vector> different;
    for (std::size_t letter = 0; letter < 26; ++letter) {
        const Vector p = mlp::glyph_picture(letter);
        const std::string name =
            "glyph_picture(" + std::to_string(letter) + "), the letter " + letter_name(letter);
        if (p.size() != 63) {
            ADD_FAILURE() << name << " has " << p.size() << " pixels, expected 63 (7 x 9)"
                          << tutor::where("9.1");
            return;
        }
        bool margin_empty = true;
        bool only_ink_and_paper = true;
        // the picture is (9 x 7); its margin is row 0, row 8, column 0 and column 6
        for (std::size_t r = 0; r < 9; ++r) {
            for (std::size_t c = 0; c < 7; ++c) {
                const double pixel = p[r * 7 + c];
                const bool margin = r == 0 || r == 8 || c == 0 || c == 6;
                margin_empty = margin_empty && !(margin && pixel != 0.0);
                only_ink_and_paper = only_ink_and_paper && (pixel == 0.0 || pixel == 1.0);
            }
        }
        expect_true(margin_empty,
                    name + " has ink in its margin (" + rows_of(p) +
                        "); the glyph belongs in rows 1 to 7 and columns 1 to 5",
                    "9.1");
        expect_true(only_ink_and_paper,
                    name + " should hold only 1 (ink) and 0 (paper), got " + rows_of(p), "9.1");
        expect_true(ink(p) >= 7, name + " has only " + std::to_string(ink(p)) + " pixels of ink",
                    "9.1");
        different.insert(p);
    }
    expect_near(static_cast<double>(different.size()), 26,
                "different pictures among the 26 letters (each letter needs its own)", "9.1");
}

TUTOR_TEST(GlyphPicture, RejectsALetterOutsideTheAlphabet, "mlp::glyph_picture", "9.1") {
    expect_invalid_argument([] { mlp::glyph_picture(26); }, {"glyph_picture", "26"},
                            "glyph_picture(26)", "9.1");
    expect_invalid_argument([] { mlp::glyph_picture(1000); }, {"glyph_picture", "1000"},
                            "glyph_picture(1000)", "9.1");
}

// ---------------------------------------------------------------------------
// 9.2 Noise: shift_picture and flip_pixels
// ---------------------------------------------------------------------------

TUTOR_TEST(ShiftPicture, MovesRightAndDown, "mlp::shift_picture", "9.2") {
    // Row r, column c of the result comes from row r - 1, column c - 1 of L.
    const Vector expected = picture({".......",  //
                                     ".......",  //
                                     "..#....",  //
                                     "..#....",  //
                                     "..#....",  //
                                     "..#....",  //
                                     "..#....",  //
                                     "..#....",  //
                                     "..#####"});
    expect_picture(mlp::shift_picture(kL, 1, 1), expected, "shift_picture(L, dx 1, dy 1)", "9.2",
                   {{own_shift(kL, -1, -1),
                     "the picture moved left and up: pixel (r, c) of the result comes from "
                     "(r - dy, c - dx)."},
                    {own_shift(kL, 1, 0), "it moved right but not down: use dy for the rows."},
                    {own_shift(kL, 0, 1), "it moved down but not right: use dx for the columns."},
                    {kL, "the picture did not move."}});
}

TUTOR_TEST(ShiftPicture, MovesLeftAndUp, "mlp::shift_picture", "9.2") {
    // Row r, column c of the result comes from row r + 1, column c + 1 of L.
    const Vector expected = picture({"#......",  //
                                     "#......",  //
                                     "#......",  //
                                     "#......",  //
                                     "#......",  //
                                     "#......",  //
                                     "#####..",  //
                                     ".......",  //
                                     "......."});
    expect_picture(mlp::shift_picture(kL, -1, -1), expected, "shift_picture(L, dx -1, dy -1)",
                   "9.2",
                   {{own_shift(kL, 1, 1),
                     "the picture moved right and down: negative dx and dy move it left and "
                     "up."}});
}

TUTOR_TEST(ShiftPicture, PixelsPushedOutAreLostNotWrappedAround, "mlp::shift_picture", "9.2") {
    // Two to the right: L's bottom row, columns 1 to 5, lands on columns 3
    // to 7, and column 7 is outside the frame: 4 pixels stay, 1 is lost.
    const Vector expected = picture({".......",  //
                                     "...#...",  //
                                     "...#...",  //
                                     "...#...",  //
                                     "...#...",  //
                                     "...#...",  //
                                     "...#...",  //
                                     "...####",  //
                                     "......."});
    Vector wrapped = expected;
    wrapped[7 * 7 + 0] = 1.0;  // the lost pixel, come back on the left
    expect_picture(mlp::shift_picture(kL, 2, 0), expected, "shift_picture(L, dx 2, dy 0)", "9.2",
                   {{wrapped,
                     "the pixel pushed out on the right came back on the left: pixels that "
                     "leave the frame are lost, nothing wraps around."}});
    expect_picture(mlp::shift_picture(kL, 0, 9), Vector(63, 0.0),
                   "shift_picture(L, dx 0, dy 9): the whole letter pushed out", "9.2",
                   {{kL, "a shift by the frame's height wrapped all the way round."}});
}

TUTOR_TEST(ShiftPicture, LeavesItsInputUnchanged, "mlp::shift_picture", "9.2") {
    const Vector input = kZ;
    mlp::shift_picture(input, 1, -1);
    expect_picture(input, kZ, "the picture given to shift_picture(Z, 1, -1), afterwards", "9.2");
}

TUTOR_TEST(ShiftPicture, RejectsAPictureThatIsNot63Pixels, "mlp::shift_picture", "9.2") {
    expect_invalid_argument([] { mlp::shift_picture(Vector(35, 0.0), 1, 0); },
                            {"shift_picture", "(35)"}, "shift_picture of 35 pixels", "9.2");
    expect_invalid_argument([] { mlp::shift_picture(Vector{}, 0, 0); }, {"shift_picture", "(0)"},
                            "shift_picture of an empty vector", "9.2");
}

TUTOR_TEST(FlipPixels, FlipsExactlyCountDifferentPixels, "mlp::flip_pixels", "9.2") {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        Rng rng{seed};
        const Vector noisy = mlp::flip_pixels(kA, 4, rng);
        if (pixels_apart(noisy, kA) != 4 || noisy.size() != 63) {
            ADD_FAILURE() << "flip_pixels(A, 4, Rng{" << seed << "}) changed "
                          << pixels_apart(noisy, kA)
                          << " pixels, expected exactly 4: " << rows_of(noisy)
                          << tutor::where("9.2")
                          << " Hint: two flips of one pixel cancel out; take 4 different pixels "
                             "from a shuffled list of all 63.";
            return;
        }
    }
    Rng rng{1};
    expect_picture(mlp::flip_pixels(kA, 0, rng), kA, "flip_pixels(A, 0)", "9.2");
}

TUTOR_TEST(FlipPixels, FlipsThePixelsTheShuffleChooses, "mlp::flip_pixels", "9.2") {
    // The independent route: chapter 3's shuffle of 0, 1, ..., 62 with
    // Rng{7}; its first 5 numbers are the pixels to flip.
    Rng own{7};
    std::vector<std::size_t> order(63);
    for (std::size_t i = 0; i < 63; ++i) {
        order[i] = i;
    }
    mlp::shuffle(order, own);
    Vector expected = kJ;
    for (std::size_t k = 0; k < 5; ++k) {
        expected[order[k]] = 1.0 - expected[order[k]];
    }
    Rng rng{7};
    expect_picture(mlp::flip_pixels(kJ, 5, rng), expected, "flip_pixels(J, 5, Rng{7})", "9.2");
    expect_true(rng.state == own.state,
                "after flip_pixels the rng should have moved on exactly as one shuffle of 63 "
                "numbers moves it (62 draws of next_u64)",
                "9.2");
}

TUTOR_TEST(FlipPixels, TurnsInkToPaperAndPaperToInk, "mlp::flip_pixels", "9.2") {
    // All 63 flipped: every 1 becomes 0 and every 0 becomes 1.
    Vector inverse = kZ;
    for (double& p : inverse) {
        p = 1.0 - p;
    }
    Rng rng{3};
    expect_picture(mlp::flip_pixels(kZ, 63, rng), inverse, "flip_pixels(Z, 63): every pixel", "9.2",
                   {{Vector(63, 1.0),
                     "every pixel became ink: a flip turns 1 into 0 as well as 0 into 1 "
                     "(p becomes 1 - p)."},
                    {Vector(63, 0.0), "every pixel became paper: a flip is p becomes 1 - p."}});
}

TUTOR_TEST(FlipPixels, LeavesItsInputUnchanged, "mlp::flip_pixels", "9.2") {
    const Vector input = kA;
    Rng rng{2};
    mlp::flip_pixels(input, 10, rng);
    expect_picture(input, kA, "the picture given to flip_pixels(A, 10), afterwards", "9.2");
}

TUTOR_TEST(FlipPixels, RejectsMoreFlipsThanPixelsAndAWrongSize, "mlp::flip_pixels", "9.2") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::flip_pixels(kA, 64, rng); }, {"flip_pixels", "64"},
                            "flip_pixels(A, 64)", "9.2");
    expect_invalid_argument([&] { mlp::flip_pixels(Vector(35, 0.0), 2, rng); },
                            {"flip_pixels", "(35)"}, "flip_pixels of 35 pixels", "9.2");
}

// ---------------------------------------------------------------------------
// 9.3 A dataset of noisy letters: noisy_glyph and noisy_glyphs
// ---------------------------------------------------------------------------

TUTOR_TEST(NoisyGlyph, WithoutNoiseIsTheCleanPicture, "mlp::noisy_glyph", "9.3") {
    Rng rng{1};
    expect_picture(mlp::noisy_glyph(0, GlyphNoise{0, 0}, rng), kA,
                   "noisy_glyph(A, 0 flips, max shift 0)", "9.3");
}

TUTOR_TEST(NoisyGlyph, ShiftsByEveryAmountFromMinusOneToOne, "mlp::noisy_glyph", "9.3") {
    // With max shift 1 and no flips, each picture is L moved by dx and dy
    // from -1 to 1: 9 pictures, each about 1 time in 9. In 180 draws every
    // one comes up (with Rng{4}, the rarest of the 9 comes up 17 times).
    std::vector<std::pair<Vector, std::string>> shifts;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            shifts.push_back(
                {own_shift(kL, dx, dy), "dx " + std::to_string(dx) + ", dy " + std::to_string(dy)});
        }
    }
    std::vector<int> seen(shifts.size(), 0);
    Rng rng{4};
    for (int draw = 0; draw < 180; ++draw) {
        const Vector p = mlp::noisy_glyph(11, GlyphNoise{0, 1}, rng);
        bool found = false;
        for (std::size_t s = 0; s < shifts.size(); ++s) {
            if (p == shifts[s].first) {
                ++seen[s];
                found = true;
            }
        }
        if (!found) {
            ADD_FAILURE() << "noisy_glyph(L, 0 flips, max shift 1) gave " << rows_of(p)
                          << ", which is not L moved by -1, 0 or 1 across and down"
                          << tutor::where("9.3");
            return;
        }
    }
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        expect_true(seen[s] > 0,
                    "180 draws of noisy_glyph(L, max shift 1) never moved it by " +
                        shifts[s].second +
                        "; every shift from -max_shift to +max_shift should come up (there are "
                        "2 * max_shift + 1 of them in each direction: random_shift draws them)",
                    "9.3");
    }
}

TUTOR_TEST(NoisyGlyph, DrawsDxThenDyThenTheFlips, "mlp::noisy_glyph", "9.3") {
    // The independent route, with a copy of the rng: dx and dy are
    // next_u64 % 3 - 1, in that order, then chapter 3's shuffle picks the 3
    // flipped pixels of the shifted picture.
    Rng own{5};
    const int dx = static_cast<int>(mlp::next_u64(own) % 3) - 1;
    const int dy = static_cast<int>(mlp::next_u64(own) % 3) - 1;
    std::vector<std::size_t> order(63);
    for (std::size_t i = 0; i < 63; ++i) {
        order[i] = i;
    }
    mlp::shuffle(order, own);
    Vector expected = own_shift(kJ, dx, dy);
    for (std::size_t k = 0; k < 3; ++k) {
        expected[order[k]] = 1.0 - expected[order[k]];
    }
    Rng rng{5};
    const Vector p = mlp::noisy_glyph(9, GlyphNoise{3, 1}, rng);
    Vector swapped = own_shift(kJ, dy, dx);
    for (std::size_t k = 0; k < 3; ++k) {
        swapped[order[k]] = 1.0 - swapped[order[k]];
    }
    expect_picture(p, expected,
                   "noisy_glyph(J, 3 flips, max shift 1, Rng{5}), which shifts by dx " +
                       std::to_string(dx) + " and dy " + std::to_string(dy),
                   "9.3",
                   {{swapped, "dx and dy swapped: draw dx first, then dy."},
                    {own_shift(kJ, dx, dy), "the picture was shifted but no pixel flipped."}});
}

TUTOR_TEST(NoisyGlyph, RejectsAShiftBeyondTheMarginAndALetterBeyondZ, "mlp::noisy_glyph", "9.3") {
    Rng rng{1};
    expect_invalid_argument(
        [&] {
            mlp::noisy_glyph(0, GlyphNoise{0, 2}, rng);
        },
        {"noisy_glyph", "2"}, "noisy_glyph with a max shift of 2", "9.3");
    expect_invalid_argument(
        [&] {
            mlp::noisy_glyph(26, GlyphNoise{0, 0}, rng);
        },
        {"26"}, "noisy_glyph of letter 26", "9.3");
}

TUTOR_TEST(NoisyGlyphs, HasPerLetterPicturesOfEveryLetterInOrder, "mlp::noisy_glyphs", "9.3") {
    Rng rng{1};
    const Dataset data = mlp::noisy_glyphs(3, GlyphNoise{}, rng);
    expect_near(static_cast<double>(data.size()), 78, "noisy_glyphs(3 per letter).size()", "9.3",
                {{{3}, "3 pictures in all: make per_letter pictures of each of the 26 letters."},
                 {{26}, "one round only: make per_letter rounds of A to Z."}});
    for (std::size_t k = 0; k < data.size(); ++k) {
        // Round k / 26, letter k % 26: A B C ... Z A B C ...
        const std::size_t letter = k % 26;
        if (data[k].target != mlp::one_hot(letter, 26) || data[k].input.size() != 63) {
            ADD_FAILURE() << "noisy_glyphs(3 per letter): example " << k << " should be a letter "
                          << letter_name(letter) << " (target one_hot(" << letter
                          << ", 26)) with 63 pixels; its target's largest entry is at "
                          << largest(data[k].target) << " and it has " << data[k].input.size()
                          << " pixels" << tutor::where("9.3")
                          << " Hint: round after round of A to Z, each picture with its own "
                             "letter as the target.";
            return;
        }
    }
}

TUTOR_TEST(NoisyGlyphs, EachPictureIsItsLetterWithTheNoise, "mlp::noisy_glyphs", "9.3") {
    // No shift, 4 flips: every A, J, L and Z differs from this file's clean
    // drawing of its letter in exactly 4 pixels.
    Rng rng{2};
    const Dataset data = mlp::noisy_glyphs(5, GlyphNoise{4, 0}, rng);
    const std::vector<std::pair<std::size_t, Vector>> drawn = {
        {0, kA}, {9, kJ}, {11, kL}, {25, kZ}};
    for (std::size_t k = 0; k < data.size(); ++k) {
        for (const auto& [letter, clean] : drawn) {
            if (k % 26 == letter && pixels_apart(data[k].input, clean) != 4) {
                ADD_FAILURE() << "noisy_glyphs(5 per letter, 4 flips, no shift): example " << k
                              << ", a " << letter_name(letter) << ", is " << rows_of(data[k].input)
                              << ": " << pixels_apart(data[k].input, clean)
                              << " pixels from the clean " << letter_name(letter) << ", expected 4"
                              << tutor::where("9.3");
                return;
            }
        }
    }
}

TUTOR_TEST(NoisyGlyphs, DrawsEveryPictureFromTheRngItIsGiven, "mlp::noisy_glyphs", "9.3") {
    Rng first{3};
    Rng again{3};
    const Dataset a = mlp::noisy_glyphs(2, GlyphNoise{}, first);
    const Dataset b = mlp::noisy_glyphs(2, GlyphNoise{}, again);
    const Dataset next = mlp::noisy_glyphs(2, GlyphNoise{}, first);  // the rng has moved on
    bool same = a.size() == b.size();
    bool moved_on = a.size() == next.size();
    for (std::size_t k = 0; k < a.size() && k < b.size() && k < next.size(); ++k) {
        same = same && a[k].input == b[k].input;
        moved_on = moved_on && a[k].input != next[k].input;
    }
    expect_true(same, "noisy_glyphs with two Rng{3} gave different pictures", "9.3");
    expect_true(moved_on,
                "a second noisy_glyphs with the same rng repeated pictures of the first: draw "
                "every picture from the rng passed in (a reference that moves on), not from a "
                "new Rng",
                "9.3");
}

TUTOR_TEST(NoisyGlyphs, RejectsZeroPicturesPerLetter, "mlp::noisy_glyphs", "9.3") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::noisy_glyphs(0, GlyphNoise{}, rng); }, {"noisy_glyphs", "0"},
                            "noisy_glyphs(0 per letter)", "9.3");
}

// ---------------------------------------------------------------------------
// 9.4 Train and test: unseen_glyphs
// ---------------------------------------------------------------------------

TUTOR_TEST(UnseenGlyphs, NeverReturnsAPictureOfTheTrainingSet, "mlp::unseen_glyphs", "9.4") {
    // One flip and no shift leave only 63 pictures of each letter, so a
    // training set of 20 per letter covers about a quarter of them, and a
    // test set drawn without checking would repeat several.
    const GlyphNoise one_flip{1, 0};
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(20, one_flip, train_rng);
    Rng test_rng{2};
    const Dataset test = mlp::unseen_glyphs(20, one_flip, test_rng, seen);
    expect_near(static_cast<double>(test.size()), 520, "unseen_glyphs(20 per letter).size()",
                "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        for (std::size_t j = 0; j < seen.size(); ++j) {
            if (test[k].input == seen[j].input) {
                ADD_FAILURE() << "unseen_glyphs(20 per letter, 1 flip): test picture " << k
                              << " is training picture " << j << " (" << rows_of(test[k].input)
                              << "); a test picture must be one the network never trained on"
                              << tutor::where("9.4");
                return;
            }
        }
    }
}

TUTOR_TEST(UnseenGlyphs, DrawsAgainUntilThePictureIsNew, "mlp::unseen_glyphs", "9.4") {
    // No flips and a shift of up to 1: 9 possible pictures of each letter.
    // The "training set" holds 8 of them, all but the one moved left and up,
    // so every test picture must be that one: most draws are thrown away.
    Dataset seen;
    for (std::size_t letter = 0; letter < 26; ++letter) {
        const Vector clean = mlp::glyph_picture(letter);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (dx != -1 || dy != -1) {
                    seen.push_back({own_shift(clean, dx, dy), mlp::one_hot(letter, 26)});
                }
            }
        }
    }
    Rng rng{6};
    const Dataset test = mlp::unseen_glyphs(2, GlyphNoise{0, 1}, rng, seen);
    expect_near(static_cast<double>(test.size()), 52, "unseen_glyphs(2 per letter).size()", "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        const Vector expected = own_shift(mlp::glyph_picture(k % 26), -1, -1);
        if (test[k].input != expected) {
            ADD_FAILURE() << "unseen_glyphs with 8 of the 9 shifts of every letter already seen: "
                             "test picture "
                          << k << " (" << letter_name(k % 26) << ") should be the one shift not "
                          << "seen, moved left and up, " << rows_of(expected) << ", got "
                          << rows_of(test[k].input) << tutor::where("9.4")
                          << " Hint: a picture found among the training inputs is thrown away "
                             "and drawn again, as many times as it takes.";
            return;
        }
    }
}

TUTOR_TEST(UnseenGlyphs, LabelsEveryPictureWithItsLetterInOrder, "mlp::unseen_glyphs", "9.4") {
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(1, GlyphNoise{}, train_rng);
    Rng rng{2};
    const Dataset test = mlp::unseen_glyphs(3, GlyphNoise{}, rng, seen);
    expect_near(static_cast<double>(test.size()), 78, "unseen_glyphs(3 per letter).size()", "9.4");
    for (std::size_t k = 0; k < test.size(); ++k) {
        if (test[k].target != mlp::one_hot(k % 26, 26)) {
            ADD_FAILURE() << "unseen_glyphs(3 per letter): example " << k
                          << " should be labelled one_hot(" << k % 26 << ", 26), a "
                          << letter_name(k % 26) << "; its target's largest entry is at "
                          << largest(test[k].target) << tutor::where("9.4");
            return;
        }
    }
}

TUTOR_TEST(UnseenGlyphs, GivesUpWhenEveryPictureHasBeenSeen, "mlp::unseen_glyphs", "9.4") {
    // No noise at all: the only picture of each letter is its clean one,
    // and the training set holds all 26. There is nothing unseen to draw.
    Dataset seen;
    for (std::size_t letter = 0; letter < 26; ++letter) {
        seen.push_back({mlp::glyph_picture(letter), mlp::one_hot(letter, 26)});
    }
    Rng rng{1};
    expect_invalid_argument(
        [&] {
            mlp::unseen_glyphs(1, GlyphNoise{0, 0}, rng, seen);
        },
        {"unseen_glyphs"},
        "unseen_glyphs without noise, every clean letter already seen (it "
        "must stop after kMaxSeenDraws draws, not search for ever)",
        "9.4");
}

TUTOR_TEST(UnseenGlyphs, LeavesTheTrainingSetUnchanged, "mlp::unseen_glyphs", "9.4") {
    Rng train_rng{1};
    const Dataset seen = mlp::noisy_glyphs(2, GlyphNoise{}, train_rng);
    const Dataset copy = seen;
    Rng rng{2};
    mlp::unseen_glyphs(2, GlyphNoise{}, rng, seen);
    bool unchanged = seen.size() == copy.size();
    for (std::size_t k = 0; unchanged && k < seen.size(); ++k) {
        unchanged = seen[k].input == copy[k].input && seen[k].target == copy[k].target;
    }
    expect_true(unchanged, "unseen_glyphs changed the training set it was given", "9.4");
}

TUTOR_TEST(UnseenGlyphs, RejectsZeroPicturesPerLetter, "mlp::unseen_glyphs", "9.4") {
    Rng rng{1};
    expect_invalid_argument([&] { mlp::unseen_glyphs(0, GlyphNoise{}, rng, Dataset{}); },
                            {"unseen_glyphs", "0"}, "unseen_glyphs(0 per letter)", "9.4");
}

TUTOR_TEST(Split, TheDefaultTrainingAndTestSetsShareNoPicture, "mlp::unseen_glyphs", "9.4") {
    const mlp::GlyphExperiment experiment = mlp::make_glyph_experiment();
    expect_near(static_cast<double>(experiment.train_set.size()), 26.0 * mlp::kGlyphTrainPerLetter,
                "training pictures at the defaults", "9.4");
    expect_near(static_cast<double>(experiment.test_set.size()), 26.0 * mlp::kGlyphTestPerLetter,
                "test pictures at the defaults", "9.4");
    std::size_t shared = 0;
    for (const mlp::Example& test : experiment.test_set) {
        for (const mlp::Example& train : experiment.train_set) {
            shared += test.input == train.input ? 1 : 0;
        }
    }
    expect_near(static_cast<double>(shared), 0,
                "pairs of a test picture and a training picture with the same pixels", "9.4");
}

// ---------------------------------------------------------------------------
// 9.5 Train versus test: train_and_test
// ---------------------------------------------------------------------------

namespace {

// A small experiment for the tests of train_and_test: 2 pictures per
// letter to train on, 1 to test on, 8 hidden units.
struct Small {
    Dataset train_set = random_pictures(52, 11);
    Dataset test_set = random_pictures(26, 12);
    Network network = pixel_network(8, 13);
};

}  // namespace

TUTOR_TEST(TrainAndTest, TrainsExactlyAsChapter6sTrainOnTheTrainingSetOnly, "mlp::train_and_test",
           "9.5") {
    Small small;
    Network own = small.network;
    Rng own_rng{14};
    const std::vector<double> losses = mlp::train(own, small.train_set, 0.05, 3, own_rng);

    Rng rng{14};
    const mlp::GlyphHistory history =
        mlp::train_and_test(small.network, small.train_set, small.test_set, 0.05, 3, rng);
    expect_vector_near(history.loss, losses,
                       "the epoch losses of train_and_test(lr 0.05, 3 epochs), against chapter "
                       "6's train with the same rng",
                       "9.5", {}, 0.0);
    expect_vector_near(parameters_of(small.network), parameters_of(own),
                       "the weights after train_and_test, against chapter 6's train on the "
                       "training set alone (they must be equal: the test set is never trained on)",
                       "9.5", {}, 0.0);
}

TUTOR_TEST(TrainAndTest, MeasuresBothSetsAfterEveryEpoch, "mlp::train_and_test", "9.5") {
    // The independent route: chapter 6's train, with chapter 6's accuracy
    // measured after each epoch.
    Small small;
    Network own = small.network;
    Rng own_rng{15};
    Vector train_accuracy;
    Vector test_accuracy;
    mlp::train(own, small.train_set, 0.05, 4, own_rng, [&](std::size_t, double) {
        train_accuracy.push_back(mlp::accuracy(own, small.train_set));
        test_accuracy.push_back(mlp::accuracy(own, small.test_set));
    });

    Rng rng{15};
    const mlp::GlyphHistory history =
        mlp::train_and_test(small.network, small.train_set, small.test_set, 0.05, 4, rng);
    expect_vector_near(history.train_accuracy, train_accuracy,
                       "accuracy on the training set after each of 4 epochs", "9.5",
                       {{test_accuracy, "that is the test set's accuracy: the two are swapped."}});
    expect_vector_near(history.test_accuracy, test_accuracy,
                       "accuracy on the test set after each of 4 epochs", "9.5",
                       {{train_accuracy,
                         "that is the training set's accuracy: measure the test set with "
                         "accuracy(network, test_set)."}});
    expect_near(static_cast<double>(history.loss.size()), 4, "history.loss.size() after 4 epochs",
                "9.5");
}

TUTOR_TEST(TrainAndTest, RejectsAnEmptyTestSetBeforeTraining, "mlp::train_and_test", "9.5") {
    Small small;
    const Vector before = parameters_of(small.network);
    Rng rng{1};
    expect_invalid_argument(
        [&] { mlp::train_and_test(small.network, small.train_set, Dataset{}, 0.05, 2, rng); },
        {"train_and_test"}, "train_and_test with an empty test set", "9.5");
    expect_vector_near(parameters_of(small.network), before,
                       "the weights after train_and_test refused an empty test set (check before "
                       "training)",
                       "9.5", {}, 0.0);
}

// Every seed from 1 to 10, at the default settings, recognises at least 90%
// of letters it has never seen. One ctest entry per seed, so they run in
// parallel; each takes about a second in the debug build.
class RecognisesUnseenLetters : public testing::TestWithParam<std::uint64_t> {};

TEST_P(RecognisesUnseenLetters, AtTheDefaultSettings) {
    tutor::run({"mlp::noisy_glyphs", "9.5", tutor::Budget::training}, [&] {
        mlp::GlyphSettings settings;
        settings.seed = GetParam();
        settings.test_seed = 1000 + GetParam();  // a seed of its own for the test pictures
        mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
        mlp::train(experiment.network, experiment.train_set, mlp::kGlyphLearningRate,
                   mlp::kGlyphEpochs, experiment.rng);
        const double test = mlp::accuracy(experiment.network, experiment.test_set);
        expect_true(test >= 0.9,
                    "seed " + std::to_string(GetParam()) + ": accuracy on " +
                        std::to_string(experiment.test_set.size()) +
                        " test pictures it never trained on is " + tutor::show(test) +
                        ", expected at least 0.9 (every seed from 1 to 10 gives 0.96 or more)",
                    "9.5");
    });
}

INSTANTIATE_TEST_SUITE_P(Seeds, RecognisesUnseenLetters, testing::Range<std::uint64_t>(1, 11),
                         [](const testing::TestParamInfo<std::uint64_t>& seed) {
                             return "Seed" + std::to_string(seed.param);
                         });

TUTOR_TRAINING_TEST(Overfitting, OnePicturePerLetterIsLearnedByHeartNotRecognised,
                    "mlp::noisy_glyphs", "9.8") {
    // One training picture per letter, trained for the default run's 2,600
    // steps: every training picture right, and clearly fewer test pictures
    // (seed 1: 81%; seeds 1 to 10 all stay below 86%).
    mlp::GlyphSettings settings;
    settings.train_per_letter = 1;
    mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
    mlp::train(experiment.network, experiment.train_set, mlp::kGlyphLearningRate, 100,
               experiment.rng);
    const double train = mlp::accuracy(experiment.network, experiment.train_set);
    const double test = mlp::accuracy(experiment.network, experiment.test_set);
    expect_near(train, 1.0, "accuracy on the 26 training pictures after 100 epochs", "9.8");
    expect_true(test < 0.9 && test > 0.5,
                "accuracy on the test pictures after training on one picture per letter is " +
                    tutor::show(test) + ", expected between 0.5 and 0.9 (81% in lesson 9.8)",
                "9.8");
}

// ---------------------------------------------------------------------------
// 9.6 Which letters it confuses: confusion_counts
// ---------------------------------------------------------------------------

TUTOR_TEST(ConfusionCounts, CountsEachTrueLetterAgainstItsAnswer, "mlp::confusion_counts", "9.6") {
    // A network that reads B as C and every other letter as itself, on the
    // examples A, B, B, C: A -> A once, B -> C twice, C -> C once.
    Network b_as_c = answering([](std::size_t i) { return i == 1 ? std::size_t{2} : i; });
    const Dataset data = {{mlp::one_hot(0, 26), mlp::one_hot(0, 26)},
                          {mlp::one_hot(1, 26), mlp::one_hot(1, 26)},
                          {mlp::one_hot(1, 26), mlp::one_hot(1, 26)},
                          {mlp::one_hot(2, 26), mlp::one_hot(2, 26)}};
    const Matrix counts = mlp::confusion_counts(b_as_c, data);
    if (counts.rows != 26 || counts.cols != 26 || counts.data.size() != 676) {
        ADD_FAILURE() << "confusion_counts should give a (26 x 26) matrix, got (" << counts.rows
                      << " x " << counts.cols << ")" << tutor::where("9.6");
        return;
    }
    expect_near(counts(0, 0), 1, "counts(A, A): A answered A", "9.6");
    expect_near(counts(1, 2), 2, "counts(B, C): B answered C", "9.6",
                {{{0},
                  "row is the true letter, column the answer: counts(true, answer). Is it "
                  "the wrong way round?"}});
    expect_near(counts(2, 1), 0, "counts(C, B): no C was answered B", "9.6",
                {{{2}, "that is counts(answer, true): the row is the true letter."}});
    expect_near(counts(2, 2), 1, "counts(C, C): C answered C", "9.6");
    expect_near(counts(1, 1), 0, "counts(B, B): B was never answered B", "9.6");
}

TUTOR_TEST(ConfusionCounts, AddUpToTheExamplesAndTheDiagonalIsTheAccuracy, "mlp::confusion_counts",
           "9.6") {
    Network network = pixel_network(8, 21);
    const Dataset data = random_pictures(104, 22);
    const Matrix counts = mlp::confusion_counts(network, data);
    double total = 0.0;
    for (double c : counts.data) {
        total += c;
    }
    double right = 0.0;
    for (std::size_t i = 0; i < 26 && i * 27 < counts.data.size(); ++i) {
        right += counts.data[i * 27];  // element (i, i) of a (26 x 26) matrix
    }
    expect_near(total, 104, "the sum of all confusion counts for 104 examples", "9.6");
    expect_near(right / 104.0, mlp::accuracy(network, data),
                "the diagonal's sum / 104, against chapter 6's accuracy on the same examples",
                "9.6");
}

TUTOR_TEST(ConfusionCounts, RejectsAnEmptyDatasetAndOutputsThatAreNotLetters,
           "mlp::confusion_counts", "9.6") {
    Network letters = pixel_network(8, 1);
    expect_invalid_argument([&] { mlp::confusion_counts(letters, Dataset{}); },
                            {"confusion_counts"}, "confusion_counts of an empty dataset", "9.6");
    Rng rng{2};
    Network three =
        mlp::make_network({63, 4, 3}, mlp::Activation::relu, mlp::Activation::identity, rng);
    const Dataset data = {{Vector(63, 0.0), mlp::one_hot(0, 3)}};
    expect_invalid_argument([&] { mlp::confusion_counts(three, data); },
                            {"confusion_counts", "(3)"},
                            "confusion_counts of a network with 3 outputs", "9.6");
}

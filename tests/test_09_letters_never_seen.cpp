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

#include "chapter9_helpers.hpp"
#include "tutor.hpp"

using namespace chapter9;  // the hand-drawn pictures and the tests' own helpers

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

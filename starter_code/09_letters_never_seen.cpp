// Chapter 9 program: a guided tour of letters the network has never seen.
// Pictures of letters, noise, a training set and a test set that share no
// picture; then chapter 6's training, measured on both sets, at more and
// more noise, and with too few pictures to learn from. Run it after each
// function you write; it stops at the first one missing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "09_letters_never_seen.hpp"
#include "tour.hpp"

namespace {

using mlp::show;

// Columns of pixel art: each picture is 7 characters wide, then a gap.
constexpr std::size_t kColumnWidth = 10;

// The noise levels of the table in 9.7, in flipped pixels.
const std::vector<std::size_t> kTableFlips = {0, 2, 4, 6, 8, 10, 12, 16};

// Pictures per letter for the overfitting table of 9.8; each row trains
// for as many steps as the main run (26 * 10 pictures * 10 epochs = 2,600).
const std::vector<std::size_t> kFewPerLetter = {1, 2, 5};

// "97.9%": a fraction from 0 to 1 as a percentage, 3 significant digits.
std::string percent(double fraction) {
    return show(100.0 * fraction, 3) + "%";
}

// "once", "2 times".
std::string times(double count) {
    return count == 1.0 ? "once" : show(count) + " times";
}

// The text and spaces up to `width` characters, or one space if it is longer.
std::string padded(const std::string& text, std::size_t width) {
    return text.size() < width ? text + std::string(width - text.size(), ' ') : text + " ";
}

// Pictures side by side, each with its caption lines underneath. Lines end
// without trailing spaces.
void draw_pictures(const std::vector<mlp::Vector>& pictures,
                   const std::vector<std::vector<std::string>>& captions) {
    if (pictures.empty()) {
        std::cout << "  (none)\n";
        return;
    }
    std::size_t caption_lines = 0;
    for (const std::vector<std::string>& caption : captions) {
        caption_lines = std::max(caption_lines, caption.size());
    }
    std::vector<std::string> lines(mlp::kPictureHeight + caption_lines, "  ");
    for (std::size_t p = 0; p < pictures.size(); ++p) {
        const bool last = p + 1 == pictures.size();
        const std::vector<std::string> rows = mlp::picture_rows(pictures[p]);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            lines[r] += last ? rows[r] : padded(rows[r], kColumnWidth);
        }
        for (std::size_t c = 0; c < caption_lines; ++c) {
            const std::string text = c < captions[p].size() ? captions[p][c] : "";
            lines[rows.size() + c] += last ? text : padded(text, kColumnWidth);
        }
    }
    for (std::string& line : lines) {
        line.erase(line.find_last_not_of(' ') + 1);
        std::cout << line << "\n";
    }
}

// How many pixels two pictures differ in.
std::size_t pixels_apart(const mlp::Vector& a, const mlp::Vector& b) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        count += a[i] != b[i] ? 1 : 0;
    }
    return count;
}

void pictures_of_letters() {
    std::cout << "9.1 Pictures of letters: a 5 x 7 glyph in a 7 x 9 frame, " << mlp::kPixelCount
              << " pixels\n";
    std::vector<mlp::Vector> pictures;
    std::vector<std::vector<std::string>> captions;
    for (std::size_t letter = 0; letter < 7; ++letter) {  // A to G
        pictures.push_back(mlp::glyph_picture(letter));
        captions.push_back({std::string(1, mlp::glyph_name(letter))});
    }
    draw_pictures(pictures, captions);
    const mlp::Vector a = mlp::glyph_picture(0);
    std::cout << "The network reads A as 63 numbers, row after row:\n";
    for (std::size_t r = 0; r < mlp::kPictureHeight; ++r) {
        const mlp::Vector row(
            a.begin() + static_cast<std::ptrdiff_t>(r * mlp::kPictureWidth),
            a.begin() + static_cast<std::ptrdiff_t>((r + 1) * mlp::kPictureWidth));
        std::cout << "    " << show(row) << "\n";
    }
    std::cout << "\n";
}

void noise() {
    std::cout << "9.2 Noise: a shift by a pixel, and pixels flipped\n";
    mlp::Rng rng{3};
    const mlp::Vector clean = mlp::glyph_picture(17);  // R
    const mlp::Vector moved = mlp::shift_picture(clean, 1, -1);
    const mlp::Vector flipped = mlp::flip_pixels(clean, mlp::kGlyphFlips, rng);
    const mlp::Vector both = mlp::flip_pixels(moved, mlp::kGlyphFlips, rng);
    draw_pictures({clean, moved, flipped, both},
                  {{"clean", ""},
                   {"right 1", "up 1"},
                   {std::to_string(mlp::kGlyphFlips) + " pixels", "flipped"},
                   {"both", ""}});
    std::cout << "\n";
}

// How many test pictures are also training pictures: the program's own
// count, independent of unseen_glyphs.
std::size_t shared_pictures(const mlp::Dataset& train_set, const mlp::Dataset& test_set) {
    std::set<mlp::Vector> seen;
    for (const mlp::Example& example : train_set) {
        seen.insert(example.input);
    }
    std::size_t shared = 0;
    for (const mlp::Example& example : test_set) {
        shared += seen.count(example.input);
    }
    return shared;
}

void the_two_sets(const mlp::GlyphExperiment& experiment, const mlp::GlyphSettings& settings) {
    std::cout << "9.3 and 9.4 Two sets of noisy pictures: " << settings.noise.flips
              << " pixels flipped in each, "
              << (settings.noise.max_shift == 0
                      ? std::string("no shift")
                      : "shifted by up to " + std::to_string(settings.noise.max_shift))
              << "\n";
    std::cout << "    training set: " << experiment.train_set.size() << " pictures, "
              << settings.train_per_letter << " of each letter, seed " << settings.seed << "\n";
    std::cout << "    test set:     " << experiment.test_set.size() << " pictures, "
              << settings.test_per_letter << " of each letter, seed " << settings.test_seed << "\n";
    std::cout << "    test pictures that are also training pictures: "
              << shared_pictures(experiment.train_set, experiment.test_set) << "\n";
    std::cout << "The first training pictures of A, B and C, and the first test pictures:\n";
    draw_pictures({experiment.train_set[0].input, experiment.train_set[1].input,
                   experiment.train_set[2].input, experiment.test_set[0].input,
                   experiment.test_set[1].input, experiment.test_set[2].input},
                  {{"train A"}, {"train B"}, {"train C"}, {"test A"}, {"test B"}, {"test C"}});
    std::cout << "\n";
}

mlp::GlyphHistory train_and_show(mlp::GlyphExperiment& experiment) {
    const mlp::Network& network = experiment.network;
    std::cout << "9.5 Training " << network.layers[0].weights.cols << " -> "
              << network.layers[0].weights.rows << " relu -> " << network.layers[1].weights.rows
              << " with chapter 6's train: " << mlp::kGlyphEpochs << " epochs, learning rate "
              << show(mlp::kGlyphLearningRate) << "\n";
    const mlp::GlyphHistory history =
        mlp::train_and_test(experiment.network, experiment.train_set, experiment.test_set,
                            mlp::kGlyphLearningRate, mlp::kGlyphEpochs, experiment.rng);
    std::cout << "    epoch    loss    training set   test set (never trained on)\n";
    for (std::size_t e = 0; e < history.loss.size(); ++e) {
        std::cout << "    " << std::setw(5) << e + 1 << "   " << padded(show(history.loss[e], 3), 8)
                  << "   " << padded(percent(history.train_accuracy[e]), 12) << "   "
                  << percent(history.test_accuracy[e]) << "\n";
    }
    std::cout << "\n";
    return history;
}

// Test pictures beside the letter they show, the network's answer and the
// probability it gives that answer; with only_wrong, the wrong answers alone.
void draw_answers(mlp::GlyphExperiment& experiment, std::size_t first, std::size_t count,
                  bool only_wrong) {
    std::vector<mlp::Vector> pictures;
    std::vector<std::vector<std::string>> captions;
    for (std::size_t k = first; k < experiment.test_set.size() && pictures.size() < count; ++k) {
        const mlp::Example& example = experiment.test_set[k];
        const mlp::Vector p = mlp::softmax(mlp::forward(experiment.network, example.input));
        const std::size_t answer = mlp::argmax(p);
        const std::size_t letter = mlp::argmax(example.target);
        if (only_wrong && answer == letter) {
            continue;
        }
        pictures.push_back(example.input);
        captions.push_back({std::string("is ") + mlp::glyph_name(letter),
                            std::string("says ") + mlp::glyph_name(answer), percent(p[answer])});
    }
    draw_pictures(pictures, captions);
}

void answers(mlp::GlyphExperiment& experiment) {
    std::cout << "Test pictures it has never seen, and what it answers:\n";
    draw_answers(experiment, 26, 7, false);  // the second round of the test set: A to G
    std::cout << "\n";
}

void noise_table(mlp::GlyphExperiment& experiment, const mlp::GlyphSettings& settings) {
    std::cout << "9.7 More noise: the same network, " << settings.test_per_letter
              << " new test pictures per letter at each level\n";
    std::cout << "    pixels flipped   not shifted   shifted by up to 1\n";
    for (std::size_t flips : kTableFlips) {
        std::string line = "    " + padded(std::to_string(flips), 17);
        for (std::size_t max_shift : {0, 1}) {
            mlp::Rng rng{settings.test_seed};
            const mlp::Dataset test = mlp::unseen_glyphs(
                settings.test_per_letter, {flips, max_shift}, rng, experiment.train_set);
            line += padded(percent(mlp::accuracy(experiment.network, test)), 14);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        std::cout << line << "\n";
    }
    std::cout << "\n";
}

// The largest count off the diagonal not yet taken, as an index into
// counts.data (the first wins a tie); counts.data.size() when none is left.
std::size_t largest_confusion(const mlp::Matrix& counts, const std::set<std::size_t>& taken) {
    std::size_t best = counts.data.size();
    // counts is (26 x 26), row-major: element i is (i / 26, i % 26)
    for (std::size_t i = 0; i < counts.data.size(); ++i) {
        const bool diagonal = i / counts.cols == i % counts.cols;
        if (!diagonal && taken.count(i) == 0 &&
            (best == counts.data.size() || counts.data[i] > counts.data[best])) {
            best = i;
        }
    }
    return best;
}

void confusions(mlp::GlyphExperiment& experiment) {
    const mlp::Matrix counts = mlp::confusion_counts(experiment.network, experiment.test_set);
    double right = 0.0;
    for (std::size_t i = 0; i < counts.rows; ++i) {
        right += counts(i, i);
    }
    std::cout << "9.6 The letters it confuses most ("
              << show(static_cast<double>(experiment.test_set.size()) - right)
              << " wrong answers of " << experiment.test_set.size() << " test pictures):\n";
    std::set<std::size_t> taken;
    for (std::size_t round = 0; round < 3; ++round) {
        const std::size_t best = largest_confusion(counts, taken);
        if (best == counts.data.size() || counts.data[best] == 0.0) {
            break;
        }
        taken.insert(best);
        const std::size_t is = best / counts.cols;
        const std::size_t says = best % counts.cols;
        std::cout << "    " << mlp::glyph_name(is) << " read as " << mlp::glyph_name(says) << ": "
                  << times(counts.data[best]) << "; their clean pictures differ in "
                  << pixels_apart(mlp::glyph_picture(is), mlp::glyph_picture(says)) << " pixels\n";
    }
    std::cout << "The first of its wrong answers:\n";
    draw_answers(experiment, 0, 7, true);
    std::cout << "\n";
}

void too_few(const mlp::GlyphHistory& full, const mlp::GlyphSettings& defaults) {
    const std::size_t steps = mlp::kGlyphCount * defaults.train_per_letter * mlp::kGlyphEpochs;
    std::cout << "9.8 Too few pictures: the same network, each row trained for " << steps
              << " steps\n";
    std::cout << "    per letter   epochs   training set   test set\n";
    for (std::size_t per_letter : kFewPerLetter) {
        mlp::GlyphSettings settings = defaults;
        settings.train_per_letter = per_letter;
        mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
        const std::size_t epochs = steps / (mlp::kGlyphCount * per_letter);
        mlp::train(experiment.network, experiment.train_set, mlp::kGlyphLearningRate, epochs,
                   experiment.rng);
        std::cout << "    " << padded(std::to_string(per_letter), 13)
                  << padded(std::to_string(epochs), 9)
                  << padded(percent(mlp::accuracy(experiment.network, experiment.train_set)), 15)
                  << percent(mlp::accuracy(experiment.network, experiment.test_set)) << "\n";
    }
    std::cout << "    " << padded(std::to_string(defaults.train_per_letter), 13)
              << padded(std::to_string(mlp::kGlyphEpochs), 9)
              << padded(percent(full.train_accuracy.back()), 15)
              << percent(full.test_accuracy.back()) << "   (the run above)\n";
}

void tour() {
    std::cout << "Chapter 9: letters it has never seen\n\n";
    pictures_of_letters();
    noise();
    const mlp::GlyphSettings settings;
    mlp::GlyphExperiment experiment = mlp::make_glyph_experiment(settings);
    the_two_sets(experiment, settings);
    const mlp::GlyphHistory history = train_and_show(experiment);
    answers(experiment);
    confusions(experiment);
    noise_table(experiment, settings);
    too_few(history, settings);
}

}  // namespace

int main() {
    return mlp::run_tour(9, tour);
}

// Chapter 7 program: the letter classifier, from data to a saved model.
//
//   07_final_project                      train with the defaults and show everything
//   07_final_project --save model.bin     ... and save the trained model
//   07_final_project --load model.bin     use a saved model instead of training
//   07_final_project --predict hello      the top 3 answers for these letters
//   07_final_project --help               every flag
//
// Run it after each function you write; it stops at the first one missing.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include "07_final_project.hpp"

namespace {

const char* const kProgram = "07_final_project";

const char* const kUsage =
    "Usage: 07_final_project [options]\n"
    "\n"
    "Trains a letter classifier (26 -> 64 ReLU -> 26), shows what it learned,\n"
    "and saves the trained model or loads a saved one.\n"
    "\n"
    "Options:\n"
    "  --epochs N          passes over the 26 letters, 1 or more (default 500)\n"
    "  --learning-rate X   the SGD step size, a number above 0 (default 0.1)\n"
    "  --hidden N          hidden units, 1 to 4096 (default 64)\n"
    "  --seed N            the random seed, 0 or more (default 7)\n"
    "  --save FILE         save the trained model to FILE\n"
    "  --load FILE         use the model saved in FILE instead of training\n"
    "  --predict LETTERS   show the top 3 answers for each of these letters\n"
    "  --quiet             print only the accuracy and the answers asked for\n"
    "  --help              print this message\n";

// ---------------------------------------------------------------------------
// The command line.
// ---------------------------------------------------------------------------

struct Options {
    mlp::ClassifierConfig config;
    std::string save_path;
    std::string load_path;
    std::string predict;
    bool quiet = false;
    bool help = false;
    std::vector<std::string> training_flags;  // the ones --load has no use for
};

// A bad command line: its message says what is wrong; main adds the usage.
struct UsageError {
    std::string message;
};

// A whole number: digits only (no sign, no spaces), all of the text used,
// and not too large for 64 bits.
std::uint64_t parse_count(const std::string& flag, const std::string& text) {
    std::uint64_t value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (text.empty() || error != std::errc() || end != last) {
        throw UsageError{flag + " needs a whole number, got '" + text + "'"};
    }
    return value;
}

// A finite number above 0, all of the text used: "0.1", "1e-2". strtod
// also reads "nan" and "inf", which the isfinite check turns away.
double parse_rate(const std::string& flag, const std::string& text) {
    char* end = nullptr;
    const bool blank = text.empty() || std::isspace(static_cast<unsigned char>(text[0])) != 0;
    const double value = blank ? 0.0 : std::strtod(text.c_str(), &end);
    if (blank || end != text.c_str() + text.size() || !std::isfinite(value) || !(value > 0.0)) {
        throw UsageError{flag + " needs a finite number above 0, got '" + text + "'"};
    }
    return value;
}

bool is_letter(char c) {
    return c != '\0' && (std::strchr(mlp::kLowerCase, c) != nullptr ||
                         std::strchr(mlp::kUpperCase, c) != nullptr);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--help") {
            options.help = true;
            continue;
        }
        if (flag == "--quiet") {
            options.quiet = true;
            continue;
        }
        const bool takes_value = flag == "--epochs" || flag == "--learning-rate" ||
                                 flag == "--hidden" || flag == "--seed" || flag == "--save" ||
                                 flag == "--load" || flag == "--predict";
        if (!takes_value) {
            throw UsageError{"unknown option '" + flag + "'"};
        }
        if (i + 1 >= argc) {
            throw UsageError{flag + " needs a value"};
        }
        const std::string value = argv[++i];
        if (flag == "--epochs") {
            options.config.epochs = parse_count(flag, value);
            if (options.config.epochs == 0) {
                throw UsageError{"--epochs needs at least 1, got 0"};
            }
        } else if (flag == "--learning-rate") {
            options.config.learning_rate = parse_rate(flag, value);
        } else if (flag == "--hidden") {
            const std::uint64_t hidden = parse_count(flag, value);
            if (hidden == 0 || hidden > mlp::kMaxLayerSize) {
                throw UsageError{"--hidden needs 1 to 4096 units, got '" + value + "'"};
            }
            options.config.hidden_size = hidden;
        } else if (flag == "--seed") {
            options.config.seed = parse_count(flag, value);
        } else if (flag == "--save") {
            options.save_path = value;
        } else if (flag == "--load") {
            options.load_path = value;
        } else {
            for (char c : value) {
                if (!is_letter(c)) {
                    throw UsageError{"--predict takes letters only, got " +
                                     mlp::describe_character(c) + " in '" + value + "'"};
                }
            }
            if (value.empty()) {
                throw UsageError{"--predict needs at least one letter"};
            }
            options.predict = value;
        }
        if (flag == "--epochs" || flag == "--learning-rate" || flag == "--hidden" ||
            flag == "--seed") {
            options.training_flags.push_back(flag);
        }
    }
    if (!options.load_path.empty() && !options.training_flags.empty()) {
        throw UsageError{options.training_flags.front() +
                         " has no use with --load: a saved model is already trained"};
    }
    return options;
}

// ---------------------------------------------------------------------------
// Showing things.
// ---------------------------------------------------------------------------

// True when standard output is a terminal, where a progress line can be
// redrawn in place; false for a file or a pipe, which get plain lines. The
// one call in this project that is not standard C++.
bool stdout_is_terminal() {
#ifdef _WIN32
    return _isatty(_fileno(stdout)) != 0;
#else
    return isatty(STDOUT_FILENO) != 0;
#endif
}

// 13672 -> "13,672"
std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

std::string percent(double probability) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << 100.0 * probability << "%";
    return out.str();
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

// The loss of every epoch as a picture: epochs left to right, the loss on
// a log scale (it falls from about 3 to about 0.001, so a straight scale
// would show a cliff and then a flat line).
void draw_loss_curve(const std::vector<double>& losses) {
    constexpr std::size_t kWidth = 60;
    constexpr std::size_t kHeight = 10;
    std::cout << "Loss per epoch (log scale)\n";
    for (double loss : losses) {
        if (!std::isfinite(loss)) {
            std::cout << "  (the loss is not a finite number: training diverged; try a smaller "
                         "--learning-rate)\n";
            return;
        }
    }
    // One column per epoch, or, for a longer run, epochs picked evenly from
    // the first to the last.
    const std::size_t columns = std::min(kWidth, losses.size());
    std::vector<double> heights(columns);  // log10 of the loss shown in each column
    for (std::size_t col = 0; col < columns; ++col) {
        const std::size_t epoch = columns == 1 ? 0 : col * (losses.size() - 1) / (columns - 1);
        heights[col] = std::log10(std::max(losses[epoch], 1e-12));
    }
    const double top = *std::max_element(heights.begin(), heights.end());
    const double bottom = *std::min_element(heights.begin(), heights.end());
    const double span = top > bottom ? top - bottom : 1.0;
    std::vector<std::string> rows(kHeight, std::string(columns, ' '));
    for (std::size_t col = 0; col < columns; ++col) {
        const double from_top = (top - heights[col]) / span;  // 0 at the top, 1 at the bottom
        const auto row = static_cast<std::size_t>(std::lround(from_top * (kHeight - 1)));
        rows[row][col] = '*';
    }
    const std::string high = fixed(std::pow(10.0, top), 4);
    const std::string low = fixed(std::pow(10.0, bottom), 4);
    const std::size_t label = std::max(high.size(), low.size());
    for (std::size_t row = 0; row < kHeight; ++row) {
        const std::string name = row == 0 ? high : row + 1 == kHeight ? low : "";
        std::string line = rows[row];
        line.erase(line.find_last_not_of(' ') + 1);  // no spaces at the ends of lines
        std::cout << "  " << std::setw(static_cast<int>(label)) << name << " |" << line << "\n";
    }
    std::cout << "  " << std::string(label, ' ') << " +" << std::string(columns, '-') << "\n";
    const std::string last = std::to_string(losses.size());
    const std::size_t gap = columns > last.size() ? columns - last.size() : 1;
    std::cout << "  " << std::string(label, ' ') << "  1" << std::string(gap - 1, ' ') << last
              << "  epoch\n\n";
}

void show_letter_table(const mlp::Evaluation& evaluation) {
    std::cout << "Every letter\n";
    std::cout << "  letter  answer  confidence\n";
    for (const mlp::LetterResult& result : evaluation.letters) {
        std::cout << "  " << result.letter << "       " << result.predicted << "       "
                  << std::setw(7) << percent(result.confidence) << "   "
                  << (result.correct ? "OK" : "MISS") << "\n";
    }
}

std::string accuracy_line(const mlp::Evaluation& evaluation) {
    return "Accuracy: " + std::to_string(evaluation.correct) + "/26 (" +
           fixed(100.0 * evaluation.accuracy, 1) + "%)";
}

// "h -> h  99.91%   then  b 0.02%  x 0.01%"
void show_top_3(mlp::LetterClassifier& classifier, char letter) {
    const mlp::Prediction prediction = mlp::predict(classifier, letter);
    const std::vector<mlp::LetterProbability> top = mlp::top_letters(prediction.probabilities, 3);
    std::cout << "  " << letter << " -> " << prediction.letter << " " << std::setw(7)
              << percent(top[0].probability) << "   then";
    for (std::size_t k = 1; k < top.size(); ++k) {
        std::cout << "  " << top[k].letter << " " << percent(top[k].probability);
    }
    std::cout << "\n";
}

void show_model_size(const mlp::LetterClassifier& classifier) {
    const std::size_t parameters = mlp::parameter_count(classifier.network);
    const std::size_t hidden = classifier.network.layers.front().weights.rows;
    const std::size_t file_size = mlp::model_bytes(classifier.network).size();
    const std::size_t header = file_size - 4 * parameters - 4;
    std::cout << "The model\n";
    std::cout << "  parameters:  " << with_commas(parameters) << " (26 x " << hidden << " + "
              << hidden << " + " << hidden << " x 26 + 26)\n";
    std::cout << "  as float32:  " << with_commas(4 * parameters) << " bytes ("
              << with_commas(parameters) << " x 4)\n";
    std::cout << "  model file:  " << with_commas(file_size) << " bytes: a " << header
              << "-byte header, the parameters, and a 4-byte checksum\n";
}

// ---------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------

// Trains, showing progress unless quiet: a line redrawn in place on a
// terminal, or plain lines at about every tenth of the run otherwise.
std::vector<double> train_with_progress(mlp::LetterClassifier& classifier, bool quiet) {
    const std::size_t epochs = classifier.config.epochs;
    const bool terminal = stdout_is_terminal();
    const std::size_t every = std::max<std::size_t>(1, epochs / (terminal ? 100 : 10));
    const auto progress = [&](std::size_t epoch, double loss) {
        if (quiet || (epoch != 1 && epoch % every != 0 && epoch != epochs)) {
            return;
        }
        const std::size_t correct = mlp::evaluate(classifier).correct;
        std::cout << (terminal ? "\r" : "") << "  epoch " << std::setw(6) << epoch << "/" << epochs
                  << "   loss " << fixed(loss, 4) << "   accuracy " << std::setw(2) << correct
                  << "/26" << (terminal ? "" : "\n") << std::flush;
    };
    const auto start = std::chrono::steady_clock::now();
    std::vector<double> losses = mlp::train_classifier(classifier, progress);
    const auto stop = std::chrono::steady_clock::now();
    if (!quiet) {
        const double ms = std::chrono::duration<double, std::milli>(stop - start).count();
        std::cout << (terminal ? "\n" : "") << "Training took " << fixed(ms, 1)
                  << " ms (progress included).\n\n";
    }
    return losses;
}

int run(const Options& options) {
    const bool loud = !options.quiet;
    mlp::LetterClassifier classifier;
    if (options.load_path.empty()) {
        const mlp::Vector c = mlp::encode_letter('c');
        const mlp::Dataset data = mlp::letter_dataset();
        classifier = mlp::make_classifier(options.config);
        const mlp::Prediction guess = mlp::predict(classifier, 'c');
        if (loud) {
            std::cout << "A letter classifier: " << mlp::describe_layers(classifier.network)
                      << ", softmax on top\n";
            std::cout << "Each letter goes in one-hot: 'c' is ";
            for (double x : c) {
                std::cout << x;
            }
            std::cout << "\n";
            std::cout << data.size() << " examples, "
                      << with_commas(parameter_count(classifier.network)) << " parameters; "
                      << options.config.epochs << " epochs, learning rate "
                      << options.config.learning_rate << ", seed " << options.config.seed << "\n";
            std::cout << "Untrained, it answers 'c' with '" << guess.letter << "' at "
                      << percent(guess.probabilities[mlp::letter_index(guess.letter)])
                      << ": a guess (1/26 is 3.85%)\n\n";
            std::cout << "Training\n";
        }
        const std::vector<double> losses = train_with_progress(classifier, options.quiet);
        if (loud) {
            draw_loss_curve(losses);
        }
    } else {
        classifier = mlp::load_classifier(options.load_path);
        if (loud) {
            std::cout << "Loaded " << options.load_path << ": "
                      << mlp::describe_layers(classifier.network) << ", "
                      << with_commas(mlp::parameter_count(classifier.network)) << " parameters\n\n";
        }
    }

    const mlp::Evaluation evaluation = mlp::evaluate(classifier);
    if (loud) {
        show_letter_table(evaluation);
    }
    std::cout << accuracy_line(evaluation) << "\n";

    const std::string letters = options.predict.empty() ? "amz" : options.predict;
    if (loud || !options.predict.empty()) {
        if (loud) {
            std::cout << "\nTop 3 answers\n";
        }
        for (char letter : letters) {
            show_top_3(classifier, letter);
        }
    }
    if (loud) {
        std::cout << "\n";
        show_model_size(classifier);
    }
    if (!options.save_path.empty()) {
        mlp::save_classifier(classifier, options.save_path);
        std::cout << "Saved the model to " << options.save_path << " ("
                  << with_commas(mlp::model_bytes(classifier.network).size()) << " bytes).\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const UsageError& error) {
        std::cerr << kProgram << ": " << error.message << "\n\n" << kUsage;
        return 2;
    }
    if (options.help) {
        std::cout << kUsage;
        return 0;
    }
    try {
        return run(options);
    } catch (const mlp::NotImplemented& missing) {
        std::cout.flush();
        std::cerr << "\nNext step: " << missing.what() << "\n";
        return 1;
    } catch (const std::exception& error) {
        std::cout.flush();
        std::cerr << kProgram << ": error: " << error.what() << "\n";
        return 1;
    }
}

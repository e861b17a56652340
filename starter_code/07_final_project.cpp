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
#include <iterator>
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
#include "tour.hpp"

namespace {

const char* const kProgram = "07_final_project";

// The usage, built from the constants it names, so that it can never
// disagree with them.
std::string usage() {
    std::ostringstream text;
    text << "Usage: 07_final_project [options]\n\n"
         << "Trains a letter classifier (26 -> " << mlp::kHiddenSize
         << " ReLU -> 26), shows what it learned,\n"
         << "and saves the trained model or loads a saved one.\n\n"
         << "Options:\n"
         << "  --epochs N          passes over the 26 letters, 1 to " << mlp::kMaxEpochs
         << " (default " << mlp::kEpochs << ")\n"
         << "  --learning-rate X   the SGD step size, a finite number above 0 (default "
         << mlp::kLearningRate << ")\n"
         << "  --hidden N          hidden units, 1 to " << mlp::kMaxLayerSize << " (default "
         << mlp::kHiddenSize << ")\n"
         << "  --seed N            the random seed, 0 or more (default " << mlp::kSeed << ")\n"
         << "  --save FILE         save the trained model to FILE\n"
         << "  --load FILE         use the model saved in FILE instead of training\n"
         << "  --predict LETTERS   show the top 3 answers for each of these letters\n"
         << "  --quiet             print only the accuracy and the answers asked for\n"
         << "  --help              print this message\n";
    return text.str();
}

// ---------------------------------------------------------------------------
// The command line: it only reads the values; the library decides which
// values are allowed (require_hidden_size, require_epochs,
// require_learning_rate), so that each rule is written once.
// ---------------------------------------------------------------------------

struct Options {
    std::size_t hidden_size = mlp::kHiddenSize;
    mlp::TrainingSettings training;
    std::uint64_t seed = mlp::kSeed;
    std::string save_path;
    std::string load_path;
    std::string predict;
    bool saving = false;
    bool loading = false;
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

// A number, all of the text used: "0.1", "1e-2". Whether it is a good
// learning rate is require_learning_rate's to say.
double parse_number(const std::string& flag, const std::string& text) {
    char* end = nullptr;
    const bool blank = text.empty() || std::isspace(static_cast<unsigned char>(text[0])) != 0;
    const double value = blank ? 0.0 : std::strtod(text.c_str(), &end);
    if (blank || end != text.c_str() + text.size()) {
        throw UsageError{flag + " needs a number, got '" + text + "'"};
    }
    return value;
}

std::string parse_letters(const std::string& text) {
    if (text.empty()) {
        throw UsageError{"--predict needs at least one letter"};
    }
    for (char c : text) {
        const bool letter = c != '\0' && (std::strchr(mlp::kLowerCase, c) != nullptr ||
                                          std::strchr(mlp::kUpperCase, c) != nullptr);
        if (!letter) {
            throw UsageError{"--predict takes letters only, got " + mlp::describe_character(c) +
                             " in '" + text + "'"};
        }
    }
    return text;
}

std::string parse_file_name(const std::string& flag, const std::string& text) {
    if (text.empty()) {
        throw UsageError{flag + " needs a file name, got an empty one"};
    }
    return text;
}

// One flag (one of kValueFlags) with its value.
void apply(Options& options, const std::string& flag, const std::string& value) {
    if (flag == "--epochs") {
        options.training.epochs = parse_count(flag, value);
    } else if (flag == "--learning-rate") {
        options.training.learning_rate = parse_number(flag, value);
    } else if (flag == "--hidden") {
        options.hidden_size = parse_count(flag, value);
    } else if (flag == "--seed") {
        options.seed = parse_count(flag, value);
    } else if (flag == "--save") {
        options.save_path = parse_file_name(flag, value);
        options.saving = true;
        return;
    } else if (flag == "--load") {
        options.load_path = parse_file_name(flag, value);
        options.loading = true;
        return;
    } else {
        options.predict = parse_letters(value);
        return;
    }
    options.training_flags.push_back(flag);
}

// The library's checks, turned into usage errors that name the flag.
void check_values(const Options& options) {
    try {
        mlp::require_hidden_size("--hidden", options.hidden_size);
        mlp::require_epochs("--epochs", options.training.epochs);
        mlp::require_learning_rate("--learning-rate", options.training.learning_rate);
    } catch (const std::invalid_argument& error) {
        throw UsageError{error.what()};
    }
    if (options.loading && !options.training_flags.empty()) {
        throw UsageError{options.training_flags.front() +
                         " has no use with --load: a saved model is already trained"};
    }
}

Options parse_options(int argc, char** argv) {
    static const char* const kValueFlags[] = {"--epochs", "--learning-rate", "--hidden", "--seed",
                                              "--save",   "--load",          "--predict"};
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--help" || flag == "--quiet") {
            (flag == "--help" ? options.help : options.quiet) = true;
            continue;
        }
        const bool takes_value = std::find(std::begin(kValueFlags), std::end(kValueFlags), flag) !=
                                 std::end(kValueFlags);
        if (!takes_value) {
            throw UsageError{"unknown option '" + flag + "'"};
        }
        if (i + 1 >= argc) {
            throw UsageError{flag + " needs a value"};
        }
        apply(options, flag, argv[++i]);
    }
    check_values(options);
    return options;
}

// ---------------------------------------------------------------------------
// Showing things.
// ---------------------------------------------------------------------------

// True when standard output is a terminal, where a progress line can be
// redrawn in place; false for a file or a pipe, which get plain lines. The
// one call in this program that is not standard C++.
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

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string percent(double probability) {
    return fixed(100.0 * probability, 2) + "%";
}

// Which column of the picture shows which epoch, and the picture's rows:
// the loss on a log scale, because it falls from about 3 to about 0.001 and
// a straight scale would show a cliff and then a flat line.
std::vector<std::string> loss_rows(const std::vector<double>& losses, double& top, double& bottom) {
    constexpr std::size_t kWidth = 60;
    constexpr std::size_t kHeight = 10;
    const std::size_t columns = std::min(kWidth, losses.size());
    std::vector<double> heights(columns);  // log10 of the loss shown in each column
    for (std::size_t col = 0; col < columns; ++col) {
        const std::size_t epoch = columns == 1 ? 0 : col * (losses.size() - 1) / (columns - 1);
        heights[col] = std::log10(std::max(losses[epoch], 1e-12));
    }
    top = *std::max_element(heights.begin(), heights.end());
    bottom = *std::min_element(heights.begin(), heights.end());
    const double span = top > bottom ? top - bottom : 1.0;
    std::vector<std::string> rows(kHeight, std::string(columns, ' '));
    for (std::size_t col = 0; col < columns; ++col) {
        const double from_top = (top - heights[col]) / span;  // 0 at the top, 1 at the bottom
        rows[static_cast<std::size_t>(std::lround(from_top * (kHeight - 1)))][col] = '*';
    }
    return rows;
}

void draw_loss_curve(const std::vector<double>& losses) {
    double top = 0.0;
    double bottom = 0.0;
    const std::vector<std::string> rows = loss_rows(losses, top, bottom);
    const std::string high = fixed(std::pow(10.0, top), 4);
    const std::string low = fixed(std::pow(10.0, bottom), 4);
    const std::size_t label = std::max(high.size(), low.size());
    std::cout << "Loss per epoch (log scale)\n";
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::string name = row == 0 ? high : row + 1 == rows.size() ? low : "";
        std::string line = rows[row];
        line.erase(line.find_last_not_of(' ') + 1);  // no spaces at the ends of lines
        std::cout << "  " << std::setw(static_cast<int>(label)) << name << " |" << line << "\n";
    }
    const std::size_t columns = rows.front().size();
    const std::string last = std::to_string(losses.size());
    const std::size_t gap = columns > last.size() ? columns - last.size() : 1;
    std::cout << "  " << std::string(label, ' ') << " +" << std::string(columns, '-') << "\n"
              << "  " << std::string(label, ' ') << "  1" << std::string(gap - 1, ' ') << last
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

// The 26 probabilities of one prediction in percent, a to m on one line and
// n to z on the next: what softmax made of the network's 26 logits.
void show_probabilities(const mlp::Vector& probabilities) {
    for (std::size_t first : {0, 13}) {
        std::cout << "    " << mlp::kLowerCase[first] << " to " << mlp::kLowerCase[first + 12]
                  << ", in %:";
        for (std::size_t i = first; i < first + 13; ++i) {
            std::cout << " " << std::setw(5) << fixed(100.0 * probabilities[i], 2);
        }
        std::cout << "\n";
    }
}

// ---------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------

void introduce(const mlp::LetterClassifier& classifier, const mlp::Vector& c, std::size_t examples,
               const Options& options) {
    mlp::LetterClassifier untrained = classifier;
    const mlp::Prediction guess = mlp::predict(untrained, 'c');
    std::cout << "A letter classifier: " << mlp::describe_layers(classifier.network)
              << ", softmax on top\n";
    std::cout << "Each letter goes in one-hot: 'c' is ";
    for (double x : c) {
        std::cout << x;
    }
    std::cout << "\n"
              << examples << " examples, " << with_commas(mlp::parameter_count(classifier.network))
              << " parameters; " << options.training.epochs << " epochs, learning rate "
              << options.training.learning_rate << ", seed " << options.seed << "\n";
    std::cout << "Untrained, it answers 'c' with '" << guess.letter << "' at "
              << percent(guess.probabilities[mlp::letter_index(guess.letter)])
              << ": a guess (1/26 is 3.85%)\n";
    show_probabilities(guess.probabilities);
    std::cout << "\nTraining\n";
}

// After training: how long it took, the loss curve, and the answer for 'c'
// now that the classifier has learned.
void report_training(mlp::LetterClassifier& classifier, const std::vector<double>& losses,
                     double ms) {
    std::cout << "Training took " << fixed(ms, 1) << " ms (progress included).\n\n";
    draw_loss_curve(losses);
    const mlp::Prediction answer = mlp::predict(classifier, 'c');
    std::cout << "Trained, it answers 'c' with '" << answer.letter << "' at "
              << percent(answer.probabilities[mlp::letter_index(answer.letter)]) << "\n";
    show_probabilities(answer.probabilities);
    std::cout << "\n";
}

// Trains, showing progress unless quiet: a line redrawn in place on a
// terminal, or plain lines at about every tenth of the run otherwise.
mlp::LetterClassifier train_new(const Options& options) {
    // Chapter 7's functions in the lesson's order: 7.1, 7.2, then 7.3.
    const mlp::Vector c = mlp::encode_letter('c');
    const mlp::Dataset data = mlp::letter_dataset();
    mlp::Rng rng{options.seed};
    mlp::LetterClassifier classifier = mlp::make_classifier(rng, options.hidden_size);
    if (!options.quiet) {
        introduce(classifier, c, data.size(), options);
    }
    const std::size_t epochs = options.training.epochs;
    const bool terminal = stdout_is_terminal();
    const std::size_t every = std::max<std::size_t>(1, epochs / (terminal ? 100 : 10));
    const auto progress = [&](std::size_t epoch, double loss) {
        if (options.quiet || (epoch != 1 && epoch % every != 0 && epoch != epochs)) {
            return;
        }
        std::cout << (terminal ? "\r" : "") << "  epoch " << std::setw(6) << epoch << "/" << epochs
                  << "   loss " << fixed(loss, 4) << "   accuracy " << std::setw(2)
                  << mlp::evaluate(classifier).correct << "/26" << (terminal ? "" : "\n");
    };
    const auto start = std::chrono::steady_clock::now();
    const std::vector<double> losses =
        mlp::train_classifier(classifier, options.training, rng, progress);
    const auto stop = std::chrono::steady_clock::now();
    if (!options.quiet) {
        std::cout << (terminal ? "\n" : "");
        report_training(classifier, losses,
                        std::chrono::duration<double, std::milli>(stop - start).count());
    }
    return classifier;
}

// What the classifier knows: the table, the accuracy, the top 3 answers for
// some letters and the model's size, or, quiet, only the accuracy and the
// answers asked for.
void show_results(mlp::LetterClassifier& classifier, const Options& options) {
    const mlp::Evaluation evaluation = mlp::evaluate(classifier);
    if (!options.quiet) {
        show_letter_table(evaluation);
    }
    std::cout << "Accuracy: " << evaluation.correct << "/26 ("
              << fixed(100.0 * evaluation.accuracy, 1) << "%)\n";
    if (!options.quiet) {
        std::cout << "\nTop 3 answers\n";
    }
    if (!options.quiet || !options.predict.empty()) {
        for (char letter : options.predict.empty() ? std::string("amz") : options.predict) {
            show_top_3(classifier, letter);
        }
    }
    if (!options.quiet) {
        std::cout << "\n";
        show_model_size(classifier);
    }
}

void run(const Options& options) {
    if (options.saving) {
        mlp::check_can_save(options.save_path);  // a bad --save fails now, not after training
    }
    mlp::LetterClassifier classifier =
        options.loading ? mlp::load_classifier(options.load_path) : train_new(options);
    if (options.loading && !options.quiet) {
        std::cout << "Loaded " << options.load_path << ": "
                  << mlp::describe_layers(classifier.network) << ", "
                  << with_commas(mlp::parameter_count(classifier.network)) << " parameters\n\n";
    }
    show_results(classifier, options);
    if (options.saving) {
        mlp::save_classifier(classifier, options.save_path);
        std::cout << "Saved the model to " << options.save_path << " ("
                  << with_commas(mlp::model_bytes(classifier.network).size()) << " bytes).\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const UsageError& error) {
        std::cerr << kProgram << ": " << error.message << "\n\n" << usage();
        return 2;
    }
    if (options.help) {
        std::cout << usage();
        return mlp::output_status(0, kProgram);
    }
    return mlp::run_tour(
        7,
        [&options] {
            try {
                run(options);
            } catch (const mlp::ModelFileError& error) {  // a file the user named
                std::cerr << kProgram << ": error: " << error.what() << "\n";
                return 1;
            } catch (const mlp::TrainingDiverged& error) {  // settings the user chose
                std::cerr << kProgram << ": error: " << error.what() << "\n";
                return 1;
            }
            return 0;
        },
        kProgram);
}

// The main() of every chapter suite, and what it does when a test goes wrong.
//
// GoogleTest's own printer shows a page per failing test. A learner needs one
// line: what was fed in, what was expected, what came back, where to read.
// This printer shows exactly the message each failure carries, and turns a
// stub's exception into its own one-line "not implemented yet" message.
//
// The three failures a learner meets most often get one line too, naming the
// function under test and its lesson section (every test says which, through
// TUTOR_TEST):
//   - an exception that escapes the test: its type and its message;
//   - a hang: a watchdog stops the test after its time budget;
//   - a crash (division by zero, a bad memory access, an abort from a bounds
//     check): the signal in words and its likely causes.
//
// Run a suite with --verbose (or MLP_VERBOSE=1) to get GoogleTest's printer.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <typeinfo>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#if defined(__GNUG__)
#include <cxxabi.h>
#endif

#include "tutor.hpp"

namespace {

// ---------------------------------------------------------------------------
// The environment, read without getenv (which MSVC deprecates).
// ---------------------------------------------------------------------------

std::string environment(const char* name) {
#ifdef _MSC_VER
    char* value = nullptr;
    std::size_t length = 0;
    if (_dupenv_s(&value, &length, name) != 0 || value == nullptr) {
        return "";
    }
    std::string text(value);
    std::free(value);
    return text;
#else
    const char* value = std::getenv(name);
    return value == nullptr ? "" : value;
#endif
}

// ---------------------------------------------------------------------------
// The test that is running, kept where a signal handler and the watchdog can
// read it: fixed-size buffers, written before the test starts.
// ---------------------------------------------------------------------------

struct Running {
    char who[512] = "a test";  // "mlp::shuffle (Shuffle.IsAPermutation)"
    char where[64] = "";       // " (lesson.md 3.4)"
    int seconds = 0;           // the time budget of the running test
};
Running running;

void write_out(const char* text) {
    const std::size_t length = std::strlen(text);
#ifdef _WIN32
    (void)_write(1, text, static_cast<unsigned>(length));
#else
    ssize_t unused = write(1, text, length);
    (void)unused;
#endif
}

// ---------------------------------------------------------------------------
// Crashes: the signal in words and its likely causes in this code.
// ---------------------------------------------------------------------------

const char* crash_words(int signal_number) {
    switch (signal_number) {
        case SIGFPE:
            return "a division by zero (SIGFPE). Likely: an unsigned counter that ran below zero "
                   "and wrapped around (for a std::size_t, i >= 0 is always true), or a % or / by "
                   "a size that is 0.";
        case SIGSEGV:
            return "a bad memory access (SIGSEGV). Likely: an index past the end of a vector (i <= "
                   "n where i < n was meant), an unsigned counter that wrapped below zero, or a "
                   "function that calls itself forever.";
        case SIGABRT:
            return "an abort (SIGABRT). In the debug build that is almost always the standard "
                   "library's bounds check: an index past the end of a std::vector, such as v[n] "
                   "or a loop to i <= n (the line above names the file and line).";
        case SIGILL:
            return "an illegal instruction (SIGILL). Likely: a function that returns a value "
                   "reached its end without a return statement.";
#ifdef SIGBUS
        case SIGBUS:
            return "a bad memory access (SIGBUS). Likely: an index far past the end of a vector, "
                   "or a reference to a value that no longer exists.";
#endif
        default:
            return "a signal that ends the program.";
    }
}

extern "C" void on_crash(int signal_number) {
    write_out("\nCRASHED while testing ");
    write_out(running.who);
    write_out(": ");
    write_out(crash_words(signal_number));
    write_out(running.where);
    write_out("\n");
    // Die of the same signal, so that ctest reports the crash as one.
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

void install_crash_handlers() {
    const int signals[] = {SIGFPE, SIGSEGV, SIGABRT, SIGILL
#ifdef SIGBUS
                           ,
                           SIGBUS
#endif
    };
#ifdef _WIN32
    for (int signal_number : signals) {
        std::signal(signal_number, on_crash);
    }
#else
    // Its own stack, so that a function calling itself forever, which has
    // used up the normal stack, can still be reported.
    static char alternate_stack[1 << 16];
    stack_t stack{};
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    sigaltstack(&stack, nullptr);
    struct sigaction action {};
    action.sa_handler = on_crash;
    action.sa_flags = SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int signal_number : signals) {
        sigaction(signal_number, &action, nullptr);
    }
#endif
}

// MSVC's GoogleTest turns a crash into a failure, "SEH exception with code
// 0xc0000094 thrown in the test body.": the same words for the same causes.
std::string seh_words(const std::string& message) {
    const std::string prefix = "SEH exception with code 0x";
    const auto at = message.find(prefix);
    if (at == std::string::npos) {
        return "";
    }
    const std::string code = message.substr(at + prefix.size(), 8);
    if (code == "c0000094" || code == "c000008e") {
        return crash_words(SIGFPE);
    }
    if (code == "c0000005" || code == "c00000fd" || code == "c000008c") {
        return crash_words(SIGSEGV);
    }
    if (code == "c000001d") {
        return crash_words(SIGILL);
    }
    return "a Windows structured exception 0x" + code + ".";
}

// ---------------------------------------------------------------------------
// Hangs: a watchdog thread stops a test that runs past its budget.
// ---------------------------------------------------------------------------

// A unit test's budget: MLP_TEST_SECONDS from the environment (ctest sets it
// from the CMake option of that name), or 10 seconds.
int budget_seconds(tutor::Budget budget) {
    int unit = 10;
    const std::string text = environment("MLP_TEST_SECONDS");
    if (!text.empty()) {
        const int value = std::atoi(text.c_str());
        unit = value > 0 ? value : unit;
    }
    return budget == tutor::Budget::training ? tutor::kTrainingBudgetFactor * unit : unit;
}

class Watchdog {
public:
    ~Watchdog() {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    void arm(int seconds) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
            armed_ = true;
            if (!thread_.joinable()) {
                thread_ = std::thread([this] { watch(); });
            }
        }
        wake_.notify_all();
    }

    void disarm() {
        const std::lock_guard<std::mutex> lock(mutex_);
        armed_ = false;
    }

private:
    void watch() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            if (!armed_) {
                wake_.wait(lock);
            } else if (wake_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ &&
                       std::chrono::steady_clock::now() >= deadline_) {
                std::fflush(stdout);
                std::cout.flush();
                const std::string line =
                    "\nTIMED OUT after " + std::to_string(running.seconds) + " s while testing " +
                    running.who +
                    ": it never finished. Likely a loop that never ends: a condition that stays "
                    "true (for a std::size_t, i >= 0 always is), a counter that moves the wrong "
                    "way (--i where ++i was meant), or a while loop whose variable never "
                    "changes." +
                    running.where + "\n";
                write_out(line.c_str());
                std::_Exit(tutor::kTimedOutExitCode);
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    std::chrono::steady_clock::time_point deadline_;
    bool armed_ = false;
    bool stopping_ = false;
};

Watchdog& watchdog() {
    static Watchdog the_watchdog;
    return the_watchdog;
}

// ---------------------------------------------------------------------------
// Exceptions: their type, in words a reader knows.
// ---------------------------------------------------------------------------

std::string type_name(const std::exception& error) {
    std::string name = typeid(error).name();
#if defined(__GNUG__)
    int status = 0;
    char* readable = abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
    if (status == 0 && readable != nullptr) {
        name = readable;
    }
    std::free(readable);
#endif
    for (const char* word : {"class ", "struct "}) {  // MSVC's spelling
        if (name.rfind(word, 0) == 0) {
            name.erase(0, std::strlen(word));
        }
    }
    return name;
}

std::string type_hint(const std::exception& error) {
    if (dynamic_cast<const std::out_of_range*>(&error) != nullptr) {
        return " Hint: an index past the end? Indices run from 0 to size - 1, rows from 0 to "
               "rows - 1 and columns from 0 to cols - 1.";
    }
    if (dynamic_cast<const std::invalid_argument*>(&error) != nullptr) {
        return " Hint: a shape check refused a call: are the arguments in the order and of the "
               "shapes its doc comment gives?";
    }
    if (dynamic_cast<const std::length_error*>(&error) != nullptr ||
        dynamic_cast<const std::bad_alloc*>(&error) != nullptr) {
        return " Hint: a size far too large was asked for: an unsigned number that wrapped "
               "below zero?";
    }
    return "";
}

// ---------------------------------------------------------------------------
// The printer: one line per failure.
// ---------------------------------------------------------------------------

// GoogleTest reports an escaped exception as
//   C++ exception with description "<what>" thrown in the test body.
// and, for EXPECT_THROW, as "... it throws <type> with description "<what>"."
// A stub's what() starts with "not implemented yet:"; show only that.
std::string tutor_line(const std::string& message) {
    // ADD_FAILURE() puts "Failed" on a line of its own before the message.
    const std::string failed = "Failed\n";
    if (message.rfind(failed, 0) == 0) {
        return tutor_line(message.substr(failed.size()));
    }
    const std::string stub = "not implemented yet:";
    const auto at = message.find(stub);
    if (at != std::string::npos) {
        const auto end = message.find_first_of("\"\n", at);
        return message.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    const std::string seh = seh_words(message);
    if (!seh.empty()) {
        return std::string("CRASHED while testing ") + running.who + ": " + seh + running.where;
    }
    const std::string prefix = "C++ exception with description \"";
    if (message.rfind(prefix, 0) == 0) {
        const auto end = message.rfind("\" thrown in");
        return "unexpected exception: " + message.substr(prefix.size(), end - prefix.size());
    }
    return message;
}

class TutorPrinter : public testing::EmptyTestEventListener {
public:
    void OnTestStart(const testing::TestInfo&) override {
        seen_.clear();
    }

    void OnTestPartResult(const testing::TestPartResult& result) override {
        if (!result.failed()) {
            return;
        }
        std::string line = tutor_line(result.message());
        while (!line.empty() && line.back() == '\n') {
            line.pop_back();
        }
        // A stub fails every assertion of a test the same way: say it once.
        // Flushed at once: a later failure may crash the test, and this line
        // must not be lost with it.
        if (seen_.insert(line).second) {
            std::cout << line << std::endl;
        }
    }

    void OnTestEnd(const testing::TestInfo& info) override {
        ++run_;
        if (info.result()->Failed()) {
            ++failed_;
            if (!single_test_) {
                std::cout << "  ^ FAILED " << info.test_suite_name() << '.' << info.name() << "\n";
            }
        }
    }

    void OnTestProgramStart(const testing::UnitTest& unit) override {
        single_test_ = unit.test_to_run_count() == 1;
    }

    void OnTestProgramEnd(const testing::UnitTest&) override {
        if (!single_test_) {
            std::cout << run_ - failed_ << " passed, " << failed_ << " failed\n";
        }
    }

private:
    std::set<std::string> seen_;
    int run_ = 0;
    int failed_ = 0;
    bool single_test_ = false;
};

bool verbose_requested(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--verbose") == 0) {
            return true;
        }
    }
    const std::string value = environment("MLP_VERBOSE");
    return !value.empty() && value != "0";
}

}  // namespace

namespace tutor {

std::string escaped_exception(const Topic& topic, const std::exception& error) {
    const std::string message = error.what();
    if (message.rfind("not implemented yet:", 0) == 0) {
        return message;  // a stub: its own line says which function to write
    }
    return std::string("while testing ") + topic.function + ", " + type_name(error) +
           " was thrown: \"" + message + "\"" + where(topic.section) + type_hint(error);
}

std::string exception_type(const std::exception& error) {
    return type_name(error);
}

void run(const Topic& topic, const std::function<void()>& checks) {
    const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
    const std::string test =
        info == nullptr ? "" : std::string(info->test_suite_name()) + "." + info->name();
    std::snprintf(running.who, sizeof running.who, "%s (%s)", topic.function, test.c_str());
    std::snprintf(running.where, sizeof running.where, " (lesson.md %s)", topic.section);
    running.seconds = budget_seconds(topic.budget);
    watchdog().arm(running.seconds);
    try {
        checks();
    } catch (const std::exception& error) {
        ADD_FAILURE() << escaped_exception(topic, error);
    } catch (...) {
        ADD_FAILURE() << "while testing " << topic.function
                      << ", something that is not a std::exception was thrown"
                      << where(topic.section);
    }
    watchdog().disarm();
}

}  // namespace tutor

int main(int argc, char** argv) {
    const bool verbose = verbose_requested(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    install_crash_handlers();
    if (!verbose) {
        testing::TestEventListeners& listeners = testing::UnitTest::GetInstance()->listeners();
        delete listeners.Release(listeners.default_result_printer());
        listeners.Append(new TutorPrinter);
    }
    return RUN_ALL_TESTS();
}

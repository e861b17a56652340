// The main() of every chapter suite.
//
// GoogleTest's own printer shows a page per failing test. A learner needs one
// line: what was fed in, what was expected, what came back, where to read.
// This printer shows exactly the message each failure carries, and turns a
// stub's exception into its own one-line "not implemented yet" message.
//
// Run a suite with --verbose (or MLP_VERBOSE=1) to get GoogleTest's printer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <string>

namespace {

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
        // Flushed at once: a later failure may abort the test (a bounds check
        // in the debug build), and this line must not be lost with it.
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
    const char* env = std::getenv("MLP_VERBOSE");
    return env != nullptr && std::strcmp(env, "0") != 0 && *env != '\0';
}

}  // namespace

int main(int argc, char** argv) {
    const bool verbose = verbose_requested(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    if (!verbose) {
        testing::TestEventListeners& listeners = testing::UnitTest::GetInstance()->listeners();
        delete listeners.Release(listeners.default_result_printer());
        listeners.Append(new TutorPrinter);
    }
    return RUN_ALL_TESTS();
}

// How every chapter program runs its guided tour. Given to you: nothing here
// is an exercise.
//
// A tour calls the functions you write. When one of them is still a stub, the
// program says which to write next; when one of them has a bug that throws,
// divides by zero or reads past the end of a vector, the program says so in
// one line, names the command that finds the function, and exits with status
// 1. Everything it printed before stays on the screen (or in the file it was
// redirected to): standard output is flushed after every write.
#pragma once

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "01_math_foundations.hpp"

namespace mlp {

namespace tour_detail {

// Written before the tour starts, read by the signal handler, which may call
// only the simplest functions.
inline char& chapter_digit() {
    static char digit = '0';
    return digit;
}

inline const char* signal_words(int signal_number) {
    switch (signal_number) {
        case SIGFPE:
            return "a division by zero (SIGFPE): an unsigned counter that ran below zero, or a % "
                   "or / by a size that is 0?";
        case SIGSEGV:
            return "a bad memory access (SIGSEGV): an index past the end of a vector?";
        case SIGABRT:
            return "an abort (SIGABRT), in the debug build almost always the standard library's "
                   "bounds check: an index past the end of a vector (the line above names it)?";
        case SIGILL:
            return "an illegal instruction (SIGILL): a function that returns a value but reached "
                   "its end without a return statement?";
        default:
            return "a signal that ends the program.";
    }
}

extern "C" inline void on_signal(int signal_number) {
    std::fputs("\nThe program stopped: ", stderr);
    std::fputs(signal_words(signal_number), stderr);
    std::fputs(" Run this chapter's tests to find the function: cmake --workflow --preset ch0",
               stderr);
    std::fputc(chapter_digit(), stderr);
    std::fputs("\n", stderr);
    std::_Exit(1);
}

/// The type of a standard exception, in words.
inline std::string exception_kind(const std::exception& error) {
    if (dynamic_cast<const std::invalid_argument*>(&error) != nullptr) {
        return "std::invalid_argument";
    }
    if (dynamic_cast<const std::out_of_range*>(&error) != nullptr) {
        return "std::out_of_range";
    }
    if (dynamic_cast<const std::length_error*>(&error) != nullptr) {
        return "std::length_error";
    }
    if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr) {
        return "std::bad_alloc";
    }
    if (dynamic_cast<const std::logic_error*>(&error) != nullptr) {
        return "std::logic_error";
    }
    if (dynamic_cast<const std::runtime_error*>(&error) != nullptr) {
        return "std::runtime_error";
    }
    return "an exception";
}

}  // namespace tour_detail

/// `status`, unless standard output could not take everything the program
/// wrote to it (a full disk, a closed pipe): then one line on stderr and 1.
inline int output_status(int status, const std::string& program) {
    std::cout.flush();
    if (!std::cout) {
        std::cerr << program
                  << ": cannot write the output (is the disk full, or standard "
                     "output closed?)\n";
        return 1;
    }
    return status;
}

/// Runs the tour of chapter `chapter` (1 to 9) and returns the program's exit
/// status: the tour's own (0 when it returns nothing) when it ran to the
/// end; 1, after one line on stderr, when a stub or a bug stopped it or its
/// output could not be written (that line names the program: `name`, or
/// "chapter N's program").
template <class Tour>
int run_tour(int chapter, Tour&& tour, const std::string& name = "") {
    const std::string command = "cmake --workflow --preset ch0" + std::to_string(chapter);
    tour_detail::chapter_digit() = static_cast<char>('0' + chapter % 10);
    for (int signal_number : {SIGFPE, SIGSEGV, SIGABRT, SIGILL}) {
        std::signal(signal_number, tour_detail::on_signal);
    }
    std::cout << std::unitbuf;  // keep every line printed, whatever happens next
    const std::string program =
        name.empty() ? "chapter " + std::to_string(chapter) + "'s program" : name;
    try {
        if constexpr (std::is_same_v<decltype(tour()), int>) {
            return output_status(tour(), program);
        } else {
            tour();
            return output_status(0, program);
        }
    } catch (const NotImplemented& missing) {
        std::cerr << "\nNext step: " << missing.what() << "\n";
    } catch (const std::exception& error) {
        std::cerr << "\nThe program stopped: " << tour_detail::exception_kind(error) << ": \""
                  << error.what()
                  << "\". Look at the function it names, or at the one that called it; this "
                     "chapter's tests find it: "
                  << command << " (lesson.md chapter " << chapter << ")\n";
    }
    return 1;
}

}  // namespace mlp

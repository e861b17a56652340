# mlp_test_main: the main() every chapter suite links, compiled once. It
# replaces GoogleTest's page of output with one tutor-like line per failure,
# and stops a test that hangs or reports one that crashes (tutor_main.cpp).
if(NOT MLP_BUILD_TESTS)
    return()
endif()

# How long one unit test may run before its watchdog stops it, in seconds; a
# test that trains a network gets 6 times as long (tutor.hpp). ctest hands it
# to every test in its environment. ctest's own
# timeout, a little longer than the longest, is the backstop. The sanitizer
# preset raises it: its builds run several times slower.
set(MLP_TEST_SECONDS 10 CACHE STRING "Seconds one unit test may run (a training test: 6 times as long)")
if(NOT MLP_TEST_SECONDS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "MLP_TEST_SECONDS must be a whole number of seconds above 0, got '${MLP_TEST_SECONDS}'")
endif()
math(EXPR MLP_CTEST_TIMEOUT "${MLP_TEST_SECONDS} * 6 + 30")

option(MLP_PRECOMPILE_HEADERS "Compile GoogleTest's header once for every suite (faster rebuilds)" ON)

add_library(mlp_test_main STATIC "${PROJECT_SOURCE_DIR}/tests/support/tutor_main.cpp")
target_include_directories(mlp_test_main PUBLIC "${PROJECT_SOURCE_DIR}/tests/support")
target_link_libraries(mlp_test_main PUBLIC GTest::gtest)
mlp_target_defaults(mlp_test_main)
if(MLP_PRECOMPILE_HEADERS)
    # Every suite reuses this one: GoogleTest's header is most of a suite's
    # compile time, and it never changes while a learner works.
    target_precompile_headers(mlp_test_main PRIVATE <gtest/gtest.h>)
endif()

option(MLP_UNITY_SUITES "Compile a suite of three or more test files as two units (faster rebuilds)" ON)

# mlp_suite_compile_settings(<target>): how a suite's test files compile.
# Every test file pays the same fixed cost, about half a second here, to
# load GoogleTest and to emit the inline functions it shares with the other
# files (the chapter's own among them). A suite of three or more files
# compiles as two units, each file of a unit included into it: the cost is
# paid twice, and two units still build side by side with the program on a
# 2-core machine. Measured on chapter 7's four files: 10.0 s of compiling
# one by one, 7.0 s as two units; its edit -> result went from 9.0 to 7.9-8.8 s
# and chapter 1's from 5.8 to 4.6-4.9 s (tests/tools/time_loop.py). Compiler
# messages still name each test file and line.
function(mlp_suite_compile_settings target)
    if(MLP_PRECOMPILE_HEADERS)
        target_precompile_headers(${target} REUSE_FROM mlp_test_main)
    endif()
    get_target_property(sources ${target} SOURCES)
    list(LENGTH sources count)
    if(MLP_UNITY_SUITES AND count GREATER_EQUAL 3)
        math(EXPR half "(${count} + 1) / 2")
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${half})
    endif()
endfunction()

# mlp_test_properties(<target> <labels...>): labels and timeout for every test
# gtest_discover_tests finds in <target>. They are set by a file ctest reads
# after the discovered list, because gtest_discover_tests' own PROPERTIES
# option flattens a list of labels (CMake 3.22 to 3.25): "LABELS starter;ch01"
# would become the label "starter" and a stray "ch01".
function(mlp_test_properties target)
    set(file "${CMAKE_CURRENT_BINARY_DIR}/${target}_properties.cmake")
    file(WRITE "${file}"
         "if(${target}_TESTS)\n"
         "    set_tests_properties(\${${target}_TESTS} PROPERTIES\n"
         "        LABELS \"${ARGN}\" TIMEOUT ${MLP_CTEST_TIMEOUT}\n"
         "        ENVIRONMENT MLP_TEST_SECONDS=${MLP_TEST_SECONDS})\n"
         "endif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${file}")
endfunction()

# Grading (cmake/grade.cmake turns it on): every starter-side test runs through
# grade_runner, which stops a test that prints more than MLP_GRADING_OUTPUT_CAP
# bytes. POSIX only; on Windows the tests run directly and the cap is ctest's
# own, which keeps only the first bytes of each output.
option(MLP_GRADING "Build for grading: cap each test's output (Linux, macOS)" OFF)
set(MLP_GRADING_OUTPUT_CAP 65536 CACHE STRING "Bytes of output one graded test may print")
if(MLP_GRADING AND NOT WIN32)
    add_executable(grade_runner "${PROJECT_SOURCE_DIR}/tests/support/grade_runner.cpp")
    set_target_properties(grade_runner PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tools$<0:>")
    mlp_target_defaults(grade_runner)
endif()

# mlp_grade_through_runner(<target>): run <target>'s tests through grade_runner.
function(mlp_grade_through_runner target)
    if(MLP_GRADING AND NOT WIN32)
        add_dependencies(${target} grade_runner)
        set_target_properties(${target} PROPERTIES CROSSCOMPILING_EMULATOR
            "${CMAKE_BINARY_DIR}/tools/grade_runner;${MLP_GRADING_OUTPUT_CAP}")
    endif()
endfunction()

# mlp_test_main: the main() every chapter suite links, compiled once. It
# replaces GoogleTest's page of output with one tutor-like line per failure.
if(NOT MLP_BUILD_TESTS)
    return()
endif()

add_library(mlp_test_main STATIC "${PROJECT_SOURCE_DIR}/tests/support/tutor_main.cpp")
target_include_directories(mlp_test_main PUBLIC "${PROJECT_SOURCE_DIR}/tests/support")
target_link_libraries(mlp_test_main PUBLIC GTest::gtest)
mlp_target_defaults(mlp_test_main)

# How long one test may run before ctest stops it (a learner's infinite loop
# must not hang the suite). Sanitizer builds are slower.
set(MLP_TEST_TIMEOUT 120 CACHE STRING "Seconds one test may run")

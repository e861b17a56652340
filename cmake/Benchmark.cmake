# benchmark_training: how long the default letter classifier (chapter 7)
# takes to train its 500 epochs, the median of several runs. It times the
# solution, so it exists only when the solution folder does; it links nothing
# but the standard library. Build and run it in Release:
#
#   cmake --preset release
#   cmake --build --preset release --target benchmark_training
#   build/release/tests/benchmark_training
if(NOT EXISTS "${MLP_SOLUTION_DIR}/07_final_project.hpp")
    return()
endif()

add_executable(benchmark_training "${PROJECT_SOURCE_DIR}/tests/benchmark_training.cpp")
set_target_properties(benchmark_training PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests$<0:>")
target_include_directories(benchmark_training PRIVATE "${MLP_SOLUTION_DIR}")
mlp_target_defaults(benchmark_training)
